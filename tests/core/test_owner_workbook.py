"""The owners' round-trip workbook: written with XlsxWriter, read back here with openpyxl, edited as an
owner would, and imported (reviewed first, idempotent, every bad row named)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import (
    NewRecommendation,
    Position,
    Progress,
    UpdateSource,
    WorkbookOutcome,
)

TODAY = dt.date.today()
RAGS = "Red, Amber, Green, Complete"
NOT_REAL = "is not a real date (check the day and month)."
NO_MATCH = "it no longer matches what was exported"


@pytest.fixture
def desk(services, demo):
    """The demo report answered: ours and open are 1, 3, 5 (Network Strategy), 4 (taken on by the
    Schools Team) and 6, 7 (nobody's yet); 9 is taken on and complete; the rest are other bodies'."""
    services.letters.issue(demo.letter.id, render=lambda _d: b"%PDF-1.4 test")
    recs = {r.label: r for r in demo.report.recommendations}
    services.reports.update_recommendation(recs["4"].id, owner="Schools Team", position=Position.ACCEPTED)
    services.reports.update_recommendation(recs["6"].id, position=Position.ACCEPTED)
    services.reports.update_recommendation(recs["9"].id, position=Position.ACCEPTED)
    services.updates.record(recs["9"].id, progress=Progress.COMPLETE, text="Done")
    target = dt.date(2027, 3, 31)
    services.updates.record(
        recs["1"].id, progress=Progress.AMBER, text="Survey under way", target_date=target
    )
    return {label: services.reports.get_recommendation(rec.id) for label, rec in recs.items()}


def _sheet_rows(ws):
    header = [c.value for c in ws[2]]
    return header, {f"{row[0]}/{row[1]}": row for row in ws.iter_rows(min_row=3, values_only=True)}


def fill(path, out, answers, edit=None):
    """Type answers into an exported workbook as an owner would: {"TEC-2026-04/1": {"New RAG": …}}."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        header = [c.value for c in ws[2]]
        for row in ws.iter_rows(min_row=3):
            ref = f"{row[0].value}/{row[1].value}"
            for heading, value in answers.get(ref, {}).items():
                row[header.index(heading)].value = value
    if edit is not None:
        edit(wb)
    wb.save(out)
    return out


def test_the_workbook_has_a_protected_sheet_per_owner_with_drop_downs_and_hidden_ids(
    services, desk, tmp_path
):
    path = tmp_path / "owners.xlsx"
    done = services.updates.export_workbook(path)
    assert done.owners == ("Network Strategy", "Schools Team", "No owner") and done.rows == 6

    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Network Strategy", "Schools Team", "No owner", "Desk export"]
    assert [ws.sheet_state for ws in wb.worksheets] == ["visible", "visible", "visible", "hidden"]
    ws = wb["Network Strategy"]
    assert ws["A1"].value == "Progress updates: Network Strategy"
    header, rows = _sheet_rows(ws)
    assert header == [
        "Report", "Rec.", "Recommendation", "Position", "RAG now", "Target date", "Last update",
        "Last update date", "New RAG", "New update", "New target date", "Reason for new date", "Desk id",
        "Desk check",
    ]  # fmt: skip
    assert set(rows) == {"TEC-2026-04/1", "TEC-2026-04/3", "TEC-2026-04/5"}  # open, ours, this owner's
    first = rows["TEC-2026-04/1"]
    assert first[3:8] == (
        "Accepted",
        "Amber",
        dt.datetime(2027, 3, 31),
        "Survey under way",
        dt.datetime.combine(TODAY, dt.time()),
    )
    assert first[8:12] == (None, None, None, None)
    assert first[12] == desk["1"].id and first[13].count("/") == 1
    # only the answer cells can be typed in; the id columns are hidden
    # (OOXML names what protection forbids: sorting is, filtering and widening columns are not)
    assert ws.protection.sheet and ws.protection.sort and not ws.protection.autoFilter
    assert not ws.protection.formatColumns and ws.protection.password is None
    locked = {c.column_letter: c.protection.locked for c in ws[3]}
    assert [k for k, v in locked.items() if not v] == ["I", "J", "K", "L"]
    assert ws.column_dimensions["M"].hidden and ws.column_dimensions["N"].hidden
    assert ws["F3"].number_format.lower() == ws["K3"].number_format.lower() == "dd/mm/yyyy"
    assert ws.freeze_panes == "A3"
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    rag, target = validations["I3:I5"], validations["K3:K5"]
    assert rag.type == "list" and rag.formula1 == '"Red,Amber,Green,Complete"' and rag.showErrorMessage
    assert (
        target.type == "date" and target.operator in (None, "between") and target.showErrorMessage
    )  # default
    assert (target.formula1, target.formula2) == ("36526", "73415")  # 1 January 2000 to 31 December 2100
    # the hidden sheet lists every row sent out (so a deleted row shows) and the export id
    meta = wb["Desk export"]
    assert meta["B2"].value == done.export_id
    assert sorted(row[3] for row in meta.iter_rows(min_row=6, values_only=True)) == [
        f"TEC-2026-04/{n}" for n in ("1", "3", "4", "5", "6", "7")
    ]
    assert services.audit.list(entity="workbook")[0].changes["export_id"] == done.export_id


def test_one_owner_only_and_clear_refusals(services, desk, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    done = services.updates.export_workbook(tmp_path / "one.xlsx", owner="  network STRATEGY ")
    assert done.owners == ("Network Strategy",) and done.rows == 3
    assert openpyxl.load_workbook(tmp_path / "one.xlsx").sheetnames == ["Network Strategy", "Desk export"]
    with pytest.raises(
        DeskError, match=r"Nobody called “Legal” owns an open recommendation \(owners: Network"
    ):
        services.updates.export_workbook(tmp_path / "none.xlsx", owner="Legal")
    with pytest.raises(DeskError, match=r"as \.xlsx"):
        services.updates.export_workbook(tmp_path / "owners.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.xlsx"]  # a refused file is never written


def test_text_is_written_as_text_whatever_it_starts_with(services, demo, tmp_path):
    services.reports.add_recommendation(
        demo.report.id, NewRecommendation(label="10", text='=HYPERLINK("http://x") & more', owner="Legal")
    )
    services.updates.export_workbook(tmp_path / "legal.xlsx", owner="Legal")
    cell = openpyxl.load_workbook(tmp_path / "legal.xlsx")["Legal"]["C3"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x") & more'


def test_import_is_reviewed_first_then_saved_once(services, desk, tmp_path):
    sent = tmp_path / "owners.xlsx"
    services.updates.export_workbook(sent)
    late = "The boroughs' data came late"
    answers = {
        "TEC-2026-04/1": {"New RAG": "Green", "New update": "Map drafted"},
        "TEC-2026-04/3": {"New RAG": "red", "New update": "Retrofit stalled"},
        "TEC-2026-04/4": {"New RAG": "Complete", "New update": "Guidance issued"},
    }
    answers["TEC-2026-04/1"] |= {"New target date": dt.datetime(2027, 6, 30), "Reason for new date": late}
    answers["TEC-2026-04/4"]["New target date"] = "30 June 2027"
    back = fill(sent, tmp_path / "back.xlsx", answers)

    review = services.updates.import_workbook(back, dry_run=True)
    assert not review.applied and review.problems == ()
    changes = {row.reference: row for row in review.changes}
    assert set(changes) == {"TEC-2026-04/1", "TEC-2026-04/3", "TEC-2026-04/4"}
    one = changes["TEC-2026-04/1"]
    assert (one.progress, one.current_progress) == (Progress.GREEN, Progress.AMBER)
    assert (one.target_date, one.current_target) == (dt.date(2027, 6, 30), dt.date(2027, 3, 31))
    assert one.target_changed and one.reason == "The boroughs' data came late"
    assert changes["TEC-2026-04/4"].target_date == dt.date(2027, 6, 30)  # typed as words; none before
    assert {r.outcome for r in review.rows} == {WorkbookOutcome.NEW, WorkbookOutcome.BLANK}
    assert len(services.updates.history(desk["1"].id)) == 1  # the dry run saved nothing

    saved = services.updates.import_workbook(back)
    assert saved.applied and saved.added == 3
    history = services.updates.history(desk["1"].id)
    assert [u.progress for u in history] == [Progress.AMBER, Progress.GREEN]
    latest = history[-1]
    assert latest.source is UpdateSource.WORKBOOK and latest.source_sha256 == saved.sha256
    assert latest.revision_note == "revised from 31 March 2027 because The boroughs' data came late"
    assert latest.owner == "Network Strategy" and latest.update_date == TODAY
    rec4 = services.reports.get_recommendation(desk["4"].id)
    assert rec4.progress is Progress.COMPLETE and services.updates.history(rec4.id)[-1].completed_on == TODAY
    assert services.audit.list(entity="workbook")[0].changes["added"] == 3

    # the same workbook again, and a copy saved again by a spreadsheet, add nothing
    again = services.updates.import_workbook(back)
    assert not again.applied and again.added == 0 and again.problems == ()
    assert {r.reference for r in again.rows if r.outcome is WorkbookOutcome.ALREADY} == set(changes)
    resaved = fill(back, tmp_path / "resaved.xlsx", {})
    assert resaved.read_bytes() != back.read_bytes()
    assert services.updates.import_workbook(resaved).added == 0
    assert len(services.updates.history(desk["1"].id)) == 2


def test_every_bad_row_gets_its_own_message_and_nothing_is_saved(services, desk, tmp_path):
    sent = tmp_path / "owners.xlsx"
    services.updates.export_workbook(sent)

    def damage(wb):
        ws = wb["Network Strategy"]
        row5 = next(r for r in ws.iter_rows(min_row=3) if r[1].value == "5")
        row5[12].value = desk["3"].id  # TEC-2026-04/5's id changed to another exported one
        schools = wb["Schools Team"]
        schools.delete_rows(3)  # TEC-2026-04/4's row deleted
        nobody = wb["No owner"]
        copied = [c.value for c in nobody[3]]
        nobody.append([*copied[:8], "Green", "Copied row", None, None, *copied[12:]])  # the same id twice
        nobody.append(["X", "99", "Added by hand", None, None, None, None, None, "Red", "New one"])

    back = fill(sent, tmp_path / "back.xlsx", {
        "TEC-2026-04/1": {"New RAG": "Purple", "New update": "Hmm"},
        "TEC-2026-04/3": {"New RAG": "Amber", "New target date": "31/02/2027"},
        "TEC-2026-04/6": {"New update": "No RAG given"},
        "TEC-2026-04/7": {"New RAG": "Green"},
    }, edit=damage)  # fmt: skip
    before = services.updates.history(desk["1"].id)

    review = services.updates.import_workbook(back)
    assert not review.applied and review.added == 0
    messages = {(row.sheet, row.row, row.reference): row.message for row in review.problems}
    assert messages == {
        ("Network Strategy", 3, "TEC-2026-04/1"): f"the New RAG “Purple” is not in the list ({RAGS})",
        ("Network Strategy", 4, "TEC-2026-04/3"): f"the New target date: “31/02/2027” {NOT_REAL}",
        ("Network Strategy", 5, "TEC-2026-04/5"): f"its hidden Desk id was changed ({NO_MATCH})",
        ("No owner", 3, "TEC-2026-04/6"): "choose a New RAG from the list (Red, Amber, Green or Complete)",
        ("No owner", 5, "TEC-2026-04/6"): "TEC-2026-04/6 appears twice (also No owner row 3)",
        ("No owner", 6, "X/99"): "it has no Desk id (a row added, or its hidden id cleared)",
        ("Schools Team", 0, "TEC-2026-04/4"): "its row was deleted from the workbook",
        ("Network Strategy", 0, "TEC-2026-04/5"): "its row was deleted from the workbook",
    }  # fmt: skip
    assert services.updates.history(desk["1"].id) == before
    assert services.updates.history(desk["7"].id) == ()  # a good row waits for the bad ones to be put right


def test_a_recommendation_changed_since_export_is_refused_for_its_row(services, desk, tmp_path):
    added = services.reports.add_recommendation(
        desk["1"].report_id, NewRecommendation(label="10", text="A late one.", position=Position.ACCEPTED)
    )
    sent = tmp_path / "owners.xlsx"
    services.updates.export_workbook(sent)
    services.updates.record(desk["3"].id, progress=Progress.RED, text="Typed in meanwhile")
    services.reports.update_recommendation(desk["5"].id, text="Reworded after export.")
    services.reports.update_recommendation(desk["6"].id, position=Position.NOTED)  # changed, but unanswered
    services.reports.delete_recommendation(added.id)
    back = fill(sent, tmp_path / "back.xlsx", {
        "TEC-2026-04/1": {"New RAG": "Green", "New target date": dt.datetime(2027, 9, 30)},
        "TEC-2026-04/3": {"New RAG": "Amber", "New update": "From the owner"},
        "TEC-2026-04/5": {"New RAG": "Amber"},
        "TEC-2026-04/10": {"New RAG": "Amber"},
    })  # fmt: skip
    review = services.updates.import_workbook(back, dry_run=True)
    problems = {row.reference: row.message for row in review.problems}
    changed = (
        "changed in the desk since this workbook was exported: export a new workbook, or type this update in"
    )
    assert problems == {
        "TEC-2026-04/1": "give a Reason for new date: the target date moves from 31 March 2027",
        "TEC-2026-04/3": changed,
        "TEC-2026-04/5": changed,
        "TEC-2026-04/10": "this recommendation is no longer in the desk",
    }
    outcome = {row.reference: row.outcome for row in review.rows}
    assert outcome["TEC-2026-04/6"] is WorkbookOutcome.BLANK


def test_files_that_are_not_owners_workbooks_are_refused(services, desk, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(DeskError, match=r"not an \.xlsx workbook"):
        services.updates.import_workbook(junk)
    tracker = tmp_path / "tracker.xlsx"
    services.exports.tracker(tracker)
    with pytest.raises(DeskError, match="not an owners' workbook exported by Correspondence Desk"):
        services.updates.import_workbook(tracker)
    with pytest.raises(DeskError, match="Cannot read"):
        services.updates.import_workbook(tmp_path / "missing.xlsx")


def test_a_date_typed_as_a_number_or_words_is_read(services, desk, tmp_path):
    sent = tmp_path / "owners.xlsx"
    services.updates.export_workbook(sent)
    back = fill(sent, tmp_path / "back.xlsx", {
        "TEC-2026-04/3": {"New RAG": " GREEN ", "New target date": 46568},  # a date serial: 30 June 2027
        "TEC-2026-04/5": {"New RAG": "Amber", "New target date": "31 Dec 2027"},
    })  # fmt: skip
    changes = {row.reference: row for row in services.updates.import_workbook(back, dry_run=True).changes}
    assert changes["TEC-2026-04/3"].target_date == dt.date(2027, 6, 30)
    assert changes["TEC-2026-04/3"].progress is Progress.GREEN
    assert changes["TEC-2026-04/5"].target_date == dt.date(2027, 12, 31)


def test_the_owners_a_workbook_can_be_exported_for(services, demo, desk, tmp_path):
    services.reports.add_recommendation(
        demo.report.id, NewRecommendation(label="11", text="Another one.", owner="  network   STRATEGY")
    )
    # one spelling per owner whatever its case, named owners in order, nobody ("") last
    owners = services.updates.owners()
    assert len(owners) == 3 and owners[-1] == ""
    assert [o.casefold() for o in owners[:-1]] == ["network strategy", "schools team"]
    for owner in owners:  # each can be exported on its own
        assert services.updates.export_workbook(tmp_path / "one.xlsx", owner).rows > 0

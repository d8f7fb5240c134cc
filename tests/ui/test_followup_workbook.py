"""Issue 17, items 2 and 4 in the window: Tools › Export owners' workbook… (owner chosen, written on a
worker), Import owners' workbook… (read and checked on a worker, reviewed, saved only on Import,
a refused file changes nothing) and Progress update settings… (the office setting)."""

from __future__ import annotations

import datetime as dt
import threading

import openpyxl
import pytest

from correspondence_desk.core.records import Position, Progress, WorkbookOutcome
from correspondence_desk.ui.shell import follow_up
from correspondence_desk.ui.shell.follow_up_dialogs import (
    ExportOwnerDialog,
    UpdateSettingsDialog,
    WorkbookReviewDialog,
    review_summary,
)


@pytest.fixture
def desk(services, demo):
    """The demo report answered; 1, 3, 5 are Network Strategy's, 4 the Schools Team's, 6 nobody's."""
    services.letters.issue(demo.letter.id, render=lambda _d: b"%PDF-1.4 test")
    recs = {r.label: r for r in demo.report.recommendations}
    services.reports.update_recommendation(recs["4"].id, owner="Schools Team", position=Position.ACCEPTED)
    services.reports.update_recommendation(recs["6"].id, position=Position.ACCEPTED)
    return recs


@pytest.fixture
def tools(window):
    return window.tools.follow_up


def answer(path, out, answers):
    """Type into the answer cells as an owner would: {"TEC-2026-04/1": {"New RAG": "Green", …}}."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        header = [c.value for c in ws[2]]
        for row in ws.iter_rows(min_row=3):
            for heading, value in answers.get(f"{row[0].value}/{row[1].value}", {}).items():
                row[header.index(heading)].value = value
    wb.save(out)
    return out


def export(tools, monkeypatch, path, owner):
    monkeypatch.setattr(follow_up, "ask_owner", lambda _w, owners: (True, owner))
    monkeypatch.setattr(follow_up, "ask_save_path", lambda _w, suggested: str(path))
    op = tools.export_workbook()
    assert op is not None and op.wait(20_000)  # the owners, read on a worker
    assert tools.last_op is not op and tools.last_op.wait(20_000)  # the file, written on one
    return tools.last_op


def test_tools_menu_has_the_follow_up_commands(window):
    menu = window.tools_menu_action.menu()
    names = [a.objectName() for a in menu.actions()]
    for name in ("actionExportOwnersWorkbook", "actionImportOwnersWorkbook", "actionUpdateSettings"):
        assert name in names
        assert window.findChild(type(menu.actions()[0]), name).isEnabled()


def test_export_offers_the_owners_and_writes_the_chosen_one_on_a_worker(
    window, tools, services, desk, tmp_path, monkeypatch
):
    offered: list[tuple[str, ...]] = []
    threads: list[threading.Thread] = []
    real = services.updates.export_workbook
    monkeypatch.setattr(
        services.updates, "export_workbook",
        lambda *a, **k: threads.append(threading.current_thread()) or real(*a, **k),
    )  # fmt: skip
    monkeypatch.setattr(
        follow_up, "ask_owner", lambda _w, owners: offered.append(owners) or (True, "Schools Team")
    )
    suggested: list[str] = []
    path = tmp_path / "schools"  # no suffix typed: .xlsx is added
    monkeypatch.setattr(follow_up, "ask_save_path", lambda _w, name: suggested.append(name) or str(path))
    op = tools.export_workbook()
    assert op is not None and op.wait(20_000)
    assert tools.last_op is not op and tools.last_op.wait(20_000)
    assert offered == [("Network Strategy", "Schools Team", "")]
    assert suggested == ["updates-Schools-Team.xlsx"]
    assert threads and threads[0] is not threading.main_thread()
    wb = openpyxl.load_workbook(tmp_path / "schools.xlsx")
    assert wb.sheetnames[0] == "Schools Team"
    assert "Wrote 1 recommendation for 1 owner to" in window.statusBar().currentMessage()


def test_the_owner_dialog_lists_every_owner_and_nobody(qtbot):
    dialog = ExportOwnerDialog(("Network Strategy", ""))
    qtbot.addWidget(dialog)
    items = [dialog.owner.itemText(i) for i in range(dialog.owner.count())]
    assert items == ["Every owner (a sheet each)", "Network Strategy", "Nobody yet (no owner)"]
    assert dialog.chosen() is None
    dialog.owner.setCurrentIndex(2)
    assert dialog.chosen() == ""


def test_import_reviews_first_then_saves_only_on_import(
    window, tools, services, desk, tmp_path, monkeypatch, messages
):
    sent = tmp_path / "sent.xlsx"
    export(tools, monkeypatch, sent, None)
    back = answer(sent, tmp_path / "back.xlsx", {
        "TEC-2026-04/1": {"New RAG": "Green", "New update": "Map published in draft."},
        "TEC-2026-04/4": {"New RAG": "Amber", "New target date": dt.datetime(2027, 6, 30)},
    })  # fmt: skip
    reviews = []

    def look_then(answer_with, saved_before=0):
        def ask(_w, review):
            reviews.append(review)
            # nothing is saved while the review is on screen
            assert len(services.updates.history(desk["1"].id)) == saved_before
            return answer_with

        return ask

    monkeypatch.setattr(follow_up, "ask_open_path", lambda _w: str(back))
    monkeypatch.setattr(follow_up, "ask_apply", look_then(False))
    op = tools.import_workbook()
    assert op is not None and op.wait(20_000)
    assert len(reviews) == 1 and len(reviews[0].changes) == 2 and not reviews[0].problems
    assert services.updates.history(desk["1"].id) == ()  # Cancel saved nothing

    monkeypatch.setattr(follow_up, "ask_apply", look_then(True))
    op = tools.import_workbook()
    assert op is not None and op.wait(20_000)
    assert tools.last_op is not None and tools.last_op.wait(20_000)
    (update,) = services.updates.history(desk["1"].id)
    assert (update.progress, update.text) == (Progress.GREEN, "Map published in draft.")
    assert services.reports.get_recommendation(desk["4"].id).target_date == dt.date(2027, 6, 30)
    assert "Imported 2 progress updates from back.xlsx." in window.statusBar().currentMessage()
    assert not [m for m in messages if m.kind in ("warning", "critical")]

    # the same workbook again adds nothing: the review says so and Import stays off
    monkeypatch.setattr(follow_up, "ask_apply", look_then(False, saved_before=1))
    op = tools.import_workbook()
    assert op is not None and op.wait(20_000)
    assert {r.outcome for r in reviews[-1].rows} >= {WorkbookOutcome.ALREADY}
    assert not reviews[-1].changes


def test_a_workbook_with_a_problem_row_imports_nothing_and_names_the_row(
    qtbot, tools, services, desk, tmp_path, monkeypatch
):
    sent = tmp_path / "sent.xlsx"
    export(tools, monkeypatch, sent, "Network Strategy")
    back = answer(sent, tmp_path / "back.xlsx", {
        "TEC-2026-04/1": {"New RAG": "Green", "New update": "Fine."},
        "TEC-2026-04/3": {"New RAG": "Purple"},
    })  # fmt: skip
    shown = []

    def ask(_w, review):
        dialog = WorkbookReviewDialog(review)
        qtbot.addWidget(dialog)
        shown.append(dialog)
        return True  # even a press of Import would save nothing with a problem row

    monkeypatch.setattr(follow_up, "ask_open_path", lambda _w: str(back))
    monkeypatch.setattr(follow_up, "ask_apply", ask)
    op = tools.import_workbook()
    assert op is not None and op.wait(20_000)
    dialog = shown[0]
    assert not dialog.import_button.isEnabled()
    assert "1 row cannot be read as it is, so nothing can be imported" in dialog.summary.text()
    cells = [
        [dialog.model.index(r, c).data() for c in range(dialog.model.columnCount())]
        for r in range(dialog.model.rowCount())
    ]
    problem = next(row for row in cells if row[2] == "TEC-2026-04/3")
    assert problem[3] == "Problem" and "Purple" in problem[4]
    assert services.updates.history(desk["1"].id) == ()


def test_a_refused_file_says_why_and_changes_nothing(tools, services, desk, tmp_path, monkeypatch, messages):
    bad = tmp_path / "notes.xlsx"
    bad.write_bytes(b"this is not a workbook")
    before = bad.read_bytes()
    monkeypatch.setattr(follow_up, "ask_open_path", lambda _w: str(bad))
    monkeypatch.setattr(follow_up, "ask_apply", lambda *_a: pytest.fail("a refused file is not reviewed"))
    op = tools.import_workbook()
    assert op is not None and op.wait(20_000)
    (shown,) = messages
    assert shown.kind == "warning" and shown.text.endswith("Nothing was imported.")
    assert bad.read_bytes() == before
    assert all(services.updates.history(r.id) == () for r in desk.values())


def test_review_summary_counts_in_words(services, desk, tools, tmp_path, monkeypatch):
    sent = tmp_path / "sent.xlsx"
    export(tools, monkeypatch, sent, "Network Strategy")
    review = services.updates.import_workbook(sent, dry_run=True)
    assert (
        review_summary(review)
        == "sent.xlsx: 0 new updates, 3 without an answer. There is nothing new to import."
    )


def test_the_update_interval_setting(window, tools, services, monkeypatch, qtbot):
    def exec_(dialog: UpdateSettingsDialog) -> int:
        assert dialog.months.value() == 6 and dialog.months.suffix() == " months"
        dialog.months.setValue(1)
        assert dialog.months.suffix() == " month"
        dialog.months.setValue(3)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(UpdateSettingsDialog, "exec", exec_)
    refreshed = []
    monkeypatch.setattr(tools, "_changed", lambda: refreshed.append(True))
    assert tools.edit_settings()
    assert services.settings.get().update_every_months == 3
    assert services.office.get("update-every-months") == 3  # the one registry the CLI reads
    assert refreshed == [True]


def test_cancelling_the_setting_changes_nothing(tools, services, monkeypatch):
    monkeypatch.setattr(
        UpdateSettingsDialog, "exec", lambda d: (d.months.setValue(12), d.reject(), d.result())[2]
    )
    assert not tools.edit_settings()
    assert services.settings.get().update_every_months == 6

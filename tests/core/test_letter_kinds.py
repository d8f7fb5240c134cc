"""Letter kinds: each has its own starting text with placeholders, default clearance route and
reference pattern; a holding letter records the report's new expected date and why."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.drafting import fill_letter, letter_values, make_reference, reference_pattern
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.exports.tracker import export_tracker
from correspondence_desk.core.records import LetterKind

YEAR = dt.date.today().year


@pytest.fixture
def office(services, demo):
    for name, login, role in (
        ("Sam Okafor", "sokafor", "Policy lead"),
        ("Ana Reyes", "areyes", "Legal"),
        ("Pat Press", "ppress", "Press office"),
        ("Jo Bright", "jbright", "Signatory"),
    ):
        services.colleagues.add(name, login, role)
    return services


def test_each_kind_starts_from_its_own_text_with_the_reports_facts(office, demo):
    report = office.reports.get(demo.report.id)
    ack = office.composing.new_letter(report.id, kind=LetterKind.ACKNOWLEDGEMENT)
    assert ack.kind == LetterKind.ACKNOWLEDGEMENT and ack.report_id == report.id
    assert ack.reference == f"CTA/TEC/{YEAR}/001-ACK"  # the letterhead's pattern, the kind's code
    assert ack.responses == ()  # an acknowledgement answers nothing yet: no annex
    assert f"published on {long_date(report.published)}" in ack.body
    assert f"by {long_date(report.response_due)}" in ack.body
    assert "Transport and Environment Committee's report, Cleaner air at the school gate" in ack.body
    assert ack.subject == f"The Committee's report: {report.title}"
    assert "{" not in ack.body

    final = office.composing.new_letter(report.id, kind=LetterKind.FINAL)
    assert final.reference == f"CTA/TEC/{YEAR}/{18 if YEAR == 2026 else 1:03}" and len(final.responses) == 9
    interim = office.composing.new_letter(report.id, kind=LetterKind.INTERIM)
    assert interim.reference == f"CTA/TEC/{YEAR}/001-INT"
    assert "{expected}" in interim.body  # no expected date known yet: left for the author to fill
    update = office.composing.new_letter(report.id, kind=LetterKind.PROGRESS_UPDATE)
    assert update.reference == f"CTA/TEC/{YEAR}/001-UPD" and update.subject.startswith("Progress on")
    ours = [rec.label for rec in report.recommendations if any(a.short_name == "CTA" for a in rec.addressees)]
    assert [r.recommendation.label for r in update.responses] == ours != []  # those directed at us


def test_each_kind_has_its_default_route_by_role_or_as_the_office_set_it(office, demo):
    routes = {}
    for kind in LetterKind:
        letter = office.composing.new_letter(
            demo.report.id, kind=kind, expected=dt.date(2027, 2, 1), reason="Late"
        )
        routes[kind] = [step.colleague.login for step in office.clearance.get(letter.id).steps]
    assert routes == {
        LetterKind.ACKNOWLEDGEMENT: [],  # its usual role (private office) has nobody in the register
        LetterKind.HOLDING: ["sokafor", "jbright"],
        LetterKind.INTERIM: ["sokafor", "areyes", "jbright"],
        LetterKind.FINAL: ["sokafor", "areyes", "ppress", "jbright"],
        LetterKind.PROGRESS_UPDATE: ["sokafor", "jbright"],
    }
    office.office.set("route-acknowledgement", "jbright")
    ack = office.composing.new_letter(demo.report.id, kind=LetterKind.ACKNOWLEDGEMENT)
    assert [s.colleague.login for s in office.clearance.get(ack.id).steps] == ["jbright"]
    with pytest.raises(Exception, match="no colleague with the login “nobody”"):
        office.office.set("route-final", "sokafor,nobody")


def test_a_holding_letter_records_the_new_expected_date_and_keeps_the_due_date(office, demo, tmp_path):
    report = office.reports.get(demo.report.id)
    with pytest.raises(ValidationError, match="new expected date and the reason"):
        office.composing.new_letter(report.id, kind=LetterKind.HOLDING)
    with pytest.raises(ValidationError, match="must be after the date the response was due"):
        office.composing.new_letter(
            report.id, kind=LetterKind.HOLDING, expected=report.response_due, reason="Late"
        )
    assert office.letters.list()[0].reference == "CTA/TEC/2026/017"  # nothing was made by a refusal
    expected = report.response_due + dt.timedelta(days=45)
    holding = office.composing.new_letter(
        report.id, kind=LetterKind.HOLDING, expected=expected, reason="Waiting for the retrofit survey"
    )
    assert holding.reference == f"CTA/TEC/{YEAR}/001-HOLD"
    assert f"due on {long_date(report.response_due)}" in holding.body
    assert f"send it to you by {long_date(expected)}" in holding.body
    assert office.reports.get(report.id).response_due == report.response_due  # the original, kept
    current = office.expected.current(report.id)
    assert (current.expected, current.reason, current.letter_reference) == (
        expected,
        "Waiting for the retrofit survey",
        holding.reference,
    )
    event = next(e for e in office.audit.list(entity="report", entity_id=report.id) if e.action == "expected")
    assert event.changes["reason"] == "Waiting for the retrofit survey"
    # the dashboard's late response says when it is now expected, and why
    summary = office.dashboard.summary(today=report.response_due + dt.timedelta(days=3))
    item = next(i for i in summary.overdue_reports.items if i.id == report.id)
    assert item.expected == expected and item.status == "Holding letter: Waiting for the retrofit survey"
    # and so does the tracker, beside the original due date
    path = tmp_path / "tracker.csv"
    export_tracker(office.db, path)
    with path.open(encoding="utf-8-sig") as fh:
        row = next(csv.DictReader(fh))
    assert row["Response due"] == report.response_due.isoformat()
    assert row["Expected response"] == expected.isoformat()
    assert row["Why later"] == "Waiting for the retrofit survey"
    # a later holding letter moves the expected date again; the first one stays in the history
    office.expected.record(report.id, expected + dt.timedelta(days=30), "Survey extended")
    assert [x.reason for x in office.expected.history(report.id)] == [
        "Waiting for the retrofit survey",
        "Survey extended",
    ]
    interim = office.composing.new_letter(report.id, kind=LetterKind.INTERIM)
    assert f"by {long_date(expected + dt.timedelta(days=30))}" in interim.body  # {expected} now known


def test_a_letter_without_an_annex_issues_but_a_response_without_answers_does_not(office, demo):
    ack = office.composing.new_letter(demo.report.id, kind=LetterKind.ACKNOWLEDGEMENT)
    issued = office.letters.issue(ack.id, lambda d: b"%PDF ack")
    assert issued.is_issued and issued.kind == LetterKind.ACKNOWLEDGEMENT
    assert office.letters.list()[0].reports == ("TEC-2026-04",)  # about the report, answering none
    final = office.composing.new_letter(demo.report.id, kind=LetterKind.FINAL)
    office.clearance.set_route(final.id, [])
    for resp in final.responses:
        office.letters.remove_response(resp.id)
    with pytest.raises(ValidationError, match="answers no recommendation yet"):
        office.letters.issue(final.id, lambda d: b"%PDF final")


def test_a_new_version_keeps_the_kind_and_goes_round_the_same_route_again(office, demo):
    letter = office.composing.new_letter(demo.report.id, kind=LetterKind.INTERIM)
    office.office.set("issue-only-when-cleared", False)
    office.letters.issue(letter.id, lambda d: b"%PDF interim")
    copy = office.letters.new_version(letter.id)
    record = office.clearance.get(copy.id)
    assert copy.kind == LetterKind.INTERIM and copy.report_id == demo.report.id
    assert [s.colleague.login for s in record.steps] == ["sokafor", "areyes", "jbright"]
    assert {s.state.value for s in record.steps} == {"waiting"}


def test_reference_patterns_take_the_offices_pattern_as_the_default():
    office = "{org}/{committee}/{year}/{seq:03}"
    made = {
        kind: make_reference(
            reference_pattern(kind, office), kind, seq=4, year=2027, org="CTA", committee="TEC"
        )
        for kind in LetterKind
    }
    assert made[LetterKind.FINAL] == "CTA/TEC/2027/004"
    assert made[LetterKind.HOLDING] == "CTA/TEC/2027/004-HOLD"
    assert made[LetterKind.ACKNOWLEDGEMENT] == "CTA/TEC/2027/004-ACK"
    assert reference_pattern(LetterKind.INTERIM, "{kind}/{year}/{seq}") == "{kind}/{year}/{seq}"
    assert make_reference(reference_pattern(LetterKind.INTERIM), LetterKind.INTERIM, seq=12, year=2027) == (
        "INT-2027-012"
    )


def test_placeholders_fill_what_is_known_and_leave_the_rest_as_typed():
    values = letter_values(
        committee="Housing Committee",
        report_title="Empty homes",
        published=dt.date(2026, 3, 2),
        due=None,
        expected=None,
        chair="Marta Lind AM",
    )
    text = "Dear {chair}: {committee}, {report_title}, {published}, {due}, {addressee}, {unknown}."
    assert fill_letter(text, values) == (
        "Dear Marta Lind AM: Housing Committee, Empty homes, 2 March 2026, {due}, {addressee}, {unknown}."
    )

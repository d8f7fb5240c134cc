"""Issue 12, item 13: the history of a record — who, when, what changed, and the reason for a moved
date — from the report editor (the report and the selected recommendation) and Contacts & bodies."""

from __future__ import annotations

import datetime as dt

import pytest

from correspondence_desk.core.records import Position
from correspondence_desk.ui.common import history
from correspondence_desk.ui.common.history import HistoryDialog, describe, local_time
from correspondence_desk.ui.shell.pages import DIRECTORY, REPORTS


@pytest.fixture
def shown(monkeypatch):
    """The history dialogs the app opened (never a real modal dialog in a test)."""
    dialogs: list[HistoryDialog] = []
    monkeypatch.setattr(history, "show_dialog", dialogs.append)
    return dialogs


def _rows(dialog: HistoryDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_the_history_of_one_record_newest_first(services, demo):
    report = demo.report
    services.reports.update(report.id, version=report.version, notes="Second evidence session booked.")
    events = services.audit.history("report", report.id)
    assert [e.action for e in events] == ["update", "create"]
    assert events[0].changes["notes"] == ["", "Second evidence session booked."]
    assert all(e.entity == "report" and e.entity_id == report.id for e in events)
    assert services.audit.history("report", 999_999) == []


def test_a_moved_date_shows_who_when_what_and_why(window, services, demo, shown):
    report = services.reports.get(demo.report.id)
    services.reports.update(
        report.id,
        version=report.version,
        response_due=dt.date(2026, 12, 15),
        reason="The committee agreed a month's extension.",
    )
    window.go_to(REPORTS)
    window.open_report(demo.report.id)
    window.reports_page.commands.history_action.trigger()
    (dialog,) = shown
    assert dialog.windowTitle().startswith("History of report TEC-2026-04")
    when, who, what, details = _rows(dialog)[0]
    assert (who, what) == ("tester", "Changed")
    assert details == (
        "Response due: 15 November 2026 → 15 December 2026\nReason: The committee agreed a month's extension."
    )
    assert when == local_time(services.audit.history("report", demo.report.id)[0].at)
    assert _rows(dialog)[-1][2] == "Created"


def test_the_selected_recommendations_history(window, services, demo, shown):
    rec = demo.report.recommendations[2]
    services.reports.update_recommendation(rec.id, version=rec.version, owner="Head of Streets")
    window.go_to(REPORTS)
    window.open_recommendation(demo.report.id, rec.id)
    window.reports_page.commands.rec_history_action.trigger()
    (dialog,) = shown
    assert "recommendation 3 of TEC-2026-04" in dialog.windowTitle()
    assert _rows(dialog)[0][3].startswith("Owner: ")
    assert "→ Head of Streets" in _rows(dialog)[0][3]


def test_contacts_and_bodies_have_a_history_too(window, services, demo, shown):
    contact = services.contacts.list()[0]
    services.contacts.update(contact.id, version=contact.version, job_title="Commissioner for Transport")
    window.go_to(DIRECTORY)
    window.refresh_all()
    directory = window.page(DIRECTORY)
    directory.contacts.select(contact.id)
    directory.contacts.history_button.click()
    body = services.bodies.list()[0]
    directory.bodies.select(body.id)
    directory.bodies.history_action.trigger()
    assert [d.table.accessibleName() for d in shown] == [
        f"History of the contact “{contact.name}”",
        f"History of the body “{body.name}”",
    ]
    assert any("Commissioner for Transport" in row[3] for row in _rows(shown[0]))


def test_changes_are_described_in_plain_words(services, demo):
    services.reports.reorder_recommendations(
        demo.report.id, [r.id for r in reversed(demo.report.recommendations)]
    )
    rec = demo.report.recommendations[0]
    services.reports.update_recommendation(rec.id, position=Position.ACCEPTED_IN_PART)
    (reorder, *_rest) = services.audit.history("report", demo.report.id)
    assert describe(reorder) == "New order of the recommendations"
    (position, *_rest) = services.audit.history("recommendation", rec.id)
    assert describe(position) == "Position: no position yet → Accepted in part"


def test_a_record_with_no_history_says_so(qtbot):
    dialog = HistoryDialog([], "the body “New body”")
    qtbot.addWidget(dialog)
    assert dialog.table.isHidden() and not dialog.empty.isHidden()

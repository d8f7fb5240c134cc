"""Issue 12, item 1: details typed in a report and not saved are asked about — Save, Discard or Cancel —
on quitting, switching database, leaving the page, going back to the list and opening another report."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from correspondence_desk.ui.shell.pages import DASHBOARD, REPORTS

SAVE, DISCARD, CANCEL = (
    QMessageBox.StandardButton.Save,
    QMessageBox.StandardButton.Discard,
    QMessageBox.StandardButton.Cancel,
)


@pytest.fixture
def editor(window, demo):
    window.go_to(REPORTS)
    window.refresh_all()
    assert window.open_report(demo.report.id)
    editor = window.reports_page.editor
    editor.form.notes.setPlainText("Ask the committee clerk about the second evidence session.")
    return editor


def _asked(messages) -> list[str]:
    return [m.text for m in messages if m.kind == "question" and "unsaved changes" in m.text]


def test_quitting_asks_and_save_keeps_the_notes(window, editor, services, demo, messages):
    messages.answer = SAVE
    window.close()
    assert _asked(messages) == ["Report TEC-2026-04 has unsaved changes. Save them first?"]
    assert not window.isVisible()
    assert services.reports.get(demo.report.id).notes.startswith("Ask the committee clerk")


def test_quitting_with_cancel_stays_open_with_the_notes_typed(window, editor, services, demo, messages):
    messages.answer = CANCEL
    window.close()
    assert window.isVisible()
    assert editor.form.notes.toPlainText().startswith("Ask the committee clerk")
    assert services.reports.get(demo.report.id).notes == ""


def test_quitting_with_discard_drops_the_notes(window, editor, services, demo, messages):
    messages.answer = DISCARD
    window.close()
    assert not window.isVisible()
    assert services.reports.get(demo.report.id).notes == ""


def test_switching_database_asks_first_and_cancel_keeps_this_one(
    window, editor, services, monkeypatch, messages
):
    asked_for_a_file = []
    monkeypatch.setattr(
        "correspondence_desk.ui.shell.databases.QFileDialog.getOpenFileName",
        lambda *a, **k: asked_for_a_file.append(True) or ("", ""),
    )
    messages.answer = CANCEL
    window.databases.open()
    assert len(_asked(messages)) == 1
    assert not asked_for_a_file and window.services is services


def test_leaving_the_page_asks_and_cancel_stays_on_the_report(window, editor, messages):
    messages.answer = CANCEL
    assert not window.go_to(DASHBOARD)
    assert window.stack.currentIndex() == REPORTS and window.navigation.currentRow() == REPORTS
    assert window.reports_page.editing()
    messages.answer = SAVE
    assert window.go_to(DASHBOARD)
    assert window.stack.currentIndex() == DASHBOARD
    assert len(_asked(messages)) == 2


def test_going_back_to_the_list_asks(window, editor, services, demo, messages):
    messages.answer = CANCEL
    editor.back.click()
    assert window.reports_page.editing()
    messages.answer = DISCARD
    editor.back.click()
    assert not window.reports_page.editing()
    assert editor.form.notes.toPlainText() == ""  # put back as saved
    assert services.reports.get(demo.report.id).notes == ""


def test_opening_another_report_asks_and_save_then_opens_it(window, editor, services, demo, messages):
    other = services.reports.create(title="River crossings", reference="TEC-2026-05")
    messages.answer = SAVE
    assert window.open_report(other.id)
    assert len(_asked(messages)) == 1
    assert window.reports_page.editor.detail.id == other.id
    assert services.reports.get(demo.report.id).notes.startswith("Ask the committee clerk")


def test_opening_the_same_report_again_keeps_what_was_typed_without_asking(window, editor, demo, messages):
    rec = demo.report.recommendations[4]
    assert window.open_recommendation(demo.report.id, rec.id)
    assert not _asked(messages)
    assert editor.form.notes.toPlainText().startswith("Ask the committee clerk")
    assert editor.selected().id == rec.id


def test_a_date_that_is_not_a_date_counts_as_unsaved(window, demo, messages):
    window.go_to(REPORTS)
    window.open_report(demo.report.id)
    editor = window.reports_page.editor
    editor.form.published.edit.setText("31 Febtober")
    assert editor.form.is_dirty()
    messages.answer = SAVE  # saving cannot read the date: the user stays to fix it
    assert not window.reports_page.can_leave()
    assert [m.title for m in messages if "31 Febtober" in m.text] == [
        "Saving the report failed — Correspondence Desk"
    ]


def test_the_report_menu_saves_and_reverts_the_details_and_says_when_there_is_nothing_to(
    window, editor, services, demo
):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Report")
    save = next(a for a in menu.actions() if a.objectName() == "actionSaveReportDetails")
    assert save.text() == "&Save details\tCtrl+S"  # the key it shares with the form's Save details
    menu.aboutToShow.emit()
    assert save.isEnabled()  # the notes typed by the fixture
    save.trigger()
    assert services.reports.get(demo.report.id).notes.startswith("Ask the committee clerk")
    menu.aboutToShow.emit()
    assert not save.isEnabled()  # saved: nothing left to save

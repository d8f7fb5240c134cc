"""Issue 17, items 1 and 5 in the report editor: the selected recommendation's timeline (its progress
updates and responses, newest first) and Record an update… (saved at once, undoable, a moved target
asks why, nothing typed is lost when the save fails or the dialog is closed)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from correspondence_desk.core.records import Progress
from correspondence_desk.ui.reports.update_dialog import RecordUpdateDialog
from correspondence_desk.ui.shell.pages import REPORTS

TODAY = dt.date.today()


@pytest.fixture
def rec(demo):
    return next(r for r in demo.report.recommendations if r.label == "3")


@pytest.fixture
def editor(window, demo, rec):
    window.go_to(REPORTS)
    window.refresh_all()
    assert window.open_recommendation(demo.report.id, rec.id)
    return window.reports_page.editor


def fill_and_save(monkeypatch, fill):
    """Replace the dialog's event loop: `fill(dialog)` types, presses Save, and may inspect it."""
    seen: list[RecordUpdateDialog] = []

    def exec_(dialog: RecordUpdateDialog) -> int:
        seen.append(dialog)
        fill(dialog)
        return dialog.result()

    monkeypatch.setattr(RecordUpdateDialog, "exec", exec_)
    return seen


def type_update(dialog, progress=Progress.GREEN, text="", target="", reason=""):
    dialog.progress.setCurrentIndex(dialog.progress.findData(progress.value))
    dialog.text.setPlainText(text)
    if target:
        dialog.target.edit.setText(target)
    dialog.reason.setText(reason)


def test_timeline_shows_updates_and_responses_newest_first(window, editor, services, rec):
    services.updates.record(rec.id, progress=Progress.RED, text="Supplier went into administration.")
    services.updates.record(
        rec.id, progress=Progress.AMBER, text="New supplier found.", target_date=dt.date(2027, 2, 28),
        reason="the supplier failed",
    )  # fmt: skip
    editor.reload()
    shown = editor.timeline.text()
    assert "Timeline of recommendation 3" in editor.timeline.title.text()
    assert shown.index("New supplier found.") < shown.index("Supplier went into administration.")
    assert "Target 28 February 2027" in shown
    assert "Response in CTA/TEC/2026/017 (draft): Accepted in part" in shown
    assert "Amber" in shown and "Red" in shown


def test_a_recommendation_without_updates_says_how_to_start(editor, demo):
    first = next(r for r in demo.report.recommendations if r.label == "2")
    editor.select_id(first.id)
    assert "No progress update yet" in editor.timeline.text()
    assert editor.timeline.record_button.isEnabled()


def test_record_an_update_saves_it_and_undo_puts_the_state_back(window, editor, services, rec, monkeypatch):
    services.updates.record(rec.id, progress=Progress.AMBER, target_date=dt.date(2027, 1, 31))
    editor.reload()

    def fill(dialog):
        type_update(dialog, Progress.GREEN, "All 56 buses ordered.", "31 March 2027", "delivery slipped")
        dialog.accept()

    fill_and_save(monkeypatch, fill)
    window.reports_page.commands.record_update_action.trigger()

    latest = services.updates.history(rec.id)[-1]
    assert (latest.progress, latest.text, latest.target_date) == (
        Progress.GREEN, "All 56 buses ordered.", dt.date(2027, 3, 31),
    )  # fmt: skip
    assert latest.reason == "delivery slipped" and latest.previous_target_date == dt.date(2027, 1, 31)
    row = editor.model.row_of(rec.id)
    assert editor.model.record(row).progress is Progress.GREEN
    assert "All 56 buses ordered." in editor.timeline.text()
    assert "revised from 31 January 2027 because delivery slipped" in editor.timeline.text()
    assert window.actions.undo.text() == "&Undo progress update of recommendation 3"

    editor.undo_stack.undo()
    now = services.reports.get_recommendation(rec.id)
    assert (now.progress, now.target_date) == (Progress.AMBER, dt.date(2027, 1, 31))
    history = services.updates.history(rec.id)
    assert len(history) == 3  # nothing is taken out of the history: the undo is an update too
    assert "was undone in the app" in history[-1].text
    assert "was undone in the app" in editor.timeline.text()

    editor.undo_stack.redo()
    assert services.reports.get_recommendation(rec.id).progress is Progress.GREEN
    assert services.updates.history(rec.id)[-1].text == "All 56 buses ordered."


def test_a_moved_target_without_a_reason_is_asked_for_and_nothing_is_saved(
    editor, services, rec, monkeypatch, messages
):
    services.updates.record(rec.id, progress=Progress.AMBER, target_date=dt.date(2027, 1, 31))
    editor.reload()

    def fill(dialog):
        assert not dialog.form.isRowVisible(dialog.reason)
        type_update(dialog, Progress.AMBER, "Waiting on the boroughs.", "30 April 2027")
        assert dialog.form.isRowVisible(dialog.reason)  # the moved date asks why
        dialog.accept()
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert len(services.updates.history(rec.id)) == 1
        dialog.reason.setText("the boroughs asked for more time")
        dialog.accept()

    fill_and_save(monkeypatch, fill)
    assert editor.record_update() is not None
    assert messages[0].text.endswith("Give a reason for moving the target date from 31 January 2027.")
    assert services.updates.history(rec.id)[-1].reason == "the boroughs asked for more time"


def test_a_failed_save_keeps_the_dialog_and_what_was_typed(editor, services, rec, monkeypatch, messages):
    def fill(dialog):
        type_update(dialog, Progress.RED, "Contract dispute.")
        # a colleague records an update meanwhile: ours was written against an older version
        services.updates.record(rec.id, progress=Progress.AMBER, text="Colleague's update.")
        services.reports.update_recommendation(rec.id, owner="Bus Operations")
        dialog.accept()
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.text.toPlainText() == "Contract dispute."
        dialog.accept()  # against the fresh copy the editor reloaded

    fill_and_save(monkeypatch, fill)
    assert editor.record_update() is not None
    assert any(m.kind in ("warning", "critical") for m in messages)
    texts = [u.text for u in services.updates.history(rec.id)]
    assert texts[-2:] == ["Colleague's update.", "Contract dispute."]


@pytest.mark.parametrize(
    ("answer", "stays_open"),
    [(QMessageBox.StandardButton.Cancel, True), (QMessageBox.StandardButton.Discard, False)],
)
def test_closing_with_something_typed_asks(editor, services, rec, monkeypatch, messages, answer, stays_open):
    messages.answer = answer

    closed: list[bool] = []

    def fill(dialog):
        dialog.finished.connect(lambda _code: closed.append(True))
        dialog.text.setPlainText("Half-typed note")
        dialog.reject()
        assert bool(closed) is not stays_open
        assert dialog.text.toPlainText() == "Half-typed note"

    seen = fill_and_save(monkeypatch, fill)
    assert editor.record_update() is None
    assert [m.text for m in messages] == ["The update has unsaved changes. Save them first?"]
    assert seen and services.updates.history(rec.id) == ()


def test_closing_an_untouched_dialog_asks_nothing(editor, services, rec, monkeypatch, messages):
    fill_and_save(monkeypatch, lambda dialog: dialog.reject())
    assert editor.record_update() is None
    assert not messages


def test_record_an_update_is_offered_on_the_grid_and_in_the_menu(window, editor):
    page = window.reports_page
    assert page.commands.record_update_action in page.menu_actions()
    assert page.commands.record_update_action in page.commands.grid_commands()
    assert page.commands.record_update_action.isEnabled()
    assert page.commands.record_update_action.shortcut().toString() == "Ctrl+U"

"""The report side driven through the real widgets: create, edit in place, undo, reorder, validate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from correspondence_desk.core.clocks import Clock
from correspondence_desk.core.records import Addressee, NewRecommendation, Position, Progress
from correspondence_desk.ui.common.table_model import IdRole
from correspondence_desk.ui.reports.forms import NewReportDialog
from correspondence_desk.ui.reports.page import ReportsModel
from correspondence_desk.ui.reports.recommendations_model import RecommendationsModel
from correspondence_desk.ui.shell.pages import REPORTS

EDIT = Qt.ItemDataRole.EditRole


@pytest.fixture
def editor(window, demo):
    window.go_to(REPORTS)
    window.refresh_all()
    window.reports_page.open_report(demo.report.id)
    return window.reports_page.editor


def _cell(editor, row, column):
    return editor.proxy.index(row, column)


def test_create_a_report_through_the_new_report_dialog(window, services, monkeypatch):
    def fill_and_accept(dialog: NewReportDialog) -> int:
        dialog.title.setText("Buses after dark: night services in outer London")
        dialog.reference.setText("TEC-2026-09")
        dialog.committee.setCurrentText("Transport and Environment Committee")
        dialog.published.edit.setText("3/2/2026")
        dialog.received.edit.setText("4 February 2026")
        dialog.clock.setCurrentIndex(dialog.clock.findData(Clock.CUSTOM.value))
        dialog.response_due.edit.setText("2026-04-06")
        dialog.accept()
        return 1

    monkeypatch.setattr(NewReportDialog, "exec", fill_and_accept)
    window.actions.new_report.trigger()

    (saved,) = services.reports.list()
    assert (saved.reference, saved.committee) == ("TEC-2026-09", "Transport and Environment Committee")
    assert (saved.published, saved.received, saved.response_due) == (
        dt.date(2026, 2, 3),
        dt.date(2026, 2, 4),
        dt.date(2026, 4, 6),
    )
    page = window.reports_page
    assert page.stack.currentWidget() is page.editor and page.editor.detail.id == saved.id
    assert page.model.rowCount() == 1


def test_new_report_dialog_counts_the_due_date_from_the_clock(qtbot, services):
    dialog = NewReportDialog(services)
    qtbot.addWidget(dialog)
    dialog.title.setText("Ferries and the night-time economy")
    assert dialog.clock.currentData() == Clock.TWO_MONTHS  # the select-committee convention
    dialog.published.edit.setText("31/12/2025")
    assert dialog.response_due.date() == dt.date(2026, 2, 28)  # clamped to the month's end
    assert dialog.response_due.edit.isReadOnly()
    dialog.clock.setCurrentIndex(dialog.clock.findData(Clock.WORKING_DAYS.value))
    dialog.working_days.setValue(3)
    # 31 Dec 2025 is a Wednesday; 1 January is a bank holiday, then Fri 2, Mon 5, Tue 6
    assert dialog.response_due.date() == dt.date(2026, 1, 6)
    dialog.accept()
    saved = services.reports.get(dialog.created.id)
    assert (saved.response_due, saved.response_clock) == (dt.date(2026, 1, 6), "working_days:3")


def test_new_report_dialog_keeps_the_form_open_on_a_wrong_date(qtbot, services, messages):
    dialog = NewReportDialog(services)
    qtbot.addWidget(dialog)
    dialog.title.setText("A report")
    dialog.published.edit.setText("31/02/2026")
    assert not dialog.published.message.isHidden()
    dialog.accept()
    assert dialog.created is None and services.reports.list() == []
    assert "not a real publication date" in str(messages[0])


def test_edit_a_position_in_place_then_undo_and_redo(window, editor, services, demo):
    rec_id = _cell(editor, 0, 0).data(IdRole)
    assert editor.model.setData(_cell(editor, 0, RecommendationsModel.POSITION), "accepted", EDIT)
    assert services.reports.get_recommendation(rec_id).position is Position.ACCEPTED
    assert _cell(editor, 0, RecommendationsModel.POSITION).data() == "Accepted"

    window.actions.undo.trigger()
    assert services.reports.get_recommendation(rec_id).position is None
    assert _cell(editor, 0, RecommendationsModel.POSITION).data() == ""
    window.actions.redo.trigger()
    assert services.reports.get_recommendation(rec_id).position is Position.ACCEPTED


def test_edit_text_deadline_progress_and_addressees(editor, services, messages):
    rec_id = _cell(editor, 1, 0).data(IdRole)
    bodies = {b.short_name: b.id for b in services.bodies.list()}
    model = editor.model
    assert model.setData(_cell(editor, 1, RecommendationsModel.TEXT), "The Mayor should act.", EDIT)
    assert model.setData(_cell(editor, 1, RecommendationsModel.DEADLINE), dt.date(2027, 1, 31), EDIT)
    assert model.setData(_cell(editor, 1, RecommendationsModel.PROGRESS), "amber", EDIT)
    assert model.setData(
        _cell(editor, 1, RecommendationsModel.ADDRESSEES), [bodies["GLA"], bodies["CTA"]], EDIT
    )
    rec = services.reports.get_recommendation(rec_id)
    assert rec.text == "The Mayor should act."
    assert rec.deadline == dt.date(2027, 1, 31) and rec.progress is Progress.AMBER
    assert [a.short_name for a in rec.addressees] == ["GLA", "CTA"]
    for _ in range(4):
        editor.undo_stack.undo()
    assert messages == []
    rec = services.reports.get_recommendation(rec_id)
    assert rec.progress is None and rec.deadline is None and rec.text.startswith("The Mayor should extend")


def test_add_delete_and_move_are_undoable(editor, services, demo):
    report_id = demo.report.id

    def labels():
        return [r.label for r in services.reports.get(report_id).recommendations]

    assert editor.add(
        NewRecommendation(label="10", text="A tenth recommendation.", addressees=[Addressee(1)])
    )
    assert labels()[-1] == "10"
    editor.select_id(editor.model.record(0).id)
    editor.move(1)
    assert labels()[:2] == ["2", "1"]
    editor.select_id(editor.model.record(2).id)
    editor.delete_recommendation()
    assert "3" not in labels()

    editor.undo_stack.undo()  # the delete: recommendation 3 comes back in its place
    assert labels()[:3] == ["2", "1", "3"]
    editor.undo_stack.undo()  # the move
    editor.undo_stack.undo()  # the add
    assert labels() == [str(n) for n in range(1, 10)]
    editor.undo_stack.redo()
    editor.undo_stack.redo()
    editor.undo_stack.redo()  # redo reaches recreated rows through their new ids
    assert labels()[:2] == ["2", "1"] and "3" not in labels() and labels()[-1] == "10"


def test_report_details_validate_dates_inline_and_save_with_undo(editor, services, demo):
    editor.form.received.edit.setText("31/02/2026")
    assert editor.form.received.message.isVisible()
    assert "not a real date received" in editor.form.received.message.text()
    assert not editor.form.save_button.isEnabled()
    editor.form.received.edit.setText("1 October 2026")
    editor.form.title.setText("Cleaner air at the school gate")
    editor.form.title.textEdited.emit(editor.form.title.text())
    assert editor.form.save_button.isEnabled()
    assert editor.save_details()
    saved = services.reports.get(demo.report.id)
    assert (saved.title, saved.received) == ("Cleaner air at the school gate", dt.date(2026, 10, 1))
    editor.undo_stack.undo()
    assert services.reports.get(demo.report.id).title == demo.report.title


def test_a_colleagues_change_is_reported_not_overwritten(editor, services, messages):
    rec = editor.model.record(0)
    services.reports.update_recommendation(rec.id, version=rec.version, owner="Someone else")
    assert not editor.model.setData(_cell(editor, 0, RecommendationsModel.OWNER), "Me", EDIT)
    assert services.reports.get_recommendation(rec.id).owner == "Someone else"
    assert str(messages[0]).startswith("Changed by someone else")
    assert editor.model.record(0).owner == "Someone else"  # reloaded


def test_attach_and_open_the_source_file(editor, services, demo, tmp_path, monkeypatch, qtbot):
    source = tmp_path / "report.txt"
    source.write_text("Recommendation 1\nThe Mayor should…\n", encoding="utf-8")
    monkeypatch.setattr(
        "correspondence_desk.ui.reports.editor.QFileDialog.getOpenFileName", lambda *a, **k: (str(source), "")
    )
    opened = []
    monkeypatch.setattr(
        "correspondence_desk.ui.reports.editor.QDesktopServices.openUrl",
        lambda url: opened.append(url) or True,
    )
    editor.attach_source()
    qtbot.waitUntil(lambda: editor.attaching.done)  # stored off the GUI thread
    assert services.reports.get(demo.report.id).source.filename == "report.txt"
    assert "report.txt" in editor.form.source_label.text()
    editor.open_source()
    copy = opened[0].toLocalFile()
    assert copy != str(source) and Path(copy).read_bytes() == source.read_bytes()


def test_reports_list_sorts_filters_and_opens_with_enter(window, services, demo, qtbot):
    services.reports.create(
        title="Parks and green spaces", reference="ENV-2025-10", received=dt.date(2025, 1, 1)
    )
    services.reports.create(title="Parks funding", reference="ENV-2025-9", received=dt.date(2025, 2, 1))
    window.go_to(REPORTS)
    window.refresh_all()
    page = window.reports_page
    page.view.sortByColumn(ReportsModel.REFERENCE, Qt.SortOrder.AscendingOrder)
    refs = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert refs == ["ENV-2025-9", "ENV-2025-10", "TEC-2026-04"]
    page.filter.setText("parks 2026")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 0)  # after a pause in the typing
    page.filter.setText("parks jan")
    page.apply_filter()  # what Enter does
    assert [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())] == ["ENV-2025-10"]
    assert page.count_label.text() == "1 of 3 reports"
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.editor and page.editor.detail.reference == "ENV-2025-10"


def test_models_pass_qtmodeltester(qtmodeltester, editor, window):
    qtmodeltester.check(editor.model)
    qtmodeltester.check(window.reports_page.model)


def test_moving_a_deadline_asks_why_and_cancel_keeps_it(editor, services, monkeypatch):
    record = editor.model.record(0)
    assert record.deadline == dt.date(2027, 3, 31)
    answers = iter([("", False), ("The Authority asked for more time", True)])
    monkeypatch.setattr(
        "correspondence_desk.ui.reports.editor.QInputDialog.getText", lambda *a, **k: next(answers)
    )
    cell = _cell(editor, 0, RecommendationsModel.DEADLINE)
    assert not editor.model.setData(cell, dt.date(2027, 6, 30), EDIT)
    assert services.reports.get_recommendation(record.id).deadline == dt.date(2027, 3, 31)
    assert editor.model.setData(cell, dt.date(2027, 6, 30), EDIT)
    assert services.reports.get_recommendation(record.id).deadline == dt.date(2027, 6, 30)
    (event,) = [e for e in services.audit.list() if e.changes.get("reason")][-1:]
    assert event.changes["reason"] == "The Authority asked for more time"


def test_in_place_editors_choose_positions_dates_and_bodies(editor, services, messages):
    from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QStyleOptionViewItem

    view = editor.view
    rec_id = _cell(editor, 1, 0).data(IdRole)

    def edit(column, change):
        index = _cell(editor, 1, column)
        delegate = view.itemDelegateForIndex(index)
        widget = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), index)
        delegate.setEditorData(widget, index)
        change(widget)
        delegate.setModelData(widget, view.model(), index)
        widget.deleteLater()
        return widget

    combo = edit(RecommendationsModel.POSITION, lambda w: w.setCurrentIndex(w.findText("Accepted in part")))
    assert isinstance(combo, QComboBox) and combo.itemText(0) == "(no position yet)"
    assert services.reports.get_recommendation(rec_id).position is Position.ACCEPTED_IN_PART

    line = edit(RecommendationsModel.DEADLINE, lambda w: w.setText("30/9/2027"))
    assert isinstance(line, QLineEdit)
    assert services.reports.get_recommendation(rec_id).deadline == dt.date(2027, 9, 30)
    edit(RecommendationsModel.DEADLINE, lambda w: w.setText("next Tuesday"))  # refused, nothing saved
    assert services.reports.get_recommendation(rec_id).deadline == dt.date(2027, 9, 30)

    def tick_gla(box):
        for row in range(box.count()):
            if "(GLA)" in box.item(row).text():
                box.item(row).setCheckState(Qt.CheckState.Checked)

    box = edit(RecommendationsModel.ADDRESSEES, tick_gla)
    assert isinstance(box, QListWidget)
    assert [a.short_name for a in services.reports.get_recommendation(rec_id).addressees] == [
        "the Mayor",
        "GLA",
    ]
    assert messages == []


PASTED = """\
Recommendation 1
The Mayor should publish a maintenance plan for the riverside paths by 31 March 2027.

Recommendation 2
The Capital Transport Authority should report each quarter on path closures.
"""


def test_paste_import_review_then_edit_and_undo(window, services, demo, monkeypatch, qtbot):
    """The whole flow a user follows: paste recommendations, confirm the review, edit one, undo."""
    from PySide6.QtGui import QGuiApplication

    from correspondence_desk.ui.common import background
    from correspondence_desk.ui.importing.review_dialog import ImportReviewDialog

    def confirm_review(dialog):  # what the person does while the dialog's event loop runs
        qtbot.waitUntil(lambda: not dialog.proposer.busy)
        dialog.title_edit.setText("Keeping the riverside paths open")
        dialog.save()
        qtbot.waitUntil(lambda: dialog.saving.done)
        return dialog.result()

    monkeypatch.setattr(ImportReviewDialog, "exec", confirm_review)
    QGuiApplication.clipboard().setText(PASTED)
    window.actions.paste.trigger()
    background.wait_for_background_work(20_000)

    page = window.reports_page
    editor = page.editor
    assert page.stack.currentWidget() is editor
    report = services.reports.get(editor.detail.id)
    assert report.title == "Keeping the riverside paths open"
    assert [r.label for r in report.recommendations] == ["1", "2"]
    assert report.recommendations[0].deadline == dt.date(2027, 3, 31)

    second = report.recommendations[1]
    assert editor.model.setData(_cell(editor, 1, RecommendationsModel.OWNER), "Paths team", EDIT)
    assert services.reports.get_recommendation(second.id).owner == "Paths team"
    window.actions.undo.trigger()
    assert services.reports.get_recommendation(second.id).owner == ""
    assert page.model.row_of(report.id) >= 0  # the list knows the new report too


def test_refreshing_keeps_details_typed_but_not_saved(window, editor, services, demo):
    editor.form.notes.setPlainText("Ask the Authority for figures")
    services.reports.add_recommendation(
        demo.report.id, NewRecommendation(label="10", text="A late addition.")
    )
    window.actions.refresh.trigger()
    assert editor.form.notes.toPlainText() == "Ask the Authority for figures"
    assert editor.model.rowCount() == 10 and editor.form.save_button.isEnabled()


# --- the controller on its own, and what a person sees of it ---------------------------------------


def test_undo_follows_each_recommendation_even_when_sqlite_reuses_its_id(services, demo):
    """Undo steps name recommendations by reference, not id: a re-created one gets a new id, and
    SQLite may give a deleted one's id to another (it reuses the highest rowid once freed)."""
    from correspondence_desk.ui.reports.controller import ReportController

    controller = ReportController(services, ask_reason=lambda what, old: "Because")
    controller.load(demo.report.id)
    model, stack = controller.model, controller.undo_stack

    def labels():
        return [r.label for r in services.reports.get(demo.report.id).recommendations]

    def by_label(label):
        return next(r for r in model.records() if r.label == label)

    original = labels()
    assert controller.add(NewRecommendation(label="A", text="The Mayor should plant trees."))
    assert controller.add(NewRecommendation(label="B", text="The Authority should water them."))
    first_a = by_label("A").id
    assert controller.delete(by_label("A"))
    stack.undo()  # A comes back under a new id
    assert by_label("A").id != first_a
    assert controller.delete(by_label("A")) and controller.delete(by_label("B"))
    stack.undo()  # B comes back: SQLite hands it the lowest free rowid, which was A's first id
    reused = by_label("B").id == first_a
    stack.undo()  # A comes back again
    assert labels() == [*original, "A", "B"]  # each back in its place
    assert model.setData(
        model.index(model.row_of(by_label("B").id), RecommendationsModel.OWNER), "Trees team"
    )
    stack.undo()  # the owner edit
    stack.undo()  # adding B: deletes B, never A, whichever ids they hold now
    assert labels() == [*original, "A"]
    stack.undo()  # adding A
    assert labels() == original
    for _ in range(3):
        stack.redo()
    assert labels()[-2:] == ["A", "B"] and by_label("B").owner == "Trees team"
    assert reused  # the case this test is about did happen


def test_a_simultaneous_edit_names_the_recommendation(qtbot, services, demo, messages):
    from correspondence_desk.ui.reports.editor import ReportEditor

    mine, theirs = ReportEditor(services), ReportEditor(services)
    for editor in (mine, theirs):
        qtbot.addWidget(editor)
        editor.load(demo.report.id)
    assert theirs.model.setData(theirs.proxy.index(2, RecommendationsModel.OWNER), "Them", EDIT)
    assert not mine.model.setData(mine.proxy.index(2, RecommendationsModel.OWNER), "Me", EDIT)
    ((_kind, title, text),) = messages
    assert title.startswith("Changed by someone else")
    assert text.startswith("Recommendation 3 was changed by someone else")
    assert mine.model.record(2).owner == "Them"  # what is saved, loaded again


def test_open_a_recommendation_shows_its_report_with_it_selected(window, demo):
    target = demo.report.recommendations[4]
    window.open_recommendation(demo.report.id, target.id)
    editor = window.reports_page.editor
    assert window.reports_page.stack.currentWidget() is editor
    assert editor.selected().id == target.id


def test_a_source_file_that_cannot_be_read_is_explained(editor, services, demo, monkeypatch, qtbot, messages):
    missing = "/nowhere/report.pdf"
    monkeypatch.setattr(
        "correspondence_desk.ui.reports.editor.QFileDialog.getOpenFileName", lambda *a, **k: (missing, "")
    )
    editor.attach_source()
    qtbot.waitUntil(lambda: editor.attaching.done)
    assert [m.kind for m in messages] == ["warning"] and f"Cannot read {missing}" in messages[0].text
    assert services.reports.get(demo.report.id).source is None

"""Issue 12, items 11 and 12: one word for one thing, undo steps that read as English, the status bar
counting what the page shows, empty states, Tab leaving text boxes, the grid's hint, right-click
menus and Alt+Left back to where you came from."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QStyleOptionViewItem

from correspondence_desk.core.clearance import snapshot_text
from correspondence_desk.core.vocabulary import NO_POSITION, NO_PROGRESS, POSITION_LABELS
from correspondence_desk.resources import resource
from correspondence_desk.ui.common import menus
from correspondence_desk.ui.dashboard.page import DashboardPage
from correspondence_desk.ui.reports.recommendations_model import RecommendationsModel
from correspondence_desk.ui.shell.pages import DASHBOARD, DIRECTORY, LETTERS, REPORTS, SEARCH

M = RecommendationsModel


@pytest.fixture
def editor(window, demo):
    window.go_to(REPORTS)
    window.refresh_all()
    window.open_report(demo.report.id)
    return window.reports_page.editor


def _edit_cell(editor, row, column, change):
    view = editor.view
    index = editor.proxy.index(row, column)
    delegate = view.itemDelegateForIndex(index)
    widget = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), index)
    delegate.setEditorData(widget, index)
    change(widget)
    delegate.setModelData(widget, view.model(), index)
    widget.deleteLater()
    return widget


# --- item 11: one word for one thing --------------------------------------------------------------


def test_undo_steps_read_as_english(window, editor):
    _edit_cell(editor, 2, M.TEXT, lambda w: w.setPlainText("The Capital Transport Authority should act now."))
    assert window.actions.undo.text() == "&Undo edit of recommendation 3's text"
    _edit_cell(editor, 2, M.POSITION, lambda w: w.setCurrentIndex(w.findText("Accepted")))
    assert window.actions.undo.text() == "&Undo edit of recommendation 3's position"
    editor.form.notes.setPlainText("Checked with the clerk.")
    editor.save_details()
    assert window.actions.undo.text() == "&Undo edit of the report's details"
    window.actions.undo.trigger()
    assert window.actions.redo.text() == "&Redo edit of the report's details"
    editor.move(1)
    assert window.actions.undo.text().startswith("&Undo move of recommendation ")


def test_no_position_and_no_progress_have_one_name_everywhere(qtbot, editor, services, demo):
    position = _edit_cell(editor, 0, M.POSITION, lambda _w: None)
    progress = _edit_cell(editor, 0, M.PROGRESS, lambda _w: None)
    assert isinstance(position, QComboBox) and position.itemText(0) == f"({NO_POSITION.lower()})"
    assert isinstance(progress, QComboBox) and progress.itemText(0) == f"({NO_PROGRESS.lower()})"
    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.refresh()
    assert [b.label for b in page.position_chart.bars] == [*POSITION_LABELS.values(), NO_POSITION]
    assert page.progress_chart.bars[-1].label == NO_PROGRESS
    assert page.tabs.tabText(5) == page.tiles["letters_awaiting_issue"].caption == "Letters awaiting issue"


def test_letters_awaiting_issue_and_no_position_yet_in_the_empty_list_the_guide_and_the_clearance_diff(
    qtbot, services
):
    page = DashboardPage(services)
    qtbot.addWidget(page)
    page.refresh()
    assert page.notes["letters_awaiting_issue"].text().startswith("No letter is awaiting issue.")
    guide = resource("guide", "user-guide.md").read_text(encoding="utf-8")
    assert "letters awaiting issue" in guide and "waiting to be issued" not in guide
    snapshot = {"responses": [{"label": "4", "report": "TEC-2026-04", "position": None, "text": ""}]}
    assert "Recommendation 4 (TEC-2026-04): no position yet" in snapshot_text(snapshot)


def test_both_back_buttons_name_the_list_they_go_back_to_alike(window, editor, demo):
    letters = window.page(LETTERS)
    letters.open_letter(demo.letter.id)
    assert (editor.back.text(), letters.composer.back.text()) == ("← Reports", "← Letters")


def test_search_is_search_and_filter_is_filter(window):
    assert (
        window.actions.search.text() == "&Search…"
        and window.actions.search.shortcut().toString() == "Ctrl+Shift+F"
    )
    assert window.actions.find.text() == "&Filter the list"
    assert window.reports_page.filter.placeholderText().startswith("Filter")


# --- item 12: the details that make it feel finished ---------------------------------------------


def test_the_status_bar_counts_what_each_page_shows(window, editor, demo, qtbot):
    assert window.counts_label.text() == "Report TEC-2026-04: 9 recommendations · 1 letter answering it"
    editor.back.click()
    assert window.counts_label.text() == "1 report · 9 recommendations"
    window.go_to(DIRECTORY)
    window.refresh_all()
    contacts = len(window.page(DIRECTORY).contacts.model.records())
    assert window.counts_label.text() == f"{contacts} contacts"
    window.page(DIRECTORY).tabs.setCurrentIndex(1)
    assert window.counts_label.text().endswith("bodies")
    window.go_to(SEARCH)
    window.page(SEARCH).search_for("river bus")
    assert window.counts_label.text() == "Found 1 recommendation · 1 response"
    window.go_to(DASHBOARD)  # its summary loads on a worker
    qtbot.waitUntil(lambda: window.counts_label.text().startswith("Overdue responses: "))


def test_empty_pages_say_what_to_do_next(window):
    window.go_to(REPORTS)
    window.refresh_all()
    assert "Ctrl+N" in window.reports_page.empty.text()
    window.go_to(DIRECTORY)
    directory = window.page(DIRECTORY)
    directory.refresh()
    assert directory.contacts.body.showing_message()
    assert "click <b>Save</b>" in directory.contacts.body.message_text()


def test_an_empty_report_says_how_to_add_recommendations(window, services):
    report = services.reports.create(title="River crossings")
    window.go_to(REPORTS)
    window.open_report(report.id)
    grid = window.reports_page.editor.grid
    assert grid.body.showing_message() and "Import…" in grid.body.message_text()


def test_tab_leaves_the_notes_and_ctrl_tab_types_a_tab(window, editor, qtbot):
    notes = editor.form.notes
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    qtbot.keyClick(notes, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert notes.toPlainText() == "\t"
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    assert not notes.hasFocus() and notes.toPlainText() == "\t"


def test_in_a_text_cell_ctrl_tab_types_a_tab_and_ctrl_enter_saves(window, editor, services, demo, qtbot):
    view = editor.view
    index = editor.proxy.index(1, M.TEXT)
    view.setCurrentIndex(index)
    view.edit(index)
    cell = view.indexWidget(index) or view.findChild(QPlainTextEdit)
    assert isinstance(cell, QPlainTextEdit)
    cell.setPlainText("The Mayor should extend School Streets.")
    cell.moveCursor(cell.textCursor().MoveOperation.End)
    qtbot.keyClick(cell, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert cell.toPlainText().endswith("\t")
    qtbot.keyClick(cell, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    saved = services.reports.get_recommendation(demo.report.recommendations[1].id)
    assert saved.text == "The Mayor should extend School Streets."  # saved at once (trimmed)


def test_tab_leaves_the_import_reviews_text_too(qtbot, services):
    from correspondence_desk.ui.importing.review_dialog import ImportReviewDialog

    dialog = ImportReviewDialog(services)
    qtbot.addWidget(dialog)
    for box in (dialog.item_editor, dialog.source_view):
        assert box.tabChangesFocus()
    dialog.source_view.setFocus()
    qtbot.keyClick(dialog.source_view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.source_view.toPlainText() == "\t"
    assert "Nothing is saved until you import" in dialog.review.hint.text()


def test_the_grid_says_how_a_cell_is_kept(editor):
    hint = editor.grid.hint.text()
    assert "F2" in hint and "Enter saves it at once" in hint and "Esc" in hint and "Ctrl+Z" in hint


def test_the_import_reviews_grid_says_it_in_the_same_words_but_keeps_until_the_import(
    qtbot, editor, services
):
    from correspondence_desk.ui.importing.review_dialog import ImportReviewDialog

    dialog = ImportReviewDialog(services)
    qtbot.addWidget(dialog)
    review, report = dialog.review.hint.text(), editor.grid.hint.text()
    for words in ("F2 or a double-click edits a cell;", "Esc cancels;", "Ctrl+Z undoes."):
        assert words in review and words in report, words
    assert "Enter keeps it" in review and "Nothing is saved until you import." in review


def _menu(view, row: int, commands):
    rect = view.visualRect(view.model().index(row, 0))
    return [
        a.text() for a in menus.context_menu(view, rect.center(), commands).actions() if not a.isSeparator()
    ]


def test_right_click_menus_offer_the_pages_commands(window, editor, demo, monkeypatch, qtbot):
    shown = []
    monkeypatch.setattr(menus, "show_menu", lambda menu, _view, _pos: shown.append(menu))
    page = window.reports_page
    grid = _menu(editor.view, 3, page.commands.grid_commands)
    assert grid[:3] == ["&Edit the cell\tF2", "Record an &update…", "History of the re&commendation…"]
    assert "Import more recommendations…".replace("I", "&I", 1) in grid
    assert editor.selected().label == "4"  # the row clicked becomes the one the commands act on
    editor.back.click()
    listed = _menu(page.view, 0, page.commands.list_commands)
    assert listed == ["&Open report", "Draft &response…", "&History of the report…", "&Delete report…"]
    page.view.customContextMenuRequested.emit(QPoint(5, 5))
    assert shown and shown[-1].actions()
    window.go_to(DIRECTORY)
    contacts = window.page(DIRECTORY).contacts
    assert _menu(contacts.view, 0, contacts._commands) == ["&New contact", "&History…", "&Delete…"]
    window.go_to(DASHBOARD)
    dashboard = window.page(DASHBOARD)
    tree = dashboard.trees["unanswered_recommendations"]
    qtbot.waitUntil(lambda: tree.model().rowCount() > 0)  # the summary loads on a worker
    dashboard.tabs.setCurrentIndex(4)
    assert _menu(tree, 0, dashboard.opener.commands) == ["&Open", "Open its &report", "Draft &response…"]
    assert dashboard.opener.current_item().kind == "recommendation"
    window.go_to(SEARCH)
    search = window.page(SEARCH)
    search.search_for("river bus")
    hit = search.results.topLevelItem(0).child(0)
    search.results.setCurrentItem(hit)
    texts = [a.text() for a in search._commands() if a is not None and a.isEnabled()]
    assert texts == ["&Open", "Open its &report"]


def test_alt_left_goes_back_to_where_you_came_from(window, demo, qtbot):
    back: QAction = window.actions.back
    assert back.shortcut().toString() == "Alt+Left"
    window.go_to(DASHBOARD)
    window.refresh_all()
    window.go_to(REPORTS)
    page = window.reports_page
    page.open_report(demo.report.id)  # from the list (Enter)
    assert page.editing()
    back.trigger()
    assert window.stack.currentIndex() == REPORTS and not page.editing()
    assert page.current_id() == demo.report.id
    back.trigger()  # and on, back to the dashboard the Reports page was reached from
    assert window.stack.currentIndex() == DASHBOARD
    assert window.open_report(demo.report.id)  # as a dashboard item does: one move
    assert page.editing()
    back.trigger()
    assert window.stack.currentIndex() == DASHBOARD


def test_alt_left_from_a_letter_opened_from_a_report_returns_to_the_report(window, demo):
    window.go_to(REPORTS)
    window.open_report(demo.report.id)
    editor = window.reports_page.editor
    editor.letters.list.itemActivated.emit(editor.letters.list.item(0))
    assert window.stack.currentIndex() == LETTERS
    window.go_back()
    assert window.stack.currentIndex() == REPORTS and window.reports_page.editing()


def test_going_back_asks_about_unsaved_details_and_cancel_stays(window, demo, messages):
    from PySide6.QtWidgets import QMessageBox

    window.go_to(DASHBOARD)
    window.open_report(demo.report.id)
    window.reports_page.editor.form.title.setText("A title typed but not saved")
    window.reports_page.editor.form.update_buttons()
    messages.answer = QMessageBox.StandardButton.Cancel
    assert not window.go_back()
    assert window.stack.currentIndex() == REPORTS
    messages.answer = QMessageBox.StandardButton.Discard
    assert window.go_back()
    assert window.stack.currentIndex() == DASHBOARD


def test_the_help_lists_the_new_keys_and_the_guide_the_new_commands(window):
    from correspondence_desk.ui.shell.help import guide_text, shortcut_rows

    rows = dict(shortcut_rows(window))
    assert rows["Alt+Left"] == "Back" and rows["Ctrl+Shift+N"] == "New letter"
    assert "Ctrl+Tab" in rows and "Ctrl+Enter" in rows
    guide = guide_text()
    for words in ("Draft response", "Import…", "History", "Alt+Left", "Show all", "right-click"):
        assert words in guide, words


def test_going_back_to_a_report_deleted_since_lands_on_the_list(window, services, demo, messages):
    other = services.reports.create(title="River crossings", reference="TEC-2026-05")
    window.go_to(REPORTS)
    window.open_report(other.id)
    window.open_report(demo.report.id)  # from one report to another: the first is in the history
    services.reports.delete(other.id)
    assert window.go_back()
    assert not window.reports_page.editing() and not [m for m in messages if m.kind == "warning"]

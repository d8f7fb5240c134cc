"""The Letters page as a place to move about: a response hit lands on that response, Alt+Left goes
back as the window's history does, the list shows the subject and the status bar says what is shown,
and the preview zooms without losing the reader's place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView

from correspondence_desk.ui.letters.letters_model import LettersModel
from correspondence_desk.ui.letters.page import LettersPage
from correspondence_desk.ui.shell.pages import LETTERS, REPORTS


@pytest.fixture
def page(qtbot, services, demo):
    page = LettersPage(services)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def test_select_response_shows_that_response_with_the_keyboard_in_its_text(page, demo):
    response = demo.letter.responses[5]
    assert not page.select_response(response.id)  # no letter open
    assert page.open_letter(demo.letter.id)
    assert page.select_response(response.id)
    composer = page.composer
    panel = composer.responses
    assert composer.tabs.currentWidget() is panel
    assert panel.model.record(panel.current_row()).id == response.id
    assert panel.text.toPlainText() == response.text and panel.focusWidget() is panel.text
    assert not page.select_response(123_456)  # not in this letter: nothing moves
    assert panel.model.record(panel.current_row()).id == response.id


def test_alt_left_in_a_letter_goes_back_where_the_user_came_from(window, demo):
    back = window.actions.back
    window.go_to(LETTERS)
    letters = window.page(LETTERS)
    assert back.shortcut().toString() == "Alt+Left"  # the window's, on the Letters page too
    assert letters.open_letter(demo.letter.id)  # from the list
    back.trigger()
    assert not letters.showing_letter() and letters.current_letter_id() == demo.letter.id
    # from a report to its letter, then Alt+Left: the report again
    window.go_to(REPORTS)
    window.open_report(demo.report.id)
    assert window.navigator.open_letter(demo.letter.id)
    assert window.stack.currentIndex() == LETTERS and letters.showing_letter()
    back.trigger()
    assert window.stack.currentIndex() == REPORTS and window.reports_page.editing()


def test_alt_left_asks_about_unsaved_edits_and_cancel_stays(window, demo, messages):
    from PySide6.QtWidgets import QMessageBox

    window.go_to(LETTERS)
    letters = window.page(LETTERS)
    letters.open_letter(demo.letter.id)
    letters.composer.form.subject.setText("A new subject")
    letters.composer.form.subject.textEdited.emit("A new subject")
    messages.answer = QMessageBox.StandardButton.Cancel
    window.actions.back.trigger()
    assert letters.showing_letter() and letters.composer.form.subject.text() == "A new subject"


def test_the_list_shows_the_subject_and_the_status_bar_counts_what_is_shown(page, services, demo, qtbot):
    services.letters.update(demo.letter.id, subject="Our response on cleaner air at the school gate")
    page.refresh()
    model = page.view.model()
    assert model.headerData(LettersModel.SUBJECT, Qt.Orientation.Horizontal) == "Subject"
    assert model.index(0, LettersModel.SUBJECT).data() == "Our response on cleaner air at the school gate"
    widths = [page.view.columnWidth(c) for c in range(model.columnCount())]
    assert widths[LettersModel.SUBJECT] == max(widths)  # the text column wins
    assert page.status_text() == "1 letter"
    qtbot.keyClicks(page.filter, "nothing like this")
    assert page.status_text() == "0 of 1 letter"
    assert "No letter matches" in page.list_stack.message_text()
    page.filter.clear()
    assert page.list_stack.message_text() == ""
    page.open_letter(demo.letter.id)
    n = len(demo.letter.responses)
    assert page.status_text().startswith(f"Letter {demo.letter.reference}: {n} responses")
    page.composer.responses.select_row(0)
    page.composer.responses.text.setPlainText("")
    assert f"{n} responses, 1 empty" in page.status_text()


def test_with_no_letters_the_page_says_what_to_do(qtbot, services):
    page = LettersPage(services)
    qtbot.addWidget(page)
    assert "New letter" in page.list_stack.message_text()
    assert page.status_text() == "0 letters"


def test_right_click_on_the_list_offers_open_and_new_letter(page):
    assert page.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert [a.text() for a in page.view.actions()] == ["&Open", "&New letter…"]


def test_preview_zoom_shows_the_percentage_and_keeps_the_place(page, demo, qtbot):
    page.open_letter(demo.letter.id)
    preview = page.composer.preview
    qtbot.waitUntil(lambda: preview.document.pageCount() >= 2, timeout=5000)
    assert preview.zoom_label.text().endswith("% (fit width)")
    bar = preview.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)
    bar.setValue(bar.maximum() // 2)
    before = (bar.value() + bar.pageStep() / 2) / (bar.maximum() + bar.pageStep())
    start = preview.zoom()
    preview.zoom_by(1.25)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert preview.zoom_label.text() == f"{round(start * 1.25 * 100)} %"
    after = (bar.value() + bar.pageStep() / 2) / (bar.maximum() + bar.pageStep())
    assert after == pytest.approx(before, abs=0.03)  # the same part of the letter in the middle
    preview.fit_width()
    assert preview.zoom_label.text() == f"{round(start * 100)} % (fit width)"

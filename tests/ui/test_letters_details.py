"""The details of drafting: the letter date starts from today, a standard line goes at the cursor and
is offered for the position chosen, and an earlier letter's answer can be used with one key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCursor

from correspondence_desk.core.importing import extract_text, propose
from correspondence_desk.core.records import LetterKind
from correspondence_desk.ui.letters.form import NO_DATE
from correspondence_desk.ui.letters.page import LettersPage


@pytest.fixture
def page(qtbot, services, demo):
    page = LettersPage(services)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    page.open_letter(demo.letter.id)
    return page


def test_the_date_picker_of_an_undated_letter_opens_on_today(page, qtbot):
    form = page.composer.form
    form.undate.click()
    assert form.date.date() == NO_DATE and form.date.text() == "Date of issue"
    calendar = form.date.calendarWidget()
    calendar.window().show()  # as the drop-down arrow does
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert calendar.selectedDate() == today
    assert form.date.date() == NO_DATE  # nothing chosen until the user picks
    calendar.window().hide()
    form.date.setFocus()
    qtbot.keyClick(form.date, Qt.Key.Key_Up)  # the arrow keys start from today too
    assert form.date.date() == today
    qtbot.keyClick(form.date, Qt.Key.Key_Up)
    assert form.date.date() != today  # then they step as usual


def test_a_standard_line_goes_at_the_cursor_set_apart(page, demo, qtbot):
    page.new_letter(demo.report.id, LetterKind.FINAL)
    panel = page.composer.responses
    page.composer.tabs.setCurrentWidget(panel)
    row = next(i for i in range(panel.model.rowCount()) if not panel.model.record(i).text.strip())
    panel.select_row(row)
    qtbot.keyClicks(panel.text, "Thank you, firstly. We will say more.")
    panel.select_row(0)
    panel.select_row(row)  # back: the text reloads, the cursor at its end
    panel.lines.select("Accepted")
    qtbot.mouseClick(panel.lines.insert, Qt.MouseButton.LeftButton)
    text = panel.text.toPlainText()
    assert text.startswith("Thank you, firstly. We will say more.\n\nWe accept this recommendation.")
    # put the cursor after "firstly," and insert again: spaces either side, mid-sentence
    cursor = panel.text.textCursor()
    cursor.setPosition(len("Thank you, firstly."))
    panel.text.setTextCursor(cursor)
    panel.lines.select("Accepted")
    panel.lines.insert.click()
    assert panel.text.toPlainText().startswith("Thank you, firstly. We accept this recommendation")
    panel.text.undo()  # one Ctrl+Z takes the line out again
    assert panel.text.toPlainText() == text


def test_the_line_combo_shows_the_wording_and_follows_the_position(page):
    panel = page.composer.responses
    panel.select_row(0)
    lines = panel.lines
    lines.select("Accepted")
    line = lines.current()
    assert line.text in lines.combo.toolTip()
    assert lines.combo.itemData(lines.combo.currentIndex(), Qt.ItemDataRole.ToolTipRole) == line.text
    wanted = next(x for x in lines._lines if x.position not in (None, line.position))
    panel.position.setCurrentIndex(panel.position.findData(wanted.position.value))
    assert lines.current().position == wanted.position  # the combo follows the position chosen


def test_use_this_answer_takes_an_earlier_letters_response(page, services, demo, qtbot):
    first = demo.letter.responses[0]
    page.new_letter(demo.report.id, LetterKind.FINAL)
    panel = page.composer.responses
    row = next(
        i
        for i in range(panel.model.rowCount())
        if panel.model.record(i).recommendation.id == first.recommendation.id
    )
    panel.select_row(row)
    qtbot.keyClicks(panel.text, "Half a thought")
    earlier = panel.earlier
    assert earlier.list.count() == 1 and earlier.use.isEnabled()
    assert demo.letter.reference in earlier.list.item(0).text()
    earlier.list.setFocus()
    qtbot.keyClick(earlier.list, Qt.Key.Key_Return)  # the keyboard: Enter on the answer
    assert panel.text.toPlainText() == first.text
    assert panel.model.record(row).position == first.position
    assert panel.focusWidget() is panel.text
    panel.text.undo()
    assert panel.text.toPlainText() == "Half a thought"  # nothing lost


def test_an_issued_letter_offers_no_answer_to_use(page):
    page.composer.action_issue.trigger()
    from correspondence_desk.ui.common.background import wait_for_background_work

    assert wait_for_background_work()
    assert not page.composer.responses.earlier.use.isEnabled()


def test_tab_leaves_the_text_boxes_and_ctrl_tab_types_a_tab(page, qtbot):
    form = page.composer.form
    form.body.setFocus()
    form.body.moveCursor(QTextCursor.MoveOperation.End)
    before = form.body.toPlainText()
    qtbot.keyClick(form.body, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert form.body.toPlainText() == before + "\t"
    assert form.body.tabChangesFocus() and page.composer.responses.text.tabChangesFocus()


def test_right_click_on_the_responses_offers_the_tables_commands(page):
    panel = page.composer.responses
    assert panel.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    texts = [a.text() for a in panel.view.actions()]
    assert texts == ["&Add recommendations…", "&Remove", "Move &up", "Move do&wn"]
    panel.select_row(0)
    panel.view.actions()[3].trigger()  # Move down
    assert panel.current_row() == 1


def test_an_imported_letter_without_a_date_says_so_not_that_it_takes_the_day_of_issue(page, services, demo):
    text = (
        "Recommendation 1\nThe Mayor should light every towpath.\n\nResponse: Accepted. Work starts in May.\n"
    )
    proposal = propose(extract_text(text), with_responses=True)
    saved = services.importing.save(proposal, title="Towpaths", with_responses=True).letter
    assert saved is not None and saved.imported and saved.letter_date is None
    page.refresh()
    page.open_letter(saved.id)
    assert page.composer.form.date.text() == "Not dated in the document"
    page.open_letter(demo.letter.id)
    assert page.composer.form.date.specialValueText() == "Date of issue"  # a draft still takes that day

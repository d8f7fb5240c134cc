"""Letter › Standard lines: a line's wording typed and not saved is asked about before the form shows
another line, a new one, or the dialog closes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from correspondence_desk.ui.letters.standard_lines import StandardLinesDialog

SAVE, DISCARD, CANCEL = (
    QMessageBox.StandardButton.Save,
    QMessageBox.StandardButton.Discard,
    QMessageBox.StandardButton.Cancel,
)


@pytest.fixture
def dialog(qtbot, services, demo):
    dialog = StandardLinesDialog(services)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    dialog.text.setPlainText("We note this recommendation, which is for {addressee} to answer.")
    return dialog


def _asked(messages) -> list[str]:
    return [m.text for m in messages if m.kind == "question" and "unsaved changes" in m.text]


def test_choosing_another_line_asks_and_cancel_keeps_the_wording(dialog, services, messages):
    first = dialog.list.item(0).text()
    messages.answer = CANCEL
    dialog.list.setCurrentRow(2)
    assert _asked(messages) == [f"The standard line “{first}” has unsaved changes. Save them first?"]
    assert dialog.list.currentRow() == 0 and dialog.title.text() == first
    assert dialog.text.toPlainText().startswith("We note this recommendation, which is for")


def test_save_keeps_the_wording_then_shows_the_line_chosen(dialog, services, messages):
    first, third = dialog.list.item(0).text(), dialog.list.item(2).text()
    messages.answer = SAVE
    dialog.list.setCurrentRow(2)
    assert services.standard_lines.find(first).text.startswith("We note this recommendation, which is for")
    assert dialog.title.text() == third and dialog.list.currentItem().text() == third
    assert not dialog.is_dirty()


def test_closing_asks_and_discard_closes_without_saving(dialog, services, messages):
    first = dialog.list.item(0).text()
    before = services.standard_lines.find(first).text
    dialog.show()
    messages.answer = CANCEL
    dialog.reject()
    assert dialog.isVisible()
    messages.answer = DISCARD
    dialog.reject()
    assert not dialog.isVisible() and services.standard_lines.find(first).text == before


def test_new_asks_too_and_nothing_typed_nothing_asked(qtbot, services, demo, messages):
    dialog = StandardLinesDialog(services)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(1)
    dialog.new_button.click()
    assert _asked(messages) == [] and dialog.title.text() == ""
    dialog.title.setText("Funding bid")
    messages.answer = CANCEL
    dialog.list.setCurrentRow(0)
    assert _asked(messages) == ["The new standard line has unsaved changes. Save them first?"]
    assert dialog.title.text() == "Funding bid"

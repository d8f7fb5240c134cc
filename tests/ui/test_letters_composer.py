"""Drive the whole letter flow on the demo data: compose, answer, preview, export, print, issue."""

from __future__ import annotations

import io

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from correspondence_desk.core.errors import LockedError
from correspondence_desk.core.records import LetterKind, Position
from correspondence_desk.ui.common.background import wait_for_background_work
from correspondence_desk.ui.letters import output as letter_output
from correspondence_desk.ui.letters.page import LettersPage

ANSWERS = {
    "3": (Position.ACCEPTED_IN_PART, "Most buses are done; the last fifty-six follow in February."),
    "5": (Position.ACCEPTED_IN_PRINCIPLE, "Displays will be trialled at ten stops & evaluated <openly>."),
    "7": (Position.UNDER_CONSIDERATION, "We are scoping a school-routes target with the Mayor's team."),
    "8": (Position.NOT_ACCEPTED, "The river bus concession runs until 2031."),
}


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def page(qtbot, services, demo):
    page = LettersPage(services)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    return page


def answer_every_recommendation(qtbot, composer) -> None:
    panel = composer.responses
    composer.tabs.setCurrentWidget(panel)
    for row in range(panel.model.rowCount()):
        panel.select_row(row)
        resp = panel.model.record(row)
        label = resp.recommendation.label
        if label == "1":  # a standard line, placeholders and position included
            panel.lines.select("Accepted")
            qtbot.mouseClick(panel.lines.insert, Qt.MouseButton.LeftButton)
            qtbot.keyClicks(panel.text, " The map will be on our open data portal.")
        elif label in ANSWERS:
            position, text = ANSWERS[label]
            panel.position.setCurrentIndex(panel.position.findData(position.value))
            qtbot.keyClicks(panel.text, text)
        else:  # directed at another body: pre-filled as "noted"
            assert resp.position == Position.NOTED
            assert resp.text.startswith("We note that this recommendation is directed at ")


def test_compose_preview_export_print_and_issue(qtbot, page, services, demo, messages, tmp_path, monkeypatch):
    letter_id = page.new_letter(demo.report.id, LetterKind.FINAL)
    composer = page.composer
    assert page.stack.currentWidget() is composer
    assert composer.letter.id == letter_id and len(composer.letter.responses) == 9
    assert composer.form.salutation.text() == "Dear Priya,"

    assert composer.form.body.toPlainText().startswith("Thank you for the ")  # a starting paragraph
    qtbot.keyClick(composer.form.body, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(composer.form.body, "Thank you for the report.")
    with qtbot.waitSignal(composer.preview.updated, timeout=5000):
        answer_every_recommendation(qtbot, composer)
    preview_text = " ".join(
        composer.preview.document.getAllText(i).text() for i in range(composer.preview.document.pageCount())
    )
    assert "The map will be on our open data portal." in " ".join(preview_text.split())

    assert composer.is_dirty() and composer.action_save.isEnabled()
    composer.action_save.trigger()
    assert not composer.is_dirty()
    saved = services.letters.get(letter_id)
    first = saved.responses[0]
    assert first.position == Position.ACCEPTED
    assert first.text == "We accept this recommendation. The map will be on our open data portal."
    assert saved.body == "Thank you for the report."

    # Save PDF…: every recommendation and its response, in order
    out = tmp_path / "letter.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF documents (*.pdf)"))
    composer.action_pdf.trigger()
    text = pdf_text(out.read_bytes())
    cursor = text.index("Annex")
    for resp in saved.responses:
        start = " ".join(resp.recommendation.text.split())[:40]
        cursor = text.index(start, cursor)
        cursor = text.index(" ".join(resp.text.split())[:30], cursor)

    # Print… through a dialog that "prints" to a PDF file
    printed = tmp_path / "printed.pdf"

    def fake_exec(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    composer.action_print.trigger()  # always off the GUI thread
    assert wait_for_background_work()
    assert len(pypdf.PdfReader(printed).pages) == len(pypdf.PdfReader(out).pages) >= 2

    # Issue: confirmation, then locked
    composer.action_issue.trigger()  # rendered and stored off the GUI thread
    assert wait_for_background_work()
    assert any(m.kind == "question" and "Issue letter" in m.text for m in messages)
    assert composer.letter.is_issued
    assert not composer.banner.isHidden() and "Issued on" in composer.banner.text.text()
    assert composer.form.body.isReadOnly() and composer.responses.text.isReadOnly()
    assert not composer.action_save.isEnabled() and not composer.action_issue.isEnabled()
    assert (
        not composer.responses.model.flags(composer.responses.model.index(0, 3)) & Qt.ItemFlag.ItemIsEditable
    )
    with pytest.raises(LockedError):
        services.letters.update(letter_id, body="Too late.")
    # a reprint gives the stored bytes
    stored = services.letters.issued_pdf(letter_id)
    again = tmp_path / "again.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(again), ""))
    composer.action_pdf.trigger()
    assert again.read_bytes() == stored

    # New version: an editable copy
    composer.action_new_version.trigger()
    assert composer.letter.id != letter_id and not composer.letter.is_issued
    assert not composer.form.body.isReadOnly() and composer.banner.isHidden()
    assert len(composer.letter.responses) == 9


def test_conflict_is_reported_and_the_letter_reloaded(qtbot, page, services, demo, messages):
    page.open_letter(demo.letter.id)
    composer = page.composer
    services.letters.update(demo.letter.id, subject="Changed elsewhere")
    composer.form.body.setPlainText("My edit")
    assert not composer.save()
    assert messages.kinds == ["warning"]
    assert "changed by someone else" in messages[0].text
    assert composer.form.subject.text() == "Changed elsewhere"


def test_unsaved_changes_are_asked_about_before_leaving(qtbot, page, services, demo, monkeypatch):
    page.open_letter(demo.letter.id)
    composer = page.composer
    composer.form.closing.setText("Yours faithfully,")
    composer.form.closing.textEdited.emit("Yours faithfully,")
    asked = []

    def cancel(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    page.show_list()
    assert page.stack.currentWidget() is composer and asked
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    page.show_list()
    assert page.stack.currentWidget() is not composer
    assert services.letters.get(demo.letter.id).closing == "Yours faithfully,"


def test_reorder_responses_and_earlier_answers(qtbot, page, services, demo, messages):
    page.open_letter(demo.letter.id)
    panel = page.composer.responses
    panel.select_row(0)
    qtbot.mouseClick(panel.down_button, Qt.MouseButton.LeftButton)
    assert panel.current_row() == 1
    assert page.composer.save()
    labels = [r.recommendation.label for r in services.letters.get(demo.letter.id).responses]
    assert labels[:3] == ["2", "1", "3"]
    # a new letter on the same report shows what the demo letter said before
    page.new_letter(demo.report.id, LetterKind.FINAL)
    panel.select_row(0)
    assert "CTA/TEC/2026/017" in panel.earlier.list.item(0).text()


def test_big_letters_render_in_the_background(qtbot, page, demo, monkeypatch):
    monkeypatch.setattr(letter_output, "BIG_LETTER_CHARS", 10)
    page.open_letter(demo.letter.id)
    preview = page.composer.preview
    with qtbot.waitSignal(preview.updated, timeout=10000):
        qtbot.keyClicks(page.composer.form.body, "x")
    assert preview.document.pageCount() >= 2
    assert wait_for_background_work()


def test_every_control_is_named_for_assistive_technology(qtbot, page, demo):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QWidget

    page.open_letter(demo.letter.id)
    unnamed = set()
    for tab in range(page.composer.tabs.count()):
        page.composer.tabs.setCurrentIndex(tab)
        for widget in page.findChildren(QWidget):
            if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisibleTo(page):
                continue
            if isinstance(widget.parent(), QComboBox | QAbstractSpinBox):
                continue  # the line edit inside a combo or date box is named by its owner
            named = widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())
            if not named:
                unnamed.add(f"{type(widget).__name__} {widget.objectName()}")
    assert unnamed == set()


def test_preview_follows_the_response_being_edited(qtbot, page, demo):
    page.open_letter(demo.letter.id)
    composer = page.composer
    composer.tabs.setCurrentWidget(composer.responses)
    navigator = composer.preview.view.pageNavigator()
    last = composer.responses.model.rowCount() - 1
    composer.responses.select_row(last)
    text = composer.responses.model.record(last).recommendation.text[:60]
    expected = composer.preview.page_with(text)
    assert expected > 0  # in the annex, after the covering letter
    qtbot.waitUntil(lambda: navigator.currentPage() == expected, timeout=3000)


def test_a_letter_deleted_elsewhere_closes_with_a_message(qtbot, page, services, demo, messages):
    letter = services.composing.new_letter(demo.report.id)
    page.open_letter(letter.id)
    services.letters.delete(letter.id)
    page.refresh()
    assert messages.kinds == ["warning"]
    assert "no letter" in messages[0].text
    assert page.stack.currentWidget() is not page.composer
    assert page.model.rowCount() == 1


MENU_BAR_KEYS = {"f", "e", "v", "l", "h"}  # File, Edit, View, Letter, Help


def mnemonic(text: str) -> str | None:
    text = text.replace("&&", "")
    at = text.find("&")
    return text[at + 1].lower() if 0 <= at < len(text) - 1 else None


def test_alt_keys_are_unique_on_each_tab(qtbot, page, demo):
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

    page.open_letter(demo.letter.id)
    tabs = page.composer.tabs
    for tab in range(tabs.count()):
        tabs.setCurrentIndex(tab)
        keys = [mnemonic(tabs.tabText(i)) for i in range(tabs.count())]
        for widget in page.findChildren(QWidget):
            if widget.isVisibleTo(page) and isinstance(widget, QAbstractButton | QLabel):
                keys.append(mnemonic(widget.text()))
        keys = [k for k in keys if k]
        assert len(keys) == len(set(keys)), sorted(keys)
        assert not set(keys) & MENU_BAR_KEYS


def test_a_dated_draft_can_go_back_to_being_dated_when_issued(qtbot, page, services, demo):
    page.open_letter(demo.letter.id)
    form = page.composer.form
    assert form.letter_date() == demo.letter.letter_date
    form.undate.click()
    assert form.letter_date() is None and form.date.text() == "Date of issue"
    assert page.composer.save()
    assert services.letters.get(demo.letter.id).letter_date is None

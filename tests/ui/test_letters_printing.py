"""The print path on its own: page selection, fitting, copies, and the picker's quick picks."""

from __future__ import annotations

import io

import docx
import pypdf
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPageRanges
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from correspondence_desk.core.printing import render_letter_pdf
from correspondence_desk.core.records import Pick
from correspondence_desk.ui.common.printing import (
    MAX_DPI,
    fit_keep_aspect,
    new_printer,
    pages_to_print,
    print_pdf,
)
from correspondence_desk.ui.letters.page import LettersPage
from correspondence_desk.ui.letters.recommendation_picker import RecommendationPicker


def pdf_printer(path) -> QPrinter:
    printer = new_printer("test")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_page_range_and_copies_are_honoured(qtbot, demo, tmp_path):
    pdf = render_letter_pdf(demo.letter)
    total = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    printer = pdf_printer(tmp_path / "out.pdf")
    assert pages_to_print(printer, total) == list(range(total))
    ranges = QPageRanges()
    ranges.addRange(2, total)
    printer.setPageRanges(ranges)
    printer.setCopyCount(2)
    assert pages_to_print(printer, total) == list(range(1, total))
    printed = print_pdf(pdf, printer)
    assert printed == len(pypdf.PdfReader(tmp_path / "out.pdf").pages)
    copies = 1 if printer.supportsMultipleCopies() else 2
    assert printed == (total - 1) * copies


def test_printed_pages_are_a4_and_fit_the_printable_area(qtbot, demo, tmp_path):
    printer = pdf_printer(tmp_path / "a4.pdf")
    assert printer.resolution() > MAX_DPI  # the cap matters: HighResolution asks for more
    print_pdf(render_letter_pdf(demo.letter), printer)
    box = pypdf.PdfReader(tmp_path / "a4.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    target = QRect(10, 20, 1000, 1000)
    fitted = fit_keep_aspect(target, QSize(595, 842))
    assert target.contains(fitted) and fitted.height() == 1000
    assert abs(fitted.width() / fitted.height() - 595 / 842) < 0.01


def test_export_word_writes_an_editable_document(qtbot, services, demo, tmp_path, monkeypatch):
    page = LettersPage(services)
    qtbot.addWidget(page)
    page.open_letter(demo.letter.id)
    out = tmp_path / "letter"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.composer.action_docx.trigger()
    document = docx.Document(str(tmp_path / "letter.docx"))  # the suffix is added when missing
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Dear Priya," in text


def test_quick_picks_in_the_picker(qtbot, services, demo):
    letter = services.composing.new_letter(demo.report.id, Pick.OURS)
    already = [r.recommendation.id for r in letter.responses]
    picker = RecommendationPicker(services, [demo.report.id], letter_id=letter.id, already=already)
    qtbot.addWidget(picker)
    assert picker.chosen() == []  # those already in the letter are not offered again
    picker.apply_pick(Pick.ALL)
    labels = {rec.id: rec.label for rec in demo.report.recommendations}
    assert [labels[i] for i in picker.chosen()] == ["2", "4", "6", "9"]
    picker.apply_pick(Pick.OURS)
    assert picker.chosen() == []


def test_standard_lines_library_can_be_edited(qtbot, services, demo, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from correspondence_desk.core.records import Position
    from correspondence_desk.ui.letters.standard_lines import StandardLinesDialog

    dialog = StandardLinesDialog(services)
    qtbot.addWidget(dialog)
    count = dialog.list.count()
    assert count == len(services.standard_lines.list()) > 0
    dialog.new_button.click()
    dialog.title.setText("Funding bid")
    dialog.text.setPlainText("We have bid for funding to deliver this for the {committee}.")
    dialog.position.setCurrentIndex(dialog.position.findData(Position.ACCEPTED_IN_PRINCIPLE.value))
    dialog.save_button.click()
    line = services.standard_lines.find("Funding bid")
    assert line is not None and line.position == Position.ACCEPTED_IN_PRINCIPLE
    assert dialog.list.currentItem().text() == "Funding bid"
    dialog.text.setPlainText("Edited.")
    dialog.save_button.click()
    assert services.standard_lines.find("Funding bid").text == "Edited."
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.delete_button.click()
    assert services.standard_lines.find("Funding bid") is None
    assert dialog.list.count() == count


def test_the_table_edits_position_and_response_in_place(qtbot, services, demo):
    from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QStyleOptionViewItem

    from correspondence_desk.core.records import Position
    from correspondence_desk.ui.letters.responses_model import ResponsesModel

    page = LettersPage(services)
    qtbot.addWidget(page)
    page.open_letter(demo.letter.id)
    view = page.composer.responses.view
    model = view.model()
    position_index = model.index(0, ResponsesModel.POSITION)
    delegate = view.itemDelegateForIndex(position_index)
    combo = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), position_index)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(Position.NOT_ACCEPTED.value))
    delegate.setModelData(combo, model, position_index)
    response_index = model.index(0, ResponsesModel.RESPONSE)
    delegate = view.itemDelegateForIndex(response_index)
    editor = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), response_index)
    assert isinstance(editor, QPlainTextEdit)
    delegate.setEditorData(editor, response_index)
    assert editor.toPlainText() == demo.letter.responses[0].text
    editor.setPlainText("First line.\n\nSecond paragraph.")
    delegate.setModelData(editor, model, response_index)
    assert page.composer.is_dirty()
    assert page.composer.responses.text.toPlainText() == "First line.\n\nSecond paragraph."
    assert page.composer.save()
    saved = services.letters.get(demo.letter.id).responses[0]
    assert (saved.position, saved.text) == (Position.NOT_ACCEPTED, "First line.\n\nSecond paragraph.")


def test_letters_of_every_length_print_in_the_background_and_can_be_cancelled(
    qtbot, services, demo, tmp_path, monkeypatch
):
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog

    from correspondence_desk.ui.common import background
    from correspondence_desk.ui.common.background import wait_for_background_work

    pdf = render_letter_pdf(demo.letter)
    steps = []
    printer = pdf_printer(tmp_path / "cancelled.pdf")
    assert (
        print_pdf(pdf, printer, progress=lambda d, t: steps.append((d, t)), cancelled=lambda: len(steps) >= 1)
        == 1
    )
    assert steps == [(1, 3)]

    out = tmp_path / "background.pdf"

    def fake_exec(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    page = LettersPage(services)
    qtbot.addWidget(page)
    page.open_letter(demo.letter.id)
    page.composer.action_print.trigger()
    assert background._running and not out.exists()  # the short demo letter too: not on the GUI thread
    assert wait_for_background_work()
    qtbot.waitUntil(out.exists, timeout=10000)
    qtbot.waitUntil(lambda: len(pypdf.PdfReader(out).pages) == 3, timeout=10000)


def test_a_letter_can_answer_a_second_report(qtbot, services, demo, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from correspondence_desk.core.records import NewRecommendation

    other = services.reports.create(
        reference="TEC-2026-07",
        title="Buses after dark",
        recommendations=[
            NewRecommendation("1", "The Mayor should publish night bus usage data."),
            NewRecommendation(
                "2",
                "The Authority should light every bus stop.",
                addressees=[demo.report.recommendations[0].addressees[0].body_id],
            ),
        ],
    )

    def pick_everything(picker):
        picker.add_report(other.id)
        picker.apply_pick(Pick.ALL)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecommendationPicker, "exec", pick_everything)
    page = LettersPage(services)
    qtbot.addWidget(page)
    page.open_letter(demo.letter.id)
    page.composer.action_add.trigger()
    letter = services.letters.get(demo.letter.id)
    assert letter.report_references == ("TEC-2026-04", "TEC-2026-07")
    assert [r.recommendation.label for r in letter.responses[-2:]] == ["1", "2"]
    assert page.composer.responses.model.rowCount() == 11
    assert page.composer.tabs.currentWidget() is page.composer.responses


def test_one_position_editor_for_forms_and_tables(qtbot):
    """The common position editor reads a position however a model gives it, and writes its value."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

    from correspondence_desk.core.records import POSITION_LABELS, Position
    from correspondence_desk.ui.common.positions import (
        NO_POSITION_PLACEHOLDER,
        PositionCombo,
        PositionDelegate,
        as_position,
    )

    assert as_position("accepted") is as_position(POSITION_LABELS[Position.ACCEPTED]) is Position.ACCEPTED
    assert as_position("") is None and as_position(None) is None
    combo = PositionCombo()
    qtbot.addWidget(combo)
    assert (
        combo.count() == len(Position) + 1
        and combo.itemText(0) == NO_POSITION_PLACEHOLDER == "(no position yet)"
    )
    combo.set_position(Position.NOTED.value)
    assert combo.position() == Position.NOTED and combo.currentText() == Position.NOTED.label
    combo.set_position(None)
    assert combo.position() is None

    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem())
    index = model.index(0, 0)
    model.setData(index, POSITION_LABELS[Position.NOT_ACCEPTED], Qt.ItemDataRole.EditRole)  # a label
    parent = QWidget()
    qtbot.addWidget(parent)
    delegate = PositionDelegate(parent)
    editor = delegate.createEditor(parent, QStyleOptionViewItem(), index)
    delegate.setEditorData(editor, index)
    assert editor.position() == Position.NOT_ACCEPTED
    editor.set_position(Position.ACCEPTED_IN_PART)
    delegate.setModelData(editor, model, index)
    assert index.data(Qt.ItemDataRole.EditRole) == Position.ACCEPTED_IN_PART.value

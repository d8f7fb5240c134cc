"""The import review dialog: a file's proposal in the grid, corrected, then saved exactly as corrected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from correspondence_desk.core.importing.proposal import ProposedAddressee, ProposedRecommendation
from correspondence_desk.core.importing.review import NewBodyChoice, find_body
from correspondence_desk.core.records import AddresseeRole, Position
from correspondence_desk.ui.importing import new_bodies
from correspondence_desk.ui.importing.addressees import AddresseePicker
from correspondence_desk.ui.importing.review_dialog import ImportReviewDialog
from correspondence_desk.ui.importing.review_model import ProposalModel

REPORT_TEXT = """\
Keeping the Riverside Paths Open

Conclusions and recommendations

Recommendation 1
The Mayor should publish a maintenance plan for the riverside cycle paths by 31 March 2027, setting out
which stretches are inspected each quarter. (Paragraph 2.4)

Recommendation 2
Transport for London should report to the Committee on the number of path closures caused by flooding.

Recommendation 3
The Mayor should agree a protocol for reopening paths after high tides. The Mayor should also fund ten
new drinking fountains along the paths by spring 2027.

Recommendation 4
Transport for London should publish the inspection reports on its website.
"""

LETTER_TEXT = """\
Annex

Recommendation 1
The Mayor should publish a maintenance plan for the riverside cycle paths.

Response: Accepted. The plan will be published in the spring.

Recommendation 2
Transport for London should report on path closures caused by flooding.

Response: Not accepted. Closures are already published each week.
"""


def add_every_new_body(monkeypatch) -> list[dict]:
    """Answer the new-addressees question (never a real dialog) with "add each"; what was asked."""
    asked: list[dict] = []

    def ask(_parent, names, _bodies):
        asked.append(dict(names))
        return [NewBodyChoice(name) for name in names]

    monkeypatch.setattr(new_bodies, "ask_new_bodies", ask)
    return asked


@pytest.fixture
def open_dialog(qtbot, services, demo, messages, monkeypatch):
    messages.answer = QMessageBox.StandardButton.Discard
    add_every_new_body(monkeypatch)  # Transport for London is not in the demo's register

    def open_(path: Path | None = None, text: str | None = None) -> ImportReviewDialog:
        dialog = ImportReviewDialog(services)
        qtbot.addWidget(dialog)
        dialog.show()  # never exec(): that would block the test
        dialog.start(path, text)
        wait_for_proposal(qtbot, dialog)
        return dialog

    return open_


def wait_for_proposal(qtbot, dialog: ImportReviewDialog) -> None:
    """Reading and proposing run on a worker thread: wait for the rows to arrive."""
    qtbot.waitUntil(lambda: not dialog.proposer.busy, timeout=15_000)


def wait_for_save(qtbot, dialog: ImportReviewDialog) -> None:
    qtbot.waitUntil(lambda: dialog.saving is None or dialog.saving.done, timeout=15_000)


def numbers(dialog: ImportReviewDialog) -> list[str]:
    return [rec.number for rec in dialog.model.recommendations()]


def cell(dialog: ImportReviewDialog, row: int, column: int) -> str:
    return dialog.model.index(row, column).data()


def write_txt(tmp_path: Path) -> Path:
    path = tmp_path / "riverside-paths.txt"
    path.write_text(REPORT_TEXT, encoding="utf-8")
    return path


def write_docx(tmp_path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Keeping the Riverside Paths Open", level=1)
    document.add_paragraph("The Committee visited the paths in the summer and heard from residents.")
    for number, text in [
        ("1", "The Mayor should publish a maintenance plan for the riverside paths by 31 March 2027."),
        ("2", "Transport for London should report to the Committee on flood closures."),
        ("3", "The Mayor should fund new drinking fountains along the paths."),
    ]:
        document.add_paragraph().add_run(f"Recommendation {number}").bold = True
        document.add_paragraph(text)
    path = tmp_path / "riverside-paths.docx"
    document.save(str(path))
    return path


# --- loading ---------------------------------------------------------------------------------------


def test_a_text_file_is_proposed_in_the_grid_next_to_its_source(open_dialog, tmp_path):
    dialog = open_dialog(write_txt(tmp_path))
    assert numbers(dialog) == ["1", "2", "3", "4"]
    assert cell(dialog, 0, ProposalModel.ADDRESSEES) == "Mayor of London"
    assert cell(dialog, 0, ProposalModel.DEADLINE) == "31 March 2027"
    assert cell(dialog, 0, ProposalModel.PHRASE) == "by 31 March 2027"
    assert cell(dialog, 0, ProposalModel.PARAGRAPH) == "2.4"
    assert "(Paragraph 2.4)" not in cell(dialog, 0, ProposalModel.TEXT)
    assert "Transport for London should report" in dialog.source_view.toPlainText()
    assert dialog.source_view.isReadOnly()
    assert dialog.save_button.text() == "Import 4 recommendations"
    assert dialog.title_edit.text()  # a default from the document
    # The response columns appear only for a past response letter.
    assert dialog.grid.isColumnHidden(ProposalModel.RESPONSE)


def test_a_word_document_is_proposed_with_its_heading_as_title(open_dialog, tmp_path):
    dialog = open_dialog(write_docx(tmp_path))
    assert numbers(dialog) == ["1", "2", "3"]
    assert dialog.title_edit.text() == "Keeping the Riverside Paths Open"
    assert cell(dialog, 1, ProposalModel.ADDRESSEES) == "Transport for London"


def test_selecting_an_item_highlights_its_text_in_the_source(open_dialog, tmp_path):
    dialog = open_dialog(write_txt(tmp_path))
    dialog.review.select_row(1)
    (selection,) = dialog.source_view.extraSelections()
    assert selection.cursor.selectedText().startswith("Transport for London should report")
    assert dialog.item_editor.toPlainText().startswith("Transport for London should report")


def test_without_a_file_it_asks_for_one_and_leaves_the_source_for_pasting(
    qtbot, open_dialog, monkeypatch, tmp_path
):
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (asked.append("asked"), ("", ""))[1])
    dialog = open_dialog()
    qtbot.waitUntil(lambda: asked == ["asked"])
    assert not dialog.source_view.isReadOnly() and dialog.source.find_button.isVisibleTo(dialog)
    dialog.source_view.setPlainText(REPORT_TEXT)
    qtbot.keyClick(dialog.source_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_proposal(qtbot, dialog)
    assert numbers(dialog) == ["1", "2", "3", "4"]
    assert dialog.title_edit.text() != "pasted text"  # not a title; the person types one


def test_an_unreadable_file_says_so_in_plain_words_and_offers_pasting(open_dialog, messages, tmp_path):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(b"\x00\x01binary rubbish" * 50)
    dialog = open_dialog(path)
    ((kind, _title, text),) = messages
    assert kind == "warning" and "minutes.pdf" in text and "paste them into the source pane" in text
    assert not dialog.source_view.isReadOnly()
    assert dialog.model.rowCount() == 0 and not dialog.save_button.isEnabled()


def test_text_without_recommendations_explains_what_to_do(open_dialog):
    dialog = open_dialog(text="Minutes of the meeting. The Chair welcomed members.\n\nThe meeting closed.")
    assert dialog.model.rowCount() == 0
    assert (
        dialog.review.banner.isVisibleTo(dialog)
        and "No recommendations were found" in dialog.review.banner.text()
    )


def test_a_response_is_seen_for_itself_and_unticking_reads_it_again_without_answers(qtbot, open_dialog):
    dialog = open_dialog(text=LETTER_TEXT)  # "With responses" never ticked: the parser sees it
    assert dialog.responses_check.isChecked()
    assert not dialog.grid.isColumnHidden(ProposalModel.POSITION)
    assert cell(dialog, 0, ProposalModel.POSITION) == "Accepted"
    assert "published in the spring" in cell(dialog, 0, ProposalModel.RESPONSE)
    assert "reads as a response" in dialog.status.text()
    dialog.responses_check.setChecked(False)  # the person's choice wins
    wait_for_proposal(qtbot, dialog)
    assert dialog.grid.isColumnHidden(ProposalModel.POSITION)
    assert cell(dialog, 0, ProposalModel.RESPONSE) == ""
    dialog.undo_stack.undo()  # the re-run is one undoable step
    assert "published in the spring" in cell(dialog, 0, ProposalModel.RESPONSE)


# --- correcting ------------------------------------------------------------------------------------


def test_split_at_the_cursor_then_renumber(open_dialog, tmp_path):
    dialog = open_dialog(write_txt(tmp_path))
    dialog.review.select_row(2)
    text = dialog.item_editor.toPlainText()
    cursor = dialog.item_editor.textCursor()
    cursor.setPosition(text.index("The Mayor should also"))
    dialog.item_editor.setTextCursor(cursor)
    dialog.actions.split.trigger()
    assert numbers(dialog) == ["1", "2", "3", "3a", "4"]
    assert cell(dialog, 2, ProposalModel.TEXT).endswith("after high tides.")
    assert cell(dialog, 3, ProposalModel.TEXT).startswith("The Mayor should also fund")
    # The deadline follows the sentence it came from.
    assert (
        cell(dialog, 2, ProposalModel.PHRASE) == ""
        and cell(dialog, 3, ProposalModel.PHRASE) == "by spring 2027"
    )
    dialog.actions.renumber.trigger()
    assert numbers(dialog) == ["1", "2", "3", "4", "5"]
    dialog.actions.undo.trigger()
    dialog.actions.undo.trigger()
    assert numbers(dialog) == ["1", "2", "3", "4"]
    dialog.actions.redo.trigger()
    assert numbers(dialog) == ["1", "2", "3", "3a", "4"]


def test_merge_with_next_keeps_both_texts_and_addressees(open_dialog, tmp_path):
    dialog = open_dialog(write_txt(tmp_path))
    dialog.review.select_row(0)
    dialog.actions.merge.trigger()
    assert numbers(dialog) == ["1", "3", "4"]
    merged = dialog.model.recommendations()[0]
    assert merged.text.split("\n\n")[1].startswith("Transport for London should report")
    assert [a.name for a in merged.addressees] == ["Mayor of London", "Transport for London"]
    dialog.undo_stack.undo()
    assert numbers(dialog) == ["1", "2", "3", "4"]


def test_edit_in_place_validates_dates_and_can_be_undone(open_dialog, tmp_path):
    dialog = open_dialog(write_txt(tmp_path))
    model = dialog.model
    assert model.setData(model.index(1, ProposalModel.DEADLINE), "30/6/2027")
    assert model.recommendations()[1].deadline == dt.date(2027, 6, 30)
    assert not model.setData(model.index(1, ProposalModel.DEADLINE), "31/2/2027")
    assert "not a real deadline" in dialog.status.text()
    assert model.recommendations()[1].deadline == dt.date(2027, 6, 30)
    assert model.setData(model.index(1, ProposalModel.NUMBER), " 2A ")
    assert numbers(dialog) == ["1", "2A", "3", "4"]
    dialog.undo_stack.undo()
    dialog.undo_stack.undo()
    assert model.recommendations()[1].deadline is None and numbers(dialog)[1] == "2"


def test_addressees_typed_or_picked_from_the_register(open_dialog, services, monkeypatch, tmp_path):
    dialog = open_dialog(write_txt(tmp_path))
    model = dialog.model
    assert model.setData(
        model.index(3, ProposalModel.ADDRESSEES), "mayor of london; with Transport for London"
    )
    rec = model.recommendations()[3]
    mayor = find_body(services.bodies.list(), "Mayor of London")
    assert rec.addressees[0] == ProposedAddressee("Mayor of London", mayor.id, AddresseeRole.LEAD)
    # Not in the register: kept, marked as new (saving adds the body).
    assert rec.addressees[1] == ProposedAddressee("Transport for London", None, AddresseeRole.PARTNER)
    assert "Transport for London" in model.index(3, ProposalModel.ADDRESSEES).data(
        Qt.ItemDataRole.ToolTipRole
    )
    dft = find_body(services.bodies.list(), "DfT")
    picked = (ProposedAddressee(dft.name, dft.id),)
    monkeypatch.setattr(AddresseePicker, "ask", classmethod(lambda cls, parent, bodies, current: picked))
    dialog.review.select_row(3)
    dialog.actions.addressees.trigger()
    assert model.recommendations()[3].addressees == picked


def test_delete_and_add_rows(open_dialog, tmp_path):
    dialog = open_dialog(write_txt(tmp_path))
    dialog.review.select_row(1)
    dialog.actions.delete.trigger()
    assert numbers(dialog) == ["1", "3", "4"]
    dialog.actions.add.trigger()
    assert numbers(dialog) == ["1", "3", "5", "4"]  # after the row that took the deleted one's place
    assert "Row 3 (5) has no text" in dialog.review.warnings_list.item(0).text()
    assert not dialog.save_button.isEnabled() or dialog.review.warnings_list.item(0).text().startswith("Fix")


# --- saving or not ---------------------------------------------------------------------------------


def test_saving_writes_exactly_the_corrected_items(qtbot, open_dialog, services, tmp_path):
    dialog = open_dialog(write_txt(tmp_path))
    model = dialog.model
    dialog.review.select_row(0)
    dialog.actions.merge.trigger()  # 1+2 → 1
    model.setData(
        model.index(1, ProposalModel.TEXT), "The Mayor should agree a protocol with boat operators."
    )
    dialog.actions.renumber.trigger()
    dialog.title_edit.setText("Riverside paths")
    dialog.fields.reference_edit.setText("TEC-2026-09")
    dialog.fields.committee_combo.setCurrentText("Transport and Environment Committee")
    dialog.fields.published_edit.setText("1 October 2026")
    assert dialog.save_button.text() == "Import 3 recommendations"
    dialog.save_button.click()
    wait_for_save(qtbot, dialog)  # one transaction, on a worker thread
    assert dialog.result() == ImportReviewDialog.DialogCode.Accepted
    report = services.reports.get("TEC-2026-09")
    assert dialog.saved is not None and dialog.saved.id == report.id
    assert report.title == "Riverside paths" and report.published == dt.date(2026, 10, 1)
    assert report.committee == "Transport and Environment Committee"
    assert [r.label for r in report.recommendations] == ["1", "2", "3"]
    assert report.recommendations[0].text.startswith("The Mayor should publish")
    assert "Transport for London should report" in report.recommendations[0].text
    assert report.recommendations[1].text == "The Mayor should agree a protocol with boat operators."
    assert report.recommendations[0].deadline == dt.date(2027, 3, 31)
    assert report.source is not None and report.source.filename == "riverside-paths.txt"


def test_duplicate_numbers_block_saving_until_fixed(open_dialog, services, messages, tmp_path):
    dialog = open_dialog(write_txt(tmp_path))
    dialog.model.setData(dialog.model.index(1, ProposalModel.NUMBER), "1")
    before = len(services.reports.list())
    dialog.save()
    assert messages and "Number 1 is used twice" in messages[-1].text
    assert len(services.reports.list()) == before and dialog.isVisible()


def test_cancel_with_corrections_asks_then_writes_nothing(
    open_dialog, services, messages, monkeypatch, tmp_path
):
    dialog = open_dialog(write_txt(tmp_path))
    before = [r.reference for r in services.reports.list()]
    dialog.model.renumber()  # no change (already 1..4): nothing to lose yet
    dialog.reject()
    assert messages == [] and dialog.result() == ImportReviewDialog.DialogCode.Rejected

    dialog = open_dialog(write_txt(tmp_path))
    dialog.model.delete([0])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    dialog.reject()
    assert dialog.isVisible()  # kept open: the person chose not to discard
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert not dialog.isVisible()
    assert [r.reference for r in services.reports.list()] == before


def test_run_returns_the_saved_report(qtbot, services, demo, messages, monkeypatch):
    add_every_new_body(monkeypatch)

    def exec_(self):  # what the person does while the dialog's event loop runs
        wait_for_proposal(qtbot, self)
        self.title_edit.setText("Pasted report")
        self.save()
        wait_for_save(qtbot, self)
        return self.result()

    monkeypatch.setattr(ImportReviewDialog, "exec", exec_)
    report = ImportReviewDialog.run(None, services, text=REPORT_TEXT)
    assert report is not None and report.title == "Pasted report"
    assert len(services.reports.get(report.id).recommendations) == 4


@pytest.fixture
def gate(monkeypatch):
    """Holds a worker at a step until the test opens it, so what the GUI does meanwhile is seen."""
    import threading

    opened = threading.Event()

    def hold(real):
        def held(*args, **kwargs):
            assert opened.wait(15), "the test never opened the gate"
            return real(*args, **kwargs)

        return held

    opened.hold = hold
    yield opened
    opened.set()


def test_a_paste_is_proposed_off_the_gui_thread_and_can_be_cancelled(
    qtbot, services, demo, messages, monkeypatch, gate
):
    from correspondence_desk.core import importing

    monkeypatch.setattr(importing, "propose", gate.hold(importing.propose))
    dialog = ImportReviewDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_text(REPORT_TEXT)
    op = dialog.proposer.op
    assert op is not None and not op.done and dialog.model.rowCount() == 0  # the GUI thread is free
    assert not dialog.source.find_button.isEnabled() and "Finding recommendations" in dialog.status.text()
    progress = dialog.findChild(QProgressDialog)
    assert progress is not None and progress.labelText() == "Finding recommendations…"
    progress.canceled.emit()  # what its Cancel button does
    gate.set()
    qtbot.waitUntil(lambda: op.done)
    assert op.was_cancelled and dialog.model.rowCount() == 0 and messages == []
    assert dialog.status.text() == "Finding recommendations was cancelled."
    dialog.find_in_pasted_text()  # and again, to the end
    wait_for_proposal(qtbot, dialog)
    assert numbers(dialog) == ["1", "2", "3", "4"]


def test_saving_runs_off_the_gui_thread_and_a_late_cancel_keeps_what_was_saved(
    qtbot, open_dialog, services, monkeypatch, gate, tmp_path
):
    from correspondence_desk.ui.common import background

    dialog = open_dialog(write_txt(tmp_path))
    dialog.title_edit.setText("Riverside paths")
    real_save = services.importing.save

    def save_then_cancel(*args, **kwargs):
        result = real_save(*args, **kwargs)
        background.cancel_background_work()  # Cancel pressed while the transaction committed
        return result

    monkeypatch.setattr(services.importing, "save", gate.hold(save_then_cancel))
    before = len(services.reports.list())
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.saving is not None and not dialog.saving.done
    assert not dialog.grid.isEnabled() and not dialog.title_edit.isEnabled()  # no edits while it saves
    dialog.reject()  # the dialog's Cancel waits for the one transaction
    assert dialog.isVisible()
    gate.set()
    wait_for_save(qtbot, dialog)
    assert dialog.saving.was_cancelled
    assert dialog.result() == ImportReviewDialog.DialogCode.Accepted and dialog.saved is not None
    assert len(services.reports.list()) == before + 1
    assert services.reports.get(dialog.saved.id).title == "Riverside paths"


def test_a_big_pdf_reads_in_the_background_and_can_be_cancelled(qtbot, services, demo, messages, tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "long-report.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, 301):
        for line in range(40):
            pdf.drawString(
                60, 800 - line * 18, f"Page {page} line {line}: the Committee heard evidence on paths."
            )
        pdf.showPage()
    pdf.save()

    dialog = ImportReviewDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_file(path)
    op = dialog.proposer.op
    assert op is not None
    with qtbot.waitSignal(op.progressed, timeout=15_000):
        pass  # the worker is reading pages while the GUI thread stays free
    progress = dialog.findChild(QProgressDialog)
    assert progress is not None and progress.windowModality() == Qt.WindowModality.WindowModal
    with qtbot.waitSignal(op.finished, timeout=15_000):
        progress.canceled.emit()  # what its Cancel button does
    assert op.was_cancelled and dialog.model.rowCount() == 0
    assert "cancelled" in dialog.status.text() and messages == []
    assert dialog.source.open_button.isEnabled()


# --- the grid model on its own ---------------------------------------------------------------------


def test_the_grid_model_passes_qt_model_checks(qtmodeltester):
    model = ProposalModel()
    model.load(
        [
            ProposedRecommendation("1", "The Mayor should act.", "4", (ProposedAddressee("Mayor", 1),)),
            ProposedRecommendation(
                "2", "TfL should report.\n\nIt should publish.", position=Position.ACCEPTED
            ),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, ProposalModel.POSITION).data() == "Accepted"


def test_the_grid_model_passes_qt_model_checks_through_every_correction(qtmodeltester):
    model = ProposalModel()
    model.load(
        [ProposedRecommendation(str(n), f"Body {n} should act.\n\nIt should report.") for n in (1, 2, 3)]
    )
    assert model.split(1, len("Body 2 should act."))
    assert model.merge_with_next(0)
    assert model.setData(model.index(0, ProposalModel.POSITION), Position.NOTED.value)
    model.insert_after(-1)
    assert model.renumber() and model.delete([0, 2])
    qtmodeltester.check(model)
    while model.undo_stack.canUndo():
        model.undo_stack.undo()
    qtmodeltester.check(model)
    assert [r.number for r in model.recommendations()] == ["1", "2", "3"]
    model.replace_all([])
    qtmodeltester.check(model)  # and empty


def test_split_moves_cursor_text_only_when_inside(open_dialog, tmp_path):
    dialog = open_dialog(write_txt(tmp_path))
    dialog.review.select_row(1)
    dialog.item_editor.moveCursor(QTextCursor.MoveOperation.Start)
    dialog.actions.split.trigger()  # nothing to split at the very start of a one-paragraph item
    assert numbers(dialog) == ["1", "2", "3", "4"] and "cursor" in dialog.status.text()


def test_the_whole_flow_works_from_the_keyboard(qtbot, open_dialog, tmp_path):
    dialog = open_dialog(write_txt(tmp_path))
    dialog.grid.setFocus()
    dialog.review.select_row(1)
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Delete)
    assert numbers(dialog) == ["1", "3", "4"]
    qtbot.keyClick(dialog.grid, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert numbers(dialog) == ["1", "2", "3"]
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert numbers(dialog) == ["1", "3", "4"]
    named = [
        w for w in dialog.findChildren(QWidget) if w.isVisibleTo(dialog) and w.focusPolicy() != Qt.NoFocus
    ]
    unnamed = [type(w).__name__ for w in named if not w.accessibleName() and w.parent() is not dialog.grid]
    assert not [
        n for n in unnamed if n in {"QLineEdit", "QPlainTextEdit", "QComboBox", "QCheckBox", "QPushButton"}
    ]


def test_the_addressee_picker_lists_the_register_and_new_names(services, demo, qtbot):
    bodies = services.bodies.list()
    mayor = find_body(bodies, "the Mayor")
    picker = AddresseePicker(
        bodies, (ProposedAddressee(mayor.name, mayor.id), ProposedAddressee("Port Authority", None))
    )
    qtbot.addWidget(picker)
    assert [a.name for a in picker.addressees()] == ["Mayor of London", "Port Authority"]
    picker.filter.setText("transport")
    visible = [
        picker.partners.item(i)
        for i in range(picker.partners.count())
        if not picker.partners.item(i).isHidden()
    ]
    assert {item.data(Qt.ItemDataRole.UserRole + 1)[0] for item in visible} == {
        "Capital Transport Authority",
        "Department for Transport",
    }
    visible[0].setCheckState(Qt.CheckState.Checked)
    roles = {a.name: a.role for a in picker.addressees()}
    assert roles[visible[0].data(Qt.ItemDataRole.UserRole + 1)[0]] == AddresseeRole.PARTNER


def test_text_typed_for_one_item_is_kept_when_another_is_chosen(qtbot, open_dialog, tmp_path):
    dialog = open_dialog(write_txt(tmp_path))
    dialog.review.select_row(1)
    dialog.item_editor.setFocus()
    dialog.item_editor.selectAll()
    qtbot.keyClicks(dialog.item_editor, "Transport for London should report monthly.")
    qtbot.mouseClick(
        dialog.grid.viewport(),
        Qt.MouseButton.LeftButton,
        pos=dialog.grid.visualRect(dialog.model.index(3, 1)).center(),
    )
    assert dialog.model.recommendations()[1].text == "Transport for London should report monthly."
    assert dialog.review.current_row() == 3 and dialog.item_editor.toPlainText().startswith(
        "Transport for London should publish"
    )
    dialog.undo_stack.undo()
    assert dialog.model.recommendations()[1].text.startswith(
        "Transport for London should report to the Committee"
    )

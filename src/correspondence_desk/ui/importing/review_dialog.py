"""Import review: the parser's proposal next to the source text, corrected by the person, then saved.

The main window calls `ImportReviewDialog.run(parent, services, path=..., text=...)`; the report editor
calls it with `into=` the report shown, to add recommendations to it (an addendum, ones left out): then
the report's own fields are not asked for, its numbers are taken and Renumber starts after them.
Nothing is written until the person clicks "Import N recommendations" ("Add N … to R-2026-001").
The dialog holds the report's fields (top, `ReportFields`), a past letter's header (`LetterPanel`),
the source (left, `SourcePane`) and the review (right, `ReviewPane`: the grid, the selected item's
text in an `ItemEditor`, the warnings). The slow parts run off the GUI thread with progress and
Cancel: reading and proposing (`Proposer`) and saving (`ImportSaver`, saving.py).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk import APP_NAME
from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.importing import review, suggest_title
from correspondence_desk.core.records import ImportResult, ReportDetail
from correspondence_desk.core.text import count
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.background import BackgroundOp
from correspondence_desk.ui.common.widgets import fit_to_screen
from correspondence_desk.ui.importing.into_report import adding_to, next_free_number, numbers_taken
from correspondence_desk.ui.importing.letter_panel import LetterPanel
from correspondence_desk.ui.importing.proposer import Kind, ParseWith, Proposer, Reading
from correspondence_desk.ui.importing.report_form import ReportFields
from correspondence_desk.ui.importing.review_actions import make_review_actions
from correspondence_desk.ui.importing.review_pane import ReviewPane
from correspondence_desk.ui.importing.saving import ImportSaver
from correspondence_desk.ui.importing.widgets import SourcePane

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

FILE_FILTER = (
    "Reports (*.pdf *.docx *.txt *.md);;PDF (*.pdf);;Word (*.docx);;Text (*.txt *.md);;All files (*)"
)
PASTE_INSTEAD = (
    "You can still import it: copy the recommendations from the document, paste them into the source "
    "pane on the left and click Find recommendations."
)
NOTHING_FOUND = (
    "No recommendations were found in {name}. If the report lists them under another heading, copy "
    "that part, paste it on the left and click Find recommendations (Ctrl+Enter); or add them one by "
    "one (Ctrl+N)."
)


def _import_buttons() -> tuple[QDialogButtonBox, QPushButton]:
    """Import and Cancel, neither of them a default button."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    save = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
    save.setObjectName("importSaveButton")
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setAccessibleName("Cancel the import")
    for push in (save, cancel):
        push.setDefault(False)
        push.setAutoDefault(False)
    return buttons, save


class ImportReviewDialog(QDialog):
    def __init__(
        self, services: Services, parent: QWidget | None = None, into: ReportDetail | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.into = into
        self.saved: ReportDetail | None = None
        self.saver = ImportSaver(self)
        self.reading: Reading | None = None  # the document the rows were proposed from
        self._responses_choice: bool | None = None  # None until the person ticks or unticks the box
        self.setObjectName("importReviewDialog")
        self.setWindowTitle(
            f"Import recommendations — {APP_NAME}"
            if into is None
            else f"Add recommendations to {into.reference} — {APP_NAME}"
        )
        self.setSizeGripEnabled(True)
        fit_to_screen(self, 1280, 800)

        bodies = services.bodies.list()
        self.proposer = Proposer(self, bodies)
        self.fields = ReportFields([c.name for c in services.committees.list()])
        self.letter_panel = LetterPanel(services.contacts.list())
        self.source = SourcePane(self.open_file, self.find_in_pasted_text)
        self.review = ReviewPane(bodies, self._highlight)
        if into is not None:
            self.review.extra_problems = numbers_taken(into)
            self.review.number_from = next_free_number(into)
        # the parts a person (and a test) reaches most
        self.model, self.undo_stack, self.grid = self.review.model, self.review.undo_stack, self.review.grid
        self.item_editor, self.source_view = self.review.item_editor, self.source.view
        self.title_edit, self.responses_check = self.fields.title_edit, self.fields.responses_check
        self._lay_out()
        self.actions = make_review_actions(
            self, self, self.review, self.undo_stack, self.grid, self.review.toolbar
        )
        self.fields.problem.connect(self.show_problem)
        self.fields.published_changed.connect(self._published_changed)
        self.fields.responses_toggled.connect(self._with_responses_toggled)
        self.review.problem.connect(self.show_problem)
        self.review.changed.connect(self._refresh)
        self.proposer.proposed.connect(self._proposed)
        self.proposer.failed.connect(self._reading_failed)
        self.proposer.cancelled.connect(self._reading_cancelled)
        self.proposer.busyChanged.connect(self._set_busy)
        self.source.set_paste_mode(True)
        self.grid.set_response_columns(False)
        self._refresh()

    # --- the entry point ------------------------------------------------------------------------

    @classmethod
    def run(
        cls,
        parent: QWidget | None,
        services: Services,
        path: Path | None = None,
        text: str | None = None,
        into: ReportDetail | None = None,
    ) -> ReportDetail | None:
        """Review and save an import (as a new report, or `into` one); the saved report, or None if the
        person cancelled."""
        dialog = cls(services, parent, into=into)
        dialog.start(path, text)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        saved = dialog.saved if accepted else None
        dialog.deleteLater()
        return saved

    def start(self, path: Path | None = None, text: str | None = None) -> None:
        if path is not None:
            self.load_file(Path(path))
        elif text is not None:
            self.load_text(text)
        else:
            QTimer.singleShot(0, self.open_file)  # once the dialog is up; cancelling leaves it for pasting

    def _lay_out(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.source)
        self.splitter.addWidget(self.review)
        self.splitter.setSizes([400, 880])
        self.status = QLabel(wordWrap=True)
        self.status.setAccessibleName("Status")
        self.buttons, self.save_button = _import_buttons()
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.letter_panel)
        if self.into is not None:
            self.fields.hide()  # the report is logged: its title, dates and committee are not asked again
            self.into_label = QLabel(adding_to(self.into))
            self.into_label.setObjectName("importIntoLabel")
            self.into_label.setWordWrap(True)
            layout.addWidget(self.into_label)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

    # --- reading and proposing (off the GUI thread, through the proposer) -----------------------

    def open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open a report", str(Path.home()), FILE_FILTER)
        if name:
            self.load_file(Path(name))
        else:
            self.source_view.setFocus()

    def load_file(self, path: Path) -> None:
        """Read the file off the GUI thread (progress and Cancel), then propose its recommendations."""
        self._responses_choice = None  # a new document: the parser sees whether it is a response
        self.proposer.read_file(path, self._parse_with())

    def load_text(self, text: str) -> None:
        self.source_view.setPlainText(text)
        self.find_in_pasted_text()

    def find_in_pasted_text(self) -> None:
        text = self.source_view.toPlainText()
        if not text.strip():
            self.show_problem("Paste the report's text on the left first.")
            self.source_view.setFocus()
            return
        self.proposer.read_text(text, self._parse_with())

    def _parse_with(self) -> ParseWith:
        if self.into is not None:  # relative deadlines count from the report's own publication
            return ParseWith(self.into.published, False)
        return ParseWith(self.fields.published_or_none(), self._responses_choice)

    def _read_again(self, kind: Kind) -> None:
        if self.reading is not None:
            self.proposer.read_again(kind, self.reading.doc, self.reading.source, self._parse_with())

    def _with_responses_toggled(self, checked: bool) -> None:
        """The person ticked or unticked "With responses": their choice wins over what was detected."""
        self._responses_choice = checked
        self._show_response_columns(checked)
        self._read_again("responses")

    def _show_letter(self) -> None:
        """The past letter's header, while its responses are being imported."""
        letter = self.reading.proposal.letter if self.reading is not None else None
        shown = self.into is None and self.responses_check.isChecked()
        if (letter if shown else None) != self.letter_panel.letter:
            self.letter_panel.show_letter(letter if shown else None)

    def _show_response_columns(self, checked: bool) -> None:
        # with two text columns there is no room for the reasons: the selected one's is under the grid
        # and every row's is in its "Sure" cell's tool tip
        self.grid.setColumnHidden(self.model.WHY, checked)
        self.grid.set_response_columns(checked)
        if checked:  # four columns of text now: give the grid more of the width
            total = sum(self.splitter.sizes())
            if total and self.splitter.sizes()[0] > total * 0.3:
                self.splitter.setSizes([int(total * 0.28), total - int(total * 0.28)])

    def _published_changed(self) -> None:
        # Relative deadlines ("within six months") count from publication: re-read while nothing is edited.
        if self.undo_stack.count() == 0:
            self._read_again("published")

    def _proposed(self, reading: Reading) -> None:
        untouched = self.undo_stack.count() == 0
        if reading.kind == "published" and not untouched:
            return  # edited while it was read again: the person's corrections win
        if reading.kind in ("file", "paste"):
            self._use_document(reading)
        if self._responses_choice is None and self.into is None:
            self._detected(reading.proposal.is_response)
        # The first proposal, or one re-read before any correction, is no step to undo.
        first = reading.kind == "published" or (
            reading.kind != "responses" and untouched and self.model.rowCount() == 0
        )
        self.reading = reading
        self._show_letter()
        self.review.show_proposal(reading.proposal.recommendations, reading.proposal.warnings, first)
        if not self.model.rowCount():
            self.review.show_banner(NOTHING_FOUND.format(name=reading.doc.filename or "the text"))
            self.source.set_paste_mode(True)

    def _use_document(self, reading: Reading) -> None:
        doc = reading.doc
        self.source.set_paste_mode(reading.kind == "paste")
        if reading.kind == "file":
            self.source_view.setPlainText(doc.text)
        self.source.set_name(doc.filename)
        if self.into is not None:
            return
        report = reading.proposal.report
        title = report.title or suggest_title(doc)  # the document's own title, else its first heading
        if reading.kind == "paste" and title in (Path(doc.filename).stem, doc.filename):
            title = ""  # "pasted text" is no title (a file's name is a start)
        self.fields.propose(replace(report, title=title))

    def _detected(self, is_response: bool) -> None:
        """Tick (or untick) "With responses" for what the document turned out to be, without reading
        it again: the proposal already has the responses when it is one."""
        with QSignalBlocker(self.responses_check):
            self.responses_check.setChecked(is_response)
        self._show_response_columns(is_response)
        if is_response:
            self.show_problem(
                "This reads as a response: each answer and position is proposed too (untick With "
                "responses to import the recommendations alone).",
                error=False,
            )

    def _reading_failed(self, kind: str, exc: BaseException) -> None:
        if not isinstance(exc, DeskError):
            dialogs.show_failure(
                self, exc, "reading the file" if kind == "file" else "finding recommendations", log_bug=False
            )
        elif kind == "file":
            dialogs.show_error(self, f"{exc}\n\n{PASTE_INSTEAD}", "Cannot read the file")
            self.source.set_paste_mode(True)
            self.source_view.setFocus()
        else:
            self.show_problem(str(exc))

    def _reading_cancelled(self, message: str) -> None:
        self.show_problem(message, error=False)

    def _highlight(self, text: str | None) -> None:
        """Mark the selected recommendation's place in the source text."""
        self.source_view.highlight(review.locate(self.source_view.toPlainText(), text) if text else None)

    # --- state shown ----------------------------------------------------------------------------

    def _refresh(self) -> None:
        rows, row = self.model.rowCount(), self.review.current_row()
        what = count(rows, "recommendation")
        self.save_button.setText(
            f"Import {what}" if self.into is None else f"Add {what} to {self.into.reference}"
        )
        self.save_button.setAccessibleName(self.save_button.text())
        self.save_button.setEnabled(rows > 0 and not self.busy())
        for act in self.actions.row_actions():
            act.setEnabled(row >= 0)
        self.actions.merge.setEnabled(0 <= row < rows - 1)
        self.actions.renumber.setEnabled(rows > 0)

    def show_problem(self, message: str, error: bool = True) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("color: #a4262c;" if error else "")

    def _set_busy(self, busy: bool, message: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(message)
        for widget in (self.source.open_button, self.source.find_button):
            widget.setEnabled(not busy)
        self.save_button.setEnabled(not self.busy() and self.model.rowCount() > 0)

    def busy(self) -> bool:
        return self.proposer.busy or self.saver.running

    # --- saving (saving.py) / leaving ----------------------------------------------------------

    @property
    def saving(self) -> BackgroundOp[ImportResult | ReportDetail] | None:
        return self.saver.op

    def save(self) -> None:
        self.saver.save()

    def has_unsaved_edits(self) -> bool:
        return self.model.rowCount() > 0 and not self.undo_stack.isClean()

    def reject(self) -> None:
        if self.saver.running:
            return  # the save is one transaction: it finishes (or its progress dialog's Cancel stops it)
        self.proposer.cancel()
        if self.has_unsaved_edits() and not self._confirm_discard():
            return
        self.undo_stack.setClean()  # asked once; closeEvent must not ask again
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.saver.running or (self.has_unsaved_edits() and not self._confirm_discard()):
            event.ignore()
            return
        self.undo_stack.setClean()
        super().closeEvent(event)

    def _confirm_discard(self) -> bool:
        return dialogs.ask_discard(
            self,
            "You have corrected this proposal. Close without importing and lose the corrections?",
            "Discard the import?",
        )

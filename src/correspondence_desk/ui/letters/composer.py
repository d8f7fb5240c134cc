"""The letter composer: edit a letter and its responses beside a live preview of the exact PDF;
print, save as PDF, export to Word, and issue it.

Edits are kept in the widgets until Save (Ctrl+S); the preview and every print or export use what
is on screen, so what you see is what prints. An issued letter is read-only and always prints its
stored bytes. Saving passes the version read, so a change made meanwhile elsewhere is reported
(ConflictError) and the letter reloaded, never silently overwritten.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk import APP_NAME
from correspondence_desk.core.dates import long_date
from correspondence_desk.core.errors import ConflictError, DeskError
from correspondence_desk.core.printing import render_letter_docx, render_letter_pdf
from correspondence_desk.core.records import LetterDetail
from correspondence_desk.core.text import safe_filename
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.background import BackgroundOp
from correspondence_desk.ui.common.pdf_preview import PdfPreview
from correspondence_desk.ui.common.printing import ask_printer, page_count, print_pdf
from correspondence_desk.ui.letters.form import LetterForm, changes_from
from correspondence_desk.ui.letters.recommendation_picker import RecommendationPicker
from correspondence_desk.ui.letters.responses_panel import ResponsesPanel
from correspondence_desk.ui.letters.standard_lines import StandardLinesDialog

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

# A render costs roughly 25 ms plus 5 ms per 1,000 characters (the demo letter, 4,400 characters,
# ~30-45 ms with its preview; bench/bench_composer.py): beyond this it could be felt while typing,
# so it runs off the GUI thread.
BIG_LETTER_CHARS = 12_000
PRINT_IN_BACKGROUND_PAGES = 4  # each page takes ~0.4 s to rasterise at 300 dpi


@contextlib.contextmanager
def busy() -> Iterator[None]:
    """A wait cursor for work of a second or so on the GUI thread."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class LetterComposer(QWidget):
    back_requested = Signal()
    letter_changed = Signal(int)  # saved, issued or a new version made: the list should refresh

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.letter: LetterDetail | None = None

        self.actions_by_name: dict[str, QAction] = {}
        self.action_save = self._action(
            "actionSaveLetter", "&Save letter", self.save, QKeySequence.StandardKey.Save
        )
        self.action_add = self._action(
            "actionAddRecommendations", "&Add recommendations…", self.add_recommendations
        )
        self.action_print = self._action(
            "actionPrint", "&Print…", self.print_letter, QKeySequence.StandardKey.Print
        )
        self.action_print_annex = self._action("actionPrintAnnex", "Print anne&x only…", self.print_annex)
        self.action_pdf = self._action("actionExportPdf", "Save P&DF…", self.export_pdf, "Ctrl+Shift+S")
        self.action_docx = self._action("actionExportDocx", "Export &Word…", self.export_docx)
        self.action_issue = self._action("actionIssueLetter", "&Issue letter…", self.issue)
        self.action_new_version = self._action("actionNewVersion", "New &version", self.new_version)
        self.action_lines = self._action("actionStandardLines", "S&tandard lines…", self.edit_standard_lines)

        self.back = QToolButton(self)
        self.back.setText("‹ All letters")
        self.back.setAccessibleName("Back to all letters")
        self.back.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.back.setAutoRaise(True)
        self.back.clicked.connect(self.back_requested)
        self.title = QLabel(self)
        self.title.setAccessibleName("Letter")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.state = QLabel(self)
        self.state.setAccessibleName("Letter status")
        header = QHBoxLayout()
        header.addWidget(self.back)
        header.addWidget(self.title)
        header.addWidget(self.state)
        header.addStretch(1)
        for action in (self.action_save, self.action_print, self.action_pdf, self.action_issue):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            header.addWidget(button)

        self.banner = QLabel(self)
        self.banner.setObjectName("issuedBanner")
        self.banner.setAccessibleName("Issued letter notice")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setStyleSheet(
            "QLabel#issuedBanner { background: palette(tool-tip-base); color: palette(tool-tip-text);"
            " border: 1px solid palette(mid); border-radius: 3px; padding: 6px 8px; }"
        )
        self.banner.hide()

        self.form = LetterForm(self)
        form_scroll = QScrollArea(self)
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        form_scroll.setWidget(self.form)
        form_scroll.setAccessibleName("Letter details")
        self.responses = ResponsesPanel(services, self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Letter parts")
        self.tabs.tabBar().setAccessibleName("Letter parts")
        self.tabs.addTab(form_scroll, "Le&tter")
        self.tabs.addTab(self.responses, "Re&sponses")
        self.preview = PdfPreview(self._render_request, self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("composerSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        self.form.edited.connect(self._edited)
        self.responses.model.edited.connect(self._edited)
        self.responses.add_requested.connect(self.add_recommendations)
        self.responses.remove_requested.connect(self.remove_response)
        # the preview follows the recommendation being answered
        self.responses.response_selected.connect(
            lambda resp: self.preview.show_text(resp.recommendation.text[:60])
        )
        self.tabs.currentChanged.connect(lambda _i: self._follow_selection())
        self._update_actions()

    def _action(self, name: str, text: str, slot: Callable[[], object], shortcut=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # active anywhere in the window, but only while the composer is shown (Qt ignores the
            # shortcuts of hidden widgets), so other pages can use the same keys
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def actions_for_menu(self) -> list[QAction]:
        groups = [
            [self.action_save, self.action_add],
            [self.action_print, self.action_print_annex, self.action_pdf, self.action_docx],
            [self.action_issue, self.action_new_version],
            [self.action_lines],
        ]
        actions: list[QAction] = []
        for group in groups:
            if actions:
                separator = QAction(self)
                separator.setSeparator(True)
                actions.append(separator)
            actions.extend(group)
        return actions

    # --- loading ------------------------------------------------------------------------------

    def open_letter(self, letter_id: int) -> None:
        self.form.set_contacts(self.services.contacts.list())
        self._show(self.services.letters.get(letter_id))

    def reload(self) -> None:
        if self.letter is None:
            return
        try:
            self.open_letter(self.letter.id)
        except DeskError as exc:  # deleted meanwhile, or the database went away
            self._error(str(exc))
            self.letter = None
            self.preview.clear()
            self._update_actions()
            self.back_requested.emit()

    def _show(self, letter: LetterDetail) -> None:
        self.letter = letter
        self.form.load(letter)
        self.form.set_read_only(letter.is_issued)
        lines = [] if letter.is_issued else self.services.composing.standard_lines()
        self.responses.load(letter.responses, lines, letter.is_issued)
        self.title.setText(letter.reference)
        if letter.is_issued:
            when = (
                f"{long_date(letter.issued_at.date())} at {letter.issued_at:%H:%M} UTC"
                if letter.issued_at
                else ""
            )
            how = "Imported as already sent" if letter.imported else f"Issued on {when}"
            self.banner.setText(
                f"<b>{how}.</b> This letter is locked: printing gives the stored copy"
                + (f" (SHA-256 {letter.issued_sha256[:16]}…)" if letter.issued_sha256 else "")
                + ". Use “New version” to start an editable copy."
            )
            self.banner.show()
        else:
            self.banner.hide()
        self._update_actions()
        self.preview.refresh_now()

    def _follow_selection(self) -> None:
        row = self.responses.current_row()
        if self.tabs.currentWidget() is self.responses and row >= 0:
            self.preview.show_text(self.responses.model.record(row).recommendation.text[:60])

    def _edited(self) -> None:
        self._update_actions()
        self.preview.schedule()

    def _update_actions(self) -> None:
        has = self.letter is not None
        issued = has and self.letter.is_issued
        dirty = self.is_dirty()
        self.action_save.setEnabled(has and not issued and dirty)
        self.action_add.setEnabled(has and not issued)
        for action in (self.action_print, self.action_print_annex, self.action_pdf, self.action_docx):
            action.setEnabled(has)
        self.action_issue.setEnabled(has and not issued)
        self.action_new_version.setEnabled(has and issued)
        if has:
            status = self.letter.status.value.capitalize()
            self.state.setText(f"{status}{' — unsaved changes' if dirty else ''}")

    # --- what is on screen ----------------------------------------------------------------------

    def current_letter(self) -> LetterDetail:
        """The letter exactly as on screen, unsaved edits included (what the preview shows)."""
        assert self.letter is not None
        if self.letter.is_issued:
            return self.letter
        values = self.form.values()
        return dataclasses.replace(
            self.letter,
            reference=values["reference"] or self.letter.reference,
            letter_date=values["letter_date"],
            recipient=self.form.contact(values["recipient_id"]),
            sender=self.form.contact(values["sender_id"]),
            subject=values["subject"],
            salutation=values["salutation"],
            body=values["body"],
            closing=values["closing"],
            copy_list=values["copy_list"],
            marking=values["marking"],
            annex_layout=values["annex_layout"],
            responses=self.responses.model.current(),
        )

    def is_dirty(self) -> bool:
        if self.letter is None or self.letter.is_issued:
            return False
        return bool(changes_from(self.letter, self.form.values())) or self.responses.model.is_dirty()

    def _is_big(self, letter: LetterDetail) -> bool:
        size = len(letter.body) + sum(len(r.text) + len(r.recommendation.text) for r in letter.responses)
        return size > BIG_LETTER_CHARS

    def _pdf_job(self, *, annex_only: bool = False) -> tuple[Callable[[], bytes], bool]:
        """A render of the letter as on screen (the stored bytes once issued), and whether it is big."""
        letter = self.current_letter()
        if letter.is_issued and not annex_only:
            stored = self.services.letters.issued_pdf(letter.id)
            if stored:
                return (lambda: stored), False
        return (lambda: render_letter_pdf(letter, annex_only=annex_only)), self._is_big(letter)

    def _render_request(self) -> tuple[Callable[[], bytes], bool]:
        if self.letter is None:
            return (lambda: b""), False
        return self._pdf_job()

    def _with_bytes(self, job: tuple[Callable[[], bytes], bool], then: Callable[[bytes], object]) -> None:
        """Run a render (in the background with a progress dialog when big), then `then(bytes)`."""
        work, big = job
        if not big:
            try:
                data = work()
            except DeskError as exc:
                self._error(str(exc))
                return
            then(data)
            return
        BackgroundOp(self, lambda _task: work(), doing="preparing the letter").with_progress(
            "Preparing the letter…"
        ).success(then).run_in_background()

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> bool:
        """Write the edits; False when nothing could be saved (the reason was shown)."""
        if self.letter is None or self.letter.is_issued:
            return True
        letter_id = self.letter.id
        try:
            changes = changes_from(self.letter, self.form.values())
            # Always pass the version read: even with no letter field changed this checks nobody
            # else changed the letter meanwhile.
            self.services.letters.update(letter_id, version=self.letter.version, **changes)
            for resp in self.responses.model.changed():
                self.services.letters.update_response(
                    resp.id, resp.version, text=resp.text, position=resp.position
                )
            if self.responses.model.order_changed():
                self.services.letters.reorder_responses(
                    letter_id, [r.id for r in self.responses.model.records()]
                )
        except ConflictError as exc:
            self._error(
                f"{exc}\n\nThe letter has been reloaded as it is now saved.", "Changed by someone else"
            )
            self.reload()
            return False
        except DeskError as exc:
            self._error(str(exc))
            return False
        self.open_letter(letter_id)
        self.letter_changed.emit(letter_id)
        return True

    def maybe_save(self) -> bool:
        """Before leaving the letter: True when it is fine to go (saved or discarded)."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            f"Unsaved changes — {APP_NAME}",
            f"Save the changes to letter {self.letter.reference}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.reload()
            return True
        return False

    # --- responses ------------------------------------------------------------------------------

    def add_recommendations(self) -> None:
        if self.letter is None or self.letter.is_issued or not self.maybe_save():
            return
        report_ids = list(dict.fromkeys(r.recommendation.report_id for r in self.letter.responses))
        if not report_ids:
            reports = self.services.reports.list()
            report_ids = [reports[0].id] if reports else []
        picker = RecommendationPicker(
            self.services,
            report_ids,
            letter_id=self.letter.id,
            already=[r.recommendation.id for r in self.letter.responses],
            parent=self,
        )
        if picker.exec() != QDialog.DialogCode.Accepted or not picker.chosen():
            return
        try:
            self.services.composing.add_recommendations(self.letter.id, picker.chosen())
        except DeskError as exc:
            self._error(str(exc))
        self.open_letter(self.letter.id)
        self.tabs.setCurrentWidget(self.responses)
        self.letter_changed.emit(self.letter.id)

    def remove_response(self, response_id: int) -> None:
        if self.letter is None or not self.maybe_save():
            return
        resp = next((r for r in self.letter.responses if r.id == response_id), None)
        if resp is None:
            return
        if not dialogs.confirm(
            self,
            f"Remove recommendation {resp.recommendation.label} and its response from this letter?",
            "Remove response",
        ):
            return
        try:
            self.services.letters.remove_response(response_id)
        except DeskError as exc:
            self._error(str(exc))
        self.open_letter(self.letter.id)
        self.letter_changed.emit(self.letter.id)

    # --- printing and exporting -------------------------------------------------------------------

    def print_letter(self) -> None:
        if self.letter is not None:
            self._with_bytes(self._pdf_job(), lambda pdf: self._print(pdf, self.letter.reference))

    def print_annex(self) -> None:
        if self.letter is not None:
            self._with_bytes(
                self._pdf_job(annex_only=True), lambda pdf: self._print(pdf, f"{self.letter.reference} annex")
            )

    def _print(self, pdf: bytes, title: str) -> None:
        printer = ask_printer(self, title)
        if printer is None:
            return
        try:
            pages = page_count(pdf)
        except ValueError as exc:
            self._error(f"The letter could not be printed: {exc}")
            return
        if pages <= PRINT_IN_BACKGROUND_PAGES:
            try:
                print_pdf(pdf, printer)
            except (OSError, ValueError) as exc:
                self._error(f"The letter could not be printed: {exc}")
            return
        # rasterising a long letter takes a few seconds: keep the window responsive, allow Cancel
        BackgroundOp(
            self,
            lambda task: print_pdf(pdf, printer, progress=task.progress, cancelled=task.is_cancelled),
            doing="printing the letter",
        ).with_progress(f"Printing {title}…").run_in_background()

    def export_pdf(self) -> None:
        if self.letter is not None:
            self._with_bytes(self._pdf_job(), lambda pdf: self._save_as(pdf, "pdf", "PDF documents (*.pdf)"))

    def export_docx(self) -> None:
        if self.letter is None:
            return
        letter = self.current_letter()
        self._with_bytes(
            ((lambda: render_letter_docx(letter)), self._is_big(letter)),
            lambda data: self._save_as(data, "docx", "Word documents (*.docx)"),
        )

    def _save_as(self, data: bytes, suffix: str, filter_: str) -> None:
        default = str(Path.home() / f"{safe_filename(self.letter.reference)}.{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, f"Save {suffix.upper()}", default, filter_)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != f".{suffix}":
            target = target.with_name(target.name + f".{suffix}")
        try:
            target.write_bytes(data)
        except OSError as exc:
            self._error(f"Could not write {target}: {exc.strerror or exc}")

    # --- issuing ------------------------------------------------------------------------------

    def issue(self) -> None:
        if self.letter is None or self.letter.is_issued:
            return
        if self.is_dirty() and not self.save():
            return
        letter = self.letter
        if not dialogs.confirm(
            self,
            f"Issue letter {letter.reference}?\n\nIt will be locked: no more edits, and every reprint gives "
            "exactly the same PDF. To change it afterwards you start a new version.",
            "Issue letter",
        ):
            return
        try:
            with busy():
                issued = self.services.letters.issue(letter.id, render_letter_pdf, letter.version)
        except ConflictError as exc:
            self._error(
                f"{exc}\n\nThe letter has been reloaded as it is now saved.", "Changed by someone else"
            )
            self.reload()
            return
        except DeskError as exc:
            self._error(str(exc))
            return
        self.open_letter(issued.id)
        self.letter_changed.emit(issued.id)

    def new_version(self) -> None:
        if self.letter is None:
            return
        try:
            copy = self.services.letters.new_version(self.letter.id)
        except DeskError as exc:
            self._error(str(exc))
            return
        self.open_letter(copy.id)
        self.letter_changed.emit(copy.id)

    def edit_standard_lines(self) -> None:
        StandardLinesDialog(self.services, self).exec()
        if self.letter is not None and not self.letter.is_issued:
            self.responses.lines.set_lines(self.services.composing.standard_lines())

    def _error(self, message: str, title: str = "Cannot do that") -> None:
        QMessageBox.warning(self, f"{title} — {APP_NAME}", message)

"""One report on screen: its heading, its details form and its recommendations grid.

The editor is the view. What a change means (saving it with its version, the undo step, following a
re-created recommendation's new id) is the `ReportController`'s; the editor shows what the controller
says, asks people what only they can answer (a reason, a file, whether to save details typed before
leaving) and says what went wrong. Beside the notes are the letters that answer the report.
Attaching a source file stores it off the GUI thread (a big PDF takes a moment to write).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.errors import DeskError, ImportFailedError, ValidationError
from correspondence_desk.core.records import NewRecommendation, RecommendationRecord, ReportDetail
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.background import BackgroundOp
from correspondence_desk.ui.common.history import HistoryDialog
from correspondence_desk.ui.common.widgets import ElidedLabel
from correspondence_desk.ui.common.writes import write_in_background
from correspondence_desk.ui.reports.controller import ReportController
from correspondence_desk.ui.reports.details_form import ReportDetailsForm
from correspondence_desk.ui.reports.forms import AddRecommendationDialog, next_label
from correspondence_desk.ui.reports.letters_panel import ReportLetters
from correspondence_desk.ui.reports.recommendations_grid import RecommendationsGrid
from correspondence_desk.ui.reports.timeline import RecommendationTimeline
from correspondence_desk.ui.reports.update_dialog import UpdateInput, ask_update

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

SOURCE_FILTER = "Report files (*.pdf *.docx *.txt *.md);;All files (*)"
TIMELINE_WIDTH = 300


class ReportEditor(QWidget):
    """Signals: `changed()` after any saved change (the list's counts may differ), `closeRequested()`,
    `openLetter(letter_id)`, `draftRequested(report_id)`, `importRequested()` (more recommendations
    from a file or pasted text), `shown(detail)` whenever the report shown is (re)loaded."""

    changed = Signal()
    closeRequested = Signal()
    openLetter = Signal(int)
    draftRequested = Signal(int)
    importRequested = Signal()
    shown = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportEditor")
        self._services = services
        self.controller = ReportController(services, self.ask_reason, self)
        self.undo_stack = self.controller.undo_stack
        self.model = self.controller.model
        self.attaching: BackgroundOp[ReportDetail] | None = None

        self.back = QToolButton()
        self.back.setText("← Reports")
        self.back.setAccessibleName("Back to the reports list")
        # Alt+Left is the window's: back to wherever the user came from (here: the list, or a dashboard)
        self.back.setToolTip("Back to the list of reports")
        self.back.setAutoRaise(True)
        self.back.clicked.connect(self.closeRequested)
        self.heading = ElidedLabel()
        self.heading.setObjectName("reportHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.heading, 1)
        # someone has taken this report offline: say so (a notice, not a lock)
        self.offline_notice = QLabel()
        self.offline_notice.setObjectName("offlineNotice")
        self.offline_notice.setAccessibleName("Offline copy notice")
        self.offline_notice.setWordWrap(True)
        self.offline_notice.setStyleSheet(
            "QLabel { background: #fff4ce; border: 1px solid #e0c060; padding: 4px; }"
        )
        self.offline_notice.hide()

        self.letters = ReportLetters()
        self.letters.openLetter.connect(self.openLetter)
        self.letters.draftRequested.connect(self._draft)
        self.form = ReportDetailsForm(side=self.letters)
        self.grid = RecommendationsGrid(self.model, self.controller.bodies)
        self.proxy, self.view = self.grid.proxy, self.grid.view
        self.timeline = RecommendationTimeline()
        # the grid keeps the width; the timeline wraps its entries in what is left
        self.lower = QSplitter(Qt.Orientation.Horizontal)
        self.lower.setObjectName("reportTimelineSplitter")
        self.lower.setChildrenCollapsible(True)
        self.lower.addWidget(self.grid)
        self.lower.addWidget(self.timeline)
        self.lower.setCollapsible(0, False)
        # on a small screen both give way, the timeline by a quarter, so the grid is not held at the
        # width of its buttons while the timeline keeps all of its own
        self.lower.setStretchFactor(0, 3)
        self.lower.setStretchFactor(1, 1)
        self.lower.setSizes([3 * TIMELINE_WIDTH, TIMELINE_WIDTH])
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("reportEditorSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.form)
        self.splitter.addWidget(self.lower)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self.form.sizeHint().height(), 10_000])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.offline_notice)
        layout.addWidget(self.splitter, 1)

        self.form.saveRequested.connect(self.save_details)
        self.form.attachRequested.connect(self.attach_source)
        self.form.openSourceRequested.connect(self.open_source)
        self.grid.addRequested.connect(self.add_recommendation)
        self.grid.importRequested.connect(self.importRequested)
        self.grid.deleteRequested.connect(self.delete_recommendation)
        self.grid.moveRequested.connect(self.move)
        self.controller.loaded.connect(self._show_afresh)
        self.controller.refreshed.connect(self._show_fresher)
        self.controller.selectRequested.connect(self.select_id)
        self.controller.failed.connect(self._failed)
        self.controller.changed.connect(self.changed)
        self.controller.updated.connect(lambda _rec_id: self.show_timeline())
        self.timeline.recordRequested.connect(self.record_update)
        self.timeline.openLetter.connect(self.openLetter)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.show_timeline())
        self.model.modelReset.connect(self.show_timeline)
        self.model.dataChanged.connect(lambda *_: self.show_timeline())

    @property
    def detail(self) -> ReportDetail | None:
        return self.controller.detail

    # --- loading ------------------------------------------------------------------------------

    def load(self, report_id: int) -> None:
        """Show a report (its undo history starts afresh) with its first recommendation selected."""
        self.form.set_committees(self.controller.committees())
        self.controller.load(report_id)
        if self.model.rowCount():
            self.view.selectRow(0)

    def reload(self) -> None:
        """Show the saved state again, keeping details typed but not yet saved (F5 must not lose them)."""
        self.controller.reload()

    def _show_afresh(self, detail: ReportDetail) -> None:
        self._show(detail, keep_typed=False)

    def _show_fresher(self, detail: ReportDetail) -> None:
        self._show(detail, keep_typed=True)

    def _failed(self, error: DeskError, doing: str) -> None:
        dialogs.show_desk_error(self, error, doing)

    def _show(self, detail: ReportDetail, keep_typed: bool) -> None:
        self.heading.setText(f"{detail.reference} — {detail.title}")
        self.heading.setToolTip(detail.title)
        self._show_offline_notice(detail.id)
        self.form.show_detail(detail, keep_typed=keep_typed)
        self.letters.show_letters(detail)
        self.grid.show_empty_state()
        self.grid.update_buttons()
        self.shown.emit(detail)

    def _show_offline_notice(self, report_id: int) -> None:
        try:
            notices = self._services.offline.notices(report_id)
        except DeskError:
            notices = []
        self.offline_notice.setText("\n".join(n.text() for n in notices))
        self.offline_notice.setVisible(bool(notices))

    # --- leaving ------------------------------------------------------------------------------

    def can_leave(self) -> bool:
        """Details typed but not saved: Save them (the default), Discard them, or Cancel and stay."""
        if self.detail is None or not self.form.is_dirty():
            return True
        answer = dialogs.ask_unsaved(self, f"Report {self.detail.reference}")
        if answer is dialogs.Unsaved.SAVE:
            return self.save_details()
        if answer is dialogs.Unsaved.DISCARD:
            self.form.revert()
            return True
        return False

    def _draft(self) -> None:
        if self.detail is not None:
            self.draftRequested.emit(self.detail.id)

    # --- history ------------------------------------------------------------------------------

    def show_report_history(self) -> None:
        if self.detail is not None:
            HistoryDialog.show_for(
                self, self._services, "report", self.detail.id, f"report {self.detail.reference}"
            )

    def show_recommendation_history(self) -> None:
        record = self.selected()
        if record is not None and self.detail is not None:
            title = f"recommendation {record.label} of {self.detail.reference}"
            HistoryDialog.show_for(self, self._services, "recommendation", record.id, title)

    # --- report details -----------------------------------------------------------------------

    def save_details(self) -> bool:
        if self.detail is None:
            return False
        try:
            new = self.form.changes()
        except ValidationError as error:
            dialogs.show_desk_error(self, error, "Saving the report")
            return False
        return self.controller.save_details(new)

    def ask_reason(self, what: str, old: dt.date) -> str:
        """Moving a date someone relied on needs a reason (kept in the audit log); "" means cancel."""
        text, ok = QInputDialog.getText(
            self,
            "Reason for the change",
            f"Why is {what} changing? (It was {long_date(old)}.)\nThe reason is kept in the history.",
        )
        return text.strip() if ok else ""

    # --- source file --------------------------------------------------------------------------

    def attach_source(self) -> None:
        """Keep a file with the report: read and stored on a worker thread, with progress."""
        if self.detail is None or (self.attaching is not None and not self.attaching.done):
            return
        name, _ = QFileDialog.getOpenFileName(self, "Attach the report's source file", "", SOURCE_FILTER)
        if not name:
            return
        path, report_id = Path(name), self.detail.id
        self.attaching = write_in_background(
            self,
            partial(self.controller.store_source, report_id, path),
            doing="attaching the file",
            progress=f"Attaching {path.name}…",
            done=self.controller.source_stored,
            failed=self._attach_failed,
        )

    def _attach_failed(self, error: BaseException) -> None:
        if isinstance(error, ImportFailedError):
            dialogs.show_error(self, str(error), "Attaching the file")
        elif isinstance(error, DeskError):
            dialogs.show_desk_error(self, error, "Attaching the file")
        else:
            dialogs.show_failure(self, error, "attaching the file", log_bug=False)

    def open_source(self) -> None:
        """Open the stored file with the system's viewer (from a private temporary copy)."""
        if self.detail is None or self.detail.source is None:
            return
        source = self.detail.source
        try:
            data = self._services.attachments.data(source.id)
        except DeskError as error:
            dialogs.show_desk_error(self, error, "Opening the source file")
            return
        folder = Path(tempfile.mkdtemp(prefix="correspondence-desk-"))
        path = folder / Path(source.filename).name
        path.write_bytes(data)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            dialogs.show_error(self, f"No program is set up to open {source.filename}.", "Opening the file")

    # --- recommendations ----------------------------------------------------------------------

    def selected(self) -> RecommendationRecord | None:
        return self.grid.selected()

    def select_id(self, rec_id: int) -> None:
        self.grid.select_id(rec_id)

    def add_recommendation(self) -> None:
        if self.detail is None:
            return
        item = AddRecommendationDialog.ask(next_label(self.model.records()), self)
        if item is not None:
            self.add(item)

    def add(self, item: NewRecommendation, at: int | None = None) -> bool:
        """Add a recommendation (at the end, or at row `at`) as one undoable step."""
        return self.detail is not None and self.controller.add(item, at)

    def delete_recommendation(self) -> None:
        record = self.selected()
        if record is None or self.detail is None:
            return
        if dialogs.confirm_action(
            self,
            f"Delete recommendation {record.label}? Draft responses to it are deleted too. "
            "You can undo this with Ctrl+Z.",
            "Delete recommendation",
            "Delete",
        ):
            self.delete(record)

    def delete(self, record: RecommendationRecord) -> bool:
        return self.controller.delete(record)

    def move(self, step: int) -> bool:
        record = self.selected()
        return record is not None and self.controller.move(record, step)

    # --- progress updates ---------------------------------------------------------------------

    def show_timeline(self) -> None:
        """The selected recommendation's updates and responses (read afresh: a handful of rows)."""
        record = self.selected()
        if record is None or self.detail is None:
            self.timeline.show_nothing()
            return
        try:
            updates = self.controller.history(record.id)
        except DeskError as error:  # gone meanwhile: the next reload says so
            self.timeline.show_nothing()
            self.timeline.browser.setPlainText(str(error))
            return
        responses = [r for r in self.detail.responses if r.recommendation.id == record.id]
        self.timeline.show_timeline(record, updates, responses, can_record=not self._services.read_only)

    def record_update(self) -> UpdateInput | None:
        """Record an update… for the selected recommendation: saved at once, undoable (Ctrl+Z)."""
        record = self.selected()
        if record is None or self.detail is None:
            return None

        def save(values: UpdateInput) -> bool:
            # the row as it is now: a failed try may have reloaded it with a newer version
            row = self.model.row_of(record.id)
            return row >= 0 and self.controller.record_update(self.model.record(row), values)

        return ask_update(self, record, save, self.detail.reference)

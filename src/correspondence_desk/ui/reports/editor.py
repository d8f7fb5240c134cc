"""One report: its details, its source file and its recommendations, edited in place with undo.

Every change is saved at once through the services (with the record's version, so a colleague's
change is detected, never overwritten) and pushed on the editor's QUndoStack as a step that can be
undone and redone. Recommendations re-created by an undo get new ids; `_ids` maps the id a step
first saw to the current one so later steps still find their row.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QResizeEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.errors import ConflictError, DeskError, ValidationError
from correspondence_desk.core.records import (
    Addressee,
    NewRecommendation,
    Position,
    Progress,
    RecommendationRecord,
    ReportDetail,
    ReportStatus,
)
from correspondence_desk.core.vocabulary import DATES_NEEDING_REASON
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.delegates import (
    AddresseeDelegate,
    ChoiceDelegate,
    DateDelegate,
    TextDelegate,
)
from correspondence_desk.ui.common.table_model import make_proxy
from correspondence_desk.ui.reports.forms import AddRecommendationDialog, DateField, next_label
from correspondence_desk.ui.reports.recommendations_model import RecommendationsModel

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services


UNDO_REASON = "Undo of an earlier change in the app"
REDO_REASON = "Redo of a change undone in the app"
SOURCE_FILTER = "Report files (*.pdf *.docx *.txt *.md);;All files (*)"
REPORT_TEXT_FIELDS = ("reference", "title", "committee", "status", "notes")
REPORT_DATE_FIELDS = ("published", "received", "response_due")


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with … instead of forcing the window wider."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        self._full = text
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


class _Step(QUndoCommand):
    """An already-saved change: the first redo (QUndoStack.push) does nothing."""

    def __init__(
        self, editor: ReportEditor, text: str, apply: Callable[[], None], revert: Callable[[], None]
    ):
        super().__init__(text)
        self._editor, self._apply, self._revert, self._pushed = editor, apply, revert, False

    def redo(self) -> None:
        if self._pushed:
            self._editor.run_step(self._apply)
        self._pushed = True

    def undo(self) -> None:
        self._editor.run_step(self._revert)


class ReportEditor(QWidget):
    """Signals: `changed()` after any saved change (the list's counts may differ), `closeRequested()`."""

    changed = Signal()
    closeRequested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportEditor")
        self._services = services
        self.detail: ReportDetail | None = None
        self._ids: dict[int, int] = {}
        self.undo_stack = QUndoStack(self)
        self._bodies_cache: list | None = None
        self._build()

    # --- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.back = QToolButton()
        self.back.setText("← Reports")
        self.back.setAccessibleName("Back to the reports list")
        self.back.setToolTip("Back to the list of reports (Alt+Left)")
        self.back.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
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

        self.reference = self._line("Reference")
        self.title = self._line("Title")
        self.committee = QComboBox()
        self.committee.setEditable(True)
        self.committee.setAccessibleName("Committee")
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for status in ReportStatus:
            self.status.addItem(status.value.capitalize(), status.value)
        self.published = DateField("publication date")
        self.received = DateField("date received")
        self.response_due = DateField("response due date")
        for field in (self.published, self.received, self.response_due):
            field.validityChanged.connect(self._update_buttons)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("Anything colleagues should know about this report")
        self.notes.setMaximumHeight(90)
        self.source_label = QLabel()
        self.source_label.setObjectName("sourceLabel")
        self.attach_button = QPushButton("Attach s&ource file…")
        self.attach_button.setAccessibleName("Attach source file")
        self.attach_button.clicked.connect(self.attach_source)
        self.open_source_button = QPushButton("Open so&urce")
        self.open_source_button.setAccessibleName("Open source file")
        self.open_source_button.clicked.connect(self.open_source)

        left = QFormLayout()
        left.addRow("Referen&ce:", self.reference)
        left.addRow("&Title:", self.title)
        left.addRow("Co&mmittee:", self.committee)
        left.addRow("&Status:", self.status)
        right = QFormLayout()
        right.addRow("&Published:", self.published)
        right.addRow("Rece&ived:", self.received)
        right.addRow("Response &due:", self.response_due)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_label, 1)
        source_row.addWidget(self.attach_button)
        source_row.addWidget(self.open_source_button)
        left.addRow("Source file:", source_row)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        notes_form = QFormLayout()
        notes_form.addRow("&Notes:", self.notes)
        grid.addLayout(notes_form, 1, 0, 1, 2)

        self.save_button = QPushButton("Save details")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip("Save the report's details (Ctrl+S)")
        self.save_button.setObjectName("saveReportButton")
        self.save_button.setDefault(False)
        self.save_button.clicked.connect(self.save_details)
        self.revert_button = QPushButton("Revert")
        self.revert_button.setToolTip("Put back the saved details, dropping what was typed")
        self.revert_button.clicked.connect(self._fill_details)
        for widget in (self.reference, self.title):
            widget.textEdited.connect(self._update_buttons)
            widget.returnPressed.connect(self.save_details)
        self.committee.editTextChanged.connect(self._update_buttons)
        self.status.currentIndexChanged.connect(self._update_buttons)
        self.notes.textChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        details = QWidget()
        details.setObjectName("reportDetails")
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addLayout(grid)
        details_layout.addLayout(buttons)

        self.model = RecommendationsModel(editor=self.edit_recommendation, parent=self)
        self.proxy = make_proxy(self.model, self)
        self.view = QTableView()
        self.view.setObjectName("recommendationsView")
        self.view.setAccessibleName("Recommendations")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(False)  # the report's own order; sorting would hide move up/down
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RecommendationsModel.TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (RecommendationsModel.LABEL, 44),
            (RecommendationsModel.ADDRESSEES, 140),
            (RecommendationsModel.DEADLINE, 95),
            (RecommendationsModel.OWNER, 110),
            (RecommendationsModel.POSITION, 150),
            (RecommendationsModel.PROGRESS, 75),
        ):
            self.view.setColumnWidth(column, width)
        self.view.setItemDelegateForColumn(RecommendationsModel.TEXT, TextDelegate(self.view))
        self.view.setItemDelegateForColumn(RecommendationsModel.DEADLINE, DateDelegate(self.view))
        self.view.setItemDelegateForColumn(
            RecommendationsModel.ADDRESSEES, AddresseeDelegate(self._bodies, self.view)
        )
        self.view.setItemDelegateForColumn(
            RecommendationsModel.POSITION, ChoiceDelegate(list(Position), lambda p: p.label, self.view)
        )
        self.view.setItemDelegateForColumn(
            RecommendationsModel.PROGRESS, ChoiceDelegate(list(Progress), lambda p: p.label, self.view)
        )
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.add_button = self._button("&Add…", "Add a recommendation", self.add_recommendation)
        self.delete_button = self._button(
            "Delete", "Delete the selected recommendation (Del)", self.delete_recommendation
        )
        self.up_button = self._button(
            "Move up", "Move the selected recommendation up (Ctrl+Up)", lambda: self.move(-1)
        )
        self.down_button = self._button(
            "Move down", "Move the selected recommendation down (Ctrl+Down)", lambda: self.move(1)
        )
        for key, slot in (
            (QKeySequence.StandardKey.Delete, self.delete_recommendation),
            (QKeySequence("Ctrl+Up"), lambda: self.move(-1)),
            (QKeySequence("Ctrl+Down"), lambda: self.move(1)),
        ):
            action = QAction(self.view)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.view.addAction(action)
        recs_title = QLabel("<b>Recommendations</b>")
        self.recs_hint = QLabel("Double-click a cell or press F2 to edit it; Ctrl+Z undoes.")
        self.recs_hint.setObjectName("hint")
        self.recs_hint.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(recs_title)
        bar.addWidget(self.recs_hint, 1)
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            bar.addWidget(button)
        recs = QWidget()
        recs_layout = QVBoxLayout(recs)
        recs_layout.setContentsMargins(0, 0, 0, 0)
        recs_layout.addLayout(bar)
        recs_layout.addWidget(self.view, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("reportEditorSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(details)
        self.splitter.addWidget(recs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([details.sizeHint().height(), 10_000])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        return edit

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.clicked.connect(slot)
        return button

    def _bodies(self) -> list:
        if self._bodies_cache is None:
            self._bodies_cache = self._services.bodies.list()
        return self._bodies_cache

    # --- loading ------------------------------------------------------------------------------

    def load(self, report_id: int) -> None:
        """Show a report; the undo history belongs to one report, so it starts afresh."""
        self.undo_stack.clear()
        self._ids.clear()
        self._bodies_cache = None
        self.committee.clear()  # committees may have been added since the last report was opened
        self.committee.addItems([""] + [c.name for c in self._services.committees.list()])
        self._set_detail(self._services.reports.get(report_id))
        if self.model.rowCount():
            self.view.selectRow(0)

    def reload(self) -> None:
        """Show the saved state again, keeping details typed but not yet saved (F5 must not lose them)."""
        if self.detail is None:
            return
        fresh = self._services.reports.get(self.detail.id)
        if self.pending_changes():
            self.detail = fresh
            self._set_recommendations(fresh.recommendations)
            self._update_buttons()
        else:
            self._set_detail(fresh)

    def _set_detail(self, detail: ReportDetail) -> None:
        self.detail = detail
        self.heading.setText(f"{detail.reference} — {detail.title}")
        self.heading.setToolTip(detail.title)
        self._fill_details()
        self._set_recommendations(detail.recommendations)

    def _set_recommendations(
        self, recs: tuple[RecommendationRecord, ...] | list[RecommendationRecord]
    ) -> None:
        selected = self.selected()
        self.model.set_records(sorted(recs, key=lambda r: r.sort_order))
        if selected is not None:
            self.select_id(selected.id)
        self._update_buttons()

    def _fill_details(self) -> None:
        d = self.detail
        if d is None:
            return
        self.reference.setText(d.reference)
        self.title.setText(d.title)
        self.title.setCursorPosition(0)
        self.committee.setCurrentText(d.committee)
        self.status.setCurrentIndex(max(0, self.status.findData(d.status.value)))
        self.published.set_date(d.published)
        self.received.set_date(d.received)
        self.response_due.set_date(d.response_due)
        self.notes.setPlainText(d.notes)
        if d.source:
            self.source_label.setText(f"{d.source.filename} ({_size(d.source.size)})")
        else:
            self.source_label.setText("none attached")
        self._update_buttons()

    # --- report details -----------------------------------------------------------------------

    def form_values(self) -> dict[str, Any]:
        """What the form says now; raises ValidationError for a date that is not a date."""
        return {
            "reference": self.reference.text().strip(),
            "title": self.title.text().strip(),
            "committee": self.committee.currentText().strip(),
            "status": ReportStatus(self.status.currentData()),
            "notes": self.notes.toPlainText().strip(),
            "published": self.published.date(),
            "received": self.received.date(),
            "response_due": self.response_due.date(),
        }

    def _saved_values(self) -> dict[str, Any]:
        d = self.detail
        assert d is not None
        return {
            "reference": d.reference,
            "title": d.title,
            "committee": d.committee,
            "status": d.status,
            "notes": d.notes,
            "published": d.published,
            "received": d.received,
            "response_due": d.response_due,
        }

    def pending_changes(self) -> dict[str, Any]:
        try:
            values = self.form_values()
        except ValidationError:
            return {}
        saved = self._saved_values() if self.detail else {}
        return {k: v for k, v in values.items() if saved.get(k) != v}

    def save_details(self) -> bool:
        if self.detail is None:
            return False
        try:
            new = self.pending_changes() if self._dates_valid() else self.form_values()
        except ValidationError as error:
            dialogs.show_desk_error(self, error, "Saving the report")
            return False
        if not new:
            return True
        old = {k: self._saved_values()[k] for k in new}
        reason = ""
        if "response_due" in new and old["response_due"] is not None:
            reason = self.ask_reason("the response due date", old["response_due"])
            if not reason:
                return False
        if not self._save_report(new, reason):
            return False
        self.undo_stack.push(
            _Step(
                self,
                "Edit report details",
                lambda: self._save_report(new, REDO_REASON),
                lambda: self._save_report(old, UNDO_REASON),
            )
        )
        return True

    def _dates_valid(self) -> bool:
        return all(f.is_valid() for f in (self.published, self.received, self.response_due))

    def _save_report(self, values: dict[str, Any], reason: str = "") -> bool:
        assert self.detail is not None
        try:
            detail = self._services.reports.update(
                self.detail.id, version=self.detail.version, reason=reason, **values
            )
        except DeskError as error:
            self._failed(error, "Saving the report")
            return False
        self._set_detail(detail)
        self.changed.emit()
        return True

    # --- source file --------------------------------------------------------------------------

    def attach_source(self) -> None:
        if self.detail is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Attach the report's source file", "", SOURCE_FILTER)
        if not path:
            return
        try:
            data = Path(path).read_bytes()
            detail = self._services.reports.set_source(self.detail.id, Path(path).name, data)
        except OSError as error:
            dialogs.show_error(self, f"Cannot read {path}: {error.strerror or error}.", "Attaching the file")
            return
        except DeskError as error:
            self._failed(error, "Attaching the file")
            return
        self._set_detail(detail)

    def open_source(self) -> None:
        """Open the stored file with the system's viewer (from a private temporary copy)."""
        if self.detail is None or self.detail.source is None:
            return
        source = self.detail.source
        try:
            data = self._services.attachments.data(source.id)
        except DeskError as error:
            self._failed(error, "Opening the source file")
            return
        folder = Path(tempfile.mkdtemp(prefix="correspondence-desk-"))
        path = folder / Path(source.filename).name
        path.write_bytes(data)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            dialogs.show_error(self, f"No program is set up to open {source.filename}.", "Opening the file")

    # --- recommendations ----------------------------------------------------------------------

    def selected(self) -> RecommendationRecord | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        if not rows:
            return None
        return self.model.record(self.proxy.mapToSource(rows[0]).row())

    def select_id(self, rec_id: int) -> None:
        row = self.model.row_of(rec_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _current_id(self, first_id: int) -> int:
        while first_id in self._ids:
            first_id = self._ids[first_id]
        return first_id

    def _record(self, first_id: int) -> RecommendationRecord:
        row = self.model.row_of(self._current_id(first_id))
        if row < 0:
            raise ConflictError("This recommendation is no longer in the report.")
        return self.model.record(row)

    def edit_recommendation(self, record: RecommendationRecord, field: str, value: Any) -> bool:
        """Called by the model when a cell is edited: save, then record the undo step."""
        old: Any = [a.body_id for a in record.addressees] if field == "addressees" else getattr(record, field)
        if old == value:
            return False
        name = RecommendationsModel.COLUMNS[RecommendationsModel.FIELDS.index(field)].title.lower()
        reason = ""
        if field in DATES_NEEDING_REASON and old is not None:
            reason = self.ask_reason(f"the {name} of recommendation {record.label}", old)
            if not reason:
                return False
        if not self._save_rec(record.id, field, value, reason):
            return False
        first = record.id
        self.undo_stack.push(
            _Step(
                self,
                f"Edit {name} of recommendation {record.label}",
                lambda: self._save_rec(first, field, value, REDO_REASON),
                lambda: self._save_rec(first, field, old, UNDO_REASON),
            )
        )
        return True

    def ask_reason(self, what: str, old: dt.date) -> str:
        """Moving a date someone relied on needs a reason (kept in the audit log); "" means cancel."""
        text, ok = QInputDialog.getText(
            self,
            "Reason for the change",
            f"Why is {what} changing? (It was {long_date(old)}.)\nThe reason is kept in the history.",
        )
        return text.strip() if ok else ""

    def _save_rec(self, first_id: int, field: str, value: Any, reason: str = "") -> bool:
        try:
            record = self._record(first_id)
            if field == "addressees":
                value = [Addressee(b) for b in value]
            fresh = self._services.reports.update_recommendation(
                record.id, version=record.version, reason=reason, **{field: value}
            )
        except DeskError as error:
            self._failed(error, "Saving the recommendation")
            return False
        self.model.replace_record(fresh)
        self.changed.emit()
        return True

    def add_recommendation(self) -> None:
        if self.detail is None:
            return
        item = AddRecommendationDialog.ask(next_label(self.model.records()), self)
        if item is not None:
            self.add(item)

    def add(self, item: NewRecommendation, at: int | None = None) -> bool:
        """Add a recommendation (at the end, or at row `at`) as one undoable step."""
        created = self._create(item, at)
        if created is None:
            return False
        first = created.id
        self.undo_stack.push(
            _Step(
                self,
                f"Add recommendation {item.label}",
                lambda: self._recreate(first, item, at),
                lambda: self._delete(first),
            )
        )
        return True

    def _create(self, item: NewRecommendation, at: int | None) -> RecommendationRecord | None:
        assert self.detail is not None
        try:
            created = self._services.reports.add_recommendation(self.detail.id, item)
            if at is not None:
                order = [r.id for r in self.model.records()]
                order.insert(at, created.id)
                self._services.reports.reorder_recommendations(self.detail.id, order)
        except DeskError as error:
            self._failed(error, "Adding the recommendation")
            return None
        self.reload()
        self.select_id(created.id)
        self.changed.emit()
        return created

    def _recreate(self, first_id: int, item: NewRecommendation, at: int | None) -> None:
        created = self._create(item, at)
        if created is not None:
            self._ids[self._current_id(first_id)] = created.id

    def _delete(self, first_id: int) -> bool:
        assert self.detail is not None
        try:
            record = self._record(first_id)
            self._services.reports.delete_recommendation(record.id, version=record.version)
        except DeskError as error:
            self._failed(error, "Deleting the recommendation")
            return False
        self.reload()
        self.changed.emit()
        return True

    def delete_recommendation(self) -> None:
        record = self.selected()
        if record is None or self.detail is None:
            return
        if not dialogs.confirm(
            self,
            f"Delete recommendation {record.label}? Draft responses to it are deleted too. "
            "You can undo this with Ctrl+Z.",
            "Delete recommendation",
        ):
            return
        self.delete(record)

    def delete(self, record: RecommendationRecord) -> bool:
        at = self.model.row_of(record.id)
        item = NewRecommendation(
            label=record.label,
            text=record.text,
            paragraph_ref=record.paragraph_ref,
            addressees=[Addressee(a.body_id, a.role) for a in record.addressees],
            deadline=record.deadline,
            deadline_phrase=record.deadline_phrase,
            owner=record.owner,
            position=record.position,
            progress=record.progress,
            response_due=record.response_due,
            target_date=record.target_date,
        )
        first = record.id
        if not self._delete(first):
            return False
        self.undo_stack.push(
            _Step(
                self,
                f"Delete recommendation {record.label}",
                lambda: self._delete(first),
                lambda: self._recreate(first, item, at),
            )
        )
        return True

    def move(self, step: int) -> bool:
        record = self.selected()
        if record is None:
            return False
        before = [r.id for r in self.model.records()]
        row = before.index(record.id)
        if not 0 <= row + step < len(before):
            return False
        after = list(before)
        after[row], after[row + step] = after[row + step], after[row]
        if not self._reorder(after):
            return False
        self.undo_stack.push(
            _Step(
                self,
                f"Move recommendation {record.label}",
                lambda: self._reorder(after),
                lambda: self._reorder(before),
            )
        )
        return True

    def _reorder(self, first_ids: list[int]) -> bool:
        assert self.detail is not None
        try:
            detail = self._services.reports.reorder_recommendations(
                self.detail.id, [self._current_id(i) for i in first_ids]
            )
        except DeskError as error:
            self._failed(error, "Moving the recommendation")
            return False
        self._set_recommendations(detail.recommendations)
        return True

    # --- errors and state ---------------------------------------------------------------------

    def run_step(self, action: Callable[[], object]) -> None:
        action()

    def _failed(self, error: DeskError, action: str) -> None:
        dialogs.show_desk_error(self, error, action)
        if isinstance(error, ConflictError) and self.detail is not None:
            # The history no longer matches the database: start afresh from what is there now.
            QTimer.singleShot(0, self.undo_stack.clear)
            self.reload()

    def _update_buttons(self) -> None:
        has = self.detail is not None
        record = self.selected()
        row = self.model.row_of(record.id) if record else -1
        self.delete_button.setEnabled(record is not None)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)
        self.open_source_button.setEnabled(has and self.detail.source is not None)  # type: ignore[union-attr]
        dirty = has and self._dates_valid() and bool(self.pending_changes())
        self.save_button.setEnabled(dirty and self._dates_valid())
        self.revert_button.setEnabled(dirty)


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.0f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"

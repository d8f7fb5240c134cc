"""The Reports page: the list of reports (filterable, sortable) and, when one is opened, its editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import ReportSummary
from correspondence_desk.core.text import count
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.page import Page
from correspondence_desk.ui.common.table_model import (
    ALIGN_RIGHT,
    Column,
    IdRole,
    RecordTableModel,
    date_key,
    make_proxy,
    natural_key,
    short_date,
)
from correspondence_desk.ui.common.widgets import action
from correspondence_desk.ui.reports.editor import ReportEditor
from correspondence_desk.ui.reports.forms import NewReportDialog

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

FILTER_DELAY_MS = 150


class ReportsModel(RecordTableModel[ReportSummary]):
    REFERENCE, TITLE, COMMITTEE, RECEIVED, DUE, COUNT, ANSWERED = range(7)
    COLUMNS = (
        Column("Reference", lambda r: r.reference, sort=lambda r: natural_key(r.reference)),
        Column("Title", lambda r: r.title, tooltip=lambda r: r.title),
        Column("Committee", lambda r: r.committee, tooltip=lambda r: r.committee),
        Column("Received", lambda r: short_date(r.received), sort=lambda r: date_key(r.received)),
        Column("Response due", lambda r: short_date(r.response_due), sort=lambda r: date_key(r.response_due)),
        Column(
            "Recs",
            lambda r: str(r.recommendation_count),
            sort=lambda r: r.recommendation_count,
            align=ALIGN_RIGHT,
        ),
        Column(
            "Answered",
            lambda r: f"{r.answered_count} / {r.recommendation_count}",
            sort=lambda r: r.answered_count / r.recommendation_count if r.recommendation_count else -1.0,
            align=ALIGN_RIGHT,
        ),
    )


class ReportsPage(Page):
    """Signals: `countsChanged(reports, recommendations)` after the list is (re)loaded."""

    menu_title = "&Report"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("reportsPage")
        self._stale = True
        self.model = ReportsModel(parent=self)
        self.proxy = make_proxy(self.model, self)

        self.filter = QLineEdit()
        self.filter.setObjectName("reportsFilter")
        self.filter.setAccessibleName("Filter reports")
        self.filter.setPlaceholderText("Filter by reference, title, committee or date (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        # Filtering 10,000 rows takes a noticeable moment: wait for a pause in the typing first.
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(self._filter_timer.start)
        self.filter.returnPressed.connect(self.apply_filter)
        self.count_label = QLabel()
        self.count_label.setObjectName("reportsCount")

        self.view = QTableView()
        self.view.setObjectName("reportsView")
        self.view.setAccessibleName("Reports")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(ReportsModel.RECEIVED, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ReportsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        for column, width in (
            (ReportsModel.REFERENCE, 120),
            (ReportsModel.COMMITTEE, 230),
            (ReportsModel.RECEIVED, 105),
            (ReportsModel.DUE, 110),
            (ReportsModel.COUNT, 55),
            (ReportsModel.ANSWERED, 85),
        ):
            self.view.setColumnWidth(column, width)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)

        self.empty = QLabel(
            "<h3>No reports yet</h3><p>Log a report with <b>File › New report</b> (Ctrl+N), "
            "or import one from a PDF, Word or text file with <b>File › Import</b> (Ctrl+I) "
            "— you can also drop the file on this window.</p>"
        )
        self.empty.setObjectName("reportsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count_label)
        list_panel = QWidget()
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(top)
        list_layout.addWidget(self.list_stack, 1)

        self.editor = ReportEditor(services, self)
        self.editor.closeRequested.connect(self.show_list)
        self.editor.changed.connect(self._mark_stale)
        self.stack = QStackedWidget()
        self.stack.addWidget(list_panel)
        self.stack.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.undo_stack = self.editor.undo_stack
        self._actions = self._make_actions()

    # --- actions for the page's menu ----------------------------------------------------------

    def _make_actions(self) -> list[QAction]:
        self.open_action = action(self, "&Open report", self.open_selected, name="actionOpenReport")
        self.delete_action = action(self, "&Delete report…", self.delete_selected, name="actionDeleteReport")
        self.add_rec_action = action(self, "&Add recommendation…", self.editor.add_recommendation)
        self.attach_action = action(self, "Attach &source file…", self.editor.attach_source)
        self.open_source_action = action(self, "Open so&urce file", self.editor.open_source)
        return [
            self.open_action,
            self.delete_action,
            self.add_rec_action,
            self.attach_action,
            self.open_source_action,
        ]

    def menu_actions(self) -> list[QAction]:
        return self._actions

    def layout_states(self) -> list[tuple[str, object]]:
        """Widgets whose saveState()/restoreState() the main window keeps between runs."""
        return [
            ("reportsHeader", self.view.horizontalHeader()),
            ("reportEditorSplitter", self.editor.splitter),
        ]

    def _update_actions(self) -> None:
        editing = self.stack.currentWidget() is self.editor
        self.open_action.setEnabled(not editing and self.current_id() is not None)
        self.delete_action.setEnabled(editing or self.current_id() is not None)
        for act in (self.add_rec_action, self.attach_action):
            act.setEnabled(editing)
        self.open_source_action.setEnabled(
            editing and self.editor.detail is not None and self.editor.detail.source is not None
        )

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list (keeping the selection); reload the open report too."""
        selected = self.current_id()
        records = self.services.reports.list()
        self.model.set_records(records)
        self._stale = False
        self._show_empty_state()
        if selected is not None:
            self.select(selected)
        elif self.proxy.rowCount():
            self.view.selectRow(0)
        self.countsChanged.emit(len(records), sum(r.recommendation_count for r in records))
        self._update_count()
        if self.stack.currentWidget() is self.editor:
            self.editor.reload()
        self._update_actions()

    def _mark_stale(self) -> None:
        self._stale = True

    def _show_empty_state(self) -> None:
        self.list_stack.setCurrentWidget(self.empty if self.model.rowCount() == 0 else self.view)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            count(total, "report") if shown == total else f"{shown:,} of {count(total, 'report')}"
        )

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self.proxy.set_filter_words(self.filter.text())
        self._update_count()

    def focus_main(self) -> None:
        if self.stack.currentWidget() is self.editor:
            self.editor.view.setFocus()
        elif self.list_stack.currentWidget() is self.view:
            self.view.setFocus()
        else:  # nothing to list yet: the filter is the one thing to type into
            self.filter.setFocus()

    def focus_filter(self) -> None:
        if self.stack.currentWidget() is self.editor:
            self.show_list()
        self.filter.setFocus()
        self.filter.selectAll()

    # --- navigation ---------------------------------------------------------------------------

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def select(self, report_id: int) -> bool:
        row = self.model.row_of(report_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_report(index.data(IdRole))

    def open_selected(self) -> None:
        report_id = self.current_id()
        if report_id is not None:
            self.open_report(report_id)

    def open_report(self, report_id: int, recommendation_id: int | None = None) -> None:
        """Show a report in the editor, with one of its recommendations selected if given."""
        try:
            self.editor.load(report_id)
        except DeskError as error:
            dialogs.show_desk_error(self, error, "Opening the report")
            return
        if recommendation_id is not None:
            self.editor.select_id(recommendation_id)
        self.stack.setCurrentWidget(self.editor)
        self.editor.view.setFocus()
        self._update_actions()

    def show_list(self) -> None:
        shown = self.editor.detail.id if self.editor.detail else None
        self.stack.setCurrentWidget(self.stack.widget(0))
        if self._stale:
            self.refresh()
        if shown is not None:
            self.select(shown)
        self.view.setFocus()
        self._update_actions()

    def new_report(self) -> None:
        created = NewReportDialog.ask(self.services, self)
        if created is not None:
            self.refresh()
            self.open_report(created.id)

    def delete_selected(self) -> None:
        report_id = (
            self.editor.detail.id
            if self.stack.currentWidget() is self.editor and self.editor.detail
            else self.current_id()
        )
        if report_id is None:
            return
        row = self.model.row_of(report_id)
        label = self.model.record(row).reference if row >= 0 else "this report"
        if not dialogs.confirm(
            self,
            f"Delete report {label} with all its recommendations and their draft responses? "
            "This cannot be undone.",
            "Delete report",
        ):
            return
        try:
            version = self.model.record(row).version if row >= 0 else None
            self.services.reports.delete(report_id, version=version)
        except DeskError as error:
            dialogs.show_desk_error(self, error, "Deleting the report")
            return
        self.stack.setCurrentWidget(self.stack.widget(0))
        self.refresh()

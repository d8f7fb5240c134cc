"""The list of reports: filtered by words and by status (open, responded, closed, response overdue),
sorted by any column, with the title winning the width and a message where there is nothing to list.

Signals: `activated(report_id)` (Enter or double-click), `countChanged(text)` when what is shown
changes ("25 of 2,000 reports").
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.records import ReportStatus, ReportSummary
from correspondence_desk.core.text import count
from correspondence_desk.ui.common.columns import ColumnFitter
from correspondence_desk.ui.common.empty import EmptyState
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
from correspondence_desk.ui.common.widgets import action, combo, filter_leads_to

FILTER_DELAY_MS = 150
NO_REPORTS = (
    "<h3>No reports yet</h3><p>Log a report with <b>File › New report</b> (Ctrl+N), "
    "or import one from a PDF, Word or text file with <b>File › Import report</b> (Ctrl+I) "
    "— you can also drop the file on this window.</p>"
)


def _overdue(report: ReportSummary, today: dt.date) -> bool:
    """As the dashboard counts it: an open report whose response is late."""
    return (
        report.status is ReportStatus.OPEN and report.response_due is not None and report.response_due < today
    )


# (label, test) for the status filter; the test gets the report and today
SHOW: tuple[tuple[str, Callable[[ReportSummary, dt.date], bool] | None], ...] = (
    ("All reports", None),
    ("Open", lambda r, _today: r.status is ReportStatus.OPEN),
    ("Response overdue", _overdue),
    ("Responded", lambda r, _today: r.status is ReportStatus.RESPONDED),
    ("Closed", lambda r, _today: r.status is ReportStatus.CLOSED),
)


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


M = ReportsModel


class ReportList(QWidget):
    activated = Signal(int)
    countChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ReportsModel(parent=self)
        self.proxy = make_proxy(self.model, self)
        self.today = dt.date.today  # a seam for tests
        self._shown: tuple[int, dt.date] = (0, dt.date.min)  # the status filter applied, and on which day

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
        action(self.filter, "", self.clear_filter, "Escape", context=Qt.ShortcutContext.WidgetShortcut)
        self.show_combo = combo("Show", [label for label, _test in SHOW])
        self.show_combo.setObjectName("reportsShow")
        self.show_combo.setToolTip("Show all reports, or only those of one status, or those overdue")
        self.show_combo.currentIndexChanged.connect(self.apply_filter)
        self.count_label = QLabel()
        self.count_label.setObjectName("reportsCount")

        self.view = QTableView()
        self.view.setObjectName("reportsView")
        self.view.setAccessibleName("Reports")
        self.view.setModel(self.proxy)
        filter_leads_to(self.filter, self.view)  # Down or Enter in the filter: into the list
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(M.RECEIVED, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setHighlightSections(False)
        self.columns = ColumnFitter(
            self.view,
            text={M.TITLE: 1.0},
            short={
                M.REFERENCE: (100, 0.16),  # the reference is how people name a report: never cut
                M.COMMITTEE: (90, 0.17),
                M.RECEIVED: (80, 0.13),
                M.DUE: (80, 0.13),
                M.COUNT: (40, 0.07),
                M.ANSWERED: (60, 0.1),
            },
        )
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        self.list_stack = EmptyState(self.view, "reports")
        self.empty = self.list_stack.message

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.show_combo)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list_stack, 1)

    # --- rows ---------------------------------------------------------------------------------

    def set_records(self, records: list[ReportSummary]) -> None:
        selected = self.current_id()
        self.model.set_records(records)
        if selected is not None:
            self.select(selected)
        elif self.proxy.rowCount():
            self.view.selectRow(0)
        self._update()

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
            self.activated.emit(index.data(IdRole))

    # --- filtering ----------------------------------------------------------------------------

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        shown = (self.show_combo.currentIndex(), self.today())
        if shown != self._shown:  # each change re-filters every row: only when it is a change
            self._shown = shown
            test = SHOW[shown[0]][1]
            self.proxy.set_row_test(None if test is None else lambda report: test(report, shown[1]))
        self.proxy.set_filter_words(self.filter.text())
        if not self.view.currentIndex().isValid() and self.proxy.rowCount():
            self.view.selectRow(0)
        self._update()

    def show_only(self, label: str) -> None:
        """Choose one of the status filter's entries by its label ("Open", "Response overdue"…)."""
        self.show_combo.setCurrentIndex([text for text, _test in SHOW].index(label))

    def clear_filter(self) -> None:
        self.filter.clear()
        self.show_combo.setCurrentIndex(0)
        self.apply_filter()

    def count_text(self) -> str:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            return count(total, "report")
        return f"{shown:,} of {count(total, 'report')}"

    def _update(self) -> None:
        self.count_label.setText(self.count_text())
        self.list_stack.show_message(self._empty_message())
        self.countChanged.emit(self.count_text())

    def _empty_message(self) -> str:
        if self.model.rowCount() == 0:
            return NO_REPORTS
        if self.proxy.rowCount():
            return ""
        words = self.filter.text().strip()
        shown = SHOW[self.show_combo.currentIndex()][0].lower()
        what = f"No report matches “{html.escape(words)}”" if words else "No report is shown"
        if self.show_combo.currentIndex():
            what += f" among <b>{html.escape(shown)}</b>"
        return (
            f"<h3>{what}.</h3><p>Clear the filter (Esc in the filter box) or choose <b>All reports</b> "
            "to see every report.</p>"
        )

"""Stand-in pages used until the full Dashboard (and any missing page) is available."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from correspondence_desk.core.records import ReportStatus
from correspondence_desk.core.services import Services
from correspondence_desk.ui.table_model import short_date

DUE_SOON_DAYS = 28


class DuePage(QWidget):
    """Open reports whose response is overdue or due within four weeks; Enter opens one.

    Signals: `openReport(int)`.
    """

    openReport = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self._services = services
        self.heading = QLabel("<h2>Due and overdue responses</h2>")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("dueList")
        self.list.setAccessibleName("Reports due or overdue")
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(
            lambda item: self.openReport.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)

    def refresh(self) -> None:
        today = dt.date.today()
        horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
        due = sorted(
            (
                r
                for r in self._services.reports.list()
                if r.status == ReportStatus.OPEN and r.response_due and r.response_due <= horizon
            ),
            key=lambda r: r.response_due or today,
        )
        self.list.clear()
        overdue = 0
        for report in due:
            late = report.response_due is not None and report.response_due < today
            overdue += late
            when = f"{'overdue since' if late else 'due'} {short_date(report.response_due)}"
            item = QListWidgetItem(f"{report.reference} — {report.title}   ({when})")
            item.setData(Qt.ItemDataRole.UserRole, report.id)
            item.setToolTip(
                f"{report.committee}\n{report.answered_count} of {report.recommendation_count} answered"
            )
            if late:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.list.addItem(item)
        if due:
            self.summary.setText(
                f"{overdue} overdue, {len(due) - overdue} due in the next {DUE_SOON_DAYS} days. "
                "Press Enter or double-click to open a report."
            )
        else:
            self.summary.setText(
                "Nothing is due in the next four weeks. "
                "Reports you log appear here as their response date nears."
            )


class MissingPage(QWidget):
    """Says plainly that a part of the app is not available in this build."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(
            f"<h3>{what}</h3><p>This part of Correspondence Desk is not available in this build.</p>"
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)

    def refresh(self) -> None:
        pass

"""The first page: what is overdue or due soon, what is unanswered, what awaits issue, what awaits
my clearance or was returned to me, which clearance steps are overdue, and how the recommendations
stand (a bar chart of positions and progress). One click on an item opens it.

Signals: `openReport(int)` and `openLetter(int)`, connected by the main window.
"""

from __future__ import annotations

import datetime as dt
import html
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.records import DashboardSummary, DueItem, ItemList, Position, Progress
from correspondence_desk.core.vocabulary import DUE_SOON_DAYS, LetterStatus
from correspondence_desk.ui.common.page import Page
from correspondence_desk.ui.common.table_model import short_date

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

KindRole = Qt.ItemDataRole.UserRole
IdRole = Qt.ItemDataRole.UserRole + 1

PROGRESS_COLOURS = {
    Progress.RED: QColor("#C0392B"),
    Progress.AMBER: QColor("#D68910"),
    Progress.GREEN: QColor("#1E8449"),
    Progress.COMPLETE: QColor("#2E4053"),
    None: QColor("#AAB7B8"),
}
POSITION_COLOURS = {
    Position.ACCEPTED: QColor("#1F618D"),
    Position.ACCEPTED_IN_PART: QColor("#2E86C1"),
    Position.ACCEPTED_IN_PRINCIPLE: QColor("#5DADE2"),
    Position.NOT_ACCEPTED: QColor("#922B21"),
    Position.NOTED: QColor("#7D6608"),
    Position.UNDER_CONSIDERATION: QColor("#B9770E"),
    None: QColor("#AAB7B8"),
}
SHORT_POSITION = {
    Position.NOTED: "Noted (directed elsewhere)",
}


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    colour: QColor


class BarChart(QWidget):
    """Horizontal bars with their label and count: how many recommendations in each category.

    Painted with QPainter (QtCharts is not in PySide6-Essentials). The same numbers are in the
    accessible description, for screen readers, and in the tool tip.
    """

    ROW = 22

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[Bar] = []
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        summary = "; ".join(f"{b.label}: {b.count:,}" for b in bars)
        self.setAccessibleDescription(summary)
        self.setToolTip("\n".join(f"{b.label}: {b.count:,}" for b in bars))
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, self.ROW * (len(self.bars) + 1) + 8)

    def paintEvent(self, _event) -> None:  # Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        painter.drawText(QRectF(0, 0, self.width(), self.ROW), Qt.AlignmentFlag.AlignVCenter, self.title)
        painter.setFont(self.font())
        metrics = QFontMetrics(self.font())
        label_width = max([metrics.horizontalAdvance(b.label) for b in self.bars] + [0]) + 12
        count_width = max([metrics.horizontalAdvance(f"{b.count:,}") for b in self.bars] + [0]) + 8
        bar_space = max(10, self.width() - label_width - count_width)
        most = max([b.count for b in self.bars] + [1])
        for i, bar in enumerate(self.bars):
            top = self.ROW * (i + 1)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, top, label_width - 8, self.ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                bar.label,
            )
            length = bar_space * bar.count / most
            painter.fillRect(
                QRectF(label_width, top + 4, max(length, 1 if bar.count else 0), self.ROW - 8), bar.colour
            )
            painter.drawText(
                QRectF(label_width + length + 6, top, count_width, self.ROW),
                Qt.AlignmentFlag.AlignVCenter,
                f"{bar.count:,}",
            )
        painter.end()


class Tile(QPushButton):
    """A big number with a caption; clicking it shows that list below."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.setCheckable(True)
        self.setMinimumSize(150, 64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_count(0)

    def set_count(self, count: int, urgent: bool = False) -> None:
        self.setText(f"{count:,}\n{self.caption}")
        self.setAccessibleName(f"{self.caption}: {count:,}")
        font = self.font()
        font.setBold(urgent and count > 0)
        self.setFont(font)


REPORT_COLUMNS = ("Due", "When", "Report", "Title")
REC_COLUMNS = ("Deadline", "When", "Report", "Recommendation")
# list key, tile caption, tab title, columns
LISTS = (
    ("overdue_reports", "Overdue responses", "Overdue responses", REPORT_COLUMNS),
    ("due_soon_reports", f"Responses due in {DUE_SOON_DAYS} days", "Responses due soon", REPORT_COLUMNS),
    ("overdue_recommendations", "Overdue deadlines", "Overdue deadlines", REC_COLUMNS),
    ("due_soon_recommendations", f"Deadlines in {DUE_SOON_DAYS} days", "Deadlines due soon", REC_COLUMNS),
    ("unanswered_recommendations", "Unanswered recommendations", "Unanswered",
     ("Response due", "When", "Report", "Recommendation")),
    ("letters_awaiting_issue", "Letters awaiting issue", "Letters to issue",
     ("Status", "", "Letter", "Subject")),
    ("awaiting_my_clearance", "Awaiting my clearance", "Awaiting my clearance",
     ("Due", "When", "Letter", "Step")),
    ("returned_to_me", "Returned to me", "Returned to me for amendment",
     ("", "", "Letter", "Returned")),
    ("clearance_overdue", "Clearance steps overdue", "Clearance steps overdue",
     ("Due", "When", "Letter", "Step")),
)  # fmt: skip
URGENT = {"overdue_reports", "overdue_recommendations", "awaiting_my_clearance", "clearance_overdue"}
CLEARANCE_LISTS = {"awaiting_my_clearance", "returned_to_me", "clearance_overdue"}
TILE_COLUMNS = 3


class DashboardPage(Page):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("dashboardPage")
        self.summary: DashboardSummary | None = None
        self._last_open: tuple = (None, None, 0.0)

        self.heading = QLabel()
        self.heading.setObjectName("dashboardHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)

        tiles = QGridLayout()
        tiles.setSpacing(8)
        self.tiles: dict[str, Tile] = {}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboardTabs")
        self.trees: dict[str, QTreeWidget] = {}
        self.notes: dict[str, QLabel] = {}
        for index, (key, caption, tab_title, columns) in enumerate(LISTS):
            tile = Tile(caption)
            tile.setObjectName(f"tile_{key}")
            tile.clicked.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            tiles.addWidget(tile, index // TILE_COLUMNS, index % TILE_COLUMNS)
            self.tiles[key] = tile
            self.tabs.addTab(self._list_tab(key, columns), tab_title)
        self.tabs.currentChanged.connect(self._mark_tile)
        # the tiles above are the tabs: a second row of titles would only repeat them
        self.tabs.tabBar().hide()
        self.tabs.setDocumentMode(True)
        self.list_title = QLabel()
        self.list_title.setObjectName("dashboardListTitle")

        self.position_chart = BarChart("Recommendations by position")
        self.position_chart.setObjectName("positionChart")
        self.progress_chart = BarChart("Implementation progress")
        self.progress_chart.setObjectName("progressChart")
        charts = QFrame()
        charts.setFrameShape(QFrame.Shape.StyledPanel)
        chart_layout = QVBoxLayout(charts)
        chart_layout.addWidget(self.position_chart)
        chart_layout.addSpacing(12)
        chart_layout.addWidget(self.progress_chart)
        chart_layout.addStretch(1)
        charts.setMinimumWidth(340)

        lists = QVBoxLayout()
        lists.addWidget(self.list_title)
        lists.addWidget(self.tabs, 1)
        lower = QHBoxLayout()
        lower.addLayout(lists, 3)
        # the charts scroll rather than make the page taller than a small screen (1024×700)
        chart_scroll = QScrollArea()
        chart_scroll.setObjectName("chartsScroll")
        chart_scroll.setWidgetResizable(True)
        chart_scroll.setFrameShape(QFrame.Shape.NoFrame)
        chart_scroll.setWidget(charts)
        chart_scroll.setMinimumWidth(charts.minimumWidth() + 16)
        lower.addWidget(chart_scroll, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(tiles)
        layout.addLayout(lower, 1)

    def _list_tab(self, key: str, columns: tuple[str, ...]) -> QWidget:
        tree = QTreeWidget()
        tree.setObjectName(f"list_{key}")
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setHeaderLabels(list(columns))
        tree.setAccessibleName(key.replace("_", " ").capitalize())
        header = tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        tree.itemClicked.connect(self._open)
        tree.itemActivated.connect(self._open)
        note = QLabel()
        note.setObjectName(f"note_{key}")
        self.trees[key], self.notes[key] = tree, note
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(tree, 1)
        box_layout.addWidget(note)
        return box

    # --- loading ----------------------------------------------------------------------------

    def refresh(self, today: dt.date | None = None) -> None:
        summary = self.services.dashboard.summary(today)
        self.summary = summary
        who = (
            f"Signed in as {html.escape(summary.me)}"
            if summary.me
            else f"Your login “{html.escape(summary.login)}” is not in the colleagues register "
            "(Contacts &amp; bodies › Colleagues), so nothing awaits your clearance"
        )
        self.heading.setText(f"<h2>Dashboard</h2><p>{long_date(summary.today)} · {who}</p>")
        for key, _caption, _title, _columns in LISTS:
            found: ItemList = getattr(summary, key)
            self.tiles[key].set_count(found.total, urgent=key in URGENT)
            self._fill(key, found, summary.today)
        self._mark_tile(self.tabs.currentIndex())
        self.position_chart.set_bars(
            [
                Bar(SHORT_POSITION.get(p, p.label if p else "No position yet"), n, POSITION_COLOURS[p])
                for p, n in summary.by_position
            ]
        )
        self.progress_chart.set_bars(
            [Bar(p.label if p else "Not recorded", n, PROGRESS_COLOURS[p]) for p, n in summary.by_progress]
        )

    def _fill(self, key: str, found: ItemList, today: dt.date) -> None:
        tree = self.trees[key]
        tree.clear()
        items = []
        for item in found.items:
            row = QTreeWidgetItem(self._cells(item, key in CLEARANCE_LISTS))
            row.setData(0, KindRole, item.kind)
            row.setData(0, IdRole, item.letter_id if item.kind == "letter" else item.report_id)
            row.setToolTip(3, item.title if key not in CLEARANCE_LISTS else f"{item.title}\n{item.status}")
            if item.expected is not None:
                row.setToolTip(1, item.status)  # "Holding letter: why it is late"
            if item.days is not None and item.days < 0:
                row.setForeground(1, QColor("#B03A2E"))
            items.append(row)
        tree.addTopLevelItems(items)
        if found.total > len(found.items):
            self.notes[key].setText(f"Showing the first {len(found.items):,} of {found.total:,}.")
        elif not found.total:
            self.notes[key].setText("Nothing here.")
        else:
            self.notes[key].clear()

    @staticmethod
    def _cells(item: DueItem, clearance: bool = False) -> list[str]:
        if item.days is None:
            when = ""
        elif item.days < 0:
            when = f"{-item.days:,} days late"
        else:
            when = "today" if item.days == 0 else f"in {item.days} days"
        if clearance:  # a letter at a clearance step: its step (or who returned it, and why)
            return [short_date(item.due), when, item.reference, item.status]
        if item.kind == "letter":
            return [_status_label(item.status), "", item.reference, item.title]
        if item.expected is not None:  # late, and a holding letter said when to expect it
            when = (
                f"{when} · expected {short_date(item.expected)}"
                if when
                else f"expected {short_date(item.expected)}"
            )
        what = f"{item.label}. {item.title}" if item.kind == "recommendation" else item.title
        return [short_date(item.due), when, item.reference, what]

    def focus_main(self) -> None:
        """Ctrl+1: the keyboard goes to the list on show, ready for arrows and Enter."""
        tree = self.trees[LISTS[self.tabs.currentIndex()][0]]
        tree.setFocus()
        if tree.currentItem() is None and tree.topLevelItemCount():
            tree.setCurrentItem(tree.topLevelItem(0))

    def _mark_tile(self, index: int) -> None:
        for i, key in enumerate(self.tiles):
            self.tiles[key].setChecked(i == index)
        self.list_title.setText(f"<b>{LISTS[index][2]}</b>")

    def _open(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        target = row.data(0, IdRole)
        key = (row.data(0, KindRole), target, time.monotonic())
        last = self._last_open
        self._last_open = key
        # a click and an activation (double-click, or one click on some desktops) open it once
        if target is None or (last[:2] == key[:2] and key[2] - last[2] < 0.6):
            return
        if row.data(0, KindRole) == "letter":
            self.openLetter.emit(int(target))
        else:
            self.openReport.emit(int(target))


def _status_label(value: str) -> str:
    try:
        return LetterStatus(value).label
    except ValueError:
        return value.capitalize()

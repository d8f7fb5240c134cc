"""The dashboard's bar charts: how many recommendations take each position, and how their
implementation is progressing. Painted with QPainter (QtCharts is not in PySide6-Essentials)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from correspondence_desk.core.records import Position, Progress
from correspondence_desk.core.vocabulary import NO_POSITION, NO_PROGRESS

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

    def paintEvent(self, _event: QPaintEvent) -> None:
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


def position_bars(by_position: tuple[tuple[Position | None, int], ...]) -> list[Bar]:
    """A bar per position, by the label every screen uses, and one for "No position yet"."""
    return [Bar(p.label if p else NO_POSITION, n, POSITION_COLOURS[p]) for p, n in by_position]


def progress_bars(by_progress: tuple[tuple[Progress | None, int], ...]) -> list[Bar]:
    return [Bar(p.label if p else NO_PROGRESS, n, PROGRESS_COLOURS[p]) for p, n in by_progress]


def charts_panel(*charts: BarChart) -> QScrollArea:
    """The charts one above the other, in a frame that scrolls rather than make the page taller
    than a small screen (1024×700)."""
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    column = QVBoxLayout(frame)
    for index, chart in enumerate(charts):
        if index:
            column.addSpacing(12)
        column.addWidget(chart)
    column.addStretch(1)
    frame.setMinimumWidth(300)
    scroll = QScrollArea()
    scroll.setObjectName("chartsScroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(frame)
    scroll.setMinimumWidth(frame.minimumWidth() + 16)
    return scroll

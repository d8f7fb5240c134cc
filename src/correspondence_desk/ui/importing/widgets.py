"""Small widgets of the import review dialog: the source pane, the grid and its cell editors."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.ui.common.columns import ColumnFitter
from correspondence_desk.ui.common.delegates import TextDelegate
from correspondence_desk.ui.common.widgets import button, tab_leaves

Index = QModelIndex | QPersistentModelIndex
MAX_TEXT_LINES = 6  # a long recommendation shows its first lines in the grid; all of it below
MIN_TEXT_WIDTH = 220  # px: below this a recommendation's text is a column of single words
ROW_PADDING = 8  # px above and below a row's text
PASTE_HINT = (
    "Paste the report's recommendations here (or the whole report), then click Find recommendations "
    "(Ctrl+Enter). To read a PDF, Word or text file instead, click Open file (Ctrl+O)."
)


class SourceView(QPlainTextEdit):
    """The extracted text. Read-only for a file; editable when the person pastes text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setAccessibleName("Source text")
        tab_leaves(self)

    def highlight(self, span: tuple[int, int] | None) -> None:
        """Mark a recommendation's place in the text and scroll it into view (None: clear)."""
        if span is None:
            self.setExtraSelections([])
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[0])
        cursor.setPosition(
            min(span[1], self.document().characterCount() - 1), QTextCursor.MoveMode.KeepAnchor
        )
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        fmt.setBackground(QColor(highlight.red(), highlight.green(), highlight.blue(), 60))
        selection.format = fmt
        self.setExtraSelections([selection])
        # Show the end first then the start, so the start is visible even for a long item.
        end = QTextCursor(self.document())
        end.setPosition(cursor.position())
        self.setTextCursor(end)
        self.ensureCursorVisible()
        start = QTextCursor(self.document())
        start.setPosition(span[0])
        self.setTextCursor(start)
        self.centerCursor()


class SourcePane(QWidget):
    """The source on the left: its text, Open file…, and Find recommendations while it is a paste."""

    def __init__(
        self, open_file: Callable[[], object], find: Callable[[], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.label = QLabel("Source")
        self.view = SourceView()
        self.view.setPlaceholderText(PASTE_HINT)
        self.label.setBuddy(self.view)
        self.open_button = button("&Open file…", "Open file", open_file)
        self.find_button = button("&Find recommendations", "Find recommendations", find)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.find_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def set_paste_mode(self, paste: bool) -> None:
        """A paste can be edited and searched again; a file's text is shown as read."""
        self.view.setReadOnly(not paste)
        self.find_button.setVisible(paste)

    def set_name(self, filename: str) -> None:
        self.label.setText(f"Source — {filename}" if filename else "Source")


class PaddedDelegate(QStyledItemDelegate):
    """A little air above and below each row's text, so wrapped rows do not run into each other."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + ROW_PADDING)


class MultiLineDelegate(TextDelegate):
    """Multi-paragraph cells: edited a few lines high (Enter = new line), shown at most a few lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, lines=MAX_TEXT_LINES)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        cap = option.fontMetrics.lineSpacing() * MAX_TEXT_LINES + 16
        return QSize(size.width(), min(size.height() + ROW_PADDING, cap))


class ProposalGrid(QTableView):
    """The review grid: the text column(s) take what the short columns leave, at any window size.

    `short` maps a column to (fewest pixels, largest fraction of the width): it gets what its cells
    need within that, an empty one only its heading; `stretch` is the text column; `responses` =
    (response, position) columns, shown only for a past response letter, where the response shares
    the spare width with the text.
    """

    def __init__(
        self,
        short: dict[int, tuple[int, float]],
        stretch: int,
        responses: tuple[int, int],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._short = short
        self._stretch = stretch
        self._responses = responses
        self.columns: ColumnFitter | None = None
        configure_grid(self)
        self.setItemDelegate(PaddedDelegate(self))
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(False)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            # never so narrow the text cannot be read: the grid scrolls sideways instead
            self.columns = ColumnFitter(
                self,
                text={self._stretch: 1.0, self._responses[0]: 1.0},
                short=self._short,
                text_min=MIN_TEXT_WIDTH,
            )

    def set_response_columns(self, shown: bool) -> None:
        for column in self._responses:
            self.setColumnHidden(column, not shown)
        if self.columns is not None:
            self.columns.fit()


def configure_grid(view: QAbstractItemView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    view.setAlternatingRowColors(True)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

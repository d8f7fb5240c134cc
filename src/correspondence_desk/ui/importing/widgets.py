"""Small widgets of the import review dialog: the source pane, the item text editor, cell editors."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QPalette, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.records import POSITION_LABELS

Index = QModelIndex | QPersistentModelIndex
MAX_TEXT_LINES = 6  # a long recommendation shows its first lines in the grid; all of it below
MIN_TEXT_WIDTH = 220  # px: below this a recommendation's text is a column of single words


class SourceView(QPlainTextEdit):
    """The extracted text. Read-only for a file; editable when the person pastes text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setAccessibleName("Source text")

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


class ItemTextEdit(QPlainTextEdit):
    """The selected recommendation's full text; edits are committed when focus leaves."""

    focus_left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()


class PaddedDelegate(QStyledItemDelegate):
    """A little air above and below each row's text, so wrapped rows do not run into each other."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 8)


class MultiLineDelegate(PaddedDelegate):
    """Multi-paragraph cells: edited in a QPlainTextEdit (Enter = new line), shown a few lines high."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setAccessibleName(str(index.model().headerData(index.column(), Qt.Orientation.Horizontal)))
        editor.setTabChangesFocus(True)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height(), option.fontMetrics.lineSpacing() * 6))
        editor.setGeometry(rect)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        cap = option.fontMetrics.lineSpacing() * MAX_TEXT_LINES + 16
        return QSize(size.width(), min(size.height(), cap))


class PositionDelegate(PaddedDelegate):
    """A response position is one of a fixed list (or none)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Position")
        combo.addItems(["", *POSITION_LABELS.values()])
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class ProposalGrid(QTableView):
    """The review grid: the text column(s) take what the short columns leave, at any window size.

    `widths` maps a column to (fraction of the width, minimum pixels); `stretch` is the text column;
    `responses` = (response, position) columns, shown only for a past response letter, where the
    response shares the spare width with the text.
    """

    def __init__(
        self,
        widths: dict[int, tuple[float, int]],
        stretch: int,
        responses: tuple[int, int],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._widths = widths
        self._stretch = stretch
        self._responses = responses
        configure_grid(self)
        self.setItemDelegate(PaddedDelegate(self))
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(False)

    def set_response_columns(self, shown: bool) -> None:
        for column in self._responses:
            self.setColumnHidden(column, not shown)
        self.fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Short columns by fraction; the text columns share the rest, never so narrow they cannot be
        read (the grid scrolls sideways instead)."""
        width = self.viewport().width()
        used = 0
        for column, (fraction, minimum) in self._widths.items():
            self.setColumnWidth(column, max(minimum, int(width * fraction)))
            used += 0 if self.isColumnHidden(column) else self.columnWidth(column)
        wide = [c for c in (self._stretch, self._responses[0]) if not self.isColumnHidden(c)]
        share = (width - used) // max(len(wide), 1)
        for column in wide:
            self.setColumnWidth(column, max(MIN_TEXT_WIDTH, share))


def stack(*widgets: QWidget, stretch: QWidget | None = None) -> QWidget:
    """Widgets one above the other with no margins (a pane of a splitter)."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is stretch else 0)
    return pane


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

"""In-place editors for tables: choices, dates typed as people write them, paragraphs, bodies."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from correspondence_desk.core.dates import long_date, parse_date
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.records import BodyRecord
from correspondence_desk.ui.common.widgets import is_ctrl_tab

Index = QModelIndex | QPersistentModelIndex
EditRole = Qt.ItemDataRole.EditRole


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box over an enum's members plus a blank, named `none_text`."""

    def __init__(
        self,
        members: Sequence[Enum],
        label: Callable[[Any], str],
        parent: QWidget | None = None,
        *,
        none_text: str = "(none)",
    ):
        super().__init__(parent)
        self._members = list(members)
        self._label = label
        self._none_text = none_text

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(str(index.model().headerData(index.column(), Qt.Orientation.Horizontal)))
        combo.addItem(self._none_text, "")
        for member in self._members:
            combo.addItem(self._label(member), member.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(EditRole) or "")))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        if editor.currentData() != (index.data(EditRole) or ""):
            model.setData(index, editor.currentData(), EditRole)


class DateDelegate(QStyledItemDelegate):
    """A date typed as 31/12/2025, 31 December 2025 or 2025-12-31; a wrong one is refused with a tip."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        edit = QLineEdit(parent)
        edit.setPlaceholderText("31/12/2025")
        edit.setAccessibleName("Deadline")
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(long_date(index.data(EditRole)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        try:
            value = parse_date(editor.text(), "deadline")
        except ValidationError as error:
            QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), str(error), editor)
            return
        if value != index.data(EditRole):
            model.setData(index, value, EditRole)


class TextDelegate(QStyledItemDelegate):
    """Multi-line text (paragraphs) in an editor taller than the row: Enter is a new line, Ctrl+Enter
    (or Tab, or a click elsewhere) keeps the edit, Esc drops it, Ctrl+Tab types a tab.

    `name` is the editor's accessible name (default: the column's title); the editor is at least
    `min_height` pixels and `lines` lines of text tall.
    """

    def __init__(
        self, parent: QWidget | None = None, *, name: str = "", min_height: int = 0, lines: int = 0
    ) -> None:
        super().__init__(parent)
        self._name, self._min_height, self._lines = name, min_height, lines

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        edit = QPlainTextEdit(parent)
        edit.setAccessibleName(
            self._name or str(index.model().headerData(index.column(), Qt.Orientation.Horizontal))
        )
        edit.setTabChangesFocus(True)
        return edit

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if isinstance(editor, QPlainTextEdit) and is_ctrl_tab(event):
            editor.insertPlainText("\t")
            return True
        if (
            isinstance(editor, QPlainTextEdit)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.SubmitModelCache)
            return True
        return super().eventFilter(editor, event)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        rect = QRect(option.rect)
        rect.setHeight(max(rect.height(), self._min_height, option.fontMetrics.lineSpacing() * self._lines))
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(index.data(EditRole) or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        if editor.toPlainText().strip() != (index.data(EditRole) or "").strip():
            model.setData(index, editor.toPlainText(), EditRole)


class AddresseeDelegate(QStyledItemDelegate):
    """A drop-down list of bodies with check boxes; the checked ones are the addressees, in list order."""

    def __init__(self, bodies: Callable[[], list[BodyRecord]], parent: QWidget | None = None):
        super().__init__(parent)
        self._bodies = bodies

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        box = QListWidget(parent)
        box.setAccessibleName("Directed at (check each body)")
        box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for body in self._bodies():
            item = QListWidgetItem(body.name if not body.short_name else f"{body.name} ({body.short_name})")
            item.setData(Qt.ItemDataRole.UserRole, body.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            box.addItem(item)
        return box

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        """Big enough for every body (up to a point), kept inside the table."""
        assert isinstance(editor, QListWidget)
        frame = 2 * editor.frameWidth()
        rows = max(1, editor.count())
        width = editor.sizeHintForColumn(0) + frame + editor.verticalScrollBar().sizeHint().width()
        height = min(rows * max(editor.sizeHintForRow(0), 1) + frame, 260)
        rect = QRect(option.rect.topLeft(), option.rect.size())
        rect.setWidth(max(rect.width(), width))
        rect.setHeight(max(rect.height(), height))
        area = editor.parentWidget().rect() if editor.parentWidget() else rect
        if rect.bottom() > area.bottom():  # near the bottom: open upwards
            rect.moveBottom(max(area.bottom(), rect.height()))
        if rect.right() > area.right():
            rect.moveRight(area.right())
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QListWidget)
        chosen = set(index.data(EditRole) or [])
        for row in range(editor.count()):
            item = editor.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QListWidget)
        before = list(index.data(EditRole) or [])
        checked = [
            editor.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(editor.count())
            if editor.item(row).checkState() == Qt.CheckState.Checked
        ]
        # keep the existing order for bodies still chosen, then the newly checked ones
        ids = [b for b in before if b in checked] + [b for b in checked if b not in before]
        if ids != before:
            model.setData(index, ids, EditRole)

"""The one editor for a response position: every Position plus "none yet", as a combo box for forms
(`PositionCombo`) and as a table delegate (`PositionDelegate`).

The delegate reads whatever a model's EditRole gives for a position (a Position, its value, its
label, or empty) and writes back the Position's value, or "" for none: what `Position(value) if
value else None` turns back into a position.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from correspondence_desk.core.vocabulary import NO_POSITION, POSITION_LABELS, Position

Index = QModelIndex | QPersistentModelIndex
EditRole = Qt.ItemDataRole.EditRole
# Where a position would be, a missing one is a placeholder in brackets, like "(not written yet)".
NO_POSITION_PLACEHOLDER = f"({NO_POSITION.lower()})"


def position_label(position: Position | None) -> str:
    return POSITION_LABELS[position] if position else NO_POSITION_PLACEHOLDER


def as_position(value: Any) -> Position | None:
    """A Position from a Position, its value or its label; None for empty or unknown."""
    if isinstance(value, Position) or not value:
        return value or None
    text = str(value).strip()
    for position, label in POSITION_LABELS.items():
        if text in (position.value, label):
            return position
    return None


class PositionCombo(QComboBox):
    """ "No position yet" (or `none_text`) first, then every position by its label."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        none_text: str = NO_POSITION_PLACEHOLDER,
        accessible_name: str = "Position",
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.addItem(none_text, "")
        for position in Position:
            self.addItem(position.label, position.value)

    def position(self) -> Position | None:
        value = self.currentData()
        return Position(value) if value else None

    def set_position(self, value: Any) -> None:
        position = as_position(value)
        self.setCurrentIndex(max(0, self.findData(position.value if position else "")))


class PositionDelegate(QStyledItemDelegate):
    """Edits a position cell with a PositionCombo."""

    def __init__(self, parent: QWidget | None = None, *, none_text: str = NO_POSITION_PLACEHOLDER) -> None:
        super().__init__(parent)
        self._none_text = none_text

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        return PositionCombo(parent, none_text=self._none_text)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, PositionCombo)
        editor.set_position(index.data(EditRole))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, PositionCombo)
        if editor.position() != as_position(index.data(EditRole)):
            model.setData(index, editor.currentData(), EditRole)

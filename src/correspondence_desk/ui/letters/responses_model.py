"""The responses of the letter being composed, as an editable table (`responsesView`).

Edits stay in the model until the composer saves: each row is the stored ResponseRecord with the
text and position being typed, so the preview can render unsaved work and Save knows what changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QPlainTextEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from correspondence_desk.core.records import Position, ResponseRecord
from correspondence_desk.core.text import one_line
from correspondence_desk.ui.common.positions import position_label
from correspondence_desk.ui.common.table_model import Column, Index, RecordTableModel, natural_key


class ResponsesModel(RecordTableModel[ResponseRecord]):
    LABEL, RECOMMENDATION, POSITION, RESPONSE = range(4)
    COLUMNS = (
        Column(
            "Rec.",
            lambda r: r.recommendation.label,
            sort=lambda r: natural_key(r.recommendation.label),
            tooltip=lambda r: f"{r.report_reference}, recommendation {r.recommendation.label}",
        ),
        Column(
            "Recommendation",
            lambda r: one_line(r.recommendation.text, 160),
            tooltip=lambda r: r.recommendation.text,
        ),
        # cut first when the width is short: its tool tip gives the whole of it
        Column(
            "Position", lambda r: position_label(r.position), tooltip=lambda r: position_label(r.position)
        ),
        Column("Response", lambda r: one_line(r.text, 160) or "(not written yet)", tooltip=lambda r: r.text),
    )

    edited = Signal()  # text, position or order changed (not yet saved)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self._saved: dict[int, ResponseRecord] = {}
        self._saved_order: list[int] = []
        self.read_only = False

    def load(
        self, responses: Sequence[ResponseRecord], on_screen: Sequence[ResponseRecord] | None = None
    ) -> None:
        """Show stored responses, forgetting unsaved edits, or `on_screen` (edits over them, not yet
        saved: what a conflict keeps)."""
        self._saved = {r.id: r for r in responses}
        self._saved_order = [r.id for r in responses]
        self.set_records(responses if on_screen is None else on_screen)

    # --- editing -------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and not self.read_only and index.column() in (self.POSITION, self.RESPONSE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def extra_data(self, record: ResponseRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.EditRole:
            if column == self.POSITION:
                return record.position.value if record.position else ""
            if column == self.RESPONSE:
                return record.text
        if role == Qt.ItemDataRole.FontRole and column == self.RESPONSE and not record.text:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        if index.column() == self.POSITION:
            return self.set_position(index.row(), Position(value) if value else None)
        if index.column() == self.RESPONSE:
            return self.set_text(index.row(), str(value))
        return False

    def set_text(self, row: int, text: str) -> bool:
        return self._change(row, text=text)

    def set_position(self, row: int, position: Position | None) -> bool:
        return self._change(row, position=position)

    def _change(self, row: int, **changes: Any) -> bool:
        record = self.record(row)
        if all(getattr(record, k) == v for k, v in changes.items()):
            return False
        self.replace_record(dataclasses.replace(record, **changes))
        self.edited.emit()
        return True

    def move(self, row: int, delta: int) -> int:
        """Move a response up (-1) or down (+1) in the annex; returns its new row."""
        target = row + delta
        if self.read_only or not (0 <= row < self.rowCount()) or not (0 <= target < self.rowCount()):
            return row
        # Qt's move API wants the destination *before which* the row lands.
        dest = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), dest)
        self._records.insert(target, self._records.pop(row))
        self._filter_text.insert(target, self._filter_text.pop(row))
        self.endMoveRows()
        self.edited.emit()
        return target

    # --- what changed ---------------------------------------------------------------------------

    def current(self) -> tuple[ResponseRecord, ...]:
        """The responses as they would print now (order and unsaved edits included)."""
        return tuple(dataclasses.replace(r, sort_order=i) for i, r in enumerate(self._records))

    def changed(self) -> list[ResponseRecord]:
        return [
            r
            for r in self._records
            if (saved := self._saved.get(r.id)) is not None
            and (saved.text != r.text or saved.position != r.position)
        ]

    def order_changed(self) -> bool:
        return [r.id for r in self._records] != self._saved_order

    def is_dirty(self) -> bool:
        return bool(self.changed()) or self.order_changed()


class ResponseTextDelegate(QStyledItemDelegate):
    """A multi-line editor for a response inside the table (the position column has a PositionDelegate)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setAccessibleName("Response text")
        editor.setTabChangesFocus(True)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        editor.setGeometry(option.rect.adjusted(0, 0, 0, max(0, 120 - option.rect.height())))  # a few lines

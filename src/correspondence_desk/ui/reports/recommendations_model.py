"""The recommendations of one report as an editable table.

Edits do not write to the database here: `setData` hands (record, field, value) to the `editor`
callback (the report editor), which saves through the services and records an undo step, then puts
the fresh record back with `replace_record`. Values per field: label/text/owner str, deadline
date | None, position Position | None, progress Progress | None, addressees list[int] (body ids).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from correspondence_desk.core.records import Position, Progress, RecommendationRecord
from correspondence_desk.core.text import one_line
from correspondence_desk.ui.common.table_model import (
    Column,
    RecordTableModel,
    date_key,
    natural_key,
    short_date,
)

EditRole = Qt.ItemDataRole.EditRole
Editor = Callable[[RecommendationRecord, str, Any], bool]

PROGRESS_COLOURS = {
    Progress.RED: QColor("#c62828"),
    Progress.AMBER: QColor("#b26a00"),
    Progress.GREEN: QColor("#2e7d32"),
    Progress.COMPLETE: QColor("#455a64"),
}


class RecommendationsModel(RecordTableModel[RecommendationRecord]):
    LABEL, TEXT, ADDRESSEES, DEADLINE, OWNER, POSITION, PROGRESS = range(7)
    FIELDS = ("label", "text", "addressees", "deadline", "owner", "position", "progress")
    COLUMNS = (
        Column("No.", lambda r: r.label, sort=lambda r: natural_key(r.label)),
        Column("Recommendation", lambda r: one_line(r.text), tooltip=lambda r: r.text),
        Column("Directed at", lambda r: ", ".join(a.display_name for a in r.addressees)),
        Column(
            "Deadline",
            lambda r: short_date(r.deadline) or r.deadline_phrase,
            sort=lambda r: date_key(r.deadline),
            tooltip=lambda r: r.deadline_phrase,
        ),
        Column("Owner", lambda r: r.owner),
        Column(
            "Position", lambda r: r.position.label if r.position else "", sort=lambda r: _order(r.position)
        ),
        Column(
            "Progress", lambda r: r.progress.label if r.progress else "", sort=lambda r: _order(r.progress)
        ),
    )

    def __init__(self, editor: Editor | None = None, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self._editor = editor

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self._editor is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def extra_data(self, record: RecommendationRecord, column: int, role: int) -> Any:
        if role == EditRole:
            if column == self.ADDRESSEES:
                return [a.body_id for a in record.addressees]
            value = getattr(record, self.FIELDS[column])
            return value.value if hasattr(value, "value") else value
        if role == Qt.ItemDataRole.ForegroundRole and column == self.PROGRESS and record.progress:
            return QBrush(PROGRESS_COLOURS[record.progress])
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = EditRole) -> bool:
        if not index.isValid() or role != EditRole or self._editor is None:
            return False
        record = self.record(index.row())
        field = self.FIELDS[index.column()]
        if field == "position":
            value = Position(value) if value else None
        elif field == "progress":
            value = Progress(value) if value else None
        elif field in ("label", "text", "owner"):
            value = str(value or "").strip()
        return self._editor(record, field, value)


def _order(value: Position | Progress | None) -> int:
    """Positions and progress sort in their declared order (Red before Amber before Green), blanks last."""
    if value is None:
        return 99
    return list(type(value)).index(value)

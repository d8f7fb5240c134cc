"""One dashboard list as a table model: what is due, when, which report or letter, its title.

A model, not a QTreeWidget of items, so "Show all" of 27,000 unanswered recommendations fills in
one reset (the view lays out the rows in C++) instead of building an item per row in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from correspondence_desk.core.records import DueItem, LetterStatus
from correspondence_desk.core.text import count
from correspondence_desk.ui.common.table_model import Column, RecordTableModel, short_date

LATE = QBrush(QColor("#B03A2E"))
WHEN = 1


def when(item: DueItem) -> str:
    """ "3 days late", "today", "in 1 day"; "" for a date not set; a late report whose holding letter
    gave a new date says it too ("3 days late · expected 12 Mar 2027")."""
    if item.days is None:
        said = ""
    elif item.days < 0:
        said = f"{count(-item.days, 'day')} late"
    else:
        said = "today" if item.days == 0 else f"in {count(item.days, 'day')}"
    if item.expected is not None:
        expected = f"expected {short_date(item.expected)}"
        said = f"{said} · {expected}" if said else expected
    return said


def what(item: DueItem) -> str:
    return f"{item.label}. {item.title}" if item.kind == "recommendation" else item.title


def status_label(value: str) -> str:
    try:
        return LetterStatus(value).label
    except ValueError:
        return value.capitalize()


def first(item: DueItem) -> str:
    return status_label(item.status) if item.kind == "letter" else short_date(item.due)


class DueItemsModel(RecordTableModel[DueItem]):
    """The four cells of every list; the headings are the list's own ("Due", "Deadline"…)."""

    COLUMNS = (
        Column("", first),
        Column("", when, tooltip=when),  # "2,110 days late" can be cut at 1024 wide
        Column("", lambda i: i.reference),
        Column("", what, tooltip=lambda i: f"{i.title}\n{i.status}" if i.expected else i.title),
    )

    def __init__(self, headings: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self._headings = tuple(headings)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headings[section] if 0 <= section < len(self._headings) else None
        return super().headerData(section, orientation, role)

    def extra_data(self, record: DueItem, column: int, role: int) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == WHEN
            and record.days is not None
            and record.days < 0
        ):
            return LATE
        return None


class ClearanceItemsModel(DueItemsModel):
    """A letter at a clearance step: when the step is due, how late, the letter, the step (or who
    returned it and why)."""

    COLUMNS = (
        Column("", lambda i: short_date(i.due)),
        Column("", when),
        Column("", lambda i: i.reference),
        Column("", lambda i: i.status, tooltip=lambda i: f"{i.title}\n{i.status}"),
    )

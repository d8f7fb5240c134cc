"""A reusable read-mostly table model over a list of frozen records.

Subclass `RecordTableModel`, declare `COLUMNS` (one `Column` each) and a constant per column, and
put the model behind a `QSortFilterProxyModel` configured by `make_proxy`:

    class ReportsModel(RecordTableModel[ReportSummary]):
        REFERENCE, TITLE, DUE = range(3)
        COLUMNS = (
            Column("Reference", lambda r: r.reference, sort=lambda r: natural_key(r.reference)),
            Column("Title", lambda r: r.title),
            Column("Due", lambda r: short_date(r.response_due), sort=lambda r: date_key(r.response_due)),
        )

    model = ReportsModel()
    model.set_records(services.reports.list())
    view.setModel(make_proxy(model, parent=view))
    report_id = view.model().index(row, 0).data(IdRole)   # ids survive proxy mapping

Roles: `IdRole` (the record's `id`), `RecordRole` (the record itself), `SortRole` (a native value:
str, int or float, never a Python tuple, which Qt cannot order), `FilterRole` (one lower-case string
of every column, cached per row, so a filter box tests one string a row). Sorting happens in the
source model (`sort`: one key per row, then a list sort), never in a Python `lessThan`, which Qt
would call n·log(n) times: that keeps tables of tens of thousands of rows quick.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from correspondence_desk.core.dates import MONTH_NAMES

R = TypeVar("R")

IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
RecordRole = Qt.ItemDataRole.UserRole + 3
FilterRole = Qt.ItemDataRole.UserRole + 4

_DIGITS = re.compile(r"(\d+)")
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

Index = QModelIndex | QPersistentModelIndex


def natural_key(text: str) -> str:
    """A string that sorts labels as people expect: "2" < "10" < "10.1" < "10a" (digits zero-padded)."""
    return _DIGITS.sub(lambda m: m[1].rjust(12, "0"), text.strip().lower())


def date_key(value: dt.date | None) -> str:
    """Dates sort as ISO strings; a missing date sorts after every real one."""
    return value.isoformat() if value else "9999-99-99"


def short_date(value: dt.date | None) -> str:
    """A compact, unambiguous date for table cells: 6 Jun 2025."""
    # English month names whatever the machine's locale, as letters are written.
    return f"{value.day} {MONTH_NAMES[value.month - 1][:3]} {value.year}" if value else ""


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    display: Callable[[R], str]
    sort: Callable[[R], str | int | float] | None = None  # default: the display text, lower-case
    align: Qt.AlignmentFlag | None = None
    tooltip: Callable[[R], str] | None = None


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows are frozen records with an `id`; subclasses only declare COLUMNS (and editing, if any)."""

    COLUMNS: Sequence[Column[Any]] = ()

    def __init__(self, records: Sequence[R] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[R] = list(records)
        self._filter_text: list[str | None] = [None] * len(self._records)
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None  # re-applied when the rows are replaced

    # --- filling ------------------------------------------------------------------------------

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._records = self._sorted(list(records)) if self._sorted_by else list(records)
        self._filter_text = [None] * len(self._records)
        self.endResetModel()

    def records(self) -> list[R]:
        return list(self._records)

    def record(self, row: int) -> R:
        return self._records[row]

    def row_of(self, record_id: int) -> int:
        """The row holding the record with this id, or -1."""
        for row, rec in enumerate(self._records):
            if rec.id == record_id:  # type: ignore[attr-defined]
                return row
        return -1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by the column's sort key (stable), keeping selections and persistent indexes."""
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sorted_by = (column, order)
        new_order = self._sort_order(self._records)
        self.layoutAboutToBeChanged.emit()
        new_row = {old: new for new, old in enumerate(new_order)}
        self._records = [self._records[i] for i in new_order]
        self._filter_text = [self._filter_text[i] for i in new_order]
        for index in self.persistentIndexList():
            self.changePersistentIndex(index, self.index(new_row[index.row()], index.column()))
        self.layoutChanged.emit()

    def _sort_order(self, records: list[R]) -> list[int]:
        assert self._sorted_by is not None
        column, order = self._sorted_by
        col = self.COLUMNS[column]
        key = col.sort or (lambda rec: col.display(rec).lower())
        keys = [key(rec) for rec in records]
        return sorted(
            range(len(records)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder
        )

    def _sorted(self, records: list[R]) -> list[R]:
        return [records[i] for i in self._sort_order(records)]

    def replace_record(self, record: R) -> None:
        """Put a fresher copy of a record (same id) in place, repainting only its row."""
        row = self.row_of(record.id)  # type: ignore[attr-defined]
        if row < 0:
            return
        self._records[row] = record
        self._filter_text[row] = None
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # --- QAbstractTableModel ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._records):
            return None
        rec = self._records[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(rec)
        if role == SortRole:
            return column.sort(rec) if column.sort else column.display(rec).lower()
        if role == FilterRole:
            return self.filter_text(index.row())
        if role == IdRole:
            return rec.id  # type: ignore[attr-defined]
        if role == RecordRole:
            return rec
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(rec) if column.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        return self.extra_data(rec, index.column(), role)

    def extra_data(self, record: R, column: int, role: int) -> Any:
        """Subclasses answer further roles (colours, edit values) here."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNS[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole and self.COLUMNS[section].align is not None:
                return self.COLUMNS[section].align
        return None

    def filter_text(self, row: int) -> str:
        """The row's text for filtering: every column, lower case (computed once per row version)."""
        text = self._filter_text[row]
        if text is None:
            rec = self._records[row]
            text = "\t".join(c.display(rec) for c in self.COLUMNS).lower()
            self._filter_text[row] = text
        return text


class RecordFilterProxy(QSortFilterProxyModel):
    """Keeps rows whose text contains every word typed (any order); sorting is the source's job.

    Both stay cheap for big tables: the words are tested against the model's cached row texts (no
    `data()` round trip through Qt for each row), and a sort request is passed to
    `RecordTableModel.sort`, which sorts its list once by key instead of Qt calling `data()` for
    every comparison (seconds for 10,000 rows).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setFilterRole(FilterRole)
        self.setFilterKeyColumn(0)
        self._words: list[str] = []
        self._test: Callable[[Any], bool] | None = None

    def set_filter_words(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_row_test(self, test: Callable[[Any], bool] | None) -> None:
        """Keep only the records `test` accepts as well (e.g. "open reports"); None keeps them all."""
        self.beginFilterChange()
        self._test = test
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_filtered(self) -> bool:
        return bool(self._words) or self._test is not None

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        test, words = self._test, self._words
        if test is None and not words:
            return True
        source = self.sourceModel()
        if test is not None and isinstance(source, RecordTableModel) and not test(source.record(source_row)):
            return False
        if not words:
            return True
        if isinstance(source, RecordTableModel):
            text = source.filter_text(source_row)  # cached by the model, refreshed when a row changes
        else:
            text = str(source.index(source_row, 0, source_parent).data(FilterRole) or "")
        return all(word in text for word in self._words)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, RecordTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)


def make_proxy(model: QAbstractTableModel, parent: QObject | None = None) -> RecordFilterProxy:
    proxy = RecordFilterProxy(parent)
    proxy.setSourceModel(model)
    return proxy

"""The shared record table model: roles, natural sorting and word filtering through the proxy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPersistentModelIndex, Qt

from correspondence_desk.ui.common.table_model import (
    Column,
    IdRole,
    RecordRole,
    RecordTableModel,
    date_key,
    make_proxy,
    natural_key,
    short_date,
)


@dataclass(frozen=True)
class Item:
    id: int
    label: str
    due: dt.date | None


class ItemsModel(RecordTableModel[Item]):
    LABEL, DUE = range(2)
    COLUMNS = (
        Column("Label", lambda r: r.label, sort=lambda r: natural_key(r.label)),
        Column("Due", lambda r: short_date(r.due), sort=lambda r: date_key(r.due)),
    )


ITEMS = [
    Item(1, "10", dt.date(2025, 3, 1)),
    Item(2, "2", None),
    Item(3, "10.1", dt.date(2024, 12, 31)),
    Item(4, "1a", dt.date(2025, 1, 9)),
]


def test_model_passes_qtmodeltester(qtmodeltester):
    qtmodeltester.check(ItemsModel(ITEMS))
    qtmodeltester.check(ItemsModel([]))


def _column(proxy, col, role=Qt.ItemDataRole.DisplayRole):
    return [proxy.index(row, col).data(role) for row in range(proxy.rowCount())]


def test_labels_sort_naturally_and_ids_survive_the_proxy():
    proxy = make_proxy(ItemsModel(ITEMS))
    proxy.sort(ItemsModel.LABEL, Qt.SortOrder.AscendingOrder)
    assert _column(proxy, ItemsModel.LABEL) == ["1a", "2", "10", "10.1"]
    assert _column(proxy, ItemsModel.LABEL, IdRole) == [4, 2, 1, 3]


def test_dates_sort_by_date_with_missing_ones_last():
    proxy = make_proxy(ItemsModel(ITEMS))
    proxy.sort(ItemsModel.DUE, Qt.SortOrder.AscendingOrder)
    assert _column(proxy, ItemsModel.DUE) == ["31 Dec 2024", "9 Jan 2025", "1 Mar 2025", ""]


def test_filter_keeps_rows_matching_every_word():
    proxy = make_proxy(ItemsModel(ITEMS))
    proxy.set_filter_words("2025 MAR")
    assert _column(proxy, ItemsModel.LABEL, RecordRole) == [ITEMS[0]]
    proxy.set_filter_words("")
    assert proxy.rowCount() == 4


def test_replace_record_updates_one_row():
    model = ItemsModel(ITEMS)
    model.replace_record(Item(3, "11", None))
    assert model.index(2, ItemsModel.LABEL).data() == "11"
    assert model.row_of(3) == 2 and model.row_of(99) == -1


def test_sorting_is_done_by_the_source_and_kept_when_rows_are_replaced():
    model = ItemsModel(ITEMS)
    proxy = make_proxy(model)
    keep = QPersistentModelIndex(proxy.mapToSource(proxy.index(0, 0)))  # the row with id 1
    proxy.sort(ItemsModel.LABEL, Qt.SortOrder.DescendingOrder)
    assert [model.record(r).label for r in range(4)] == ["10.1", "10", "2", "1a"]
    assert keep.row() == 1 and keep.data(IdRole) == 1  # selections follow their row
    model.set_records([Item(7, "3", None), *ITEMS])
    assert _column(proxy, ItemsModel.LABEL) == ["10.1", "10", "3", "2", "1a"]


def test_the_dashboards_list_model_passes_qtmodeltester(qtmodeltester):
    from correspondence_desk.core.records import DueItem
    from correspondence_desk.ui.dashboard.items_model import DueItemsModel

    model = DueItemsModel(("Due", "When", "Report", "Title"))
    model.set_records(
        [
            DueItem("report", 1, 1, None, "R-1", "Late", due=dt.date(2026, 1, 1), days=-3),
            DueItem("recommendation", 2, 1, None, "R-1", "Act", label="4", due=None, days=None),
            DueItem("letter", 3, 1, 3, "L-1", "Reply", status="draft"),
        ]
    )
    qtmodeltester.check(model)
    assert [model.index(r, 1).data() for r in range(3)] == ["3 days late", "", ""]
    assert model.index(1, 3).data() == "4. Act" and model.index(2, 0).data() == "Draft"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Due"

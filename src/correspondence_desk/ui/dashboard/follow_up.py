"""The dashboard's follow-up lists: progress updates overdue or due soon (every N months after the
response and each update, the office setting), and the owners behind on them.

Working out what is due reads every open recommendation's response and latest update (about half a
second at 100,000), so the page asks for it on a worker (`load`) after its other lists, and shows the
answer when it comes. An update is listed as a dashboard item (it opens its recommendation); an
owner opens their longest-overdue recommendation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from correspondence_desk.core.records import DueItem, ItemList, OwnerOverdue, UpdateDue, UpdatesDue
from correspondence_desk.core.text import count
from correspondence_desk.core.vocabulary import DUE_SOON_DAYS
from correspondence_desk.ui.common.background import BackgroundOp
from correspondence_desk.ui.common.table_model import Column, RecordTableModel, short_date
from correspondence_desk.ui.dashboard.items_model import LATE, DueItemsModel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from correspondence_desk.core.services import Services

UPDATES, OWNERS = "updates_due", "owners_overdue"
ITEMS_SHOWN = 50  # of each of overdue and due soon; Show all loads the rest
NO_OWNER = "(no owner)"
# list key, tile caption, columns, what its empty list says (as the page's LISTS)
LISTS = (
    (UPDATES, "Progress updates due", ("Due", "When", "Recommendation", "Owner: recommendation"),
     f"No progress update is overdue or due in the next {DUE_SOON_DAYS} days."),
    (OWNERS, "Owners overdue", ("Oldest due", "When", "Overdue", "Owner"),
     "No owner has an overdue progress update."),
)  # fmt: skip


def due_item(update: UpdateDue) -> DueItem:
    """An update due, as the dashboard's lists hold an item: it opens its recommendation."""
    return DueItem(
        kind="recommendation",
        id=update.recommendation_id,
        report_id=update.report_id,
        letter_id=None,
        reference=update.reference,
        title=update.title,
        label=update.label,
        due=update.due,
        days=update.days,
        status=update.owner,
    )


def update_items(due: UpdatesDue) -> ItemList:
    """Overdue first (the longest overdue at the top), then those due soon."""
    items = tuple(due_item(u) for u in (*due.overdue, *due.due_soon))
    return ItemList(items, due.overdue_total + due.due_soon_total)


class UpdatesDueModel(DueItemsModel):
    COLUMNS = (
        Column("", lambda i: short_date(i.due)),
        Column("", lambda i: _when(i.days)),
        Column("", lambda i: i.reference),
        Column("", lambda i: f"{i.status or NO_OWNER}: {i.title}", tooltip=lambda i: i.title),
    )


def _when(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return f"{count(-days, 'day')} late"
    return "today" if days == 0 else f"in {count(days, 'day')}"


class OwnersOverdueModel(RecordTableModel[OwnerOverdue]):
    COLUMNS = (
        Column("", lambda o: short_date(o.oldest_due)),
        Column("", lambda o: _when(-o.days_late)),
        Column("", lambda o: count(o.count, "update")),
        Column("", lambda o: o.owner or NO_OWNER),
    )

    def __init__(self, headings: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self._headings = tuple(headings)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headings[section] if 0 <= section < len(self._headings) else None
        return super().headerData(section, orientation, role)

    def extra_data(self, record: OwnerOverdue, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return LATE
        return None


def first_of(owner: OwnerOverdue, items: Sequence[DueItem]) -> DueItem | None:
    """The owner's longest-overdue update among those loaded (the list is oldest first)."""
    wanted = " ".join(owner.owner.split()).casefold()
    for item in items:
        if item.days is not None and item.days < 0 and " ".join(item.status.split()).casefold() == wanted:
            return item
    return None


def load(
    parent: QWidget,
    services: Services,
    today: dt.date,
    shown: int | None,
    done: Callable[[UpdatesDue], object],
    failed: Callable[[BaseException], object],
) -> BackgroundOp[UpdatesDue]:
    """What is due, worked out on a worker; `done` gets it on the GUI thread."""
    updates = services.updates
    op: BackgroundOp[UpdatesDue] = BackgroundOp(
        parent, lambda _task: updates.due(today, shown=shown), doing="working out the progress updates due"
    )
    return op.success(done).failure(failed).run_in_background()

"""Opening what the dashboard lists: a click or Enter lands on the item itself (a recommendation
opens its report with it selected); the right-click menu offers Open, Open its report and Draft
response. An owner overdue stands for their longest-overdue recommendation."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction

from correspondence_desk.core.records import DueItem, OwnerOverdue, UpdatesDue
from correspondence_desk.ui.common.background import BackgroundOp
from correspondence_desk.ui.common.table_model import RecordRole
from correspondence_desk.ui.common.widgets import action
from correspondence_desk.ui.dashboard import follow_up

if TYPE_CHECKING:
    from correspondence_desk.ui.dashboard.page import DashboardPage


class ItemOpener:
    def __init__(self, page: DashboardPage) -> None:
        self._page = page
        self._last_open: tuple = (None, None, 0.0)
        self.open_action = action(page, "&Open", self.open_current, name="actionOpenItem")
        self.open_report_action = action(page, "Open its &report", self.open_current_report)
        self.draft_action = action(page, "Draft &response…", self.draft_for_current)

    def open_index(self, index: QModelIndex) -> None:
        item = index.data(RecordRole)
        if isinstance(item, OwnerOverdue):
            item = self.owner_item(item, load=True)
        key = (item.kind if item else None, item.id if item else None, time.monotonic())
        last = self._last_open
        self._last_open = key
        # a click and an activation (double-click, or one click on some desktops) open it once
        if item is None or (last[:2] == key[:2] and key[2] - last[2] < 0.6):
            return
        self.open_item(item)

    def open_item(self, item: DueItem) -> None:
        """Land on the item itself: a recommendation opens its report with it selected."""
        if item.kind == "letter" and item.letter_id is not None:
            self._page.openLetter.emit(item.letter_id)
        elif item.kind == "recommendation" and item.report_id is not None:
            self._page.openRecommendation.emit(item.report_id, item.id)
        elif item.report_id is not None:
            self._page.openReport.emit(item.report_id)

    def current_item(self, load: bool = False) -> DueItem | None:
        index = self._page.trees[self._page.current_key()].currentIndex()
        item = index.data(RecordRole) if index.isValid() else None
        return self.owner_item(item, load) if isinstance(item, OwnerOverdue) else item

    def owner_item(self, owner: OwnerOverdue, load: bool = False) -> DueItem | None:
        """An owner stands for their longest-overdue recommendation; with `load`, when it is not
        among the updates shown, every update due is loaded and it opens when they come."""
        found = follow_up.first_of(owner, self._page.models[follow_up.UPDATES].records())
        if found is None and load and self._page.summary is not None:
            op = self._page.load_follow_up(self._page.summary.today, everything=True)
            op.finished.connect(lambda: self._open_owner_later(op, owner))
        return found

    def _open_owner_later(self, op: BackgroundOp[UpdatesDue], owner: OwnerOverdue) -> None:
        found = follow_up.first_of(owner, self._page.models[follow_up.UPDATES].records())
        if op is self._page.follow_up and op.result is not None and found is not None:
            self.open_item(found)

    def open_current(self) -> None:
        item = self.current_item(load=True)
        if item is not None:
            self.open_item(item)

    def open_current_report(self) -> None:
        item = self.current_item()
        if item is not None and item.report_id is not None:
            self._page.openReport.emit(item.report_id)

    def draft_for_current(self) -> None:
        item = self.current_item()
        if item is not None and item.report_id is not None:
            self._page.draftResponse.emit(item.report_id)

    def commands(self) -> list[QAction | None]:
        item = self.current_item()
        index = self._page.trees[self._page.current_key()].currentIndex()
        owner = index.isValid() and isinstance(index.data(RecordRole), OwnerOverdue)
        self.open_action.setEnabled(item is not None or owner)  # an owner's opens once loaded
        has_report = item is not None and item.report_id is not None
        self.open_report_action.setEnabled(has_report and item is not None and item.kind != "report")
        self.draft_action.setEnabled(has_report and item is not None and item.kind != "letter")
        return [self.open_action, self.open_report_action, None, self.draft_action]

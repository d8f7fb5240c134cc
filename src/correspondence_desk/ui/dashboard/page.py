"""The first page: what is overdue or due soon, what is unanswered, what awaits issue, what awaits
my clearance or was returned to me, which clearance steps are overdue, and how the recommendations
stand (a bar chart of positions and progress). One click on an item opens it: a report, the report
with that recommendation selected, a letter.

Each list shows its first few; "Show all 409" under it loads the rest (off the GUI thread). A
right-click on an item offers Open, Open its report and Draft response (opening.py). Which lists
there are and how one is laid out is in lists.py.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.records import DashboardSummary, ItemList, UpdatesDue
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.background import BackgroundOp
from correspondence_desk.ui.common.page import Page
from correspondence_desk.ui.dashboard import follow_up
from correspondence_desk.ui.dashboard.charts import BarChart, charts_panel, position_bars, progress_bars
from correspondence_desk.ui.dashboard.items_model import DueItemsModel
from correspondence_desk.ui.dashboard.lists import (
    FOLLOW_UP,
    LISTS,
    NARROW_TILES,
    NOTHING_YET,
    URGENT,
    WIDE_TILES,
    Tile,
    due_list,
)
from correspondence_desk.ui.dashboard.opening import ItemOpener

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services


class DashboardPage(Page):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("dashboardPage")
        self.summary: DashboardSummary | None = None
        self.shown: dict[str, ItemList] = {}  # what each list shows (all of it after "Show all")
        self.loading: BackgroundOp[ItemList] | None = None
        self.loading_summary: BackgroundOp[DashboardSummary] | None = None
        self._asked = 0  # how many times the summary was asked for (only the latest answer shows)
        self.follow_up: BackgroundOp[UpdatesDue] | None = None  # the latest ask for updates due
        self.updates_due: UpdatesDue | None = None
        self.today = dt.date.today  # a seam for tests

        self.heading = QLabel()
        self.heading.setObjectName("dashboardHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.nothing_yet = QLabel(NOTHING_YET)
        self.nothing_yet.setObjectName("dashboardEmpty")
        self.nothing_yet.setWordWrap(True)
        self.nothing_yet.hide()

        self.opener = ItemOpener(self)
        tiles = QGridLayout()
        tiles.setSpacing(8)
        self.tile_grid, self.tile_columns = tiles, NARROW_TILES
        self.tiles: dict[str, Tile] = {}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboardTabs")
        self.trees: dict[str, QTableView] = {}
        self.models: dict[str, DueItemsModel | follow_up.OwnersOverdueModel] = {}
        self.notes: dict[str, QLabel] = {}
        self.show_all_buttons: dict[str, QPushButton] = {}
        for index, (key, caption, columns, _empty) in enumerate(LISTS):
            tile = Tile(caption)
            tile.setObjectName(f"tile_{key}")
            tile.clicked.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            tiles.addWidget(tile, index // NARROW_TILES, index % NARROW_TILES)
            self.tiles[key] = tile
            made = due_list(key, columns, self, self.opener.open_index, self.opener.commands, self.show_all)
            self.trees[key], self.models[key] = made.tree, made.model
            self.notes[key], self.show_all_buttons[key] = made.note, made.show_all
            self.tabs.addTab(made.box, caption)
        self.tabs.currentChanged.connect(self._mark_tile)
        # the tiles above are the tabs: a second row of titles would only repeat them
        self.tabs.tabBar().hide()
        self.tabs.setDocumentMode(True)
        self.list_title = QLabel()
        self.list_title.setObjectName("dashboardListTitle")

        self.position_chart = BarChart("Recommendations by position")
        self.position_chart.setObjectName("positionChart")
        self.progress_chart = BarChart("Implementation progress")
        self.progress_chart.setObjectName("progressChart")

        lists = QVBoxLayout()
        lists.addWidget(self.list_title)
        lists.addWidget(self.tabs, 1)
        lower = QHBoxLayout()
        lower.addLayout(lists, 2)  # the lists' text wins the width; the charts keep what they need
        lower.addWidget(charts_panel(self.position_chart, self.progress_chart), 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.nothing_yet)
        layout.addLayout(tiles)
        layout.addLayout(lower, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = event.size().width() - 24
        wide = room >= WIDE_TILES * (Tile.MIN_WIDTH + 8)
        columns = WIDE_TILES if wide else NARROW_TILES
        if columns != self.tile_columns:  # fewer rows of tiles leave the lists more height
            self.tile_columns = columns
            for index, tile in enumerate(self.tiles.values()):
                self.tile_grid.addWidget(tile, index // columns, index % columns)

    # --- loading ----------------------------------------------------------------------------

    def refresh(self, today: dt.date | None = None) -> None:
        self._asked += 1  # a read still running on a worker is older than this: its answer is dropped
        self.show_summary(self.services.dashboard.summary(today or self.today()))

    def refresh_shown(self) -> None:
        """The summary (a dozen counts and lists: ~0.1 s at 10,000 reports) is read on a worker; only
        the answer to the latest ask is shown."""
        self._asked += 1
        asked, today, dashboard = self._asked, self.today(), self.services.dashboard
        if self.loading_summary is not None and not self.loading_summary.done:
            self.loading_summary.cancel()
        op: BackgroundOp[DashboardSummary] = BackgroundOp(
            self, lambda _task: dashboard.summary(today), doing="loading the dashboard"
        )
        self.loading_summary = op.success(
            lambda summary: self.show_summary(summary) if asked == self._asked else None
        ).failure(lambda exc: dialogs.show_failure(self, exc, "loading the dashboard"))
        op.run_in_background()

    def show_summary(self, summary: DashboardSummary) -> None:
        self.summary = summary
        who = (
            f"Signed in as {html.escape(summary.me)}"
            if summary.me
            else f"Your login “{html.escape(summary.login)}” is not in the colleagues register "
            "(Contacts &amp; bodies › Colleagues), so nothing awaits your clearance"
        )
        self.heading.setText(f"<h2>Dashboard</h2><p>{long_date(summary.today)} · {who}</p>")
        recommendations = sum(n for _p, n in summary.by_position)
        self.nothing_yet.setVisible(recommendations == 0 and not summary.letters_awaiting_issue.total)
        for key, _caption, _columns, _empty in LISTS:
            if key in FOLLOW_UP:
                continue
            found: ItemList = getattr(summary, key)
            self.tiles[key].set_count(found.total, urgent=key in URGENT)
            self._fill(key, found)
        self._mark_tile(self.tabs.currentIndex())
        self.position_chart.set_bars(position_bars(summary.by_position))
        self.progress_chart.set_bars(progress_bars(summary.by_progress))
        self.load_follow_up(summary.today)

    # --- progress updates due (worked out on a worker) ---------------------------------------------

    def load_follow_up(self, today: dt.date, everything: bool = False) -> BackgroundOp[UpdatesDue]:
        """Ask for the updates due (the first few of each list, or `everything`); an answer to an
        older ask (a refresh came since) is dropped."""
        shown = None if everything else follow_up.ITEMS_SHOWN
        if self.follow_up is not None and not self.follow_up.done:
            self.follow_up.cancel()
        for key in FOLLOW_UP:
            if key not in self.shown:
                self.notes[key].setText("Working out which progress updates are due…")
        op = follow_up.load(
            self, self.services, today, shown,
            done=lambda due: self._show_follow_up(op, due),
            failed=lambda exc: self._follow_up_failed(op, exc),
        )  # fmt: skip
        self.follow_up = op
        return op

    def _show_follow_up(self, op: BackgroundOp[UpdatesDue], due: UpdatesDue) -> None:
        if op is not self.follow_up:
            return
        self.updates_due = due
        found = follow_up.update_items(due)
        self.tiles[follow_up.UPDATES].set_count(found.total, urgent=due.overdue_total > 0)
        self._fill(follow_up.UPDATES, found)
        owners = ItemList((), len(due.owners))
        self.tiles[follow_up.OWNERS].set_count(owners.total, urgent=True)
        self.shown[follow_up.OWNERS] = owners
        self.models[follow_up.OWNERS].set_records(due.owners)
        self._say(follow_up.OWNERS)
        self._mark_tile(self.tabs.currentIndex())

    def _follow_up_failed(self, op: BackgroundOp[UpdatesDue], error: BaseException) -> None:
        if op is not self.follow_up:
            return
        for key in FOLLOW_UP:
            self.notes[key].setText(f"Could not work out the progress updates due: {error}")

    def _fill(self, key: str, found: ItemList) -> None:
        self.shown[key] = found
        self.models[key].set_records(found.items)
        self._say(key)

    def _say(self, key: str) -> None:
        """The line under a list: how much of it is shown, and Show all while some is not."""
        found, shown = self.shown[key], self.models[key].rowCount()
        if key == follow_up.OWNERS:  # every owner is always there: nothing more to load
            shown = found.total
        note, show_all = self.notes[key], self.show_all_buttons[key]
        if shown < found.total:
            note.setText(f"Showing the first {shown:,} of {found.total:,}.")
            show_all.setText(f"Show all {found.total:,}")
            show_all.setAccessibleName(show_all.text())
        elif not found.total:
            note.setText(next(empty for k, _c, _cols, empty in LISTS if k == key))
        else:
            note.setText(f"All {found.total:,} shown." if found.total > 1 else "")
        show_all.setVisible(shown < found.total)
        show_all.setEnabled(True)
        if key == self.current_key():
            self._update_status()

    def show_all(self, key: str) -> BackgroundOp[Any] | None:
        """Load every item of one list, off the GUI thread (thousands of rows take a moment)."""
        if self.loading is not None and not self.loading.done:
            return None
        today = self.summary.today if self.summary else self.today()
        dashboard = self.services.dashboard
        self.show_all_buttons[key].setEnabled(False)
        if key in FOLLOW_UP:
            self.notes[key].setText("Loading all of them…")
            return self.load_follow_up(today, everything=True)
        self.notes[key].setText("Loading all of them…")
        op: BackgroundOp[ItemList] = BackgroundOp(
            self, lambda _task: dashboard.items(key, today), doing="loading the list"
        )
        self.loading = op.success(lambda found: self._fill(key, found)).failure(
            lambda _exc: self._fill(key, self.shown[key])
        )
        op.with_progress("Loading the list…").run_in_background()
        return op

    def current_key(self) -> str:
        return LISTS[max(0, self.tabs.currentIndex())][0]

    def focus_main(self) -> None:
        """Ctrl+1: the keyboard goes to the list on show, ready for arrows and Enter."""
        tree = self.trees[self.current_key()]
        tree.setFocus()
        if not tree.currentIndex().isValid() and tree.model().rowCount():
            tree.setCurrentIndex(tree.model().index(0, 0))

    def _mark_tile(self, index: int) -> None:
        for i, key in enumerate(self.tiles):
            self.tiles[key].setChecked(i == index)
        self.list_title.setText(f"<b>{LISTS[index][1]}</b>")
        self._update_status()

    def _update_status(self) -> None:
        key = self.current_key()
        found = self.shown.get(key)
        if found is None:
            return
        caption = LISTS[self.tabs.currentIndex()][1]
        shown = self.models[key].rowCount()
        text = (
            f"{caption}: {found.total:,}"
            if shown == found.total
            else f"{caption}: {shown:,} of {found.total:,}"
        )
        self.show_status(text)

    def location(self) -> Hashable:
        return ("list", self.tabs.currentIndex())

    def go_back_to(self, location: Hashable) -> bool:
        if isinstance(location, tuple) and len(location) == 2 and isinstance(location[1], int):
            self.tabs.setCurrentIndex(location[1])
        return True

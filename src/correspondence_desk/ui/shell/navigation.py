"""Going places in the window: opening a report, a recommendation, a letter or a response from any
page, drafting a letter, and Alt+Left back to where the user came from.

The history is the window's, not a page's: each entry is (page row, the page's `location()` then).
One user move is one entry, however many steps it takes (the dashboard → the Reports page → that
report is one move, so Alt+Left from the report goes back to the dashboard). A move the user
cancels (unsaved work, Cancel) leaves the history as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterator
from typing import TYPE_CHECKING

from correspondence_desk.ui.common.page import Page
from correspondence_desk.ui.shell.pages import LETTERS, REPORTS

if TYPE_CHECKING:
    from correspondence_desk.ui.letters.page import LettersPage
    from correspondence_desk.ui.reports.page import ReportsPage
    from correspondence_desk.ui.shell.main_window import MainWindow

HISTORY_LIMIT = 50

Entry = tuple[int, Hashable]


class NavigationHistory:
    """Where the user came from, newest last; nothing is recorded while `paused()`."""

    def __init__(self) -> None:
        self._entries: list[Entry] = []
        self._paused = 0

    def push(self, row: int, location: Hashable) -> None:
        if self._paused or row < 0:
            return
        if self._entries and self._entries[-1] == (row, location):
            return
        self._entries.append((row, location))
        del self._entries[:-HISTORY_LIMIT]

    def peek(self) -> Entry | None:
        return self._entries[-1] if self._entries else None

    def pop(self) -> None:
        if self._entries:
            self._entries.pop()

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        self._paused += 1
        try:
            yield
        finally:
            self._paused -= 1


class Navigator:
    """The window's moves between pages and inside them (the window connects the pages' signals here)."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.history = NavigationHistory()

    def here(self) -> Entry:
        window = self._window
        row = window.shown_row
        page = window.pages[row] if 0 <= row < len(window.pages) else None
        return row, page.location() if isinstance(page, Page) else None

    def move(self, row: int, then: Callable[[Page], object] | None = None) -> bool:
        """Show page `row` and do `then` on it, as one move in the history; False if the user stayed."""
        start = self.here()
        with self.history.paused():
            if not self._window.go_to(row):
                return False
            page = self._window.page(row)
            done = not isinstance(page, Page) or then is None or then(page) is not False
        if done or start[0] != row:
            self.history.push(*start)
        return done

    def page_moved(self, row: int, came_from: Hashable) -> None:
        """A page moved inside itself (e.g. the reports list → a report)."""
        self.history.push(row, came_from)

    def back(self) -> bool:
        """Alt+Left: back to the last place in the history (with none, the page's main view)."""
        window = self._window
        entry = self.history.peek()
        if entry is None:
            page = window.current_page()
            return isinstance(page, Page) and page.go_back_to(None)
        row, location = entry
        with self.history.paused():
            if not window.go_to(row):
                return False
            page = window.page(row)
            if isinstance(page, Page) and not page.go_back_to(location):
                return False
        self.history.pop()
        return True

    # --- opening things ---------------------------------------------------------------------------

    def open_report(self, report_id: int, recommendation_id: int | None = None) -> bool:
        return self.move(REPORTS, lambda page: _reports(page).open_report(report_id, recommendation_id))

    def open_letter(self, letter_id: int) -> bool:
        return self.move(LETTERS, lambda page: _letters(page).open_letter(letter_id))

    def open_response(self, letter_id: int, response_id: int) -> bool:
        def open_it(page: Page) -> bool:
            letters = _letters(page)
            if not letters.open_letter(letter_id):
                return False
            letters.select_response(response_id)  # a response removed since: the letter, at its first
            return True

        return self.move(LETTERS, open_it)

    def draft_response(self, report_id: int | None) -> bool:
        """A new letter answering `report_id` (None: the Letters page asks which report)."""
        return self.move(LETTERS, lambda page: _letters(page).new_letter(report_id) is not None)


def _reports(page: Page) -> ReportsPage:
    from correspondence_desk.ui.reports.page import ReportsPage  # the pages load when first shown

    assert isinstance(page, ReportsPage)
    return page


def _letters(page: Page) -> LettersPage:
    from correspondence_desk.ui.letters.page import LettersPage

    assert isinstance(page, LettersPage)
    return page

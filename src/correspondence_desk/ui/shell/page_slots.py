"""The window's pages in their stack: a stand-in slot per page until it is first needed, then the
page, wired to the window (its signals, its undo stack, its menu, its saved layout).

Building every page at start-up is slow and the window must appear at once, so a page is built the
first time it is asked for. Which pages must reload when next shown (`stale`) is kept here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from correspondence_desk.core.text import count
from correspondence_desk.ui.common.page import Page
from correspondence_desk.ui.shell.pages import PAGES

if TYPE_CHECKING:
    from correspondence_desk.ui.shell.main_window import MainWindow


class PageSlots:
    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.pages: list[QWidget] = []  # a Page once built, a plain stand-in slot before
        self.stale: set[int] = set()
        self._built: set[int] = set()
        self._menus: dict[int, QAction] = {}

    def built_pages(self) -> list[tuple[int, Page]]:
        return [(row, page) for row, page in enumerate(self.pages) if isinstance(page, Page)]

    def reset(self) -> None:
        """(Re)start with an empty slot per page, every one to load when shown (a new database)."""
        window = self._window
        for _row, old in self.built_pages():
            if old.undo_stack is not None:
                window.undo_group.removeStack(old.undo_stack)
        for old in self.pages:
            window.stack.removeWidget(old)
            old.deleteLater()
        for action in self._menus.values():
            window.menuBar().removeAction(action)
        self.pages, self._menus, self._built = [], {}, set()
        for _spec in PAGES:
            slot = QWidget()
            self.pages.append(slot)
            window.stack.addWidget(slot)
        self.all_stale()

    def all_stale(self) -> None:
        self.stale = set(range(len(self.pages)))

    def page(self, row: int) -> QWidget:
        """The page at `row`, built now if it has not been yet (a stand-in until there are services)."""
        window = self._window
        if row in self._built or window.services is None:
            return self.pages[row]
        page = PAGES[row].factory()(window.services, window.stack)
        slot = self.pages[row]
        current = window.stack.currentIndex()
        window.stack.insertWidget(row, page)
        window.stack.removeWidget(slot)
        slot.deleteLater()
        window.stack.setCurrentIndex(current)
        self.pages[row] = page
        self._built.add(row)
        self._connect(row, page)
        return page

    def show_menu_of(self, row: int) -> None:
        """Only the shown page's own menu is in the menu bar."""
        for index, action in self._menus.items():
            action.setVisible(index == row)

    def _connect(self, row: int, page: Page) -> None:
        window = self._window
        if page.undo_stack is not None:
            window.undo_group.addStack(page.undo_stack)
        page.openReport.connect(window.open_report)
        page.openLetter.connect(window.open_letter)
        page.openRecommendation.connect(window.open_recommendation)
        page.openResponse.connect(window.navigator.open_response)
        page.draftResponse.connect(window.navigator.draft_response)
        page.navigated.connect(lambda came_from: window.navigator.page_moved(row, came_from))
        page.countsChanged.connect(
            lambda reports, recs: page.show_status(
                f"{count(reports, 'report')} · {count(recs, 'recommendation')}"
            )
        )
        page.statusChanged.connect(lambda text: window.show_status(page, text))
        page.dataChanged.connect(window.data_changed)  # e.g. issuing records positions on recommendations
        if page.menu_title:
            menu = window.menuBar().addMenu(page.menu_title)
            menu.addActions(page.menu_actions())
            menu.aboutToShow.connect(page.menu_about_to_show)
            window.menuBar().insertMenu(window.tools_menu_action, menu)
            menu.menuAction().setVisible(False)
            self._menus[row] = menu.menuAction()
        for name, widget in page.layout_states():
            saved = window.settings.state(name)
            if saved is not None:
                widget.restoreState(saved)

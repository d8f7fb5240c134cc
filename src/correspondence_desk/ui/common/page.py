"""What the main window knows about a page: one declared interface, with do-nothing defaults.

Every page (Dashboard, Reports, Letters, Contacts & bodies, Search) subclasses `Page` and overrides
what it offers; the window calls these and connects these signals without asking whether they exist.

Signals:
    openReport(int): show that report (in the Reports page).
    openLetter(int): show that letter (in the Letters page).
    openRecommendation(int, int): show that report with that recommendation selected.
    openResponse(int, int): show that letter (letter id) with that response (response id) selected.
    draftResponse(int): start a response letter to that report (in the Letters page).
    countsChanged(int, int): the reports and recommendations the page now shows (status bar).
    statusChanged(str): what the page now shows, in words, for the status bar (`show_status`).
    navigated(object): the page moved from one place to another inside itself (the list to a report,
        one report to another); the argument is where it was (`location()`), for Alt+Left.
    dataChanged(): the page changed records other pages show; they reload when next shown.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services


class Remembered(Protocol):
    """A widget whose layout (splitter sizes, column widths) is kept between runs."""

    def saveState(self) -> QByteArray: ...

    def restoreState(self, state: QByteArray) -> bool: ...


class Page(QWidget):
    openReport = Signal(int)
    openLetter = Signal(int)
    openRecommendation = Signal(int, int)
    openResponse = Signal(int, int)
    draftResponse = Signal(int)
    countsChanged = Signal(int, int)
    statusChanged = Signal(str)
    navigated = Signal(object)
    dataChanged = Signal()

    # a menu of the page's own commands, shown while the page is ("&Report"); "" for none
    menu_title = ""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._status = ""

    def refresh(self) -> None:
        """Load (again) what the page shows, now (after a change of its own, in tests)."""

    def refresh_shown(self) -> None:
        """The window shows the page and it may be out of date: a page whose loading takes a moment
        loads on a worker here, so the window keeps answering; the rest just refresh."""
        self.refresh()

    def focus_main(self) -> None:
        """Ctrl+number: put the keyboard in the page's main list, ready for arrows and Enter."""

    def focus_filter(self) -> None:
        """Ctrl+F: put the keyboard in the page's filter or search box."""
        self.focus_main()

    def can_leave(self) -> bool:
        """May unsaved work be dropped (leaving the page, quitting, switching database)? Ask the user
        if there is any."""
        return True

    # the page's undo history, joined to Edit › Undo/Redo while the page is shown
    undo_stack: QUndoStack | None = None

    def menu_actions(self) -> list[QAction]:
        """The actions of the page's own menu (see `menu_title`)."""
        return []

    def menu_about_to_show(self) -> None:
        """The page's menu is opening: bring its actions' enabled states up to date."""

    def layout_states(self) -> list[tuple[str, Remembered]]:
        """(settings key, widget) pairs whose saveState()/restoreState() the window keeps."""
        return []

    # --- the status bar ---------------------------------------------------------------------------

    def status_text(self) -> str:
        """What the page shows, counted ("25 of 2,000 reports"); the window's status bar shows it."""
        return self._status

    def show_status(self, text: str) -> None:
        self._status = text
        self.statusChanged.emit(text)

    # --- where the user is (the window's Alt+Left history) ----------------------------------------

    def location(self) -> Hashable:
        """Where in the page the user is (None: the page's main view); handed back to `go_back_to`."""
        return None

    def go_back_to(self, location: Hashable) -> bool:
        """Show a place `location()` gave earlier (None: the main view); False if the user stayed."""
        return True

    def current_report_id(self) -> int | None:
        """The report in front of the user, if any (Ctrl+Shift+N drafts a letter to it)."""
        return None

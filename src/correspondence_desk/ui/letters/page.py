"""The Letters page: the table of response letters; opening one shows the composer in its place.

Its commands (New letter… and what it asks, Open, the right-click menu) are in page_actions.py.
"""

from __future__ import annotations

import html
from collections.abc import Hashable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import LetterKind
from correspondence_desk.core.text import count
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.columns import ColumnFitter
from correspondence_desk.ui.common.empty import EmptyState
from correspondence_desk.ui.common.page import Page
from correspondence_desk.ui.common.table_model import IdRole, make_proxy
from correspondence_desk.ui.common.widgets import filter_leads_to
from correspondence_desk.ui.letters.composer import LetterComposer
from correspondence_desk.ui.letters.letters_model import LettersModel, clearance_text
from correspondence_desk.ui.letters.page_actions import LetterCommands

NO_LETTERS = (
    "<h3>No letters yet</h3><p>Choose <b>New letter…</b> (Ctrl+Shift+N) to draft a response to a "
    "report, or open a report and choose <b>Draft response</b>.</p>"
)

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services


class LettersPage(Page):
    """Page protocol for the main window: refresh(), menu_title/menu_actions(), focus_filter(),
    focus_main(), layout_states(), can_leave(), open_letter(id), new_letter(report_id), and the
    `dataChanged` signal (a letter was saved, issued or made: other pages may be out of date)."""

    menu_title = "&Letter"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.model = LettersModel(parent=self)
        self.proxy = make_proxy(self.model, parent=self)

        self.view = QTableView(self)
        self.view.setObjectName("lettersView")
        self.view.setAccessibleName("Letters")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(LettersModel.DATE, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setWordWrap(False)  # one line a letter; a cut cell ends in … and has a tool tip
        M = LettersModel
        # the subject is what people read; short columns take what their cells need, up to a share
        self.columns = ColumnFitter(
            self.view,
            text={M.SUBJECT: 1.0},
            short={
                M.REFERENCE: (1_000, 0.2),  # how people name a letter: never cut (its floor is its need)
                M.KIND: (50, 0.1),
                M.DATE: (90, 0.1),
                M.RECIPIENT: (70, 0.16),
                M.REPORTS: (70, 0.12),
                M.STATUS: (64, 0.1),  # "Issued" whole, not "Issu…"
                M.CLEARANCE: (60, 0.14),
                M.ANSWERED: (70, 0.08),  # the heading stays readable
            },
        )
        self.view.activated.connect(lambda index: self.open_letter(index.data(IdRole)))

        self.composer = LetterComposer(services, self)
        self.composer.back_requested.connect(self.show_list)
        self.composer.session.shown.connect(self._update_status)
        self.composer.session.edited.connect(self._update_status)
        self.composer.letter_changed.connect(lambda _id: self.refresh_list())
        self.composer.letter_changed.connect(lambda _id: self.dataChanged.emit())

        self.filter = QLineEdit(self)
        self.filter.setObjectName("lettersFilter")
        self.filter.setAccessibleName("Filter letters")
        self.filter.setPlaceholderText("Filter letters (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(320)
        filter_leads_to(self.filter, self.view)  # Down or Enter in the filter: into the list
        self.filter.textChanged.connect(self._filter_changed)
        list_page = QWidget(self)
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        self.commands = LetterCommands(self)
        self.action_new = self.commands.new_action
        list_layout.addLayout(self.commands.button_row())
        self.list_stack = EmptyState(self.view, "letters", list_page)
        list_layout.addWidget(self.list_stack, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.composer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.refresh_list()

    # --- page protocol (main window) ---------------------------------------------------------------

    def refresh(self) -> None:
        self.refresh_list()
        if self.stack.currentWidget() is self.composer and not self.composer.is_dirty():
            self.composer.reload()

    def menu_actions(self) -> list[QAction]:
        separator = QAction(self)
        separator.setSeparator(True)
        return [self.action_new, separator, *self.composer.actions_for_menu()]

    def layout_states(self) -> list[tuple[str, object]]:
        """Widgets whose saveState()/restoreState() the main window keeps between runs."""
        return [
            ("composerSplitter", self.composer.splitter),
            ("responsesSplitter", self.composer.responses.splitter),
        ]

    def focus_main(self) -> None:
        """Ctrl+number: the keyboard goes to the letters list, or to the open letter."""
        if self.stack.currentWidget() is self.composer:
            self.composer.tabs.currentWidget().setFocus()
        else:
            self.view.setFocus()
            if not self.view.currentIndex().isValid() and self.proxy.rowCount():
                self.view.setCurrentIndex(self.proxy.index(0, 0))

    def focus_filter(self) -> None:
        self.show_list()
        if self.stack.currentIndex() == 0:
            self.filter.setFocus()
            self.filter.selectAll()

    def can_leave(self) -> bool:
        """Ask about unsaved edits before the window shows another page or closes."""
        return self.stack.currentWidget() is not self.composer or self.composer.maybe_save()

    # --- list ------------------------------------------------------------------------------------

    def refresh_list(self) -> None:
        selected = self.current_letter_id()
        self.model.set_records(self.services.letters.list())
        # no letter on a clearance route: the column gives its room to the subject
        routed = any(clearance_text(r) for r in self.model.records())
        self.view.setColumnHidden(LettersModel.CLEARANCE, not routed)
        self.columns.refit()
        if selected is not None:
            self.select(selected)
        self._update_list_state()

    def select(self, letter_id: int) -> bool:
        row = self.model.row_of(letter_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is None or not index.isValid():
            return False
        self.view.selectRow(index.row())
        self.view.scrollTo(index)
        return True

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_filter_words(text)
        self._update_list_state()

    def _update_list_state(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if not total:
            message = NO_LETTERS
        elif not shown:
            words = html.escape(self.filter.text().strip())
            message = f"<h3>No letter matches “{words}”.</h3><p>Clear the filter box to see every letter.</p>"
        else:
            message = ""
        self.list_stack.show_message(message)
        self._update_status()

    def _update_status(self) -> None:
        """The status bar says what the page shows: the letters listed, or the letter open."""
        letter = self.composer.letter if self.showing_letter() else None
        if letter is not None:
            responses = self.composer.session.on_screen().responses
            empty = sum(1 for r in responses if not r.text.strip())
            text = f"Letter {letter.reference}: {count(len(responses), 'response')}"
            if empty:
                text += f", {empty:,} empty"
            text += f" · {letter.status.label}"
        else:
            shown, total = self.proxy.rowCount(), self.model.rowCount()
            text = count(total, "letter") if shown == total else f"{shown:,} of {count(total, 'letter')}"
        self.show_status(text)

    def current_letter_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def showing_letter(self) -> bool:
        return self.stack.currentWidget() is self.composer and self.composer.letter is not None

    def show_list(self) -> bool:
        """Back to the list (asking about unsaved edits); False if the user stayed."""
        if self.stack.currentWidget() is self.composer and not self.composer.maybe_save():
            return False
        came_from = self.location()
        shown = self.composer.letter.id if self.showing_letter() and self.composer.letter else None
        self.stack.setCurrentIndex(0)
        self.refresh_list()
        if shown is not None:
            self.select(shown)
        self.view.setFocus()
        if came_from != self.location():
            self.navigated.emit(came_from)
        return True

    def open_letter(self, letter_id: int) -> bool:
        """Show a letter in the composer; False when it could not be read or the user stayed with
        unsaved edits of another."""
        came_from = self.location()
        if self.stack.currentWidget() is self.composer and not self.composer.maybe_save():
            return False
        try:
            self.composer.open_letter(letter_id)
        except DeskError as exc:
            dialogs.show_desk_error(self, exc, "Opening the letter")
            return False
        self.stack.setCurrentWidget(self.composer)
        self.composer.tabs.setFocus()
        self._update_status()
        if came_from != self.location():
            self.navigated.emit(came_from)
        return True

    def select_response(self, response_id: int) -> bool:
        """In the letter open, show that response: the Responses tab, its row selected, the keyboard
        in its text (a search or dashboard hit lands on the response, not the first row)."""
        if not self.showing_letter():
            return False
        panel = self.composer.responses
        rows = [r.id for r in panel.model.records()]
        if response_id not in rows:
            return False
        self.composer.tabs.setCurrentWidget(panel)
        panel.select_row(rows.index(response_id))
        panel.view.scrollTo(panel.view.currentIndex())
        panel.text.setFocus()
        return True

    # --- where the user is (the window's Alt+Left) -----------------------------------------------

    def location(self) -> Hashable:
        if self.showing_letter() and self.composer.letter is not None:
            return ("letter", self.composer.letter.id)
        return ("list", self.current_letter_id())

    def go_back_to(self, location: Hashable) -> bool:
        if isinstance(location, tuple) and location[:1] == ("letter",):
            if self.showing_letter() and self.composer.letter and self.composer.letter.id == location[1]:
                return True
            try:
                self.services.letters.resolve(location[1])
            except DeskError:  # deleted since: back to the list instead
                return self.show_list()
            return self.open_letter(location[1])
        if not self.show_list():
            return False
        if isinstance(location, tuple) and len(location) == 2 and location[1] is not None:
            self.select(location[1])
        return True

    # --- new letters ---------------------------------------------------------------------------------

    def new_letter(self, report_id: int | None = None, kind: LetterKind | None = None) -> int | None:
        """A new draft about a report, opened in the composer (page_actions.py asks what is not given)."""
        return self.commands.new_letter(report_id, kind)

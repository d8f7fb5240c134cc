"""The Letters page's commands: New letter… (menu, button, Ctrl+Shift+N) with what it asks, and
Open, in the list's buttons and right-click menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import LetterKind
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.letters import new_letter as new_letter_dialog

if TYPE_CHECKING:
    from correspondence_desk.ui.letters.new_letter import NewLetterChoice
    from correspondence_desk.ui.letters.page import LettersPage


class LetterCommands:
    def __init__(self, page: LettersPage) -> None:
        self._page = page
        self.new_action = QAction("&New letter…", page)
        self.new_action.setObjectName("actionNewLetter")
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_action.setStatusTip("Start a response letter to a report")
        self.new_action.triggered.connect(lambda _checked=False: page.new_letter())
        page.addAction(self.new_action)
        self.open_action = QAction("&Open", page)
        self.open_action.triggered.connect(lambda _checked=False: self.open_selected())
        page.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        page.view.addActions([self.open_action, self.new_action])

    def button_row(self) -> QHBoxLayout:
        """New letter…, Open, a hint, and the page's filter box: above the list."""
        page = self._page
        new_button = QPushButton("&New letter…", page)
        new_button.setAccessibleName("New letter")
        new_button.clicked.connect(lambda: page.new_letter())
        open_button = QPushButton("&Open", page)
        open_button.setAccessibleName("Open the selected letter")
        open_button.clicked.connect(self.open_selected)
        hint = QLabel("Enter or double-click opens a letter to edit, preview, print or issue it.", page)
        hint.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addWidget(open_button)
        buttons.addWidget(hint, 1)
        buttons.addWidget(page.filter, 1)
        return buttons

    def open_selected(self) -> None:
        letter_id = self._page.current_letter_id()
        if letter_id is not None:
            self._page.open_letter(letter_id)

    def new_letter(self, report_id: int | None, kind: LetterKind | None) -> int | None:
        """A new draft of a kind about a report (both asked for unless given; a holding letter also
        asks for the new expected date and the reason); opens it in the composer."""
        page = self._page
        if page.stack.currentWidget() is page.composer and not page.composer.maybe_save():
            return None
        choice = None
        if report_id is None or kind is None or kind is LetterKind.HOLDING:
            choice = self._ask(report_id, kind)
            if choice is None:
                return None
            report_id, kind = choice.report_id, choice.kind
        try:
            letter = page.services.composing.new_letter(
                report_id,
                kind=kind,
                expected=choice.expected if choice else None,
                reason=choice.reason if choice else "",
                since=choice.since if choice else None,
            )
        except DeskError as exc:
            dialogs.show_desk_error(page, exc, "Starting the letter")
            return None
        page.refresh_list()
        page.open_letter(letter.id)
        page.dataChanged.emit()
        return letter.id

    def _ask(self, report_id: int | None, kind: LetterKind | None) -> NewLetterChoice | None:
        page = self._page
        reports = page.services.reports.list()
        if not reports:
            dialogs.show_info(page, "Log a report first: a letter answers a report's recommendations.")
            return None
        if report_id is not None:
            start = next((i for i, r in enumerate(reports) if r.id == report_id), 0)
        else:  # start from the report the selected letter answers, if any
            selected = page.view.currentIndex()
            row = page.proxy.mapToSource(selected).row()
            answered = page.model.record(row).reports if selected.isValid() else ()
            start = next((i for i, r in enumerate(reports) if r.reference in answered), 0)
        return new_letter_dialog.ask_new_letter(
            page, reports, start, kind or LetterKind.FINAL, since_for=page.services.letters.default_since
        )

"""The Letters page: the table of response letters; opening one shows the composer in its place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import LetterKind, LetterStatus, LetterSummary, RouteState
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.page import Page
from correspondence_desk.ui.common.table_model import (
    ALIGN_RIGHT,
    Column,
    IdRole,
    RecordTableModel,
    date_key,
    make_proxy,
    natural_key,
    short_date,
)
from correspondence_desk.ui.letters import new_letter as new_letter_dialog
from correspondence_desk.ui.letters.composer import LetterComposer

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services


def _status(rec: LetterSummary) -> str:
    return rec.status.label + (" (imported)" if rec.imported else "")


def _clearance(rec: LetterSummary) -> str:
    state = rec.clearance
    if state is None:
        return ""
    if rec.status == LetterStatus.ISSUED and state.state != RouteState.CLEARED and state.steps:
        return f"Issued before clearance ({state.cleared} of {state.steps} cleared)"
    return state.text


class LettersModel(RecordTableModel[LetterSummary]):
    REFERENCE, KIND, DATE, RECIPIENT, REPORTS, STATUS, CLEARANCE, ANSWERED = range(8)
    COLUMNS = (
        Column("Reference", lambda r: r.reference, sort=lambda r: natural_key(r.reference)),
        Column("Kind", lambda r: r.kind.label),
        Column(
            "Date", lambda r: short_date(r.letter_date) or "Undated", sort=lambda r: date_key(r.letter_date)
        ),
        Column("Recipient", lambda r: r.recipient),
        Column("Report(s)", lambda r: ", ".join(r.reports)),
        Column("Status", _status),
        Column("Clearance", _clearance, tooltip=_clearance),
        Column(
            "Answered", lambda r: str(r.response_count), sort=lambda r: r.response_count, align=ALIGN_RIGHT
        ),
    )


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
        self.view.horizontalHeader().setSectionResizeMode(
            LettersModel.CLEARANCE, QHeaderView.ResizeMode.Stretch
        )
        self.view.activated.connect(lambda index: self.open_letter(index.data(IdRole)))

        self.composer = LetterComposer(services, self)
        self.composer.back_requested.connect(self.show_list)
        self.composer.letter_changed.connect(lambda _id: self.refresh_list())
        self.composer.letter_changed.connect(lambda _id: self.dataChanged.emit())

        self.action_new = QAction("&New letter…", self)
        self.action_new.setObjectName("actionNewLetter")
        self.action_new.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.action_new.setStatusTip("Start a response letter to a report")
        self.action_new.triggered.connect(lambda _checked=False: self.new_letter())
        self.addAction(self.action_new)

        new_button = QPushButton("&New letter…", self)
        new_button.setAccessibleName("New letter")
        new_button.clicked.connect(lambda: self.new_letter())
        open_button = QPushButton("&Open", self)
        open_button.setAccessibleName("Open the selected letter")
        open_button.clicked.connect(self._open_selected)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("lettersFilter")
        self.filter.setAccessibleName("Filter letters")
        self.filter.setPlaceholderText("Filter letters (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(320)
        self.filter.textChanged.connect(self.proxy.set_filter_words)
        hint = QLabel("Enter or double-click opens a letter to edit, preview, print or issue it.", self)
        hint.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addWidget(open_button)
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.filter, 1)

        list_page = QWidget(self)
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(buttons)
        list_layout.addWidget(self.view, 1)

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
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(
            LettersModel.CLEARANCE, QHeaderView.ResizeMode.Stretch
        )
        if selected is not None:
            row = self.model.row_of(selected)
            if row >= 0:
                self.view.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def current_letter_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def _open_selected(self) -> None:
        letter_id = self.current_letter_id()
        if letter_id is not None:
            self.open_letter(letter_id)

    def show_list(self) -> None:
        if self.stack.currentWidget() is self.composer and not self.composer.maybe_save():
            return
        self.stack.setCurrentIndex(0)
        self.refresh_list()
        self.view.setFocus()

    def open_letter(self, letter_id: int) -> None:
        if self.stack.currentWidget() is self.composer and not self.composer.maybe_save():
            return
        try:
            self.composer.open_letter(letter_id)
        except DeskError as exc:
            dialogs.show_desk_error(self, exc, "Opening the letter")
            return
        self.stack.setCurrentWidget(self.composer)
        self.composer.tabs.setFocus()

    # --- new letters ---------------------------------------------------------------------------------

    def new_letter(self, report_id: int | None = None, kind: LetterKind | None = None) -> int | None:
        """A new draft of a kind about a report (both asked for unless given; a holding letter also
        asks for the new expected date and the reason); opens it in the composer."""
        if self.stack.currentWidget() is self.composer and not self.composer.maybe_save():
            return None
        choice = None
        if report_id is None or kind is None or kind is LetterKind.HOLDING:
            choice = self._ask_new_letter(report_id, kind)
            if choice is None:
                return None
            report_id, kind = choice.report_id, choice.kind
        try:
            letter = self.services.composing.new_letter(
                report_id,
                kind=kind,
                expected=choice.expected if choice else None,
                reason=choice.reason if choice else "",
                since=choice.since if choice else None,
            )
        except DeskError as exc:
            dialogs.show_desk_error(self, exc, "Starting the letter")
            return None
        self.refresh_list()
        self.open_letter(letter.id)
        self.dataChanged.emit()
        return letter.id

    def _ask_new_letter(
        self, report_id: int | None, kind: LetterKind | None
    ) -> new_letter_dialog.NewLetterChoice | None:
        reports = self.services.reports.list()
        if not reports:
            dialogs.show_info(self, "Log a report first: a letter answers a report's recommendations.")
            return None
        if report_id is not None:
            start = next((i for i, r in enumerate(reports) if r.id == report_id), 0)
        else:  # start from the report the selected letter answers, if any
            selected = self.view.currentIndex()
            answered = (
                self.model.record(self.proxy.mapToSource(selected).row()).reports
                if selected.isValid()
                else ()
            )
            start = next((i for i, r in enumerate(reports) if r.reference in answered), 0)
        return new_letter_dialog.ask_new_letter(
            self, reports, start, kind or LetterKind.FINAL, since_for=self.services.letters.default_since
        )

"""The main window: side navigation, the pages, menus, tool bar and status bar.

It composes widgets and routes commands; what each page does is the page's business (the `Page`
interface in ui/common/page.py), the commands are declared in actions.py, the pages are built and
wired in page_slots.py, switching databases is in databases.py, the ways into the import review
(Ctrl+I, paste, drop) in dropping.py. A page is built the first time it is shown, and reloaded when
it is shown and something may have changed since it last loaded.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk import APP_NAME
from correspondence_desk.core.errors import DeskError
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.page import Page
from correspondence_desk.ui.common.settings import AppSettings
from correspondence_desk.ui.shell.actions import WindowActions
from correspondence_desk.ui.shell.database_notice import DatabaseNotice
from correspondence_desk.ui.shell.databases import DatabaseSwitcher
from correspondence_desk.ui.shell.dropping import ReportImporter, importable
from correspondence_desk.ui.shell.layout import restore_layout, save_layout
from correspondence_desk.ui.shell.navigation import Navigator
from correspondence_desk.ui.shell.page_slots import PageSlots
from correspondence_desk.ui.shell.pages import LETTERS, REPORTS, SEARCH, navigation_list
from correspondence_desk.ui.shell.resealing import IdleResealer
from correspondence_desk.ui.shell.startup import Opener
from correspondence_desk.ui.shell.tools import DatabaseTools

if TYPE_CHECKING:  # the database layer loads on a worker thread after the window is shown
    from correspondence_desk.core.services import Services
    from correspondence_desk.ui.reports.page import ReportsPage
    from correspondence_desk.ui.shell.export_menu import ExportActions
    from correspondence_desk.ui.shell.offline import OfflineActions

log = logging.getLogger(__name__)

PRELOAD_DELAY_MS = 600


class MainWindow(QMainWindow):
    def __init__(
        self,
        services: Services | None,
        settings: AppSettings | None = None,
        *,
        opener: Opener,
        parent: QWidget | None = None,
    ) -> None:
        """`services` None shows the window at once, empty; `attach(services)` then fills it."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.services = services
        self.settings = settings or AppSettings()
        self.undo_group = QUndoGroup(self)
        self.databases = DatabaseSwitcher(self, opener)
        self.slots = PageSlots(self)
        self.importer = ReportImporter(self)
        self.tools_menu_action: QAction | None = None  # set with the menus
        self.exports: ExportActions | None = None  # made with the services (databases.install_exports)
        self.shown_row = -1  # the page on screen (the navigation list may be about to change it)
        self.navigator = Navigator(self)

        self.navigation = navigation_list()
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.stack.setContentsMargins(6, 6, 6, 6)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([180, 1000])
        self.notice = DatabaseNotice()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notice)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self._preload_timer = QTimer(self)
        self._preload_timer.setSingleShot(True)
        self._preload_timer.setInterval(PRELOAD_DELAY_MS)
        self._preload_timer.timeout.connect(self._preload_reports)
        self.tools = DatabaseTools(self)
        self._offline: OfflineActions | None = None  # made on first use (its dialogs load ~80 ms)
        self.resealer: IdleResealer | None = None  # on a sealed copy: seals it again when idle
        self.actions = WindowActions(self)
        self.file_menu, self.export_slot, self.help_menu = self.actions.build_menus(self)
        self._make_status_bar()
        self.rebuild_pages()
        if services is not None:
            self.databases.install_exports()
            self.resealer = IdleResealer.for_services(self, services)
        self.navigation.currentRowChanged.connect(self._navigation_changed)
        restore_layout(self)

    @property
    def offline(self) -> OfflineActions:
        """Take offline / Bring back changes, loaded when first asked for, not at start-up."""
        if self._offline is None:
            from correspondence_desk.ui.shell.offline import OfflineActions

            self._offline = OfflineActions(self)
        return self._offline

    def _make_status_bar(self) -> None:
        self.offline_label = QLabel()
        self.offline_label.setObjectName("offlineLabel")
        self.offline_label.setStyleSheet("QLabel { background: #fff4ce; padding: 1px 6px; }")
        self.offline_label.hide()
        self.statusBar().addWidget(self.offline_label)
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)

    # --- pages --------------------------------------------------------------------------------

    @property
    def pages(self) -> list[QWidget]:
        """A Page once built, a plain stand-in slot before (page_slots.py)."""
        return self.slots.pages

    def built_pages(self) -> list[tuple[int, Page]]:
        return self.slots.built_pages()

    def page(self, row: int) -> QWidget:
        """The page at `row`, built now if it has not been yet (a stand-in until there are services)."""
        return self.slots.page(row)

    def rebuild_pages(self) -> None:
        """(Re)start with an empty slot per page, and show which database the window is on."""
        self.slots.reset()
        self.tools.update()
        where = self.services.location if self.services else ""
        self.database_label.setText(f"Database: {where}" if where else "Opening the database…")
        self.database_label.setToolTip(where)
        self.counts_label.clear()
        self.notice.show_for(self.services)
        writable = self.services is not None and not self.services.read_only
        for action in (self.actions.new_report, self.actions.import_report, self.actions.new_letter):
            action.setEnabled(writable)
        self.show_origin()

    def show_origin(self) -> None:
        """On an offline copy: "Offline copy of SERVER since DATE", in the title and the status bar."""
        origin = None
        if self.services is not None:
            try:
                origin = self.services.offline.origin()
            except DeskError:
                origin = None
        self.offline_label.setVisible(origin is not None)
        self.offline_label.setText(origin.banner() if origin else "")
        self.setWindowTitle(origin.banner() if origin else APP_NAME)  # Qt adds the app name

    @property
    def reports_page(self) -> ReportsPage:
        return self.page(REPORTS)  # type: ignore[return-value]

    def current_page(self) -> QWidget:
        return self.page(self.stack.currentIndex())

    def go_to(self, row: int) -> bool:
        """Show page `row`; False when the page shown has unsaved work the user chose to keep."""
        self.navigation.setCurrentRow(row)
        return self.shown_row == row

    def _navigation_changed(self, row: int) -> None:
        """Leaving a page asks about its unsaved work first (Cancel stays); the move is remembered."""
        old = self.shown_row
        if row == old:
            return
        leaving = self.pages[old] if 0 <= old < len(self.pages) and row >= 0 else None
        if isinstance(leaving, Page):
            if not leaving.can_leave():
                self.navigation.blockSignals(True)
                self.navigation.setCurrentRow(old)
                self.navigation.blockSignals(False)
                return
            self.navigator.history.push(old, leaving.location())
        self._show_page(row)

    def go_and_focus(self, row: int) -> None:
        """Ctrl+number: show the page and put the keyboard in its main list, ready for arrows and Enter."""
        self.go_to(row)
        page = self.pages[row]
        if isinstance(page, Page):
            page.focus_main()

    def _show_page(self, row: int) -> None:
        self.shown_row = row
        if not 0 <= row < len(self.pages):
            return
        page = self.page(row)
        self.stack.setCurrentIndex(row)
        # The Letters page has its own New letter (Ctrl+Shift+N): while it is shown the window's gives
        # way, as two actions on one key both stay silent. Alt+Left is the window's everywhere.
        letters = row == LETTERS
        self.actions.new_letter.setShortcut(QKeySequence() if letters else QKeySequence("Ctrl+Shift+N"))
        if not isinstance(page, Page):
            return
        self.counts_label.setText(page.status_text())
        self.slots.show_menu_of(row)
        self.undo_group.setActiveStack(page.undo_stack)
        if row in self.slots.stale and self.isVisible():
            self._refresh_page(row)  # else showEvent loads it, so the window appears first

    def _refresh_page(self, row: int) -> None:
        self.slots.stale.discard(row)
        page = self.page(row)
        try:
            if isinstance(page, Page):
                page.refresh_shown()
        except DeskError as error:
            dialogs.show_desk_error(self, error, "Loading the page")
        if REPORTS in self.slots.stale:
            self._preload_timer.start()  # counted from now, so the page just shown stays responsive

    def refresh_all(self) -> None:
        self.slots.all_stale()
        self._show_page(self.stack.currentIndex())

    def data_changed(self) -> None:
        """Something changed outside the current page's knowledge: reload pages as they are shown."""
        self.slots.all_stale()
        self.slots.stale.discard(self.stack.currentIndex())

    def show_status(self, page: Page, text: str) -> None:
        if self.stack.currentWidget() is page:
            self.counts_label.setText(text)

    def pages_can_leave(self) -> bool:
        """Ask every built page with unsaved work whether it may be dropped (quit, switch database)."""
        return all(page.can_leave() for _row, page in self.built_pages())

    # --- commands -----------------------------------------------------------------------------

    def new_report(self) -> None:
        self.go_to(REPORTS)
        self.reports_page.new_report()
        self.data_changed()

    def open_report(self, report_id: int) -> bool:
        return self.navigator.open_report(report_id)

    def open_recommendation(self, report_id: int, recommendation_id: int) -> bool:
        return self.navigator.open_report(report_id, recommendation_id)

    def open_letter(self, letter_id: int) -> bool:
        return self.navigator.open_letter(letter_id)

    def draft_letter(self) -> bool:
        """Ctrl+Shift+N from any page: a letter to the report in front of the user, else one asked for."""
        page = self.current_page()
        return self.navigator.draft_response(page.current_report_id() if isinstance(page, Page) else None)

    def go_back(self) -> bool:
        return self.navigator.back()

    def show_search(self) -> None:
        self.go_to(SEARCH)
        page = self.page(SEARCH)
        if isinstance(page, Page):
            page.focus_filter()

    def focus_filter(self) -> None:
        page = self.current_page()
        if isinstance(page, Page):
            page.focus_filter()

    # --- databases ----------------------------------------------------------------------------

    def attach(self, services: Services) -> None:
        """Fill a window made without services (start-up shows the window before opening the database)."""
        self.switch_to(services)

    def switch_to(self, services: Services | None) -> None:
        """Use another database (databases.py): the pages are rebuilt over the new services."""
        self.databases.switch_to(services)

    def offer_demo(self) -> None:
        self.databases.offer_demo()

    # --- drag and drop, and the window's own events --------------------------------------------

    _importable = staticmethod(importable)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.importer.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.importer.drop(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The page shown first loads once the window is on screen, so the window never waits for data;
        # the reports list (the biggest) then loads while the user is still reading that first page.
        QTimer.singleShot(0, lambda: self._show_page(self.stack.currentIndex()))

    def _preload_reports(self) -> None:
        if REPORTS in self.slots.stale and self.isVisible() and self.services is not None:
            self._refresh_page(REPORTS)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every page with unsaved work is asked, whichever database the window has switched to.
        if not self.pages_can_leave():
            event.ignore()
            return
        save_layout(self)
        super().closeEvent(event)

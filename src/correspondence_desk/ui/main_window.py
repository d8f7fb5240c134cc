"""The main window: side navigation, pages, menus, tool bar, status bar; it only composes widgets.

Pages are built as `Page(services, parent)` and offer `refresh()`; optionally `focus_filter()`,
`undo_stack` (joined to the Edit menu's Undo/Redo), `menu_title` + `menu_actions()` (a menu of their
own), `openReport(int)` (a signal: show that report) and `countsChanged(int, int)` (status bar).
A page is refreshed when it is shown and something may have changed since it last loaded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QShowEvent,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from correspondence_desk import APP_NAME
from correspondence_desk.core.errors import DeskError
from correspondence_desk.ui import dialogs
from correspondence_desk.ui.about import AboutDialog
from correspondence_desk.ui.settings import AppSettings

if TYPE_CHECKING:  # imported lazily: the database layer takes a second to load, the window must not wait
    from correspondence_desk.core.services import Services
    from correspondence_desk.ui.export_actions import ExportActions
    from correspondence_desk.ui.reports_page import ReportsPage

log = logging.getLogger(__name__)

IMPORTABLE = (".pdf", ".docx", ".txt", ".md")
DB_FILTER = "Correspondence Desk databases (*.sqlite3 *.sqlite *.db);;All files (*)"
PRELOAD_DELAY_MS = 600
PageFactory = Callable[["Services", QWidget], QWidget]


def _optional(module: str, name: str, what: str) -> PageFactory:
    """A page another part of the app provides; a plain stand-in if this build lacks it."""
    import importlib

    try:
        return getattr(importlib.import_module(f"correspondence_desk.ui.{module}"), name)
    except ImportError as error:
        if error.name != f"correspondence_desk.ui.{module}":
            log.exception("The %s page could not be loaded", what)
    from correspondence_desk.ui.placeholder_pages import DuePage, MissingPage

    if module == "dashboard_page":
        return DuePage
    return lambda _services, parent: MissingPage(what, parent)


def _reports() -> PageFactory:
    from correspondence_desk.ui.reports_page import ReportsPage

    return ReportsPage


def _directory() -> PageFactory:
    from correspondence_desk.ui.directory_page import DirectoryPage

    return DirectoryPage


# (navigation label, icon, how to get the page class). The classes are imported only when a page is
# first built: they pull in the database layer, which the window must not wait for to appear.
PAGES: list[tuple[str, str, Callable[[], PageFactory]]] = [
    ("Dashboard", "go-home", lambda: _optional("dashboard_page", "DashboardPage", "Dashboard")),
    ("Reports", "folder", _reports),
    ("Letters", "mail-message", lambda: _optional("letters_page", "LettersPage", "Letters")),
    ("Contacts & bodies", "contact-new", _directory),
    ("Search", "edit-find", lambda: _optional("search_page", "SearchPage", "Search")),
]


def page_factories() -> list[tuple[str, str, PageFactory]]:
    """(navigation label, icon, factory) in navigation order (imports every page)."""
    return [(label, icon, load()) for label, icon, load in PAGES]


DASHBOARD, REPORTS, LETTERS, DIRECTORY, SEARCH = range(5)


class MainWindow(QMainWindow):
    def __init__(
        self, services: Services | None, settings: AppSettings | None = None, parent: QWidget | None = None
    ):
        """`services` None shows the window at once, empty; `attach(services)` then fills it."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.services = services
        self.settings = settings or AppSettings()
        self.undo_group = QUndoGroup(self)
        self.pages: list[QWidget] = []
        self._stale: set[int] = set()
        self._page_menus: list[QAction] = []

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setSpacing(2)
        self.navigation.setMinimumWidth(150)
        self.navigation.setMaximumWidth(260)
        for label, icon, _load in PAGES:
            item = QListWidgetItem(QIcon.fromTheme(icon), label)
            item.setSizeHint(QSize(0, 34))
            self.navigation.addItem(item)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([180, 1000])
        self.stack.setContentsMargins(6, 6, 6, 6)
        self.setCentralWidget(self.splitter)

        self._preload_timer = QTimer(self)
        self._preload_timer.setSingleShot(True)
        self._preload_timer.setInterval(PRELOAD_DELAY_MS)
        self._preload_timer.timeout.connect(self._preload_reports)
        self._make_actions()
        self._make_menus()
        self._make_status_bar()
        self._build_pages()
        if services is not None:
            self._install_exports()
        self.navigation.currentRowChanged.connect(self._show_page)
        self._restore_layout()

    # --- actions and menus --------------------------------------------------------------------

    def _action(
        self, text: str, slot: Callable[[], object], shortcut=None, name: str = "", icon: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if name:
            action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon:
            action.setIcon(
                QIcon.fromTheme(
                    icon,
                    self.style().standardIcon(_FALLBACK_ICONS.get(icon, QStyle.StandardPixmap.SP_FileIcon)),
                )
            )
        action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        self.actionNewReport = self._action(
            "&New report…", self.new_report, QKeySequence.StandardKey.New, "actionNewReport", "document-new"
        )
        self.actionNewReport.setToolTip("Log a new report (Ctrl+N)")
        self.actionImport = self._action(
            "&Import report…", self.import_report, "Ctrl+I", "actionImport", "document-import"
        )
        self.actionImport.setToolTip("Read a report's recommendations from a PDF, Word or text file (Ctrl+I)")
        self.actionNewDatabase = self._action("New &database…", self.new_database, None, "actionNewDatabase")
        self.actionOpenDatabase = self._action(
            "&Open database…",
            self.open_database,
            QKeySequence.StandardKey.Open,
            "actionOpenDatabase",
            "document-open",
        )
        self.actionQuit = self._action("&Quit", self.close, "Ctrl+Q", "actionQuit", "application-exit")
        self.actionQuit.setMenuRole(QAction.MenuRole.QuitRole)
        self.actionUndo = self.undo_group.createUndoAction(self, "&Undo")
        self.actionUndo.setObjectName("actionUndo")
        self.actionUndo.setShortcut(QKeySequence.StandardKey.Undo)
        self.actionUndo.setIcon(
            QIcon.fromTheme("edit-undo", self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        )
        self.actionRedo = self.undo_group.createRedoAction(self, "&Redo")
        self.actionRedo.setObjectName("actionRedo")
        self.actionRedo.setShortcut(QKeySequence.StandardKey.Redo)
        self.actionRedo.setIcon(
            QIcon.fromTheme("edit-redo", self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        )
        self.actionPaste = self._action(
            "&Paste recommendations…",
            self.paste_recommendations,
            "Ctrl+Shift+V",
            "actionPasteRecommendations",
        )
        self.actionFind = self._action(
            "&Find", self.focus_filter, QKeySequence.StandardKey.Find, "actionFind"
        )
        self.actionSearch = self._action(
            "&Search everything…", self.show_search, "Ctrl+Shift+F", "actionSearch", "edit-find"
        )
        self.actionSearch.setToolTip("Search reports, recommendations, responses and letters (Ctrl+Shift+F)")
        self.exports: ExportActions | None = None  # made with the services (see _install_exports)
        self.actionRefresh = self._action(
            "&Refresh", self.refresh_all, QKeySequence.StandardKey.Refresh, "actionRefresh", "view-refresh"
        )
        self.actionAbout = self._action("&About Correspondence Desk", self.show_about, None, "actionAbout")
        self.actionAbout.setMenuRole(QAction.MenuRole.AboutRole)
        self.page_actions = []
        for row, (label, _icon, _load) in enumerate(PAGES):
            act = self._action(
                f"&{row + 1} {label.replace('&', '&&')}",
                lambda _checked=False, r=row: self._go_and_focus(r),
                f"Ctrl+{row + 1}",
            )
            self.page_actions.append(act)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.actionNewReport, self.actionImport])
        self._export_slot = file_menu.addSeparator()  # the Export menu goes here once services exist
        self._file_menu = file_menu
        file_menu.addSeparator()
        file_menu.addActions([self.actionNewDatabase, self.actionOpenDatabase])
        file_menu.addSeparator()
        file_menu.addAction(self.actionQuit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.actionUndo, self.actionRedo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.actionPaste, self.actionFind, self.actionSearch])
        self.view_menu = bar.addMenu("&View")
        self.view_menu.addActions(self.page_actions)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.actionRefresh)
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self.actionAbout)

        self.toolbar = QToolBar("Main tool bar")
        self.toolbar.setObjectName("mainToolBar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setIconSize(QSize(18, 18))
        self.toolbar.addActions([self.actionNewReport, self.actionImport])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.actionUndo, self.actionRedo])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.actionRefresh)
        self.addToolBar(self.toolbar)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.toolbar.toggleViewAction())

    def _make_status_bar(self) -> None:
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)

    # --- pages --------------------------------------------------------------------------------

    def _build_pages(self) -> None:
        """(Re)start with an empty slot per page; each page is built the first time it is needed."""
        for old in self.pages:
            self.stack.removeWidget(old)
            stack = getattr(old, "undo_stack", None)
            if stack is not None:
                self.undo_group.removeStack(stack)
            old.deleteLater()
        for action in self._page_menus:
            self.menuBar().removeAction(action)
        self.pages, self._page_menus, self._built = [], [], set()
        for _label in PAGES:
            slot = QWidget()  # stands in until the page is first shown (building all at once is slow)
            self.pages.append(slot)
            self.stack.addWidget(slot)
        self._stale = set(range(len(self.pages)))
        where = self.services.location if self.services else ""
        self.database_label.setText(f"Database: {where}" if where else "Opening the database…")
        self.database_label.setToolTip(where)
        self.counts_label.clear()

    def page(self, row: int) -> QWidget:
        """The page at `row`, built now if it has not been yet."""
        if row in self._built or self.services is None:
            return self.pages[row]
        page = PAGES[row][2]()(self.services, self.stack)
        slot = self.pages[row]
        current = self.stack.currentIndex()
        self.stack.insertWidget(row, page)
        self.stack.removeWidget(slot)
        slot.deleteLater()
        self.stack.setCurrentIndex(current)
        self.pages[row] = page
        self._built.add(row)
        stack = getattr(page, "undo_stack", None)
        if stack is not None:
            self.undo_group.addStack(stack)
        if hasattr(page, "openReport"):
            page.openReport.connect(self.open_report)
        if hasattr(page, "openLetter"):
            page.openLetter.connect(self.open_letter)
        if hasattr(page, "countsChanged"):
            page.countsChanged.connect(self._show_counts)
        if hasattr(page, "dataChanged"):  # e.g. issuing a letter records positions on recommendations
            page.dataChanged.connect(self.data_changed)
        title = getattr(page, "menu_title", "")
        if title and hasattr(page, "menu_actions"):
            menu = self.menuBar().addMenu(title)
            menu.addActions(page.menu_actions())
            self.menuBar().insertMenu(self.help_menu.menuAction(), menu)
            menu.menuAction().setVisible(False)
            self._page_menus.append(menu.menuAction())
            page.setProperty("menuAction", menu.menuAction())
        for name, widget in self._remembered(page):
            saved = self.settings.state(name)
            if saved is not None:
                widget.restoreState(saved)  # type: ignore[attr-defined]
        return page

    @property
    def reports_page(self) -> ReportsPage:
        return self.page(REPORTS)  # type: ignore[return-value]

    def current_page(self) -> QWidget:
        return self.page(self.stack.currentIndex())

    def go_to(self, row: int) -> None:
        self.navigation.setCurrentRow(row)

    def _go_and_focus(self, row: int) -> None:
        """Ctrl+number: show the page and put the keyboard in its main list, ready for arrows and Enter."""
        self.go_to(row)
        focus = getattr(self.pages[row], "focus_main", None)
        if callable(focus):
            focus()

    def _show_page(self, row: int) -> None:
        if not 0 <= row < len(self.pages):
            return
        page = self.page(row)
        self.stack.setCurrentIndex(row)
        if self.services is None:
            return
        for index, other in enumerate(self.pages):
            action = other.property("menuAction")
            if action is not None:
                action.setVisible(index == row)
        stack = getattr(page, "undo_stack", None)
        self.undo_group.setActiveStack(stack)
        if row in self._stale and self.isVisible():
            self._refresh_page(row)  # else showEvent loads it, so the window appears first

    def _refresh_page(self, row: int) -> None:
        self._stale.discard(row)
        try:
            self.page(row).refresh()
        except DeskError as error:
            dialogs.show_desk_error(self, error, "Loading the page")
        if REPORTS in self._stale:
            self._preload_timer.start()  # counted from now, so the page just shown stays responsive

    def refresh_all(self) -> None:
        self._stale = set(range(len(self.pages)))
        self._show_page(self.stack.currentIndex())

    def data_changed(self) -> None:
        """Something changed outside the current page's knowledge: reload pages as they are shown."""
        current = self.stack.currentIndex()
        self._stale = set(range(len(self.pages))) - {current}

    def _show_counts(self, reports: int, recommendations: int) -> None:
        from correspondence_desk.ui.table_model import count

        self.counts_label.setText(f"{count(reports, 'report')} · {count(recommendations, 'recommendation')}")

    # --- commands -----------------------------------------------------------------------------

    def new_report(self) -> None:
        self.go_to(REPORTS)
        self.reports_page.new_report()
        self.data_changed()

    def open_report(self, report_id: int) -> None:
        self.go_to(REPORTS)
        self.reports_page.open_report(report_id)

    def open_letter(self, letter_id: int) -> None:
        self.go_to(LETTERS)
        page = self.page(LETTERS)
        if hasattr(page, "open_letter"):
            page.open_letter(letter_id)

    def show_search(self) -> None:
        self.go_to(SEARCH)
        page = self.page(SEARCH)
        if hasattr(page, "focus_filter"):
            page.focus_filter()

    def focus_filter(self) -> None:
        page = self.current_page()
        if hasattr(page, "focus_filter"):
            page.focus_filter()

    def import_report(self) -> None:
        """Ctrl+I: the review dialog asks for the file itself (and offers pasting text instead)."""
        self.import_from()

    def paste_recommendations(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            dialogs.show_info(
                self, "The clipboard has no text. Copy the recommendations from the report first."
            )
            return
        self.import_from(text=text)

    def import_from(self, path: str | None = None, text: str | None = None) -> None:
        try:
            from correspondence_desk.ui.import_review import ImportReviewDialog
        except ImportError as error:
            if error.name != "correspondence_desk.ui.import_review":
                raise
            dialogs.show_info(self, "Importing reports is not available in this build.")
            return
        detail = ImportReviewDialog.run(self, self.services, path=path, text=text)
        if detail is None:
            return
        self._stale = set(range(len(self.pages)))
        self.go_to(REPORTS)
        self._refresh_page(REPORTS)
        self.reports_page.open_report(detail.id)

    def show_about(self) -> None:
        AboutDialog(self.services.location, self).exec()

    # --- databases ----------------------------------------------------------------------------

    def _start_folder(self) -> str:
        path = self.services.db.location.path
        return str(path.parent) if path else str(Path.home())

    def open_database(self) -> None:
        if not self.pages_can_leave():
            return
        path, _ = QFileDialog.getOpenFileName(self, "Open a database", self._start_folder(), DB_FILTER)
        if path:
            from correspondence_desk.ui.startup import open_existing

            self.switch_to(open_existing(path, self))

    def new_database(self) -> None:
        if not self.pages_can_leave():
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            "New database",
            self._start_folder(),
            DB_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            from correspondence_desk.ui.startup import create_new

            self.switch_to(create_new(path, self))
            self.offer_demo()

    def _install_exports(self) -> None:
        if self.exports is not None:
            return
        from correspondence_desk.ui.export_actions import ExportActions

        self.exports = ExportActions(
            self, lambda: self.services, current_report=lambda: self.reports_page.current_id()
        )
        self._file_menu.insertMenu(self._export_slot, self.exports.menu(self._file_menu))

    def attach(self, services: Services) -> None:
        """Fill a window made without services (start-up shows the window before opening the database)."""
        self.switch_to(services)

    def pages_can_leave(self) -> bool:
        """Ask every built page with unsaved work (a letter being drafted) whether it may be dropped."""
        return all(getattr(self.pages[row], "can_leave", lambda: True)() for row in sorted(self._built))

    def switch_to(self, services: Services | None) -> None:
        """Use another database: the pages are rebuilt over the new services; the old ones are closed."""
        if services is None:
            return
        old, self.services = self.services, services
        current = max(0, self.stack.currentIndex())
        self._build_pages()
        if old is not None:
            old.close()
        self._install_exports()
        self.navigation.setCurrentRow(-1)
        self.go_to(current)

    def offer_demo(self) -> None:
        """On an empty database, offer the fictional example once (so there is something to look at)."""
        location = self.services.location
        if self.settings.demo_offered(location):
            return
        try:
            empty = not self.services.bodies.list() and not self.services.reports.list()
        except DeskError:
            return
        if not empty:
            return
        self.settings.set_demo_offered(location)
        if dialogs.confirm(
            self,
            "This database is empty. Load a fictional example — a committee report with nine "
            "recommendations, some bodies and contacts, and a draft response letter — to try the app? "
            "You can delete it later.",
            "Load the example?",
        ):
            from correspondence_desk.core.services.demo import load_demo

            try:
                load_demo(self.services)
            except DeskError as error:
                dialogs.show_desk_error(self, error, "Loading the example")
            self.refresh_all()

    # --- drag and drop ------------------------------------------------------------------------

    @staticmethod
    def _importable(event: QDragEnterEvent | QDropEvent) -> str | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = [u.toLocalFile() for u in urls if u.isLocalFile()]
        return paths[0] if len(paths) == 1 and paths[0].lower().endswith(IMPORTABLE) else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._importable(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._importable(event)
        if path:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.import_from(path=path))

    # --- layout memory ------------------------------------------------------------------------

    @staticmethod
    def _remembered(page: QWidget) -> list[tuple[str, object]]:
        """The header and splitter states a page wants kept between runs (its `layout_states()`)."""
        states = getattr(page, "layout_states", None)
        return list(states()) if callable(states) else []

    def _restore_layout(self) -> None:
        geometry = self.settings.state("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._default_geometry()
        state = self.settings.state("windowState")
        if state is not None:
            self.restoreState(state)
        saved = self.settings.state("mainSplitter")
        if saved is not None:
            self.splitter.restoreState(saved)
        start = self.settings.text("page", "Dashboard")
        labels = [label for label, _i, _f in PAGES]
        self.go_to(labels.index(start) if start in labels else DASHBOARD)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The page shown first loads once the window is on screen, so the window never waits for data;
        # the reports list (the biggest) then loads while the user is still reading that first page.
        QTimer.singleShot(0, lambda: self._show_page(self.stack.currentIndex()))

    def _preload_reports(self) -> None:
        if REPORTS in self._stale and self.isVisible() and self.services is not None:
            self._refresh_page(REPORTS)

    def _default_geometry(self) -> None:
        """First run: 1280×800, or the whole screen when it is smaller than that."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        area = screen.availableGeometry()
        if area.width() < 1280 or area.height() < 800:
            self.setGeometry(area)
            self.setWindowState(Qt.WindowState.WindowMaximized)
            return
        self.resize(1280, 800)
        self.move(area.center() - self.rect().center())

    def save_layout(self) -> None:
        self.settings.set_state("geometry", self.saveGeometry())
        self.settings.set_state("windowState", self.saveState())
        self.settings.set_state("mainSplitter", self.splitter.saveState())
        for row in self._built:
            for name, widget in self._remembered(self.pages[row]):
                self.settings.set_state(name, widget.saveState())  # type: ignore[attr-defined]
        labels = [label for label, _i, _f in PAGES]
        self.settings.set_text("page", labels[max(0, self.stack.currentIndex())])
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)


_FALLBACK_ICONS = {
    "document-new": QStyle.StandardPixmap.SP_FileIcon,
    "document-import": QStyle.StandardPixmap.SP_DialogOpenButton,
    "document-open": QStyle.StandardPixmap.SP_DirOpenIcon,
    "application-exit": QStyle.StandardPixmap.SP_DialogCloseButton,
    "view-refresh": QStyle.StandardPixmap.SP_BrowserReload,
}

"""The main window's actions, menus and tool bar: what each command is called, its key and icon.

The window owns the slots; this module only wires them to QActions, so the window's class stays
about what happens, and the menus can be read in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar, QWidget

from correspondence_desk.ui.shell import help as help_dialogs
from correspondence_desk.ui.shell.pages import PAGES

if TYPE_CHECKING:
    from correspondence_desk.ui.shell.main_window import MainWindow

_FALLBACK_ICONS = {
    "document-new": QStyle.StandardPixmap.SP_FileIcon,
    "document-import": QStyle.StandardPixmap.SP_DialogOpenButton,
    "document-open": QStyle.StandardPixmap.SP_DirOpenIcon,
    "application-exit": QStyle.StandardPixmap.SP_DialogCloseButton,
    "view-refresh": QStyle.StandardPixmap.SP_BrowserReload,
    "edit-undo": QStyle.StandardPixmap.SP_ArrowBack,
    "edit-redo": QStyle.StandardPixmap.SP_ArrowForward,
    "go-previous": QStyle.StandardPixmap.SP_ArrowLeft,
}


def themed_icon(widget: QWidget, name: str) -> QIcon:
    """The desktop theme's icon, or Qt's own stand-in where the theme has none (Windows)."""
    fallback = _FALLBACK_ICONS.get(name, QStyle.StandardPixmap.SP_FileIcon)
    return QIcon.fromTheme(name, widget.style().standardIcon(fallback))


def make_action(
    owner: QWidget,
    text: str,
    slot: Callable[[], object] | None = None,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    name: str = "",
    icon: str = "",
    tip: str = "",
) -> QAction:
    """A QAction with its object name (tests and screen readers find it), key, icon and tool tip."""
    action = QAction(text, owner)
    if name:
        action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon:
        action.setIcon(themed_icon(owner, icon))
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    return action


class WindowActions:
    """Every command of the window frame (pages add their own menu)."""

    def __init__(self, window: MainWindow) -> None:
        w = window
        self.new_report = make_action(
            w, "&New report…", w.new_report, QKeySequence.StandardKey.New, "actionNewReport",
            "document-new", "Log a new report (Ctrl+N)",
        )  # fmt: skip
        self.import_report = make_action(
            w, "&Import report…", w.importer.import_report, "Ctrl+I", "actionImport", "document-import",
            "Read a report's recommendations from a PDF, Word or text file (Ctrl+I)",
        )  # fmt: skip
        self.new_letter = make_action(
            w, "New &letter…", w.draft_letter, "Ctrl+Shift+N", "actionDraftLetter", "mail-message-new",
            "Draft a response letter: to the report in front of you, or to one you choose (Ctrl+Shift+N)",
        )  # fmt: skip
        self.new_database = make_action(w, "New &database…", w.databases.new, None, "actionNewDatabase")
        self.open_database = make_action(
            w, "&Open database…", w.databases.open, QKeySequence.StandardKey.Open, "actionOpenDatabase",
            "document-open",
        )  # fmt: skip
        self.take_offline = make_action(
            w, "Ta&ke offline…", lambda: w.offline.take_offline(), None, "actionTakeOffline", "",
            "Copy reports to this computer to work on them away from the office",
        )  # fmt: skip
        self.bring_back = make_action(
            w, "&Bring back changes…", lambda: w.offline.bring_back(), None, "actionBringBack", "",
            "Merge an offline copy's changes into this database, conflicts shown side by side",
        )  # fmt: skip
        self.quit = make_action(w, "&Quit", w.close, "Ctrl+Q", "actionQuit", "application-exit")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo = w.undo_group.createUndoAction(w, "&Undo")
        self.undo.setObjectName("actionUndo")
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo.setIcon(themed_icon(w, "edit-undo"))
        self.redo = w.undo_group.createRedoAction(w, "&Redo")
        self.redo.setObjectName("actionRedo")
        self.redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo.setIcon(themed_icon(w, "edit-redo"))
        self.paste = make_action(
            w, "&Paste recommendations…", w.importer.paste_recommendations, "Ctrl+Shift+V",
            "actionPasteRecommendations",
        )  # fmt: skip
        # one word for one thing: "filter" narrows the list in front of you, "search" looks everywhere
        self.find = make_action(
            w, "&Filter the list", w.focus_filter, QKeySequence.StandardKey.Find, "actionFind", "",
            "Type to narrow the list in front of you (Ctrl+F)",
        )  # fmt: skip
        self.search = make_action(
            w, "&Search…", w.show_search, "Ctrl+Shift+F", "actionSearch", "edit-find",
            "Search reports, recommendations, responses and letters (Ctrl+Shift+F)",
        )  # fmt: skip
        self.back = make_action(
            w, "&Back", w.go_back, QKeySequence.StandardKey.Back, "actionBack", "go-previous",
            "Back to where you came from (Alt+Left)",
        )  # fmt: skip
        self.refresh = make_action(
            w, "&Refresh", w.refresh_all, QKeySequence.StandardKey.Refresh, "actionRefresh", "view-refresh"
        )
        self.shortcuts = make_action(
            w,
            "&Keyboard shortcuts",
            lambda: help_dialogs.show_shortcuts(w),
            QKeySequence.StandardKey.HelpContents,
            "actionShortcuts",
        )
        self.guide = make_action(
            w, "&User guide", lambda: help_dialogs.show_guide(w), None, "actionUserGuide"
        )
        self.about = make_action(
            w, "&About Correspondence Desk", lambda: help_dialogs.show_about(w), None, "actionAbout"
        )
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.pages = [
            make_action(w, f"&{row + 1} {spec.label.replace('&', '&&')}", lambda r=row: w.go_and_focus(r),
                        f"Ctrl+{row + 1}")
            for row, spec in enumerate(PAGES)
        ]  # fmt: skip

    def build_menus(self, window: MainWindow) -> tuple[QMenu, QAction, QMenu]:
        """The menu bar and tool bar; returns the File menu, where the Export menu goes, and Help."""
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_report, self.import_report, self.new_letter])
        export_slot = file_menu.addSeparator()
        file_menu.addSeparator()
        file_menu.addActions([self.new_database, self.open_database])
        file_menu.addSeparator()
        file_menu.addActions([self.take_offline, self.bring_back])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.paste, self.find, self.search])
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.back)
        view_menu.addSeparator()
        view_menu.addActions(self.pages)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh)
        window.tools_menu_action = bar.addMenu(window.tools.menu())  # page menus go in before it
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts, self.guide])
        help_menu.addSeparator()
        help_menu.addAction(self.about)

        toolbar = QToolBar("Main tool bar", window)
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(QSize(18, 18))
        toolbar.addActions([self.new_report, self.import_report])
        toolbar.addSeparator()
        toolbar.addActions([self.undo, self.redo])
        toolbar.addSeparator()
        toolbar.addAction(self.refresh)
        window.addToolBar(toolbar)
        window.toolbar = toolbar
        view_menu.addSeparator()
        view_menu.addAction(toolbar.toggleViewAction())
        window.view_menu = view_menu
        return file_menu, export_slot, help_menu

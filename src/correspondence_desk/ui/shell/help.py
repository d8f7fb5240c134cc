"""Help › Keyboard shortcuts (F1) and Help › User guide.

The shortcuts are read from the window's own actions (the frame's and every page's menu), so the
list is always the one the app really answers to; the guide is a short Markdown file shipped in the
package (resources/guide/user-guide.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk import APP_NAME
from correspondence_desk.resources import resource
from correspondence_desk.ui.common.widgets import fit_to_screen

if TYPE_CHECKING:
    from correspondence_desk.ui.shell.main_window import MainWindow

# Keys that belong to a widget rather than an action, so no QAction lists them.
WIDGET_KEYS = (
    ("Enter", "Open the selected report, letter or result"),
    ("F2", "Edit the selected cell"),
    ("Ctrl+Enter", "Keep the edit of a text cell (Enter is a new line in it)"),
    ("Escape", "Drop the edit of a cell; clear a list's filter"),
    ("Tab / Shift+Tab", "Move to the next or previous field (text boxes too)"),
    ("Ctrl+Tab", "Type a tab in a text box"),
    ("Del", "Delete the selected recommendation (in a report's grid)"),
    ("Ctrl+Up / Ctrl+Down", "Move the selected recommendation up or down"),
    ("Menu key / Shift+F10", "The commands for the selected row (as a right-click)"),
)


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every action of the window that has a shortcut, then the widget keys."""
    rows: dict[str, str] = {}
    for action in window.findChildren(QAction):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()
        if keys and text and keys not in rows:
            rows[keys] = text
    widget_keys = [(keys, text) for keys, text in WIDGET_KEYS if keys not in rows]
    return sorted(rows.items(), key=lambda kv: (len(kv[0]), kv[0])) + widget_keys


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(f"Keyboard shortcuts — {APP_NAME}")
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "What they do"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, text) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        fit_to_screen(self, 600, min(640, 80 + 26 * len(rows)))


def guide_text() -> str:
    try:
        return resource("guide", "user-guide.md").read_text(encoding="utf-8")
    except OSError:
        return "The user guide is missing from this installation; reinstall the app."


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(f"User guide — {APP_NAME}")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideText")
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(False)  # offline: the guide links nowhere
        self.browser.setMarkdown(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        fit_to_screen(self, 720, 640)


def exec_dialog(dialog: QDialog) -> None:
    """Show a help dialog until it is closed (tests replace this: no real modal dialog)."""
    dialog.exec()


def show_shortcuts(window: MainWindow) -> None:
    exec_dialog(ShortcutsDialog(window))


def show_guide(window: MainWindow) -> None:
    exec_dialog(GuideDialog(window))


def show_about(window: MainWindow) -> None:
    from correspondence_desk.ui.shell.about import AboutDialog

    exec_dialog(AboutDialog(window.services.location if window.services else "", window))

"""What the window remembers between runs: its size and place, its splitters, each page's column
widths and splitters (the pages' `layout_states()`), and the page that was shown last."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from correspondence_desk.ui.shell.pages import DASHBOARD, LABELS

if TYPE_CHECKING:
    from correspondence_desk.ui.shell.main_window import MainWindow


def restore_layout(window: MainWindow) -> None:
    settings = window.settings
    geometry = settings.state("geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        default_geometry(window)
    state = settings.state("windowState")
    if state is not None:
        window.restoreState(state)
    saved = settings.state("mainSplitter")
    if saved is not None:
        window.splitter.restoreState(saved)
    start = settings.text("page", LABELS[DASHBOARD])
    window.go_to(LABELS.index(start) if start in LABELS else DASHBOARD)


def default_geometry(window: MainWindow) -> None:
    """First run: 1280×800, or the whole screen when it is smaller than that."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(1280, 800)
        return
    area = screen.availableGeometry()
    if area.width() < 1280 or area.height() < 800:
        window.setGeometry(area)
        window.setWindowState(Qt.WindowState.WindowMaximized)
        return
    window.resize(1280, 800)
    window.move(area.center() - window.rect().center())


def save_layout(window: MainWindow) -> None:
    settings = window.settings
    settings.set_state("geometry", window.saveGeometry())
    settings.set_state("windowState", window.saveState())
    settings.set_state("mainSplitter", window.splitter.saveState())
    for _row, page in window.built_pages():
        for name, widget in page.layout_states():
            settings.set_state(name, widget.saveState())
    settings.set_text("page", LABELS[max(0, window.stack.currentIndex())])
    settings.sync()

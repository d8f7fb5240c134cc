"""Right-click menus on lists and grids: the page's commands for the row under the mouse.

The Menu key and Shift+F10 open the same menu on the current row (Qt places a keyboard menu on
the current item). `context_menu` builds the menu without showing it, so tests can read it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu

Commands = Callable[[], Sequence[QAction | None]]  # None: a separator


def add_context_menu(view: QAbstractItemView, commands: Commands) -> None:
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(
        lambda pos: show_menu(context_menu(view, pos, commands), view, pos)
    )


def context_menu(view: QAbstractItemView, pos: QPoint, commands: Commands) -> QMenu:
    """The menu for a right-click at `pos` (viewport coordinates); the row there becomes current."""
    index = view.indexAt(pos)
    selection = view.selectionModel()
    if index.isValid() and selection is not None and not selection.isSelected(index):
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        if view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows:
            flags |= QItemSelectionModel.SelectionFlag.Rows
        selection.setCurrentIndex(index, flags)
    menu = QMenu(view)
    for command in commands():
        if command is None:
            menu.addSeparator()
        else:
            menu.addAction(command)
    return menu


def show_menu(menu: QMenu, view: QAbstractItemView, pos: QPoint) -> None:
    """Show the menu where it was asked for (tests replace this: no real popup)."""
    if menu.actions():
        menu.exec(view.viewport().mapToGlobal(pos))
    menu.deleteLater()

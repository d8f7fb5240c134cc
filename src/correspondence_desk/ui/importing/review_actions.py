"""The import review's commands as actions: their keys, their tool tips, the grid's toolbar.

Every key works anywhere in the dialog (WidgetWithChildrenShortcut) except Delete, which deletes
rows only in the grid: in a text it still deletes text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QTableView, QToolBar, QWidget

from correspondence_desk.ui.common.widgets import Keys, action
from correspondence_desk.ui.importing.unsure import NEXT_KEYS, PREVIOUS_KEYS

ANYWHERE = Qt.ShortcutContext.WidgetWithChildrenShortcut


class RowCommands(Protocol):
    """The corrections (the review pane carries them out)."""

    def split_current(self) -> None: ...
    def merge_current(self) -> None: ...
    def renumber(self) -> None: ...
    def add_after_current(self) -> None: ...
    def delete_selected(self) -> None: ...
    def pick_addressees(self) -> None: ...
    def next_unsure(self) -> None: ...
    def previous_unsure(self) -> None: ...


class DialogCommands(Protocol):
    def open_file(self) -> None: ...
    def find_in_pasted_text(self) -> None: ...
    def save(self) -> None: ...


@dataclass(frozen=True)
class ReviewActions:
    split: QAction
    merge: QAction
    renumber: QAction
    add: QAction
    delete: QAction
    addressees: QAction
    undo: QAction
    redo: QAction

    def row_actions(self) -> tuple[QAction, ...]:
        """The actions that need a selected row."""
        return self.split, self.delete, self.addressees


def make_review_actions(
    dialog: QWidget,
    commands: DialogCommands,
    rows: RowCommands,
    undo_stack: QUndoStack,
    grid: QTableView,
    toolbar: QToolBar,
) -> ReviewActions:
    """The actions, on `dialog` (their keys work anywhere in it), shown on the grid's `toolbar`."""

    def command(
        text: str, keys: Keys | Sequence[Keys], slot: Callable[[], None], tip: str, name: str
    ) -> QAction:
        return action(dialog, text, slot, keys, name=name, tip=tip, context=ANYWHERE)

    c, r = commands, rows
    actions = ReviewActions(
        split=command(
            "&Split", ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"], r.split_current,
            "Split the recommendation at the cursor in its text", "actionSplit",
        ),
        merge=command(
            "&Merge with next", "Ctrl+M", r.merge_current, "Join it with the next one", "actionMerge"
        ),
        renumber=command(
            "Re&number", "Ctrl+R", r.renumber, "Number every recommendation 1, 2, 3…", "actionRenumber"
        ),
        add=command("&Add", "Ctrl+N", r.add_after_current, "Add an empty recommendation", "actionAdd"),
        delete=command(
            "&Delete", ["Ctrl+Delete", "Ctrl+Backspace"], r.delete_selected,
            "Delete the selected recommendations", "actionDelete",
        ),
        addressees=command(
            "Add&ressees…", "Ctrl+Shift+A", r.pick_addressees,
            "Choose the bodies it is directed at", "actionAddressees",
        ),
        undo=undo_stack.createUndoAction(dialog, "&Undo"),
        redo=undo_stack.createRedoAction(dialog, "&Redo"),
    )  # fmt: skip
    for act, keys, name in (
        (actions.undo, QKeySequence.StandardKey.Undo, "actionUndo"),
        (actions.redo, QKeySequence.StandardKey.Redo, "actionRedo"),
    ):
        act.setObjectName(name)
        act.setShortcuts(keys)
        act.setShortcutContext(ANYWHERE)
        dialog.addAction(act)
    action(
        grid,
        "Delete",
        r.delete_selected,
        QKeySequence.StandardKey.Delete,
        context=Qt.ShortcutContext.WidgetShortcut,
    )
    # reachable by keyboard; on screen they are the buttons below the source and the dialog's own
    command(
        "Next to check", NEXT_KEYS, r.next_unsure, "The next item the parser is unsure of", "actionNextUnsure"
    )
    command(
        "Previous to check", PREVIOUS_KEYS, r.previous_unsure,
        "The previous item the parser is unsure of", "actionPreviousUnsure",
    )  # fmt: skip
    command("Open file", "Ctrl+O", c.open_file, "Open a PDF, Word or text file", "actionOpen")
    command(
        "Find", ["Ctrl+Return", "Ctrl+Enter"], c.find_in_pasted_text,
        "Find recommendations in the pasted text", "actionFind",
    )  # fmt: skip
    command("Save", QKeySequence.StandardKey.Save, c.save, "Import", "actionSave")

    for act in (
        actions.split,
        actions.merge,
        actions.renumber,
        actions.add,
        actions.delete,
        actions.addressees,
    ):
        toolbar.addAction(act)
    toolbar.addSeparator()
    toolbar.addAction(actions.undo)
    toolbar.addAction(actions.redo)
    for shown in toolbar.actions():
        widget = toolbar.widgetForAction(shown)
        if widget is not None:
            widget.setAccessibleName(shown.text().replace("&", "").rstrip("…"))
    return actions

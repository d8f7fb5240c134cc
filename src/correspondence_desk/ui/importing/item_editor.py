"""The selected recommendation's whole text under the review grid, where it is read, edited and split.

What is typed here reaches the model (as one undoable "edit of recommendation 3's text") when the
focus leaves, when the selection moves on, or just before an action (split, merge, save) reads the
rows: `commit()`.
Only typing is committed: the text shown may be a stale copy after the rows changed under it.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from correspondence_desk.ui.common.widgets import tab_leaves
from correspondence_desk.ui.importing.review_model import ProposalModel, ReviewItem

HINT = "Selected recommendation (put the cursor where to split: Ctrl+Shift+Enter)"


class ItemEditor(QPlainTextEdit):
    """Edits the text of the row it was last shown (`show_row`); `label` names that row."""

    focus_left = Signal()

    def __init__(self, model: ProposalModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._item_id: int | None = None  # the row shown, by its stable id (rows move on split/merge)
        self._typed = False  # typed since shown or committed (else the text may be a stale copy)
        self._showing = False
        self.textChanged.connect(self._text_changed)
        self.setAccessibleName("Selected recommendation text")
        tab_leaves(self)  # Tab moves on to the warnings; Ctrl+Tab types a tab
        self.label = QLabel(HINT)
        self.label.setBuddy(self)
        self.focus_left.connect(self.commit)

    def _text_changed(self) -> None:
        if not self._showing:
            self._typed = True

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # After the event that moved the focus: a click on another row of the grid must land on the
        # rows as they were (committing now would re-lay them out under the mouse); the row change
        # commits the text itself, and so does every action before it reads the rows.
        QTimer.singleShot(0, self, self.focus_left.emit)

    def show_row(self, row: int) -> ReviewItem | None:
        """Show a row's text (keeping the cursor when it is already shown); None: no row, nothing to edit."""
        item = self._model.record(row) if 0 <= row < self._model.rowCount() else None
        self._showing = True
        try:
            if item is None:
                self.setPlainText("")
            elif self.toPlainText() != item.rec.text:
                self.setPlainText(item.rec.text)
        finally:
            self._showing = False
        self._typed = False
        self.setEnabled(item is not None)
        if item is None:
            self._item_id = None
            return None
        self._item_id = item.id
        self.label.setText(
            f"Recommendation {item.rec.number}: put the cursor where a new one begins, then Split "
            "(Ctrl+Shift+Enter)"
        )
        return item

    def shows_a_row(self) -> bool:
        return self._item_id is not None

    def commit(self) -> None:
        """Hand what was typed to the model, as an undoable edit of the row it belongs to."""
        row = -1 if self._item_id is None or not self._typed else self._model.row_of(self._item_id)
        if row < 0:
            return
        self._typed = False
        text = self.toPlainText().strip()
        if text != self._model.record(row).rec.text:
            self._model.edit(row, self._model.edit_text(row, "text"), text=text)

    def cursor_offset(self) -> int:
        """Where the cursor (or the start of the selection) is in the row's stored, stripped text."""
        raw = self.toPlainText()
        cursor = self.textCursor()
        at = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        return at - (len(raw) - len(raw.lstrip()))

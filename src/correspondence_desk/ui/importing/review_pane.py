"""The right-hand side of the import review: the proposal grid, the selected item's text, the warnings.

The pane carries out the corrections the person asks for (split at the cursor, merge, renumber, add,
delete, choose addressees) on its `ProposalModel`, each one undoable; what they do to a
recommendation is `core.importing.review`'s. It says what went wrong through `problem` and asks the
dialog to mark an item's place in the source through the `highlight` callback.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QSplitter, QToolBar, QWidget

from correspondence_desk.core.importing import review
from correspondence_desk.core.importing.proposal import ProposedRecommendation
from correspondence_desk.core.records import BodyRecord
from correspondence_desk.ui.common.positions import PositionDelegate
from correspondence_desk.ui.common.widgets import pane
from correspondence_desk.ui.importing.addressees import AddresseePicker
from correspondence_desk.ui.importing.item_editor import ItemEditor
from correspondence_desk.ui.importing.review_model import ProposalModel
from correspondence_desk.ui.importing.unsure import UnsureBar
from correspondence_desk.ui.importing.widgets import MultiLineDelegate, ProposalGrid

M = ProposalModel
GRID_WIDTHS = {  # column: (fewest pixels, largest share of the width); the text columns share the rest
    M.NUMBER: (40, 0.06),
    M.ADDRESSEES: (90, 0.2),
    M.DEADLINE: (80, 0.14),
    M.PHRASE: (70, 0.16),
    M.PARAGRAPH: (44, 0.08),
    M.POSITION: (90, 0.16),
    M.SURE: (56, 0.09),
    M.WHY: (70, 0.16),  # read in full under the grid for the selected item; here it gives way first
}
HOW_CELLS_KEEP = (  # worded as the report grid's hint, but nothing is saved here until the import
    "F2 or a double-click edits a cell; Enter keeps it (in a text Ctrl+Enter or Tab: Enter is a new line); "
    "Esc cancels; Ctrl+Z undoes. Nothing is saved until you import."
)


class ReviewPane(QSplitter):
    """Signals: `problem(message, is_error)` for the dialog's status line; `changed()` when the rows,
    the selection or the warnings change (the Import button's count may differ)."""

    problem = Signal(str, bool)
    changed = Signal()

    def __init__(
        self,
        bodies: Sequence[BodyRecord],
        highlight: Callable[[str | None], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setChildrenCollapsible(False)
        self._highlight = highlight
        self.parser_warnings: tuple[str, ...] = ()
        # adding to a report already logged: its numbers are taken, and renumbering starts after them
        self.extra_problems: Callable[[Sequence[ProposedRecommendation]], list[str]] = lambda _recs: []
        self.number_from = 1
        self.model = ProposalModel(bodies, self)
        self.undo_stack = self.model.undo_stack
        self.item_editor = ItemEditor(self.model)
        self.toolbar = QToolBar("Recommendations")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.grid = ProposalGrid(GRID_WIDTHS, stretch=M.TEXT, responses=(M.RESPONSE, M.POSITION))
        self.grid.setObjectName("importGrid")
        self.grid.setAccessibleName("Proposed recommendations")
        self.grid.setModel(self.model)
        text_delegate = MultiLineDelegate(self.grid)
        for column in (M.TEXT, M.RESPONSE):
            self.grid.setItemDelegateForColumn(column, text_delegate)
        self.grid.setItemDelegateForColumn(M.POSITION, PositionDelegate(self.grid))
        self.grid.setTabKeyNavigation(False)  # Tab leaves the grid for the text under it
        self.hint = QLabel(HOW_CELLS_KEEP, wordWrap=True)
        self.hint.setObjectName("hint")
        self.hint.setEnabled(False)
        self.banner = QLabel(wordWrap=True)
        self.banner.setAccessibleName("Problem")
        self.banner.setStyleSheet("QLabel { background: #fff4ce; border: 1px solid #e0c060; padding: 6px; }")
        self.banner.hide()
        self.warnings_label = QLabel("&Warnings")
        self.warnings_list = QListWidget()
        self.warnings_list.setAccessibleName("Warnings")
        self.warnings_list.setWordWrap(True)
        self.warnings_label.setBuddy(self.warnings_list)
        self.unsure = UnsureBar(self.model, self.grid, self.current_row, self.select_row)
        self.found = QLabel(wordWrap=True)  # how the selected item was found, and how sure
        self.found.setObjectName("howFound")
        self.found.setTextFormat(Qt.TextFormat.RichText)
        self.found.setAccessibleName("How it was found")
        self.addWidget(pane(self.toolbar, self.unsure, self.banner, self.grid, self.hint, stretch=self.grid))
        self.addWidget(pane(self.item_editor.label, self.found, self.item_editor, stretch=self.item_editor))
        self.addWidget(pane(self.warnings_label, self.warnings_list, stretch=self.warnings_list))
        self.setSizes([560, 170, 100])

        self.grid.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.model.problem.connect(self._show_problem)
        self.model.focus_requested.connect(self.select_row)
        for signal in (self.model.modelReset, self.model.dataChanged, self.undo_stack.indexChanged):
            signal.connect(self.refresh)

    # --- what the dialog asks -----------------------------------------------------------------

    def show_proposal(
        self, recs: Sequence[ProposedRecommendation], warnings: Sequence[str], first: bool
    ) -> None:
        """Rows from the parser: the first proposal (no undo step) or a new one replacing the rows."""
        self.parser_warnings = tuple(warnings)
        if first:
            self.model.load(recs)
        else:
            self.model.replace_all(recs, "reading the text again")
        self.banner.hide()
        if self.model.rowCount():
            self.select_row(0)
        self.refresh()

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def current_row(self) -> int:
        return self.grid.currentIndex().row() if self.grid.currentIndex().isValid() else -1

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, M.TEXT)
        self.grid.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.grid.scrollTo(index)
        self._show_item()

    def blocking_problems(self) -> list[str]:
        """What must be fixed before saving, in plain words."""
        recs = self.model.recommendations()
        return review.problems(recs) + self.extra_problems(recs)

    def refresh(self, *_: object) -> None:
        blocking = self.blocking_problems()
        self.warnings_list.clear()
        self.warnings_list.addItems([f"Fix before saving: {p}" for p in blocking])
        self.warnings_list.addItems(list(self.parser_warnings))
        total = len(blocking) + len(self.parser_warnings)
        self.warnings_label.setText(f"&Warnings ({total})" if total else "&Warnings (none)")
        self.unsure.apply()
        if self.current_row() >= 0 and self.item_editor.shows_a_row():
            self._show_item()
        self.changed.emit()

    # --- corrections --------------------------------------------------------------------------

    def split_current(self) -> None:
        row = self.current_row()
        if row < 0:
            self._show_problem("Select the recommendation to split first.")
            return
        at = self.item_editor.cursor_offset()
        self.item_editor.commit()
        if self.model.split(row, review.split_point(self.model.record(row).rec.text, at)):
            self.item_editor.setFocus()

    def merge_current(self) -> None:
        self.item_editor.commit()
        self.model.merge_with_next(self.current_row())

    def renumber(self) -> None:
        self.item_editor.commit()
        if not self.model.renumber(self.current_row() if self.current_row() >= 0 else None, self.number_from):
            last = self.number_from + self.model.rowCount() - 1
            self._show_problem(f"They are already numbered {self.number_from} to {last}.", error=False)

    def add_after_current(self) -> None:
        self.item_editor.commit()
        row = self.model.insert_after(self.current_row() if self.model.rowCount() else -1)
        self.banner.hide()
        self.select_row(row)
        self.item_editor.setFocus()

    def delete_selected(self) -> None:
        self.item_editor.commit()
        rows = sorted({index.row() for index in self.grid.selectionModel().selectedRows()})
        if not rows and self.current_row() >= 0:
            rows = [self.current_row()]
        self.model.delete(rows)

    def next_unsure(self) -> None:
        self.item_editor.commit()
        self.unsure.next_unsure()

    def previous_unsure(self) -> None:
        self.item_editor.commit()
        self.unsure.previous_unsure()

    def pick_addressees(self) -> None:
        row = self.current_row()
        if row < 0:
            self._show_problem("Select a recommendation first.")
            return
        chosen = AddresseePicker.ask(self, self.model.bodies, self.model.record(row).rec.addressees)
        if chosen is not None:
            self.model.edit(row, self.model.edit_text(row, "addressees"), addressees=chosen)

    # --- the selected item --------------------------------------------------------------------

    def _current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.item_editor.commit()  # the editor still shows the previous row: keep what was typed there
        self._show_item()
        self.changed.emit()

    def _show_item(self) -> None:
        item = self.item_editor.show_row(self.current_row())
        self._highlight(item.rec.text if item else None)
        self.found.setText(_how_found(item.rec) if item else "")

    def _show_problem(self, message: str, error: bool = True) -> None:
        self.problem.emit(message, error)


def _how_found(rec: ProposedRecommendation) -> str:
    sure = f"{round(rec.confidence * 100)}% sure"
    if review.is_unsure(rec):
        sure = f"<b>Check this one</b> ({sure}): compare it with the highlighted source"
    why = html.escape(rec.why) if rec.why else "typed or added in the review"
    return f"{sure} · How it was found: {why}"

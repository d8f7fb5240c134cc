"""The items the parser is unsure of, above the review grid: how many, "Only the unsure ones", and
F8 / Shift+F8 to go to the next or previous one.

The filter hides the grid's other rows (the model keeps them, so row numbers, undo and saving are
unaffected); a row the person adds or splits off while it is on stays visible.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QTableView, QWidget

from correspondence_desk.ui.common.widgets import button
from correspondence_desk.ui.importing.review_model import ProposalModel

NEXT_KEYS, PREVIOUS_KEYS = "F8", "Shift+F8"


class UnsureBar(QWidget):
    def __init__(
        self,
        model: ProposalModel,
        grid: QTableView,
        current_row: Callable[[], int],
        select_row: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._model, self._grid = model, grid
        self._current_row, self._select_row = current_row, select_row
        self.count_label = QLabel()
        self.count_label.setObjectName("unsureCount")
        self.count_label.setAccessibleName("Items to check")
        self.only_unsure = QCheckBox("Only the &unsure ones")
        self.only_unsure.setObjectName("onlyUnsure")
        self.only_unsure.setAccessibleName("Only the unsure ones")
        self.only_unsure.setToolTip("Show only the items the parser is unsure of (marked “Check”)")
        self.only_unsure.toggled.connect(self._filter_toggled)
        self.next_button = button("Next to check", "Next item to check", self.next_unsure)
        self.next_button.setToolTip(
            f"Go to the next item the parser is unsure of ({NEXT_KEYS}; back: {PREVIOUS_KEYS})"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count_label)
        layout.addStretch(1)
        layout.addWidget(self.only_unsure)
        layout.addWidget(self.next_button)

    def apply(self) -> None:
        """Count the unsure rows and, with the filter on, hide the others."""
        unsure = set(self._model.unsure_rows())
        rows = self._model.rowCount()
        if not rows:
            self.count_label.setText("")
        elif unsure:
            self.count_label.setText(f"{len(unsure)} of {rows} to check: the parser is unsure of them")
        else:
            self.count_label.setText(f"The parser is sure of all {rows}")
        self.next_button.setEnabled(bool(unsure))
        only = self.only_unsure.isChecked()
        here = self._current_row()  # the row being read never vanishes under the person
        for row in range(rows):
            self._grid.setRowHidden(row, only and row not in unsure and row != here)

    def _filter_toggled(self, on: bool) -> None:
        unsure = self._model.unsure_rows()
        if on and unsure and self._current_row() not in unsure:
            self._select_row(unsure[0])  # from a row about to be hidden to the first one to check
        self.apply()

    def next_unsure(self) -> None:
        self._go(+1)

    def previous_unsure(self) -> None:
        self._go(-1)

    def _go(self, step: int) -> None:
        unsure = self._model.unsure_rows()
        if not unsure:
            return
        here = self._current_row()
        if step > 0:
            target = next((r for r in unsure if r > here), unsure[0])
        else:
            target = next((r for r in reversed(unsure) if r < here), unsure[-1])
        self._select_row(target)
        self.apply()  # the row left may be hidden now
        self._grid.setFocus()

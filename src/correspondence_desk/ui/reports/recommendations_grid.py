"""The report's recommendations as a table edited in place, with Add, Delete and Move up/down.

The grid only shows and asks: cell edits go to the model (which hands them to the controller); the
buttons and their keys (Del, Ctrl+Up, Ctrl+Down) emit requests the editor carries out. The selected
recommendation stays selected when the rows are reloaded.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.records import BodyRecord, Progress, RecommendationRecord
from correspondence_desk.ui.common.delegates import (
    AddresseeDelegate,
    ChoiceDelegate,
    DateDelegate,
    TextDelegate,
)
from correspondence_desk.ui.common.positions import PositionDelegate
from correspondence_desk.ui.common.table_model import make_proxy
from correspondence_desk.ui.common.widgets import action, button
from correspondence_desk.ui.reports.recommendations_model import RecommendationsModel

M = RecommendationsModel
COLUMN_WIDTHS = {
    M.LABEL: 44,
    M.ADDRESSEES: 140,
    M.DEADLINE: 95,
    M.OWNER: 110,
    M.POSITION: 150,
    M.PROGRESS: 75,
}


class RecommendationsGrid(QWidget):
    """Signals: `addRequested()`, `deleteRequested()`, `moveRequested(step)` (-1 up, 1 down)."""

    addRequested = Signal()
    deleteRequested = Signal()
    moveRequested = Signal(int)

    def __init__(
        self,
        model: RecommendationsModel,
        bodies: Callable[[], list[BodyRecord]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = make_proxy(model, self)
        self._reselect: int | None = None
        self.view = QTableView()
        self.view.setObjectName("recommendationsView")
        self.view.setAccessibleName("Recommendations")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(False)  # the report's own order; sorting would hide move up/down
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(M.TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in COLUMN_WIDTHS.items():
            self.view.setColumnWidth(column, width)
        view = self.view
        view.setItemDelegateForColumn(M.TEXT, TextDelegate(view, name="Recommendation text", min_height=140))
        view.setItemDelegateForColumn(M.DEADLINE, DateDelegate(view))
        view.setItemDelegateForColumn(M.ADDRESSEES, AddresseeDelegate(bodies, view))
        view.setItemDelegateForColumn(M.POSITION, PositionDelegate(view, none_text="(not set)"))
        view.setItemDelegateForColumn(M.PROGRESS, ChoiceDelegate(list(Progress), lambda p: p.label, view))
        view.selectionModel().selectionChanged.connect(self.update_buttons)
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)

        self.add_button = button("&Add…", "Add a recommendation", self.addRequested.emit)
        self.delete_button = button(
            "Delete", "Delete the selected recommendation (Del)", self.deleteRequested.emit
        )
        self.up_button = button("Move up", "Move the selected recommendation up (Ctrl+Up)", self._move_up)
        self.down_button = button(
            "Move down", "Move the selected recommendation down (Ctrl+Down)", self._move_down
        )
        for keys, slot in (
            (QKeySequence.StandardKey.Delete, self.deleteRequested.emit),
            ("Ctrl+Up", self._move_up),
            ("Ctrl+Down", self._move_down),
        ):
            action(view, "", slot, keys, context=Qt.ShortcutContext.WidgetShortcut)
        title = QLabel("<b>Recommendations</b>")
        self.hint = QLabel("Double-click a cell or press F2 to edit it; Ctrl+Z undoes.")
        self.hint.setObjectName("hint")
        self.hint.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addWidget(self.hint, 1)
        for push in (self.add_button, self.delete_button, self.up_button, self.down_button):
            bar.addWidget(push)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def _move_up(self) -> None:
        self.moveRequested.emit(-1)

    def _move_down(self) -> None:
        self.moveRequested.emit(1)

    # --- selection ----------------------------------------------------------------------------

    def selected(self) -> RecommendationRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def select_id(self, rec_id: int) -> None:
        row = self.model.row_of(rec_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _remember_selection(self) -> None:
        record = self.selected()
        self._reselect = record.id if record else None

    def _restore_selection(self) -> None:
        if self._reselect is not None:
            self.select_id(self._reselect)
        self.update_buttons()

    def update_buttons(self) -> None:
        record = self.selected()
        row = self.model.row_of(record.id) if record else -1
        self.delete_button.setEnabled(record is not None)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)

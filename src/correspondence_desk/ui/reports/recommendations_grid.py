"""The report's recommendations as a table edited in place, with Add, Import, Delete and Move up/down.

The grid only shows and asks: cell edits go to the model (which hands them to the controller); the
buttons and their keys (Del, Ctrl+Up, Ctrl+Down) emit requests the editor carries out. The selected
recommendation stays selected when the rows are reloaded. The line under the grid says how a cell
is edited and kept; the recommendation's text gets the width the short columns do not need.
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
from correspondence_desk.core.vocabulary import NO_PROGRESS
from correspondence_desk.ui.common.columns import ColumnFitter
from correspondence_desk.ui.common.delegates import (
    AddresseeDelegate,
    ChoiceDelegate,
    DateDelegate,
    TextDelegate,
)
from correspondence_desk.ui.common.empty import EmptyState
from correspondence_desk.ui.common.positions import PositionDelegate
from correspondence_desk.ui.common.table_model import make_proxy
from correspondence_desk.ui.common.widgets import action, button
from correspondence_desk.ui.reports.recommendations_model import RecommendationsModel

M = RecommendationsModel
SHORT_COLUMNS = {  # (fewest pixels, largest share of the width); the text takes the rest
    M.LABEL: (36, 0.06),
    M.ADDRESSEES: (80, 0.2),
    M.DEADLINE: (100, 0.12),  # a date is never cut: "31 Mar 20…" loses the year
    M.OWNER: (60, 0.14),
    M.POSITION: (70, 0.18),
    M.PROGRESS: (60, 0.1),
}
HOW_CELLS_SAVE = (
    "F2 or a double-click edits a cell; Enter saves it at once (in the text Ctrl+Enter: Enter is a new "
    "line); Esc cancels; Ctrl+Z undoes."
)
NO_RECOMMENDATIONS = (
    "<h3>No recommendations yet</h3><p>Add them one by one with <b>Add…</b>, or read them from the "
    "report's file or copied text with <b>Import…</b>.</p>"
)


class RecommendationsGrid(QWidget):
    """Signals: `addRequested()`, `importRequested()`, `deleteRequested()`, `moveRequested(step)`
    (-1 up, 1 down)."""

    addRequested = Signal()
    importRequested = Signal()
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
        self.view.setTabKeyNavigation(False)  # Tab leaves the grid, as it leaves every other field
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.columns = ColumnFitter(self.view, text={M.TEXT: 1.0}, short=SHORT_COLUMNS, text_min=200)
        view = self.view
        view.setItemDelegateForColumn(M.TEXT, TextDelegate(view, name="Recommendation text", min_height=140))
        view.setItemDelegateForColumn(M.DEADLINE, DateDelegate(view))
        view.setItemDelegateForColumn(M.ADDRESSEES, AddresseeDelegate(bodies, view))
        view.setItemDelegateForColumn(M.POSITION, PositionDelegate(view))
        view.setItemDelegateForColumn(
            M.PROGRESS,
            ChoiceDelegate(list(Progress), lambda p: p.label, view, none_text=f"({NO_PROGRESS.lower()})"),
        )
        view.selectionModel().selectionChanged.connect(self.update_buttons)
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)

        self.add_button = button("&Add…", "Add a recommendation", self.addRequested.emit)
        self.import_button = button(
            "Import…",
            "Import more recommendations",
            self.importRequested.emit,
            tip="Add recommendations to this report from a PDF, Word or text file, or from copied text",
        )
        self.import_button.setObjectName("importIntoButton")
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
        self.hint = QLabel(HOW_CELLS_SAVE)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        self.body = EmptyState(self.view, "recommendations")
        bar = QHBoxLayout()
        bar.addWidget(title, 1)
        for push in (
            self.add_button,
            self.import_button,
            self.delete_button,
            self.up_button,
            self.down_button,
        ):
            bar.addWidget(push)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.hint)

    def _move_up(self) -> None:
        self.moveRequested.emit(-1)

    def _move_down(self) -> None:
        self.moveRequested.emit(1)

    # --- selection ----------------------------------------------------------------------------

    def selected(self) -> RecommendationRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def select_id(self, rec_id: int) -> bool:
        row = self.model.row_of(rec_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        return True

    def show_empty_state(self) -> None:
        self.body.show_message(NO_RECOMMENDATIONS if self.model.rowCount() == 0 else None)

    def _remember_selection(self) -> None:
        record = self.selected()
        self._reselect = record.id if record else None

    def _restore_selection(self) -> None:
        self.show_empty_state()
        if self._reselect is not None:
            self.select_id(self._reselect)
        self.update_buttons()

    def update_buttons(self) -> None:
        record = self.selected()
        row = self.model.row_of(record.id) if record else -1
        self.delete_button.setEnabled(record is not None)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)

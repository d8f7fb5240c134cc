"""The dashboard's lists: which there are (their tiles' captions, columns and what each says when
empty), the tile that counts one, and how one list is laid out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.vocabulary import DUE_SOON_DAYS
from correspondence_desk.ui.common.columns import ColumnFitter
from correspondence_desk.ui.common.menus import add_context_menu
from correspondence_desk.ui.common.widgets import button
from correspondence_desk.ui.dashboard import follow_up
from correspondence_desk.ui.dashboard.items_model import ClearanceItemsModel, DueItemsModel


class Tile(QPushButton):
    """A big number with a caption; clicking it shows that list below."""

    MIN_WIDTH = 150

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.setCheckable(True)
        self.setMinimumSize(self.MIN_WIDTH, 64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_count(0)

    def set_count(self, count: int, urgent: bool = False) -> None:
        self.setText(f"{count:,}\n{self.caption}")
        self.setAccessibleName(f"{self.caption}: {count:,}")
        font = self.font()
        font.setBold(urgent and count > 0)
        self.setFont(font)


REPORT_COLUMNS = ("Due", "When", "Report", "Title")
REC_COLUMNS = ("Deadline", "When", "Report", "Recommendation")
# list key, tile caption (also the list's title), columns, what its empty list says
LISTS = (
    ("overdue_reports", "Overdue responses", REPORT_COLUMNS, "No response is overdue."),
    ("due_soon_reports", f"Responses due in {DUE_SOON_DAYS} days", REPORT_COLUMNS,
     f"No response is due in the next {DUE_SOON_DAYS} days."),
    ("overdue_recommendations", "Overdue deadlines", REC_COLUMNS, "No recommendation of ours is overdue."),
    ("due_soon_recommendations", f"Deadlines in {DUE_SOON_DAYS} days", REC_COLUMNS,
     f"No recommendation of ours is due in the next {DUE_SOON_DAYS} days."),
    ("unanswered_recommendations", "Unanswered recommendations",
     ("Response due", "When", "Report", "Recommendation"),
     "Every recommendation of an open report has been answered in an issued letter."),
    ("letters_awaiting_issue", "Letters awaiting issue", ("Status", "", "Letter", "Subject"),
     "No letter is awaiting issue. Draft one from a report with File › New letter (Ctrl+Shift+N)."),
    ("awaiting_my_clearance", "Awaiting my clearance", ("Due", "When", "Letter", "Step"),
     "No letter is waiting for you to clear it."),
    ("returned_to_me", "Returned to me", ("", "", "Letter", "Returned"),
     "No letter you sent round has come back for amendment."),
    ("clearance_overdue", "Clearance steps overdue", ("Due", "When", "Letter", "Step"),
     "No clearance step is overdue."),
    *follow_up.LISTS,
)  # fmt: skip
URGENT = {
    "overdue_reports", "overdue_recommendations", "awaiting_my_clearance", "clearance_overdue",
    follow_up.OWNERS,
}  # fmt: skip
FOLLOW_UP = {follow_up.UPDATES, follow_up.OWNERS}  # worked out on a worker, after the others
WIDE_TILES = 4  # tiles a row where each has its minimum width; three on a narrow window
NARROW_TILES = 3
CLEARANCE_LISTS = {"awaiting_my_clearance", "returned_to_me", "clearance_overdue"}
NOTHING_YET = (
    "<b>Nothing to track yet.</b> Log a report with File › New report (Ctrl+N), or import one from a "
    "PDF, Word or text file with File › Import report (Ctrl+I); its recommendations and deadlines "
    "then show here."
)


@dataclass(frozen=True)
class DueList:
    box: QWidget  # the tab's widget
    tree: QTableView
    model: DueItemsModel | follow_up.OwnersOverdueModel
    note: QLabel  # how much is shown, or what an empty list means
    show_all: QPushButton


def due_list(
    key: str,
    columns: tuple[str, ...],
    parent: QWidget,
    on_open: Callable[[QModelIndex], None],
    commands: Callable[[], list[QAction | None]],
    on_show_all: Callable[[str], object],
) -> DueList:
    """One list of the dashboard: its table, the line under it and its Show all button."""
    model: DueItemsModel | follow_up.OwnersOverdueModel
    if key == follow_up.OWNERS:
        model = follow_up.OwnersOverdueModel(columns, parent)
    elif key == follow_up.UPDATES:
        model = follow_up.UpdatesDueModel(columns, parent)
    else:
        model = (ClearanceItemsModel if key in CLEARANCE_LISTS else DueItemsModel)(columns, parent)
    # a table, not a tree: a tree lays out every one of 27,000 rows, asking the model about each
    tree = QTableView()
    tree.setObjectName(f"list_{key}")
    tree.setModel(model)
    tree.setShowGrid(False)
    tree.setAlternatingRowColors(True)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setWordWrap(False)
    tree.setTabKeyNavigation(False)
    tree.setAccessibleName(key.replace("_", " ").capitalize())
    rows = tree.verticalHeader()
    rows.hide()
    rows.setDefaultSectionSize(tree.fontMetrics().height() + 6)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = tree.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    # measured on the rows on screen (Qt's own fit reads a thousand rows per column)
    ColumnFitter(tree, text={3: 1.0}, short={0: (70, 0.2), 1: (40, 0.24), 2: (80, 0.24)})
    tree.clicked.connect(on_open)
    tree.activated.connect(on_open)
    add_context_menu(tree, commands)
    note = QLabel()
    note.setObjectName(f"note_{key}")
    note.setWordWrap(True)
    show_all = button("Show all", "Show all of the list", partial(on_show_all, key))
    show_all.setObjectName(f"showAll_{key}")
    show_all.hide()
    below = QHBoxLayout()
    below.addWidget(note, 1)
    below.addWidget(show_all)
    box = QWidget()
    box_layout = QVBoxLayout(box)
    box_layout.setContentsMargins(0, 0, 0, 0)
    box_layout.addWidget(tree, 1)
    box_layout.addLayout(below)
    return DueList(box, tree, model, note, show_all)

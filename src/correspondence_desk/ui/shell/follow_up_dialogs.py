"""The dialogs of Tools › follow-up: how often progress updates are due (an office setting, shared by
everyone on the database), which owner's workbook to export, and the review of a returned workbook
before anything in it is saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import WorkbookOutcome, WorkbookReview, WorkbookRow
from correspondence_desk.core.text import count
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.table_model import Column, RecordTableModel, short_date
from correspondence_desk.ui.common.widgets import combo, fit_to_screen

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

EVERY_OWNER = "Every owner (a sheet each)"
NOBODY = "Nobody yet (no owner)"


class UpdateSettingsDialog(QDialog):
    """Tools › Progress update settings…: saved for everyone when OK is pressed."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("updateSettingsDialog")
        self.setWindowTitle("Progress update settings")
        self._services = services
        self.months = QSpinBox()
        self.months.setObjectName("updateEveryMonths")
        self.months.setRange(1, 36)
        self.months.valueChanged.connect(lambda n: self.months.setSuffix(" month" if n == 1 else " months"))
        self.months.setAccessibleName("Months between progress updates")
        editor = self.months.findChild(QLineEdit)
        if editor is not None:  # the spin box's own line edit: named as the box is
            editor.setAccessibleName("Months between progress updates")
        self.months.setValue(services.settings.get().update_every_months)
        about = QLabel(
            "A recommendation's next progress update is due this long after the first response to it, "
            "then after each update. The setting is shared by everyone using this database."
        )
        about.setWordWrap(True)
        form = QFormLayout()
        form.addRow(about)
        form.addRow("Updates are &due every:", self.months)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        try:
            self._services.settings.set(update_every_months=self.months.value())
        except DeskError as error:
            dialogs.show_desk_error(self, error, "Changing the setting")
            return
        super().accept()


class ExportOwnerDialog(QDialog):
    """Which owner's open recommendations to write: one, or every owner (a sheet each)."""

    def __init__(self, owners: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportOwnerDialog")
        self.setWindowTitle("Export owners' workbook")
        self.owner: QComboBox = combo("Owner")
        self.owner.addItem(EVERY_OWNER, None)
        for name in owners:
            self.owner.addItem(name or NOBODY, name)
        about = QLabel(
            "The workbook lists each owner's open recommendations with their last update and empty "
            "columns for the new one. Send it to the owner; import it back with Tools › Import "
            "owners' workbook…"
        )
        about.setWordWrap(True)
        form = QFormLayout()
        form.addRow(about)
        form.addRow("&For:", self.owner)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Choose file…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def chosen(self) -> str | None:
        """The owner ("" for nobody's), or None for every owner."""
        data = self.owner.currentData()
        return None if data is None else str(data)


def outcome_text(row: WorkbookRow) -> str:
    """What the row would do, in words."""
    if row.outcome is WorkbookOutcome.PROBLEM:
        return row.message
    if row.outcome is not WorkbookOutcome.NEW:
        return ""
    parts = []
    if row.progress is not None:
        before = row.current_progress.label if row.current_progress else "no RAG"
        parts.append(
            row.progress.label if row.progress == row.current_progress else f"{before} → {row.progress.label}"
        )
    if row.target_changed:
        moved = f"target {short_date(row.current_target) or 'none'} → {short_date(row.target_date) or 'none'}"
        parts.append(f"{moved} ({row.reason})" if row.reason else moved)
    if row.text:
        parts.append(f"“{row.text}”")
    return "; ".join(parts)


class ReviewModel(RecordTableModel[WorkbookRow]):
    COLUMNS = (
        Column("Sheet", lambda r: r.sheet),
        Column("Row", lambda r: str(r.row) if r.row else "missing"),
        Column("Recommendation", lambda r: r.reference),
        Column("Outcome", lambda r: str(r.outcome.value).capitalize()),
        Column("What changes, or the problem", outcome_text, tooltip=outcome_text),
    )


def review_summary(review: WorkbookReview) -> str:
    counts = {o: sum(1 for r in review.rows if r.outcome is o) for o in WorkbookOutcome}
    said = [count(counts[WorkbookOutcome.NEW], "new update")]
    if counts[WorkbookOutcome.BLANK]:
        said.append(f"{counts[WorkbookOutcome.BLANK]:,} without an answer")
    if counts[WorkbookOutcome.ALREADY]:
        said.append(f"{counts[WorkbookOutcome.ALREADY]:,} imported before")
    line = f"{review.filename}: {', '.join(said)}."
    if review.problems:
        return (
            f"{line} {count(len(review.problems), 'row')} cannot be read as it is, so nothing can be "
            "imported: put the rows below right in the workbook (or export a new one) and import it again."
        )
    if not review.changes:
        return f"{line} There is nothing new to import."
    return f"{line} Nothing is saved until you press Import."


class WorkbookReviewDialog(QDialog):
    """Every row of a returned workbook, what it would change or why it cannot; Import applies them."""

    def __init__(self, review: WorkbookReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workbookReviewDialog")
        self.setWindowTitle(f"Import owners' workbook — {review.filename}")
        self.review = review
        self.summary = QLabel(review_summary(review))
        self.summary.setObjectName("workbookSummary")
        self.summary.setWordWrap(True)
        # the rows to put right first, then the rest in the workbook's order
        rows = sorted(review.rows, key=lambda r: r.outcome is not WorkbookOutcome.PROBLEM)
        self.model = ReviewModel(rows, self)
        self.view = QTableView()
        self.view.setObjectName("workbookRows")
        self.view.setAccessibleName("Rows of the workbook")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.resizeColumnsToContents()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            f"&Import {count(len(review.changes), 'update')}", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importUpdatesButton")
        self.import_button.setEnabled(bool(review.changes) and not review.problems)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 900, 520)

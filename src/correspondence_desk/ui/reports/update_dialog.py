"""Report › Record an update… (Ctrl+U): one dated progress update for the selected recommendation, as
the updates service takes it: the RAG (or complete), what has happened, the target date (a moved
date asks why), who gave it and the day it speaks for.

The dialog saves through the `save` callback the editor hands it and stays open when that fails, so
nothing typed is lost; closing it with something typed asks Save / Discard / Cancel, as the report's
details do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.records import Progress, RecommendationRecord
from correspondence_desk.core.text import one_line
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.widgets import combo, line_edit, tab_leaves
from correspondence_desk.ui.reports.forms import DateField


@dataclass(frozen=True)
class UpdateInput:
    """What the dialog asks; `target_date` counts only when `target_changed`; `progress` None (an
    undo back to before the first RAG) clears it."""

    progress: Progress | None
    text: str
    target_date: dt.date | None
    target_changed: bool
    reason: str
    owner: str
    update_date: dt.date


Save = Callable[[UpdateInput], bool]  # True once saved; False: the error was shown, stay open


class RecordUpdateDialog(QDialog):
    def __init__(
        self,
        record: RecommendationRecord,
        save: Save,
        reference: str = "",
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordUpdateDialog")
        name = f"{reference}/{record.label}" if reference else f"recommendation {record.label}"
        self.setWindowTitle(f"Record an update — {name}")
        self.setMinimumWidth(480)
        self._record, self._save = record, save
        self.saved: UpdateInput | None = None
        about = QLabel(one_line(record.text, 220))
        about.setWordWrap(True)
        about.setObjectName("updateAbout")
        self.progress = combo("Progress now")
        self.progress.addItem("Choose…", None)
        for value in Progress:
            self.progress.addItem(value.label, value.value)
        if record.progress is not None:
            self.progress.setCurrentIndex(self.progress.findData(record.progress.value))
        self.text = tab_leaves(QPlainTextEdit())
        self.text.setAccessibleName("What has happened since the last update")
        self.text.setPlaceholderText("What has happened since the last update")
        self.text.setMinimumHeight(90)
        self.target = DateField("target date")
        self.target.set_date(record.target_date)
        self.reason = line_edit("Reason for the new target date", "Why the target date moves")
        self.owner = line_edit("Given by", "The owner who gave the update")
        self.owner.setText(record.owner)
        self.day = DateField("date of the update")
        self.day.set_date(today or dt.date.today())
        self.form = QFormLayout()
        self.form.addRow(about)
        self.form.addRow("&Progress:", self.progress)
        self.form.addRow("&What has happened:", self.text)
        self.form.addRow("&Target date:", self.target)
        self.form.addRow("&Reason for the new date:", self.reason)
        self.form.addRow("&Given by:", self.owner)
        self.form.addRow("&Dated:", self.day)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.target.edit.textChanged.connect(self._show_reason)
        for field in (self.target, self.day):
            field.validityChanged.connect(lambda _ok: QTimer.singleShot(0, self.adjustSize))
        self._show_reason()
        self.text.setFocus()

    def _target(self) -> dt.date | None:
        try:
            return self.target.date()
        except ValidationError:
            return self._record.target_date

    def _show_reason(self) -> None:
        """The reason is asked only when a date someone relied on moves."""
        moved = self._record.target_date is not None and self._target() != self._record.target_date
        self.form.setRowVisible(self.reason, moved)

    def is_dirty(self) -> bool:
        chosen = self.progress.currentData()
        return bool(
            self.text.toPlainText().strip()
            or self.reason.text().strip()
            or (chosen is not None and chosen != (self._record.progress or ""))
            or self.target.edit.text().strip() != long_date(self._record.target_date)
        )

    def values(self) -> UpdateInput:
        """What was typed, checked; raises ValidationError with a message for the person."""
        chosen = self.progress.currentData()
        if chosen is None:
            raise ValidationError("Choose the progress: red, amber, green or complete.")
        target = self.target.date()
        day = self.day.date()
        if day is None:
            raise ValidationError("Give the date of the update.")
        changed = target != self._record.target_date
        reason = " ".join(self.reason.text().split())
        if changed and self._record.target_date is not None and not reason:
            raise ValidationError(
                f"Give a reason for moving the target date from {long_date(self._record.target_date)}."
            )
        return UpdateInput(
            Progress(chosen),
            self.text.toPlainText().strip(),
            target,
            changed,
            reason if changed else "",
            self.owner.text().strip(),
            day,
        )

    def accept(self) -> None:
        try:
            values = self.values()
        except ValidationError as error:
            dialogs.show_desk_error(self, error, "Recording the update")
            return
        if self._save(values):
            self.saved = values
            super().accept()

    def reject(self) -> None:
        if self.is_dirty():
            answer = dialogs.ask_unsaved(self, "The update")
            if answer is dialogs.Unsaved.SAVE:
                self.accept()
                return
            if answer is dialogs.Unsaved.CANCEL:
                return
        super().reject()


def ask_update(
    parent: QWidget, record: RecommendationRecord, save: Save, reference: str = ""
) -> UpdateInput | None:
    """Show the dialog; what was saved, or None (a seam the tests may replace)."""
    dialog = RecordUpdateDialog(record, save, reference, parent)
    dialog.exec()
    return dialog.saved

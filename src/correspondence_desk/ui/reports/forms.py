"""Form pieces of the report side: a date field that validates as you type, and two small dialogs."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.clocks import DEFAULT_WORKING_DAYS, Clock, ClockChoice, due_from, explain_due
from correspondence_desk.core.dates import long_date, parse_date
from correspondence_desk.core.errors import DeskError, ValidationError
from correspondence_desk.core.records import NewRecommendation, RecommendationRecord, ReportDetail
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.table_model import natural_key
from correspondence_desk.ui.common.widgets import combo, line_edit, tab_leaves

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services


class DateField(QWidget):
    """A line edit for a date plus an inline message when what was typed is not a date."""

    validityChanged = Signal(bool)

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._what = what
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("e.g. 31/12/2025 or 31 December 2025")
        self.edit.setAccessibleName(what.capitalize())
        self.message = QLabel(self)
        self.message.setObjectName("dateError")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._check)
        self.edit.editingFinished.connect(self._tidy)

    def set_date(self, value: dt.date | None) -> None:
        self.edit.setText(long_date(value))

    def date(self) -> dt.date | None:
        """The date typed (None when empty); raises ValidationError when it is not a date."""
        return parse_date(self.edit.text(), self._what)

    def is_valid(self) -> bool:
        return self.message.isHidden()

    def _check(self) -> None:
        try:
            self.date()
        except ValidationError as error:
            self.message.setText(str(error))
            self.message.show()
            self.edit.setAccessibleDescription(str(error))
        else:
            self.message.hide()
            self.edit.setAccessibleDescription("")
        self.validityChanged.emit(self.is_valid())

    def _tidy(self) -> None:
        # Rewrite a valid date the long way, so "3/4/25" visibly means 3 April 2025.
        if self.is_valid() and self.edit.text().strip():
            self.edit.setText(long_date(self.date()))


class NewReportDialog(QDialog):
    """Ctrl+N: log a report (its recommendations come later, typed or imported)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.created: ReportDetail | None = None
        self.setWindowTitle("New report")
        self.setObjectName("newReportDialog")
        self.setMinimumWidth(520)
        self.title = line_edit("Title")
        self.reference = line_edit("Reference", f"leave empty for {services.reports.next_reference()}")
        self.committee = combo(
            "Committee", ["", *(c.name for c in services.committees.list())], editable=True
        )
        self.published = DateField("publication date")
        self.received = DateField("date received")
        self.received.set_date(dt.date.today())
        self.clock = combo("Response clock")
        for clock in Clock:
            self.clock.addItem(clock.label, clock.value)
        self.working_days = QSpinBox()
        self.working_days.setRange(1, 250)
        self.working_days.setValue(DEFAULT_WORKING_DAYS)
        self.working_days.setSuffix(" working days")
        self.working_days.setAccessibleName("Number of working days")
        self.response_due = DateField("response due date")
        self.clock_note = QLabel()
        self.clock_note.setObjectName("clockNote")
        self.clock_note.setWordWrap(True)
        self.clock_note.setAccessibleName("How the response due date is counted")
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Reference:", self.reference)
        form.addRow("&Committee:", self.committee)
        form.addRow("&Published:", self.published)
        form.addRow("Recei&ved:", self.received)
        form.addRow("Response c&lock:", self.clock)
        form.addRow("", self.working_days)
        form.addRow("Response &due:", self.response_due)
        form.addRow("", self.clock_note)
        self._form = form
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Create report")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for field in (self.published, self.received, self.response_due):
            # the dialog grows to show a date's message in full, and shrinks back
            field.validityChanged.connect(lambda _ok: QTimer.singleShot(0, self.adjustSize))
        self.clock.currentIndexChanged.connect(self._count_due_date)
        self.working_days.valueChanged.connect(self._count_due_date)
        self.published.edit.textChanged.connect(self._count_due_date)
        self.received.edit.textChanged.connect(self._count_due_date)
        self._count_due_date()

    def clock_choice(self) -> ClockChoice:
        clock = Clock(self.clock.currentData())
        return ClockChoice(clock, self.working_days.value() if clock is Clock.WORKING_DAYS else 0)

    def _count_due_date(self) -> None:
        """A preset clock counts the due date from publication (else receipt, and says so); a custom
        one is typed."""
        choice = self.clock_choice()
        custom = choice.clock is Clock.CUSTOM
        self._form.setRowVisible(self.working_days, choice.clock is Clock.WORKING_DAYS)
        self._form.setRowVisible(self.clock_note, not custom)
        self.response_due.edit.setReadOnly(not custom)
        if custom:
            self.response_due.edit.setPlaceholderText("e.g. 31/12/2025 or 31 December 2025")
            return
        published, received = _date_or_none(self.published), _date_or_none(self.received)
        self.response_due.edit.setPlaceholderText("counted once the publication date is given")
        self.response_due.set_date(due_from(choice, published, received))
        self.clock_note.setText(explain_due(choice, published, received))

    def accept(self) -> None:
        try:
            self.created = self._services.reports.create(
                title=self.title.text(),
                reference=self.reference.text(),
                committee=self.committee.currentText(),
                published=self.published.date(),
                received=self.received.date(),
                response_due=self.response_due.date(),
                response_clock=self.clock_choice().code,
            )
        except DeskError as error:
            dialogs.show_desk_error(self, error, "Creating the report")
            return
        super().accept()

    @classmethod
    def ask(cls, services: Services, parent: QWidget | None = None) -> ReportDetail | None:
        dialog = cls(services, parent)
        dialog.exec()
        return dialog.created


def _date_or_none(field: DateField) -> dt.date | None:
    try:
        return field.date()
    except ValidationError:
        return None


def next_label(existing: list[RecommendationRecord]) -> str:
    numbers = [int(r.label) for r in existing if r.label.isdigit()]
    if numbers or not existing:
        return str(max(numbers, default=0) + 1)
    return f"{max(existing, key=lambda r: natural_key(r.label)).label}+"


class AddRecommendationDialog(QDialog):
    """The label and text of a new recommendation; the rest is edited in the table."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add recommendation")
        self.setMinimumWidth(520)
        self.label = line_edit("Label")
        self.label.setText(label)
        self.text = tab_leaves(QPlainTextEdit())
        self.text.setAccessibleName("Recommendation text")
        self.text.setPlaceholderText("The recommendation as the report words it")
        form = QFormLayout()
        form.addRow("&Label:", self.label)
        form.addRow("&Text:", self.text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.text.setFocus()

    def recommendation(self) -> NewRecommendation:
        return NewRecommendation(label=self.label.text().strip(), text=self.text.toPlainText().strip())

    @classmethod
    def ask(cls, label: str, parent: QWidget | None = None) -> NewRecommendation | None:
        dialog = cls(label, parent)
        return dialog.recommendation() if dialog.exec() == QDialog.DialogCode.Accepted else None

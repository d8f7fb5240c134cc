"""The "Letter" tab of the composer: who, when, and the covering letter itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from correspondence_desk.core.drafting import salutation_for
from correspondence_desk.core.records import ContactRecord, LetterDetail, LetterKind, Marking
from correspondence_desk.ui.common.widgets import set_read_only, tab_leaves

NO_DATE = QDate(2000, 1, 1)  # shown as "Date of issue": an undated draft takes the day it is issued
MARKINGS = [
    (Marking.NONE, "None"),
    (Marking.OFFICIAL, "OFFICIAL"),
    (Marking.OFFICIAL_SENSITIVE, "OFFICIAL-SENSITIVE"),
]
LAYOUTS = [
    ("list", "List", "Each recommendation in bold, then its response"),
    ("table", "Table", "A table: recommendation | position | response"),
]


class LetterDateEdit(QDateEdit):
    """The letter date, where "Date of issue" (no date yet) is the lowest value: the calendar and
    the arrow keys start from today, not from that placeholder's January 2000."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self._watching = False

    def calendarWidget(self) -> QCalendarWidget:
        calendar = super().calendarWidget()
        if not self._watching:
            calendar.installEventFilter(self)
            self._watching = True
        return calendar

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.calendarWidget()  # the popup exists from the start, so opening it is watched

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QCalendarWidget) and self.undated():
            today = QDate.currentDate()
            # shown on today, ready for Enter or a click; nothing changes until the user picks
            blocked = watched.blockSignals(True)
            watched.setSelectedDate(today)
            watched.setCurrentPage(today.year(), today.month())
            watched.blockSignals(blocked)
        return super().eventFilter(watched, event)

    def undated(self) -> bool:
        return self.date() == NO_DATE

    def stepBy(self, steps: int) -> None:
        if self.undated():
            self.setDate(QDate.currentDate())  # the first arrow press dates it today
            return
        super().stepBy(steps)

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        if self.undated() and not self.isReadOnly():
            return (
                QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
                | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
            )
        return super().stepEnabled()


def _day(q: QDate) -> dt.date | None:
    return None if q == NO_DATE else dt.date(q.year(), q.month(), q.day())


def _contact_label(c: ContactRecord) -> str:
    return " — ".join(x for x in (c.full_name, c.job_title or c.organisation) if x)


class LetterForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._contacts: dict[int, ContactRecord] = {}
        self._loading = False
        self.reference = self._line("Reference")
        self.date = LetterDateEdit(self)
        self.date.setAccessibleName("Letter date")
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setSpecialValueText("Date of issue")
        self.date.setToolTip("Leave at “Date of issue” and the letter is dated the day it is issued")
        self.undate = QToolButton(self)
        self.undate.setText("Date when issued")
        self.undate.setAccessibleName("Date the letter on the day it is issued")
        self.undate.setToolTip("Clear the date: the letter takes the day it is issued")
        self.undate.clicked.connect(lambda: self.date.setDate(NO_DATE))
        self.recipient = self._combo("Recipient")
        self.sender = self._combo("Sender (signatory)")
        self.subject = self._line("Subject")
        self.salutation = self._line("Salutation")
        self.salutation.setPlaceholderText("Dear …,")
        self.body = QPlainTextEdit(self)
        self.body.setAccessibleName("Body of the letter")
        self.body.setPlaceholderText("The covering letter. Leave a blank line between paragraphs.")
        tab_leaves(self.body)
        self.closing = self._line("Closing")
        self.copy_list = QPlainTextEdit(self)
        self.copy_list.setAccessibleName("Copy list")
        self.copy_list.setPlaceholderText("One person a line")
        tab_leaves(self.copy_list)
        self.copy_list.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.marking = QComboBox(self)
        self.marking.setAccessibleName("Protective marking")
        for value, label in MARKINGS:
            self.marking.addItem(label, value.value)
        self.since = QDateEdit(self)
        self.since.setAccessibleName("Report the progress updates given since")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("d MMMM yyyy")
        self.since.setMinimumDate(NO_DATE)
        self.since.setSpecialValueText("Any date: the latest update")
        self.since.setToolTip(
            "The annex prints each recommendation's latest progress update on or after this date"
        )
        self.annex_layout = QComboBox(self)
        self.annex_layout.setAccessibleName("Annex layout")
        for value, label, tip in LAYOUTS:
            self.annex_layout.addItem(label, value)
            self.annex_layout.setItemData(self.annex_layout.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Reference:", self.reference)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date, 1)
        date_row.addWidget(self.undate)
        form.addRow("&Date:", date_row)
        form.labelForField(date_row).setBuddy(self.date)
        form.addRow("Reci&pient:", self.recipient)
        form.addRow("Se&nder:", self.sender)
        form.addRow("Su&bject:", self.subject)
        form.addRow("Sal&utation:", self.salutation)
        form.addRow("B&ody:", self.body)
        form.addRow("Clos&ing:", self.closing)
        form.addRow("&Copies to:", self.copy_list)
        form.addRow("&Marking:", self.marking)
        form.addRow("&Annex as:", self.annex_layout)
        form.addRow("Pro&gress since:", self.since)
        self._rows = form

        for w in (self.reference, self.subject, self.salutation, self.closing):
            w.textEdited.connect(self._changed)
        for w in (self.body, self.copy_list):
            w.textChanged.connect(self._changed)
        for w in (self.sender, self.marking, self.annex_layout):
            w.currentIndexChanged.connect(self._changed)
        self.recipient.currentIndexChanged.connect(self._recipient_changed)
        self.date.dateChanged.connect(self._changed)
        self.since.dateChanged.connect(self._changed)
        form.setRowVisible(self.since, False)

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        return edit

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        return combo

    def _changed(self, *_args: Any) -> None:
        if not self._loading:
            self.edited.emit()

    def _recipient_changed(self, *_args: Any) -> None:
        if self._loading:
            return
        # Follow the recipient unless the author wrote their own salutation.
        auto = {salutation_for(c) for c in self._contacts.values()} | {"", salutation_for(None)}
        if self.salutation.text().strip() in auto:
            self.salutation.setText(salutation_for(self._contacts.get(self.recipient.currentData())))
        self.edited.emit()

    # --- loading and reading -------------------------------------------------------------------

    def set_contacts(self, contacts: list[ContactRecord]) -> None:
        self._contacts = {c.id: c for c in contacts}
        for combo in (self.recipient, self.sender):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("(nobody chosen)", None)
            for c in contacts:
                combo.addItem(_contact_label(c), c.id)
            combo.blockSignals(False)

    def load(self, letter: LetterDetail) -> None:
        self._loading = True
        try:
            self.reference.setText(letter.reference)
            d = letter.letter_date
            self.date.setDate(QDate(d.year, d.month, d.day) if d else NO_DATE)
            # a past letter imported without a date will never take the day it is issued
            self.date.setSpecialValueText("Not dated in the document" if letter.imported else "Date of issue")
            for combo, who in ((self.recipient, letter.recipient), (self.sender, letter.sender)):
                if who is not None and who.id not in self._contacts:
                    self._contacts[who.id] = who
                    combo.addItem(_contact_label(who), who.id)
                combo.setCurrentIndex(max(0, combo.findData(who.id if who else None)))
            self.subject.setText(letter.subject)
            self.salutation.setText(letter.salutation)
            self.body.setPlainText(letter.body)
            self.closing.setText(letter.closing)
            self.copy_list.setPlainText(letter.copy_list)
            self.marking.setCurrentIndex(max(0, self.marking.findData(letter.marking.value)))
            self.annex_layout.setCurrentIndex(max(0, self.annex_layout.findData(letter.annex_layout)))
            since = letter.updates_since
            self.since.setDate(QDate(since.year, since.month, since.day) if since else NO_DATE)
            self._rows.setRowVisible(self.since, letter.kind is LetterKind.PROGRESS_UPDATE)
            for edit in (self.reference, self.subject, self.salutation, self.closing):
                edit.setCursorPosition(0)  # show the start of a long subject, not its end
        finally:
            self._loading = False

    def letter_date(self) -> dt.date | None:
        return _day(self.date.date())

    def updates_since(self) -> dt.date | None:
        return _day(self.since.date())

    def values(self) -> dict[str, Any]:
        """The letter fields as LettersService.update takes them."""
        return {
            "reference": self.reference.text().strip(),
            "letter_date": self.letter_date(),
            "recipient_id": self.recipient.currentData(),
            "sender_id": self.sender.currentData(),
            "subject": self.subject.text().strip(),
            "salutation": self.salutation.text().strip(),
            "body": self.body.toPlainText(),
            "closing": self.closing.text().strip(),
            "copy_list": self.copy_list.toPlainText(),
            "marking": Marking(self.marking.currentData()),
            "annex_layout": self.annex_layout.currentData(),
            "updates_since": self.updates_since(),
        }

    def contact(self, contact_id: int | None) -> ContactRecord | None:
        return self._contacts.get(contact_id) if contact_id is not None else None

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.reference, self.subject, self.salutation, self.closing, self.body, self.copy_list):
            set_read_only(w, read_only)
        for w in (
            self.date,
            self.undate,
            self.since,
            self.recipient,
            self.sender,
            self.marking,
            self.annex_layout,
        ):
            w.setEnabled(not read_only)

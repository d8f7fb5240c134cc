"""The report's own details (reference, title, committee, status, dates, notes, source file) as a form.

The form only shows and collects: `changes()` says what differs from the report it was last shown,
and the editor saves it (Ctrl+S). Revert puts the shown report's values back. Under the response
due date it says which date the report's clock counts from, and offers the date the clock gives
when the dates typed give another one.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.clocks import Clock, ClockChoice, Start, clock_start, due_from, explain_due
from correspondence_desk.core.dates import long_date
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.records import ReportDetail, ReportStatus
from correspondence_desk.ui.common.widgets import button, combo, line_edit, tab_leaves
from correspondence_desk.ui.reports.controller import saved_values
from correspondence_desk.ui.reports.forms import DateField

USE_COUNTED = "use-counted"


class ReportDetailsForm(QWidget):
    """Signals: `saveRequested()` (Save, Ctrl+S, Enter in a line), `attachRequested()`,
    `openSourceRequested()`."""

    saveRequested = Signal()
    attachRequested = Signal()
    openSourceRequested = Signal()

    def __init__(self, side: QWidget | None = None, parent: QWidget | None = None) -> None:
        """`side` goes beside the notes (the editor puts the letters answering the report there)."""
        super().__init__(parent)
        self.setObjectName("reportDetails")
        self._side = side
        self.detail: ReportDetail | None = None
        self.reference = line_edit("Reference")
        self.title = line_edit("Title")
        self.committee = combo("Committee", editable=True)
        self.status = combo("Status")
        for status in ReportStatus:
            self.status.addItem(status.value.capitalize(), status.value)
        self.published = DateField("publication date")
        self.received = DateField("date received")
        self.response_due = DateField("response due date")
        self.clock_hint = QLabel()
        self.clock_hint.setObjectName("clockHint")
        self.clock_hint.setWordWrap(True)
        self.clock_hint.setTextFormat(Qt.TextFormat.RichText)
        self.clock_hint.linkActivated.connect(self._use_counted)
        self.notes = tab_leaves(QPlainTextEdit())
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("Anything colleagues should know about this report")
        self.notes.setMaximumHeight(90)
        self.source_label = QLabel()
        self.source_label.setObjectName("sourceLabel")
        self.attach_button = button("Attach s&ource file…", "Attach source file", self.attachRequested.emit)
        self.open_source_button = button("Open so&urce", "Open source file", self.openSourceRequested.emit)
        self.save_button = button(
            "Save details", "Save details", self.saveRequested.emit, tip="Save the report's details (Ctrl+S)"
        )
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setObjectName("saveReportButton")
        self.save_button.setDefault(False)
        self.revert_button = button(
            "Revert", "Revert", self.revert, tip="Put back the saved details, dropping what was typed"
        )
        self._lay_out()
        for field in (self.published, self.received, self.response_due):
            field.validityChanged.connect(self.update_buttons)
        for edit in (self.reference, self.title):
            edit.textEdited.connect(self.update_buttons)
            edit.returnPressed.connect(self.saveRequested)
        self.committee.editTextChanged.connect(self.update_buttons)
        self.status.currentIndexChanged.connect(self.update_buttons)
        self.notes.textChanged.connect(self.update_buttons)

    def _lay_out(self) -> None:
        left = QFormLayout()
        left.addRow("Referen&ce:", self.reference)
        left.addRow("&Title:", self.title)
        left.addRow("Co&mmittee:", self.committee)
        left.addRow("&Status:", self.status)
        right = QFormLayout()
        right.addRow("&Published:", self.published)
        right.addRow("Rece&ived:", self.received)
        right.addRow("Response &due:", self.response_due)
        right.addRow("", self.clock_hint)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_label, 1)
        source_row.addWidget(self.attach_button)
        source_row.addWidget(self.open_source_button)
        left.addRow("Source file:", source_row)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        notes_form = QFormLayout()
        notes_form.addRow("&Notes:", self.notes)
        if self._side is None:
            grid.addLayout(notes_form, 1, 0, 1, 2)
        else:
            grid.addLayout(notes_form, 1, 0)
            grid.addWidget(self._side, 1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(buttons)

    # --- showing ------------------------------------------------------------------------------

    def set_committees(self, names: list[str]) -> None:
        """The committees to choose from (some may have been added since the last report was opened)."""
        self.committee.clear()
        self.committee.addItems(["", *names])

    def show_detail(self, detail: ReportDetail, keep_typed: bool = False) -> None:
        """Show a report's details; with `keep_typed`, details typed but not saved stay (F5 keeps them)."""
        typed = keep_typed and bool(self.changes_or_none())
        self.detail = detail
        if not typed:
            self.revert()
        self._show_source()
        self.update_buttons()

    def revert(self) -> None:
        d = self.detail
        if d is None:
            return
        self.reference.setText(d.reference)
        self.title.setText(d.title)
        self.title.setCursorPosition(0)
        self.committee.setCurrentText(d.committee)
        self.status.setCurrentIndex(max(0, self.status.findData(d.status.value)))
        self.published.set_date(d.published)
        self.received.set_date(d.received)
        self.response_due.set_date(d.response_due)
        self.notes.setPlainText(d.notes)
        self.update_buttons()

    def _show_source(self) -> None:
        source = self.detail.source if self.detail else None
        self.source_label.setText(f"{source.filename} ({_size(source.size)})" if source else "none attached")

    # --- reading ------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What the form says now; raises ValidationError for a date that is not a date."""
        return {
            "reference": self.reference.text().strip(),
            "title": self.title.text().strip(),
            "committee": self.committee.currentText().strip(),
            "status": ReportStatus(self.status.currentData()),
            "notes": self.notes.toPlainText().strip(),
            "published": self.published.date(),
            "received": self.received.date(),
            "response_due": self.response_due.date(),
        }

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the report shown; raises ValidationError for a wrong date."""
        values = self.values()
        saved = saved_values(self.detail) if self.detail else {}
        return {k: v for k, v in values.items() if saved.get(k) != v}

    def changes_or_none(self) -> dict[str, Any]:
        """`changes()`, or nothing while a date cannot be read."""
        try:
            return self.changes() if self.dates_valid() else {}
        except ValidationError:
            return {}

    def dates_valid(self) -> bool:
        return all(f.is_valid() for f in (self.published, self.received, self.response_due))

    def is_dirty(self) -> bool:
        """Anything typed that is not saved (a date that cannot be read counts: it was typed)."""
        return self.detail is not None and (bool(self.changes_or_none()) or not self.dates_valid())

    def update_buttons(self) -> None:
        dirty = self.detail is not None and bool(self.changes_or_none())
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.open_source_button.setEnabled(self.detail is not None and self.detail.source is not None)
        self._show_clock()

    # --- the response clock -------------------------------------------------------------------

    def clock(self) -> ClockChoice | None:
        choice = ClockChoice.parse(self.detail.response_clock) if self.detail else None
        return None if choice is None or choice.clock is Clock.CUSTOM else choice

    def counted_due(self) -> dt.date | None:
        """The response due date the report's clock gives for the dates typed (None: no preset clock)."""
        choice = self.clock()
        if choice is None or not self.dates_valid():
            return None
        return due_from(choice, self.published.date(), self.received.date())

    def _show_clock(self) -> None:
        choice = self.clock()
        if choice is None or not self.dates_valid():
            self.clock_hint.hide()
            return
        published, received = self.published.date(), self.received.date()
        _day, start = clock_start(published, received)
        short = {
            Start.PUBLICATION: f"{choice.span} from publication.",
            Start.RECEIPT: f"{choice.span} from receipt: no publication date.",
            None: f"{choice.span} from publication.",
        }[start]
        counted = self.counted_due()
        typed = self.response_due.date() if self.response_due.is_valid() else None
        offer = (
            f' <a href="{USE_COUNTED}">Use {html.escape(long_date(counted))}</a>' if counted != typed else ""
        )
        self.clock_hint.setText(html.escape(short) + (offer if counted else ""))
        self.clock_hint.setToolTip(explain_due(choice, published, received))
        self.clock_hint.show()

    def _use_counted(self, _link: str = USE_COUNTED) -> None:
        counted = self.counted_due()
        if counted is not None:
            self.response_due.set_date(counted)
            self.update_buttons()


def _size(n: float) -> str:
    for unit in ("bytes", "KB"):
        if n < 1024:
            return f"{n:.0f} {unit}"
        n /= 1024
    return f"{n:.0f} MB"

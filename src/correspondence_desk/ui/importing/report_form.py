"""The report's own fields at the top of the import review: title, reference, committee, dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLineEdit, QWidget

from correspondence_desk.core.dates import long_date, parse_date
from correspondence_desk.core.errors import ValidationError
from correspondence_desk.core.importing.proposal import ProposedReport
from correspondence_desk.ui.common.widgets import buddy, combo, line_edit

DATE_HINT = "e.g. 31/12/2025"
INVALID_STYLE = "QLineEdit { border: 1px solid #a4262c; }"
# read from the document, not typed: tinted until the person changes it (the note says why)
PROPOSED_STYLE = "QLineEdit { background: #eef4fb; }"
PROPOSED_TIP = "Proposed from the document: check it (type to change it)"
PROPOSED_NOTE = "tinted fields were read from the document: check them"  # said in the group's title


class ReportFields(QGroupBox):
    """Signals: problem(message) when a date cannot be read; published_changed(); responses_toggled(bool)."""

    problem = Signal(str)
    published_changed = Signal()
    responses_toggled = Signal(bool)

    def __init__(self, committees: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__("Report", parent)
        self.title_edit = line_edit("Title", "The report's title")
        self.reference_edit = line_edit("Reference", "Left blank: the next free reference")
        self.committee_combo = combo("Committee", ["", *committees], editable=True)
        self.committee_combo.setMinimumContentsLength(24)
        self.published_edit = line_edit("Published", DATE_HINT)
        self.received_edit = line_edit("Received", DATE_HINT)
        self.received_edit.setText(long_date(dt.date.today()))
        for edit in (self.published_edit, self.received_edit):
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("30 September 2026") + 24)
            edit.editingFinished.connect(lambda e=edit: self._tidy_date(e))
        self.published_edit.editingFinished.connect(self.published_changed)
        self.responses_check = QCheckBox("With &responses")
        self.responses_check.setToolTip(
            "The file is a past response letter: read each recommendation's response and position too"
        )
        self.responses_check.setAccessibleName("With responses")
        self.responses_check.toggled.connect(self.responses_toggled)
        # the value each field was last given from a document: replaced by the next document's only
        # while the person has not typed over it
        self._proposed: dict[QLineEdit, str] = {}
        for edit in self._proposable():
            edit.textEdited.connect(lambda _text, e=edit: self._unmark(e))
        self.committee_combo.activated.connect(lambda _i: self._unmark(self._proposable()[1]))

        form = QGridLayout(self)
        form.addWidget(buddy("&Title", self.title_edit), 0, 0)
        form.addWidget(self.title_edit, 0, 1, 1, 3)
        form.addWidget(buddy("R&eference", self.reference_edit), 0, 4)
        form.addWidget(self.reference_edit, 0, 5, 1, 2)
        form.addWidget(buddy("Co&mmittee", self.committee_combo), 1, 0)
        form.addWidget(self.committee_combo, 1, 1)
        form.addWidget(buddy("&Published", self.published_edit), 1, 2)
        form.addWidget(self.published_edit, 1, 3)
        form.addWidget(buddy("Recei&ved", self.received_edit), 1, 4)
        form.addWidget(self.received_edit, 1, 5)
        form.addWidget(self.responses_check, 1, 6)
        form.setColumnStretch(1, 1)

    # --- proposed from the document -----------------------------------------------------------

    def _proposable(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        committee = self.committee_combo.lineEdit()
        assert committee is not None  # an editable combo
        return self.title_edit, committee, self.published_edit

    def propose(self, report: ProposedReport) -> None:
        """Fill in the title, committee and publication date the document gives, marked as proposed;
        a field the person typed in is left as they typed it."""
        values = (report.title, report.committee, long_date(report.published))
        for edit, value in zip(self._proposable(), values, strict=True):
            typed = edit.text().strip() and edit.text() != self._proposed.get(edit)
            if typed:
                continue
            edit.setText(value)
            if value:
                self._proposed[edit] = value
                edit.setStyleSheet(PROPOSED_STYLE)
                edit.setToolTip(PROPOSED_TIP)
            else:
                self._unmark(edit)
        self._say_proposed()

    def is_proposed(self, edit: QLineEdit) -> bool:
        return edit in self._proposed

    def _unmark(self, edit: QLineEdit) -> None:
        if self._proposed.pop(edit, None) is not None:
            edit.setStyleSheet("")
            edit.setToolTip("")
        self._say_proposed()

    def _say_proposed(self) -> None:
        self.setTitle(f"Report — {PROPOSED_NOTE}" if self._proposed else "Report")

    def published_or_none(self) -> dt.date | None:
        """The publication date if it reads as one (relative deadlines count from it), else None."""
        try:
            return parse_date(self.published_edit.text(), "publication date")
        except ValidationError:
            return None

    def values(self) -> dict[str, Any]:
        """What saving needs, checked; raises ValidationError in plain words."""
        title = " ".join(self.title_edit.text().split())
        if not title:
            self.title_edit.setFocus()
            raise ValidationError("Give the report a title.")
        return {
            "title": title,
            "reference": self.reference_edit.text().strip(),
            "committee": " ".join(self.committee_combo.currentText().split()),
            "published": parse_date(self.published_edit.text(), "publication date"),
            "received": parse_date(self.received_edit.text(), "date received"),
            "with_responses": self.responses_check.isChecked(),
        }

    def _tidy_date(self, edit: QLineEdit) -> None:
        try:
            value = parse_date(edit.text(), f"{edit.accessibleName().lower()} date")
        except ValidationError as exc:
            edit.setStyleSheet(INVALID_STYLE)
            self.problem.emit(str(exc))
            return
        edit.setStyleSheet(PROPOSED_STYLE if edit in self._proposed else "")
        edit.setText(long_date(value))

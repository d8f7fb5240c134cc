"""New letter: which report, which kind of letter, (for a holding letter) the new expected date
and the reason, and (for a progress update) the date it reports the updates from. `ask_new_letter`
is the one function that shows it (tests replace it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk import APP_NAME
from correspondence_desk.core.records import LetterKind, ReportSummary

KIND_HINTS = {
    LetterKind.ACKNOWLEDGEMENT: "Thanks the committee on receipt, and says when to expect the response.",
    LetterKind.HOLDING: "Tells the committee the response will be late and when to expect it. No annex.",
    LetterKind.INTERIM: "Answers the recommendations that can be answered now.",
    LetterKind.FINAL: "The full response: every recommendation in the annex.",
    LetterKind.PROGRESS_UPDATE: "What has been done since the response, on the recommendations for us.",
}


@dataclass(frozen=True)
class NewLetterChoice:
    report_id: int
    kind: LetterKind
    expected: dt.date | None = None
    reason: str = ""
    since: dt.date | None = None  # a progress update: report the updates on or after this date


SinceFor = Callable[[int], "dt.date | None"]  # a report's default "since" date (services.letters)
ANY_DATE = QDate(2000, 1, 1)  # shown as "the latest update": no since date


class NewLetterDialog(QDialog):
    def __init__(
        self,
        reports: Sequence[ReportSummary],
        start: int = 0,
        kind: LetterKind = LetterKind.FINAL,
        parent: QWidget | None = None,
        since_for: SinceFor | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"New letter — {APP_NAME}")
        self._reports = list(reports)
        self._since_for = since_for
        self.report = QComboBox(self)
        self.report.setAccessibleName("Report the letter is about")
        for report in self._reports:
            self.report.addItem(f"{report.reference} — {report.title}", report.id)
        self.report.setCurrentIndex(max(0, min(start, len(self._reports) - 1)))
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of letter")
        for item in LetterKind:
            self.kind.addItem(item.label, item.value)
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        self.expected = QDateEdit(self)
        self.expected.setAccessibleName("Response now expected by")
        self.expected.setCalendarPopup(True)
        self.expected.setDisplayFormat("d MMMM yyyy")
        self.expected.setDate(QDate.currentDate().addMonths(1))
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName("Why the response is late")
        self.reason.setPlaceholderText("Kept with the report, not printed")
        self.since = QDateEdit(self)
        self.since.setAccessibleName("Report the progress updates given since")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("d MMMM yyyy")
        self.since.setMinimumDate(ANY_DATE)
        self.since.setSpecialValueText("Any date: the latest update")
        self.since.setToolTip(
            "Each recommendation's latest progress update on or after this date is printed; it starts "
            "as the date of the last letter issued about the report"
        )
        self.form = QFormLayout()
        self.form.addRow("&Report:", self.report)
        self.form.addRow("&Kind:", self.kind)
        self.form.addRow("", self.hint)
        self.form.addRow("&Expected by:", self.expected)
        self.form.addRow("Re&ason for the delay:", self.reason)
        self.form.addRow("&Updates since:", self.since)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.reason.textChanged.connect(lambda _t: self._kind_changed())
        self.report.currentIndexChanged.connect(lambda _i: self._report_changed())
        self._report_changed()
        self._kind_changed()
        self.resize(560, self.sizeHint().height())

    def chosen_kind(self) -> LetterKind:
        return LetterKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.chosen_kind()
        self.hint.setText(KIND_HINTS[kind])
        holding = kind is LetterKind.HOLDING
        self.form.setRowVisible(self.expected, holding)
        self.form.setRowVisible(self.reason, holding)
        self.form.setRowVisible(self.since, kind is LetterKind.PROGRESS_UPDATE)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not holding or bool(self.reason.text().strip()))

    def _report_changed(self) -> None:
        """The since date starts again from the chosen report's last issued letter."""
        day = self._since_for(int(self.report.currentData())) if self._since_for and self._reports else None
        self.since.setDate(QDate(day.year, day.month, day.day) if day else ANY_DATE)

    def chosen_since(self) -> dt.date | None:
        day = self.since.date()
        return None if day == ANY_DATE else dt.date(day.year(), day.month(), day.day())

    def choice(self) -> NewLetterChoice:
        kind = self.chosen_kind()
        report_id = int(self.report.currentData())
        if kind is LetterKind.PROGRESS_UPDATE:
            return NewLetterChoice(report_id, kind, since=self.chosen_since())
        if kind is not LetterKind.HOLDING:
            return NewLetterChoice(report_id, kind)
        return NewLetterChoice(report_id, kind, self.expected.date().toPython(), self.reason.text().strip())


def ask_new_letter(
    parent: QWidget | None,
    reports: Sequence[ReportSummary],
    start: int = 0,
    kind: LetterKind = LetterKind.FINAL,
    *,
    since_for: SinceFor | None = None,
) -> NewLetterChoice | None:
    dialog = NewLetterDialog(reports, start, kind, parent, since_for)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

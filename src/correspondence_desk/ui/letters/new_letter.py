"""New letter: which report, which kind of letter, and (for a holding letter) the new expected date
and the reason. `ask_new_letter` is the one function that shows it (tests replace it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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


class NewLetterDialog(QDialog):
    def __init__(
        self,
        reports: Sequence[ReportSummary],
        start: int = 0,
        kind: LetterKind = LetterKind.FINAL,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"New letter — {APP_NAME}")
        self._reports = list(reports)
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
        self.form = QFormLayout()
        self.form.addRow("&Report:", self.report)
        self.form.addRow("&Kind:", self.kind)
        self.form.addRow("", self.hint)
        self.form.addRow("&Expected by:", self.expected)
        self.form.addRow("Re&ason for the delay:", self.reason)
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
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not holding or bool(self.reason.text().strip()))

    def choice(self) -> NewLetterChoice:
        kind = self.chosen_kind()
        report_id = int(self.report.currentData())
        if kind is not LetterKind.HOLDING:
            return NewLetterChoice(report_id, kind)
        return NewLetterChoice(report_id, kind, self.expected.date().toPython(), self.reason.text().strip())


def ask_new_letter(
    parent: QWidget | None,
    reports: Sequence[ReportSummary],
    start: int = 0,
    kind: LetterKind = LetterKind.FINAL,
) -> NewLetterChoice | None:
    dialog = NewLetterDialog(reports, start, kind, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

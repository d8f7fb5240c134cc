"""New letter: which report, which kind of letter, (for a holding letter) the new expected date
and the reason, and (for a progress update) the date it reports the updates from. `ask_new_letter`
is the one function that shows it (tests replace it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
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


class _Matching(QSortFilterProxyModel):
    """Reports whose reference or title holds every word typed, in any order, any case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_words(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        text = str(self.sourceModel().index(row, 0, parent).data(SEARCH_ROLE))
        return all(word in text for word in self._words)


SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


class _KeysToList(QObject):
    """Up, Down, Page Up/Down in the filter box move through the list, as in a search field."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        keys = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in keys:
            QApplication.sendEvent(self._view, QKeyEvent(event))
            return True
        return False


class ReportList(QListView):
    """The reports, newest first, filtered as the user types; one is chosen."""

    chosen_changed = Signal()

    def __init__(self, reports: Sequence[ReportSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportList")
        self.setAccessibleName("Report the letter is about")
        self.setUniformItemSizes(True)  # thousands of reports lay out at once
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.source = QStandardItemModel(self)
        for report in reports:
            item = QStandardItem(f"{report.reference} — {report.title}")
            item.setData(report.id, Qt.ItemDataRole.UserRole)
            item.setData(f"{report.reference} {report.title}".casefold(), SEARCH_ROLE)
            item.setToolTip(item.text())
            self.source.appendRow(item)
        self.matching = _Matching(self)
        self.matching.setSourceModel(self.source)
        self.setModel(self.matching)
        self.keys_from_filter = _KeysToList(self)
        self.selectionModel().currentChanged.connect(lambda *_: self.chosen_changed.emit())
        rows = min(max(len(reports), 3), 8)
        self.setMinimumHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() if reports else 60)

    def select_index(self, row: int) -> None:
        index = self.matching.mapFromSource(self.source.index(row, 0))
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index, QListView.ScrollHint.PositionAtCenter)

    def filter_by(self, text: str) -> None:
        chosen = self.chosen_id()
        self.matching.set_words(text)
        # keep the report chosen if it still matches; else the first that does
        if not self.currentIndex().isValid() and self.matching.rowCount():
            self.setCurrentIndex(self.matching.index(0, 0))
        if chosen != self.chosen_id():
            self.chosen_changed.emit()

    def chosen_id(self) -> int | None:
        index = self.currentIndex()
        return int(index.data(Qt.ItemDataRole.UserRole)) if index.isValid() else None


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
        self.report_filter = QLineEdit(self)
        self.report_filter.setObjectName("reportFilter")
        self.report_filter.setAccessibleName("Find the report")
        self.report_filter.setPlaceholderText("Type to find a report by reference or title")
        self.report_filter.setClearButtonEnabled(True)
        self.report = ReportList(self._reports, self)
        self.report.select_index(max(0, min(start, len(self._reports) - 1)))
        self.report_filter.textChanged.connect(self.report.filter_by)
        self.report_filter.installEventFilter(self.report.keys_from_filter)
        self.report.chosen_changed.connect(self._kind_changed)
        self.report.chosen_changed.connect(self._report_changed)
        self.report.activated.connect(lambda _index: self._accept_if_chosen())
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
        self.form.addRow("&Report:", self.report_filter)
        self.form.addRow("", self.report)
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
        self._report_changed()
        self._kind_changed()
        self.resize(620, self.sizeHint().height())
        self.report_filter.setFocus()

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
        ok.setEnabled(
            self.report.chosen_id() is not None and (not holding or bool(self.reason.text().strip()))
        )

    def _accept_if_chosen(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            self.accept()

    def _report_changed(self) -> None:
        """The since date starts again from the chosen report's last issued letter."""
        report_id = self.report.chosen_id()
        day = self._since_for(report_id) if self._since_for and report_id is not None else None
        self.since.setDate(QDate(day.year, day.month, day.day) if day else ANY_DATE)

    def chosen_since(self) -> dt.date | None:
        day = self.since.date()
        return None if day == ANY_DATE else dt.date(day.year(), day.month(), day.day())

    def choice(self) -> NewLetterChoice:
        kind = self.chosen_kind()
        report_id = self.report.chosen_id()
        assert report_id is not None  # OK is enabled only with a report chosen
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

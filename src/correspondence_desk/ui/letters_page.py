"""The Letters page: the table of response letters; opening one shows the composer."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.records import LetterSummary
from correspondence_desk.core.services import Services

IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class LettersModel(QAbstractTableModel):
    REFERENCE, DATE, RECIPIENT, REPORTS, STATUS, ANSWERED = range(6)
    HEADERS = ("Reference", "Date", "Recipient", "Report(s)", "Status", "Answered")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LetterSummary] = []

    def set_rows(self, rows: list[LetterSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_record(self, row: int) -> LetterSummary:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        rec = self._rows[index.row()]
        col = index.column()
        if role == IdRole:
            return rec.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(rec, col)
        if role == SortRole:
            if col == self.DATE:
                return rec.letter_date.isoformat() if rec.letter_date else ""
            if col == self.ANSWERED:
                return rec.response_count
            return self._display(rec, col).lower()
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.ANSWERED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, rec: LetterSummary, col: int) -> str:
        if col == self.REFERENCE:
            return rec.reference
        if col == self.DATE:
            return long_date(rec.letter_date) if rec.letter_date else "(undated)"
        if col == self.RECIPIENT:
            return rec.recipient
        if col == self.REPORTS:
            return ", ".join(rec.reports)
        if col == self.STATUS:
            return rec.status.value.capitalize() + (" (imported)" if rec.imported else "")
        return str(rec.response_count)


class LettersPage(QWidget):
    menu_title = "&Letter"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = LettersModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.view = QTableView(self)
        self.view.setObjectName("lettersView")
        self.view.setAccessibleName("Letters")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(
            LettersModel.REPORTS, QHeaderView.ResizeMode.Stretch
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self.services.letters.list())
        self.view.resizeColumnsToContents()

    def menu_actions(self) -> list:
        return []

"""Beside a report's details: the letters that answer it (each opens with Enter or a double-click)
and "Draft response", which starts another.

Signals: `openLetter(letter_id)`, `draftRequested()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from correspondence_desk.core.records import LetterStatus, ReportDetail
from correspondence_desk.core.text import count
from correspondence_desk.ui.common.table_model import short_date
from correspondence_desk.ui.common.widgets import button

LetterRole = Qt.ItemDataRole.UserRole
VISIBLE_ROWS = 2


@dataclass(frozen=True)
class AnsweringLetter:
    id: int
    reference: str
    status: LetterStatus
    date: str
    responses: int

    @property
    def text(self) -> str:
        return f"{self.reference} ({self.status.value}, {self.date or 'undated'})"

    @property
    def tip(self) -> str:
        return f"Open {self.reference}: {self.status.value}, {count(self.responses, 'response')}"


def answering_letters(detail: ReportDetail) -> list[AnsweringLetter]:
    """The letters with a response to one of the report's recommendations, in the order written."""
    letters: dict[int, AnsweringLetter] = {}
    for response in detail.responses:
        found = letters.get(response.letter_id)
        letters[response.letter_id] = AnsweringLetter(
            response.letter_id,
            response.letter_reference,
            response.letter_status,
            short_date(response.letter_date),
            (found.responses if found else 0) + 1,
        )
    return list(letters.values())


class ReportLetters(QWidget):
    openLetter = Signal(int)
    draftRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportLetters")
        self.list = QListWidget()
        self.list.setObjectName("reportLettersList")
        self.list.setAccessibleName("Letters answering this report")
        self.list.setToolTip("Enter or double-click opens the letter")
        self.list.itemActivated.connect(self._open)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setUniformItemSizes(True)
        self.list.setMaximumHeight(self.list.fontMetrics().lineSpacing() * VISIBLE_ROWS + 14)
        self.title = QLabel("&Letters answering it:")
        self.title.setBuddy(self.list)
        self.none = QLabel("None yet: <b>Draft response</b> starts one.")
        self.none.setObjectName("reportLettersNone")
        self.none.setWordWrap(True)
        # no mnemonic: every letter of it is taken on this form or by a menu (Alt+R is the Report menu)
        self.draft_button = button(
            "Draft response…",
            "Draft response",
            self.draftRequested.emit,
            tip="Start a response letter to this report (Ctrl+Shift+N)",
        )
        self.draft_button.setObjectName("draftResponseButton")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.draft_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.list)
        layout.addWidget(self.none)
        layout.addStretch(1)

    def show_letters(self, detail: ReportDetail) -> None:
        self.list.clear()
        for letter in answering_letters(detail):
            item = QListWidgetItem(letter.text)
            item.setData(LetterRole, letter.id)
            item.setToolTip(letter.tip)
            self.list.addItem(item)
        self.list.setVisible(self.list.count() > 0)
        self.none.setVisible(self.list.count() == 0)
        if self.list.count():
            self.list.setCurrentRow(0)

    def letter_ids(self) -> list[int]:
        return [self.list.item(row).data(LetterRole) for row in range(self.list.count())]

    def _open(self, item: QListWidgetItem) -> None:
        self.openLetter.emit(int(item.data(LetterRole)))

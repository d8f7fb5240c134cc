"""Earlier answers: what other letters said to the recommendation being answered, with "Use this
answer" to start from one (Enter in the list does the same)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.records import ResponseRecord
from correspondence_desk.ui.common.positions import position_label

NONE_EARLIER = "<i>No earlier letter answered this recommendation.</i>"


class EarlierAnswers(QWidget):
    use_requested = Signal(object)  # the ResponseRecord chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("earlierAnswers")
        self.heading = QLabel(NONE_EARLIER, self)
        self.heading.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("earlierAnswersList")
        self.list.setAccessibleName("Earlier answers to this recommendation")
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        self.list.itemActivated.connect(lambda _item: self.use_chosen())  # Enter or double-click
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.use = QPushButton("Use this answer", self)
        self.use.setObjectName("useEarlierAnswer")
        self.use.setAccessibleName("Use this answer: its text and position replace the response")
        self.use.setToolTip("Its text and position replace this response (Ctrl+Z in the text undoes it)")
        self.use.clicked.connect(self.use_chosen)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.heading, 1)
        row.addWidget(self.use)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self._answers: list[ResponseRecord] = []
        self._read_only = False
        self.show_answers([])

    def show_answers(self, answers: Sequence[ResponseRecord]) -> None:
        self._answers = list(answers)
        self.list.clear()
        for answer in self._answers:
            when = long_date(answer.letter_date) if answer.letter_date else "undated"
            status = answer.letter_status.value
            head = f"{answer.letter_reference} ({when}, {status}): {position_label(answer.position)}"
            item = QListWidgetItem(f"{head}\n{answer.text}")
            item.setToolTip(answer.text)
            self.list.addItem(item)
        self.heading.setText("<b>Earlier answers</b>" if self._answers else NONE_EARLIER)
        self.list.setVisible(bool(self._answers))
        self.use.setVisible(bool(self._answers))
        if self._answers:
            self.list.setCurrentRow(len(self._answers) - 1)  # the latest answer (oldest first)
        self._update()

    def clear(self) -> None:
        self.show_answers([])

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update()

    def chosen(self) -> ResponseRecord | None:
        row = self.list.currentRow()
        return self._answers[row] if 0 <= row < len(self._answers) else None

    def use_chosen(self) -> None:
        answer = self.chosen()
        if answer is not None and not self._read_only:
            self.use_requested.emit(answer)

    def _update(self) -> None:
        self.use.setEnabled(self.chosen() is not None and not self._read_only)

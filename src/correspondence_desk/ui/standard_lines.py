"""Standard lines: the office's approved paragraphs, offered in a combo to insert into a response."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from correspondence_desk.core.records import StandardLineRecord


class StandardLinePicker(QWidget):
    """A combo of standard lines and an Insert button; emits the chosen line (placeholders unfilled)."""

    chosen = Signal(object)  # StandardLineRecord

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setObjectName("standardLineCombo")
        self.combo.setAccessibleName("Standard line")
        self.combo.setMinimumContentsLength(24)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.insert = QPushButton("&Insert line", self)
        self.insert.setObjectName("insertStandardLine")
        self.insert.setAccessibleName("Insert the standard line into the response")
        self.insert.clicked.connect(self._emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.insert)
        self._lines: list[StandardLineRecord] = []

    def set_lines(self, lines: list[StandardLineRecord]) -> None:
        self._lines = list(lines)
        self.combo.clear()
        for line in self._lines:
            self.combo.addItem(line.title, line.id)
            self.combo.setItemData(self.combo.count() - 1, line.text, 3)  # 3 = ToolTipRole
        self.insert.setEnabled(bool(self._lines))

    def select(self, title: str) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findText(title)))

    def _emit(self) -> None:
        if 0 <= self.combo.currentIndex() < len(self._lines):
            self.chosen.emit(self._lines[self.combo.currentIndex()])

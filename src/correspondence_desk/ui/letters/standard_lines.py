"""Standard lines: the office's approved paragraphs, offered in a combo to insert into a response,
and the dialog that keeps the library."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk.core.errors import DeskError
from correspondence_desk.core.records import Position, StandardLineRecord
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.positions import PositionCombo

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services


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
        self.combo.currentIndexChanged.connect(lambda _i: self._show_wording())
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
            self.combo.setItemData(self.combo.count() - 1, line.text, Qt.ItemDataRole.ToolTipRole)
        self.insert.setEnabled(bool(self._lines))
        self._show_wording()

    def current(self) -> StandardLineRecord | None:
        row = self.combo.currentIndex()
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def _show_wording(self) -> None:
        """The chosen line's wording, in the tool tip of the combo and the Insert button."""
        line = self.current()
        tip = (
            f"{line.title}: {line.text}"
            if line
            else "No standard lines yet: Letter › Standard lines… adds them"
        )
        self.combo.setToolTip(tip)
        self.combo.setAccessibleDescription(line.text if line else "")
        self.insert.setToolTip(f"Insert: {line.text}" if line else "")

    def select(self, title: str) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findText(title)))

    def follow(self, position: Position | None) -> None:
        """Offer the first line for the position chosen, unless the line chosen already fits it."""
        current = self.current()
        if position is None or (current is not None and current.position == position):
            return
        for row, line in enumerate(self._lines):
            if line.position == position:
                self.combo.setCurrentIndex(row)
                return

    def _emit(self) -> None:
        line = self.current()
        if line is not None:
            self.chosen.emit(line)


class StandardLinesDialog(QDialog):
    """Keep the library of standard lines: add, edit and delete approved paragraphs.

    Placeholders {addressee}, {committee} and {report_title} are filled when a line is inserted."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Standard lines")
        self.setAccessibleName("Standard lines")
        self.resize(760, 460)
        self.services = services
        self.list = QListWidget(self)
        self.list.setObjectName("standardLinesList")
        self.list.setAccessibleName("Standard lines")
        self.title = QLineEdit(self)
        self.title.setAccessibleName("Title of the line")
        self.position = PositionCombo(self, none_text="(none)", accessible_name="Position the line implies")
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName("Text of the line")
        self.text.setTabChangesFocus(True)
        hint = QLabel("Placeholders: {addressee}, {committee}, {report_title}", self)
        hint.setEnabled(False)
        self.new_button = QPushButton("&New", self)
        self.save_button = QPushButton("&Save line", self)
        self.delete_button = QPushButton("&Delete", self)
        self.new_button.clicked.connect(self._new)
        self.save_button.clicked.connect(self.save_line)
        self.delete_button.clicked.connect(self._delete)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Position:", self.position)
        form.addRow("Te&xt:", self.text)
        form.addRow(hint)
        row = QHBoxLayout()
        for b in (self.new_button, self.save_button, self.delete_button):
            row.addWidget(b)
        row.addStretch(1)
        form.addRow(row)
        body = QHBoxLayout()
        body.addWidget(self.list, 2)
        body.addLayout(form, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(self._row_chosen)
        self._lines: list[StandardLineRecord] = []
        self._row = -1  # the line shown in the form
        self._shown: tuple[str, str, object] = ("", "", None)
        self._reload()

    def _reload(self, select_id: int | None = None) -> None:
        self._lines = self.services.composing.standard_lines()
        self.list.blockSignals(True)
        self.list.clear()
        for line in self._lines:
            self.list.addItem(line.title)
        self.list.blockSignals(False)
        ids = [x.id for x in self._lines]
        row = ids.index(select_id) if select_id in ids else (0 if ids else -1)
        self.list.blockSignals(True)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self._show(row)

    def _current(self) -> StandardLineRecord | None:
        return self._current_shown()  # the line the form shows (the list may be moving to another)

    def _show(self, row: int) -> None:
        line = self._lines[row] if 0 <= row < len(self._lines) else None
        self._row = row if line is not None else -1
        self.title.setText(line.title if line else "")
        self.text.setPlainText(line.text if line else "")
        self.position.set_position(line.position if line else None)
        self._shown = self._typed()
        self.delete_button.setEnabled(line is not None)

    # --- unsaved changes ------------------------------------------------------------------------

    def _typed(self) -> tuple[str, str, object]:
        return (self.title.text().strip(), self.text.toPlainText().strip(), self.position.position())

    def is_dirty(self) -> bool:
        return self._typed() != self._shown

    def can_leave(self) -> bool:
        """Before the form shows another line, a new one, or the dialog closes: ask about what is typed."""
        if not self.is_dirty():
            return True
        line = self._current_shown()
        what = f"The standard line “{line.title}”" if line else "The new standard line"
        answer = dialogs.ask_unsaved(self, what)
        if answer is dialogs.Unsaved.SAVE:
            return self.save_line()
        return answer is dialogs.Unsaved.DISCARD

    def _current_shown(self) -> StandardLineRecord | None:
        return self._lines[self._row] if 0 <= self._row < len(self._lines) else None

    def _row_chosen(self, row: int) -> None:
        if row == self._row:
            return
        chosen = self._lines[row].id if 0 <= row < len(self._lines) else None
        if not self.can_leave():  # Cancel: the line being edited stays chosen, as typed
            self.list.blockSignals(True)
            self.list.setCurrentRow(self._row)
            self.list.blockSignals(False)
            return
        if chosen is not None:
            row = next((i for i, x in enumerate(self._lines) if x.id == chosen), -1)  # saving reloads
            self.list.blockSignals(True)
            self.list.setCurrentRow(row)
            self.list.blockSignals(False)
        self._show(row)

    def reject(self) -> None:
        if self.can_leave():
            super().reject()

    def _new(self) -> None:
        if not self.can_leave():
            return
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._show(-1)
        self.title.setFocus()

    def save_line(self) -> bool:
        line = self._current()
        values = {
            "title": self.title.text(),
            "text": self.text.toPlainText().strip(),
            "position": self.position.position(),
        }
        try:
            if line is None:
                values["sort_order"] = len(self._lines)
                saved = self.services.standard_lines.create(**values)
            else:
                saved = self.services.standard_lines.update(line.id, version=line.version, **values)
        except DeskError as exc:
            dialogs.show_error(self, str(exc), "Standard line")
            return False
        self._reload(saved.id)
        return True

    def _delete(self) -> None:
        line = self._current()
        if line is None:
            return
        if not dialogs.confirm_action(
            self,
            f"Delete the standard line “{line.title}”? Responses that used it keep their text.",
            "Delete standard line",
            "Delete line",
        ):
            return
        try:
            self.services.standard_lines.delete(line.id, version=line.version)
        except DeskError as exc:
            dialogs.show_error(self, str(exc), "Standard line")
        self._reload()

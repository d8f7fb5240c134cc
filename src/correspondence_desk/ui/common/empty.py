"""What a page shows where a list would be when there is nothing in it: what to do next, in words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


class EmptyState(QStackedWidget):
    """The list, or — when `show_message` is given one — a short message saying what to do next."""

    def __init__(self, content: QWidget, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.message = QLabel()
        self.message.setObjectName(f"{name}Empty")
        self.message.setAccessibleName("What to do next")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setMargin(24)
        self.addWidget(content)
        self.addWidget(self.message)

    def show_message(self, text: str | None) -> None:
        """`text` (rich text) in place of the list; None or "" shows the list."""
        if text:
            self.message.setText(text)
            self.setCurrentWidget(self.message)
        else:
            self.setCurrentWidget(self.content)

    def showing_message(self) -> bool:
        return self.currentWidget() is self.message

    def message_text(self) -> str:
        return self.message.text() if self.showing_message() else ""

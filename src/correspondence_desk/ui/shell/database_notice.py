"""The strip across the top of the window that says what kind of database is open, when it matters:
read-only (media, file, folder or a read-only server role), so nobody types a letter they cannot save."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services


def notice_text(services: Services | None) -> str:
    """What the strip says; "" hides it."""
    if services is None or not services.read_only:
        return ""
    reason = services.read_only_reason.rstrip(".") or "This database is read-only"
    advice = (
        "To work in it, copy the file to a folder you can write to and open the copy."
        if services.is_sqlite
        else "To work in it, ask the server's administrator for an editor's role."
    )
    return (
        f"<b>Read-only.</b> {reason[0].upper()}{reason[1:]}: you can look, search, print and export, "
        f"but changes cannot be saved. {advice}"
    )


class DatabaseNotice(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databaseNotice")
        self.setAccessibleName("Database notice")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(
            "QLabel#databaseNotice { background: palette(tool-tip-base); color: palette(tool-tip-text);"
            " border-bottom: 1px solid palette(mid); padding: 6px 10px; }"
        )
        self.hide()

    def show_for(self, services: Services | None) -> None:
        text = notice_text(services)
        self.setText(text)
        self.setAccessibleDescription(self.text())
        self.setVisible(bool(text))

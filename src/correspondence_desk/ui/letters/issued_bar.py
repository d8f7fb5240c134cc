"""The notice above an issued letter: when it was issued (the user's own clock), that it is locked
and why a reprint can be trusted (its fingerprint, explained in a tool tip), when it was e-mailed,
and the two things one does next: start a new version, or e-mail the issued PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from correspondence_desk.core.dates import long_date
from correspondence_desk.core.records import EmailSent, LetterDetail

FINGERPRINT_TIP = (
    "The fingerprint is a SHA-256 checksum of the PDF as it was issued:\n{sha}\n\n"
    "Every reprint is checked against it, so what prints is exactly what was issued; a stored copy "
    "that no longer matches is refused."
)


def local_time(at: dt.datetime) -> str:
    """A stored UTC time on the user's clock: "12 November 2026 at 14:05"."""
    here = at.replace(tzinfo=dt.UTC).astimezone()
    return f"{long_date(here.date())} at {here:%H:%M}"


def issued_text(letter: LetterDetail, emails: Sequence[EmailSent] = ()) -> str:
    if letter.imported:
        text = "<b>Imported as already sent.</b> This letter is locked"
    else:
        when = f" on {local_time(letter.issued_at)}" if letter.issued_at else ""
        text = f"<b>Issued{when}.</b> This letter is locked"
    if letter.issued_sha256:
        text += ": every print gives the issued copy, checked against its fingerprint"
    text += ". To change it, start a new version."
    if emails:
        last = emails[0]
        to = ", ".join(last.to) or "no address filled in"
        more = (
            f" (and {len(emails) - 1} time{'s' if len(emails) > 2 else ''} before)" if len(emails) > 1 else ""
        )
        text += f"<br>E-mailed on {escape(local_time(last.at))} to {escape(to)}{more}."
    return text


class IssuedBar(QFrame):
    def __init__(self, new_version: QAction, email: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issuedBanner")
        self.setAccessibleName("Issued letter notice")
        self.setStyleSheet(
            "QFrame#issuedBanner { background: palette(tool-tip-base); border: 1px solid palette(mid);"
            " border-radius: 3px; } QFrame#issuedBanner QLabel { color: palette(tool-tip-text); }"
        )
        self.text = QLabel(self)
        self.text.setObjectName("issuedText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: list[QToolButton] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.text, 1)
        for action in (email, new_version):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            layout.addWidget(button)
            self.buttons.append(button)
        self.hide()

    def show_letter(self, letter: LetterDetail, emails: Sequence[EmailSent] = ()) -> None:
        self.text.setText(issued_text(letter, emails))
        tip = FINGERPRINT_TIP.format(sha=letter.issued_sha256) if letter.issued_sha256 else ""
        self.text.setToolTip(tip)
        self.setToolTip(tip)
        self.show()

"""The About box: what the app is, its version, where the data is, and the font licence."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from correspondence_desk import APP_NAME, __version__
from correspondence_desk.resources import resource


def font_licence_text() -> str:
    try:
        return resource("fonts", "OFL.txt").read_text(encoding="utf-8")
    except OSError:
        return "The font licence file (OFL.txt) is missing from this installation."


class AboutDialog(QDialog):
    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setObjectName("aboutDialog")
        self.resize(620, 520)
        heading = QLabel(
            f"<h2>{APP_NAME}</h2><p>Version {html.escape(__version__)}</p>"
            "<p>Log committee reports, track their recommendations and print response letters "
            "with an annex.</p>"
            f"<p>Database: {html.escape(database)}</p>"
            "<p>Letters are printed in Liberation Sans, used under the SIL Open Font License:</p>"
        )
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        licence = QPlainTextEdit(font_licence_text())
        licence.setReadOnly(True)
        licence.setObjectName("fontLicence")
        licence.setAccessibleName("Font licence")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(licence, 1)
        layout.addWidget(buttons)

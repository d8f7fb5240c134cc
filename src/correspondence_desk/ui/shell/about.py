"""The About box: what the app is, its version, where the data is, and the licences."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from correspondence_desk import APP_NAME, __version__
from correspondence_desk.resources import resource, resources_dir
from correspondence_desk.ui.common.widgets import fit_to_screen


def licence_text() -> str:
    """The third-party notices (the fonts' OFL among them), then the app's own licence (GPL-3.0).
    Installed, both are in the package's resources; in a source checkout, at the top of it."""
    texts = []
    for name in ("THIRD-PARTY-NOTICES.txt", "LICENSE"):
        found = [p for p in (resource(name), resources_dir().parent / name) if p.is_file()]
        texts.append(
            found[0].read_text(encoding="utf-8") if found else f"{name} is missing from this installation."
        )
    return "\n\n".join(texts)


class AboutDialog(QDialog):
    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setObjectName("aboutDialog")
        fit_to_screen(self, 760, 560)
        heading = QLabel(
            f"<h2>{APP_NAME}</h2><p>Version {html.escape(__version__)}</p>"
            "<p>Log committee reports, track their recommendations and print response letters "
            "with an annex.</p>"
            f"<p>Database: {html.escape(database)}</p>"
            "<p>Free software under the GNU General Public License, version 3 or later. It includes "
            "Qt and PySide6 (LGPL-3.0), ReportLab (BSD) and the other software listed below, each under its "
            "own licence; letters are printed in Liberation Sans (SIL Open Font License).</p>"
        )
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        licence = QPlainTextEdit(licence_text())
        licence.setReadOnly(True)
        licence.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))  # the notices' table
        licence.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        licence.setObjectName("fontLicence")
        licence.setAccessibleName("Licences")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(licence, 1)
        layout.addWidget(buttons)

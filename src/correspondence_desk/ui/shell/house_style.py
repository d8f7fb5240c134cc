"""Tools › House style…: the office's letterhead, set once for everyone who uses this database.

The organisation's name and logo, the sender address block, a footer line, the marking new letters
start with and the pattern of their references, beside a live preview of a sample letter printed
with it. Saving validates first (an image too large, a pattern that cannot be unique) and says what
to put right; nothing is saved until it is right. An SVG logo is drawn to a PNG here (Qt can, the
printing code cannot).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from correspondence_desk import APP_NAME
from correspondence_desk.core.errors import DeskError, ValidationError
from correspondence_desk.core.printing.letterhead import DEFAULT_PATTERN, Letterhead
from correspondence_desk.core.references import initials
from correspondence_desk.core.vocabulary import Marking
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.pdf_preview import PdfPreview, RenderJob
from correspondence_desk.ui.common.widgets import fit_to_screen

if TYPE_CHECKING:
    from correspondence_desk.core.services import Services

LOGO_FILTER = "Images (*.png *.jpg *.jpeg *.svg)"
SVG_WIDTH = 1200  # pixels: an SVG logo is drawn at this width (the letter prints it at most 60 mm wide)


def read_logo(path: Path) -> tuple[bytes, str]:
    """(bytes, media type) of a PNG or JPEG file as it is, or of an SVG drawn to a PNG."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".svg" or data.lstrip()[:5] in (b"<?xml", b"<svg "):
        return svg_to_png(data), "image/png"
    return data, "image/jpeg" if suffix in (".jpg", ".jpeg") else "image/png"


def svg_to_png(svg: bytes) -> bytes:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValidationError("The SVG file cannot be read as an image.")
    size = renderer.defaultSize()
    width = SVG_WIDTH
    height = max(1, round(width * size.height() / max(1, size.width())))
    image = QImage(QSize(width, height), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def ask_logo_file(parent: QWidget) -> str:
    """The logo file to use, or "" (a seam the tests replace)."""
    path, _ = QFileDialog.getOpenFileName(parent, "Choose the logo", str(Path.home()), LOGO_FILTER)
    return path


class HouseStyleDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("houseStyleDialog")
        self.setWindowTitle(f"House style — {APP_NAME}")
        self.services = services
        stored = services.letterhead.get()
        head = stored.letterhead if stored else Letterhead(organisation="")
        self._version = stored.version if stored else None
        self._logo, self._logo_type = head.logo, head.logo_media_type

        self.organisation = QLineEdit(head.organisation, self)
        self.organisation.setAccessibleName("Organisation")
        self.short_name = QLineEdit(stored.short_name if stored else "", self)
        self.short_name.setAccessibleName("Short name for references")
        self.short_name.setPlaceholderText("e.g. CTA (used for {org} in references)")
        self.logo_label = QLabel(self)
        self.logo_label.setAccessibleName("Logo")
        choose = QPushButton("Choose &logo…", self)
        choose.clicked.connect(self.choose_logo)
        self.remove_logo = QPushButton("Re&move logo", self)
        self.remove_logo.clicked.connect(self.clear_logo)
        self.logo_alt = QLineEdit(head.logo_alt, self)
        self.logo_alt.setAccessibleName("Logo alternative text")
        self.logo_alt.setPlaceholderText("what the logo says, read out by a screen reader")
        self.decorative = QCheckBox("The logo is &decoration only (it says nothing the name does not)", self)
        self.decorative.setChecked(head.logo_decorative)
        self.sender_address = QPlainTextEdit(head.sender_address, self)
        self.sender_address.setAccessibleName("Sender address")
        self.sender_address.setTabChangesFocus(True)
        self.sender_address.setMaximumHeight(90)
        self.footer = QLineEdit(head.footer, self)
        self.footer.setAccessibleName("Footer line")
        self.marking = QComboBox(self)
        self.marking.setAccessibleName("Marking of new letters")
        for marking in Marking:
            self.marking.addItem(marking.label, marking.value)
        self.marking.setCurrentIndex(max(0, self.marking.findData(head.marking.value)))
        self.pattern = QLineEdit(head.reference_pattern or DEFAULT_PATTERN, self)
        self.pattern.setAccessibleName("Reference pattern")
        self.example = QLabel(self)
        self.example.setAccessibleName("Example reference")
        self.problem = QLabel(self)
        self.problem.setObjectName("houseStyleProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a4262c")

        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(choose)
        logo_row.addWidget(self.remove_logo)
        form = QFormLayout()
        form.addRow("&Organisation:", self.organisation)
        form.addRow("Short &name:", self.short_name)
        form.addRow("Logo:", logo_row)
        form.addRow("&Alternative text:", self.logo_alt)
        form.addRow("", self.decorative)
        form.addRow("Sender &address:", self.sender_address)
        form.addRow("&Footer line:", self.footer)
        form.addRow("Mar&king of new letters:", self.marking)
        form.addRow("&Reference pattern:", self.pattern)
        form.addRow("", self.example)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        left_layout.addWidget(self.problem)
        left_layout.addStretch(1)

        self.preview = PdfPreview(self._render, self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        for field in (self.organisation, self.short_name, self.logo_alt, self.footer, self.pattern):
            field.textChanged.connect(self._changed)
        self.sender_address.textChanged.connect(self._changed)
        self.decorative.toggled.connect(self._changed)
        self.marking.currentIndexChanged.connect(self._changed)
        fit_to_screen(self, 1100, 720)
        self._show_logo()
        self._changed()
        self._as_opened = self._typed()

    # --- what is on screen --------------------------------------------------------------------

    def letterhead(self) -> Letterhead:
        return Letterhead(
            organisation=self.organisation.text().strip(),
            logo=self._logo,
            logo_media_type=self._logo_type,
            logo_alt=self.logo_alt.text().strip(),
            logo_decorative=self.decorative.isChecked(),
            sender_address=self.sender_address.toPlainText().strip(),
            footer=self.footer.text().strip(),
            marking=Marking(self.marking.currentData()),
            reference_pattern=self.pattern.text().strip(),
        )

    def _changed(self) -> None:
        head = self.letterhead()
        try:
            head.validated()
            self.problem.setText("")
        except ValidationError as problem:
            self.problem.setText(str(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not self.problem.text())
        self.logo_alt.setEnabled(bool(self._logo) and not self.decorative.isChecked())
        org = self.short_name.text().strip() or initials(head.organisation)
        try:
            example = head.reference(org=org, committee="TEC", year=dt.date.today().year, seq=17)
            self.example.setText(f"A letter to the Transport and Environment Committee: {example}")
        except (ValueError, KeyError, IndexError, AttributeError):
            self.example.setText("")
        self.preview.schedule()

    def _render(self) -> RenderJob:
        from correspondence_desk.core.printing import render_letter_pdf
        from correspondence_desk.core.printing.samples import sample_letter

        head = self.letterhead()
        try:
            head = head.validated()
        except ValidationError:
            return RenderJob(lambda: b"", key=("invalid", self.problem.text()))
        letter = dataclasses.replace(sample_letter(3, marking=head.marking), reference="CTA/TEC/2026/017")
        return RenderJob(lambda: render_letter_pdf(letter, letterhead=head), key=head)

    def _show_logo(self) -> None:
        if not self._logo:
            self.logo_label.setText("(no logo)")
            self.remove_logo.setEnabled(False)
            return
        image = QImage.fromData(self._logo)
        self.logo_label.setPixmap(
            QPixmap.fromImage(image.scaledToHeight(40, Qt.TransformationMode.SmoothTransformation))
        )
        self.remove_logo.setEnabled(True)

    # --- commands -----------------------------------------------------------------------------

    def choose_logo(self) -> None:
        path = ask_logo_file(self)
        if not path:
            return
        try:
            self._logo, self._logo_type = read_logo(Path(path))
        except (OSError, DeskError) as problem:
            dialogs.show_error(self, f"{path} cannot be used as the logo: {problem}", "House style")
            return
        self._show_logo()
        self._changed()

    def clear_logo(self) -> None:
        self._logo, self._logo_type = b"", ""
        self._show_logo()
        self._changed()

    def _typed(self) -> tuple[Letterhead, str]:
        return self.letterhead(), self.short_name.text().strip()

    def reject(self) -> None:
        """Cancel, Esc or the window's close: a letterhead changed and not saved is asked about."""
        if self._typed() != self._as_opened:
            answer = dialogs.ask_unsaved(self, "The house style")
            if answer is dialogs.Unsaved.CANCEL:
                return
            if answer is dialogs.Unsaved.SAVE:
                self.save()  # closes once saved; a problem is shown and the dialog stays
                return
        super().reject()

    def save(self) -> None:
        try:
            saved = self.services.letterhead.save(self.letterhead(), self.short_name.text(), self._version)
        except DeskError as error:
            dialogs.show_desk_error(self, error, "Saving the house style")
            return
        self._version = saved.version
        self.accept()

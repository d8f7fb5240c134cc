"""Draw the application icon's PNG sizes and the Windows .ico from resources/icons/correspondence-desk.svg.

    .venv/bin/python packaging/icons.py          (after editing the SVG; the outputs are committed)

Qt's SVG renderer draws each size from the vector (crisper than scaling one bitmap down); Pillow
(already installed with ReportLab) packs the Windows icon.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "correspondence-desk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage painting needs one)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    written = []
    for size in PNG_SIZES:
        out = ICONS / f"correspondence-desk-{size}.png"
        render(renderer, size).save(str(out))
        written.append(out)
    images = [Image.open(ICONS / f"correspondence-desk-{s}.png").convert("RGBA") for s in ICO_SIZES]
    ico = ICONS / "correspondence-desk.ico"
    images[-1].save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    written.append(ico)
    print("\n".join(str(p.relative_to(ICONS.parents[1])) for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())

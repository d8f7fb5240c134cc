"""Screenshots for the README, from the demo data: run by scripts/screenshots (under Xvfb).

    scripts/screenshots [OUT_DIR]        (default docs/screenshots)

Drives the window only through MainWindow's public methods (go_to, open_report, open_letter,
import_from), so a change inside the UI needs no change here. Writes dashboard.png, report.png,
import-review.png, composer.png, and the printed letter's first and annex pages as PNG (rendered
from the exact PDF the preview shows).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from correspondence_desk.paths import location_for
from correspondence_desk.ui.app import DatabaseOpener
from correspondence_desk.ui.common.settings import AppSettings
from correspondence_desk.ui.shell.main_window import MainWindow

SIZE = QSize(1280, 800)
# a fictional report pasted into the import review (Edit › Paste recommendations does the same)
PASTED = """Step-free journeys: making the bus network work for everyone

Conclusions and recommendations

Recommendation 1
The Authority should publish a timetable for making every bus stop in the borough step-free by
31 March 2028, and report progress to this Committee every six months.

Recommendation 2
The Mayor, in partnership with London Councils, should fund a pilot of late-night cycle hire in
three outer boroughs within the next year.

Recommendation 3
Transport for the Region should set out, by spring 2027, how it will keep fares affordable for
part-time workers.
"""


def settle(app: QApplication, seconds: float = 0.8) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def save(widget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def preview(window, app: QApplication) -> QPdfDocument:
    end = time.monotonic() + 30
    while time.monotonic() < end:
        docs = [d for d in window.findChildren(QPdfDocument) if d.pageCount() > 0]
        if docs:
            return docs[0]
        app.processEvents()
        time.sleep(0.05)
    raise SystemExit("the letter preview did not appear")


def printed_page(doc: QPdfDocument, page: int, path: Path) -> None:
    """One page as printed, at 110 dpi, on white (a PDF page has no background of its own)."""
    size = doc.pagePointSize(page)
    pixels = QSize(round(size.width() * 110 / 72), round(size.height() * 110 / 72))
    image = QImage(pixels, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(0, 0, doc.render(page, pixels))
    painter.end()
    image.save(str(path))
    print(path)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        opener = DatabaseOpener()
        services = opener.open(location_for(Path(tmp) / "desk.sqlite3"), create=True)
        demo = services.load_demo()
        window = MainWindow(services, AppSettings(Path(tmp) / "settings.ini"), opener=opener)
        window.resize(SIZE)
        window.show()
        settle(app, 1.5)

        window.go_to(0)
        settle(app)
        save(window, out / "dashboard.png")

        window.open_report(demo.report.id)
        settle(app)
        save(window, out / "report.png")

        def shoot_import() -> None:  # the review dialog is modal: photograph it, then cancel it
            dialog = app.activeModalWidget()
            settle(app, 1.0)
            save(dialog, out / "import-review.png")
            dialog.reject()

        QTimer.singleShot(1500, shoot_import)
        window.import_from(text=PASTED)

        window.open_letter(demo.letter.id)
        doc = preview(window, app)
        settle(app, 1.5)
        save(window, out / "composer.png")
        printed_page(doc, 0, out / "letter-page-1.png")
        printed_page(doc, min(1, doc.pageCount() - 1), out / "letter-annex.png")
        window.close()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

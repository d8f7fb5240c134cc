"""The standalone build's GUI self-test: the real window over a database, every page, a letter preview.

Runs inside the bundle (`correspondence-desk --self-test-gui DB`), offscreen unless QT_QPA_PLATFORM
says otherwise. It drives the window only through MainWindow's public methods (go_to, open_letter,
current_page). Prints one line per check and exits 0 when all pass; a page that cannot be built
(a module or a Qt library missing from the bundle) fails loudly.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

TIMEOUT_S = 30


def _wait(app, condition, timeout: float = TIMEOUT_S) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.02)
    return False


def gui_probe(database: str) -> int:
    from PySide6.QtCore import QSize, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    from correspondence_desk.paths import location_for
    from correspondence_desk.resources import resource
    from correspondence_desk.ui.app import DatabaseOpener
    from correspondence_desk.ui.common.page import Page
    from correspondence_desk.ui.common.settings import AppSettings
    from correspondence_desk.ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    # a dialog that opened by mistake would wait for a click forever: stop with a failure instead
    QTimer.singleShot(120_000, lambda: (print("FAILED the self-test hung"), app.exit(2)))
    results: list[tuple[bool, str]] = []

    def check(ok: bool, what: str) -> None:
        results.append((bool(ok), what))
        print(f"{'ok    ' if ok else 'FAILED'} {what}", flush=True)

    icon = QIcon(str(resource("icons", "correspondence-desk.svg")))
    check(not icon.pixmap(QSize(48, 48)).isNull(), "the application icon (SVG) draws")
    opener = DatabaseOpener()
    services = opener.open(location_for(Path(database)), create=False)
    with tempfile.TemporaryDirectory() as settings_dir:
        window = MainWindow(services, AppSettings(Path(settings_dir) / "settings.ini"), opener=opener)
        window.show()
        app.processEvents()
        for row in range(window.navigation.count()):
            label = window.navigation.item(row).text()
            window.go_to(row)
            app.processEvents()
            page = window.current_page()
            check(isinstance(page, Page), f"page {label!r} is built ({type(page).__name__})")
        letters = services.letters.list()
        check(bool(letters), "the database has a letter to preview")
        if letters:
            window.open_letter(letters[0].id)

            def previewed() -> list:
                return [d for d in window.findChildren(QPdfDocument) if d.pageCount() > 0]

            shown = _wait(app, lambda: bool(previewed()))
            pages = previewed()[0].pageCount() if shown else 0
            check(shown, f"the letter preview shows the PDF ({pages} pages)")
            if shown:
                image = previewed()[0].render(0, QSize(420, 594))
                check(not image.isNull(), "QtPdf renders the first page")
        window.close()
        window.deleteLater()
        app.processEvents()
    services.close()
    failed = [what for ok, what in results if not ok]
    print(f"{len(results) - len(failed)} of {len(results)} GUI checks passed")
    return 1 if failed else 0

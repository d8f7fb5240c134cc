"""How long the letter composer's live preview takes, and what typing costs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_composer.py [--runs 30]

On a fresh database with the demo letter open in the composer: "preview" is one refresh as the
debounce timer fires it (render the PDF from the letter on screen, load it into the QPdfView), timed
around `refresh_now()` so it is what the GUI thread is blocked for; "keystroke" is one character typed
into a response (the model update and the debounce restart, no render). Then the render of a long
letter (the demo responses 14 times, 126 in all), which the composer sends off the GUI thread.
Medians, with the slowest.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    from correspondence_desk.core.db import open_database
    from correspondence_desk.core.printing import render_letter_pdf
    from correspondence_desk.core.services import Services
    from correspondence_desk.core.services.demo import load_demo
    from correspondence_desk.paths import location_for
    from correspondence_desk.ui.letters.page import LettersPage

    services = Services(open_database(location_for(Path(tempfile.mkdtemp()) / "bench.sqlite3"), create=True))
    demo = load_demo(services)
    page = LettersPage(services)
    page.resize(1400, 900)
    page.show()
    page.open_letter(demo.letter.id)
    composer = page.composer
    app.processEvents()

    preview = []
    for _ in range(args.runs):
        composer.form.body.insertPlainText("x")
        started = time.perf_counter()
        composer.preview.refresh_now()
        preview.append((time.perf_counter() - started) * 1000)
        app.processEvents()

    composer.tabs.setCurrentWidget(composer.responses)
    composer.responses.select_row(0)
    keys = []
    for ch in ("The Authority accepts this recommendation. " * 3)[: args.runs * 4]:
        started = time.perf_counter()
        composer.responses.text.insertPlainText(ch)
        keys.append((time.perf_counter() - started) * 1000)
    composer.preview.clear()

    letter = demo.letter
    long_letter = dataclasses.replace(letter, responses=letter.responses * 14)
    long_ms = []
    for _ in range(3):
        started = time.perf_counter()
        render_letter_pdf(long_letter)
        long_ms.append((time.perf_counter() - started) * 1000)

    def line(name: str, values: list[float]) -> str:
        return f"{name:<44} median {statistics.median(values):7.1f} ms   slowest {max(values):7.1f} ms"

    print(line(f"preview of the demo letter ({args.runs} refreshes)", preview))
    print(line("keystroke in a response", keys))
    print(line(f"render of a {len(long_letter.responses)}-response letter (background)", long_ms))
    print(f"long letter sent to the background: {composer._is_big(long_letter)}")
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the letter composer costs the GUI thread: the live preview, typing, saving, issuing, printing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_composer.py [--runs 30]

On a fresh database with the demo letter (9 responses, 3 pages) open in the composer:

- "preview": one refresh as the debounce timer fires it (render the PDF from the letter on screen,
  load it into the QPdfView), timed around `refresh_now()`: what the GUI thread is blocked for.
  (A UI test used to assert the first preview took under a second; the figure lives here now.)
- "keystroke": one character typed into a response (the model update and the debounce restart).
- "save": the covering letter and every response edited, then Save (the write and the reload).
- "issue" and "print" (the short demo letter, through a print dialog that prints to a PDF file):
  "GUI blocked" is the longest the event loop was stuck (the call itself, or any one pass of the
  event loop while the work finishes); "until done" is from the click until the result is shown.
- the render of a long letter (the demo responses 14 times, 126 in all), which the composer sends
  off the GUI thread.

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
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--slow-runs", type=int, default=5, help="runs of save, issue and print")
    args = parser.parse_args()

    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    app = QApplication(sys.argv)
    from correspondence_desk.core.db import open_database
    from correspondence_desk.core.printing import render_letter_pdf
    from correspondence_desk.core.services import Services
    from correspondence_desk.core.services.demo import load_demo
    from correspondence_desk.paths import location_for
    from correspondence_desk.ui.common import background
    from correspondence_desk.ui.letters.page import LettersPage

    folder = Path(tempfile.mkdtemp())
    services = Services(open_database(location_for(folder / "bench.sqlite3"), create=True))
    demo = load_demo(services)
    page = LettersPage(services)
    page.resize(1400, 900)
    page.show()
    page.open_letter(demo.letter.id)
    composer = page.composer
    app.processEvents()

    # no real dialog: questions say yes, the print dialog "prints" to a PDF file
    QMessageBox.question = lambda *a, **k: QMessageBox.StandardButton.Yes  # type: ignore[method-assign]
    QMessageBox.warning = lambda _p, title, text, *a, **k: print(f"!! {title}: {text}")  # type: ignore[method-assign]
    printed = folder / "printed.pdf"

    def fake_exec(dialog: QPrintDialog) -> QDialog.DialogCode:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    QPrintDialog.exec = fake_exec  # type: ignore[method-assign]

    def gui_time(action: Callable[[], object], done: Callable[[], bool]) -> tuple[float, float]:
        """(longest GUI-thread block, time until done) of one user action, in ms."""
        started = time.perf_counter()
        action()
        longest = (time.perf_counter() - started) * 1000
        while not done():
            before = time.perf_counter()
            app.processEvents()
            longest = max(longest, (time.perf_counter() - before) * 1000)
            time.sleep(0.001)
            if time.perf_counter() - started > 60:
                raise SystemExit("gave up waiting for the action to finish")
        return longest, (time.perf_counter() - started) * 1000

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

    saves = []
    for n in range(args.slow_runs):
        model = composer.responses.model
        for row in range(model.rowCount()):
            model.set_text(row, f"Response {row + 1}, draft {n}.")
        composer.form.body.setPlainText(f"Covering letter, draft {n}.")
        started = time.perf_counter()
        assert composer.save()
        saves.append((time.perf_counter() - started) * 1000)
        app.processEvents()

    issue_blocked, issue_total = [], []
    for _ in range(args.slow_runs):
        letter = services.composing.new_letter(demo.report.id)
        page.open_letter(letter.id)
        app.processEvents()
        blocked, total = gui_time(
            composer.action_issue.trigger,
            lambda: composer.letter is not None and composer.letter.is_issued and not background._running,
        )
        issue_blocked.append(blocked)
        issue_total.append(total)

    page.open_letter(demo.letter.id)
    app.processEvents()
    print_blocked, print_total = [], []
    for _ in range(args.slow_runs):
        printed.unlink(missing_ok=True)
        blocked, total = gui_time(
            composer.action_print.trigger, lambda: printed.exists() and not background._running
        )
        print_blocked.append(blocked)
        print_total.append(total)

    letter = demo.letter
    long_letter = dataclasses.replace(letter, responses=letter.responses * 14)
    long_ms = []
    for _ in range(3):
        started = time.perf_counter()
        render_letter_pdf(long_letter)
        long_ms.append((time.perf_counter() - started) * 1000)

    def line(name: str, values: list[float]) -> str:
        return f"{name:<46} median {statistics.median(values):7.1f} ms   slowest {max(values):7.1f} ms"

    print(line(f"preview of the demo letter ({args.runs} refreshes)", preview))
    print(line("keystroke in a response", keys))
    print(line(f"save, every response edited ({args.slow_runs} runs)", saves))
    print(line("issue: GUI blocked", issue_blocked))
    print(line("issue: until done", issue_total))
    print(line("print (3 pages): GUI blocked", print_blocked))
    print(line("print (3 pages): until done", print_total))
    print(line(f"render of a {len(long_letter.responses)}-response letter (background)", long_ms))
    try:
        from correspondence_desk.ui.letters.output import is_big
    except ImportError:  # before the composer was split
        is_big = composer._is_big
    print(f"long letter sent to the background: {is_big(long_letter)}")
    background.wait_for_background_work()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

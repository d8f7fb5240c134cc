"""How fast the desktop app opens on a big database, and how fast the reports table fills.

    .venv/bin/python bench/generate.py --db /tmp/big.sqlite3 --reports 10000
    .venv/bin/python bench/bench_gui.py --db /tmp/big.sqlite3 [--runs 5]

Each run is a fresh process on the offscreen platform (so imports count, as they do for a user):
"window shown" is from just before the process starts to the first pass of the event loop after
`show()` (the window is painted and takes input; as `correspondence-desk` does, the database layer
then loads on a worker thread); "first page loaded" adds opening the database and loading the page
shown first, and "longest freeze" is the longest the window went without answering in between;
"Reports chosen at once" is from choosing Reports straight after the first page appeared to its table
holding every row (the list is loaded there and then); "Reports chosen after 1 s" is the same when the
user takes a second first (the window preloads the list while idle); then a sort by title and a
filter keystroke on the full table. The median of the runs is printed, with the slowest.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = "--child"


def child(db: str, wait_ms: int) -> None:
    """Runs in the measured process: open the app the way `correspondence-desk` does, then time pages."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    # as ui.app.run: the window first, then the database layer and the database
    from correspondence_desk.ui.app import DatabaseOpener
    from correspondence_desk.ui.shell.main_window import MainWindow
    from correspondence_desk.ui.shell.pages import REPORTS

    opener = DatabaseOpener()
    window = MainWindow(None, opener=opener)
    window.resize(1440, 900)
    window.show()
    times: dict[str, float] = {}
    opened = []

    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def shown() -> None:
        times["shown"] = time.time()
        ticker.start()  # the gaps between ticks show how long the window stops answering
        from correspondence_desk.ui.app import _load_database_layer
        from correspondence_desk.ui.common.background import BackgroundOp

        BackgroundOp(window, _load_database_layer).success(lambda _none: open_database()).run_in_background()

    def open_database() -> None:
        times["load_freeze_s"] = max((b - a for a, b in itertools.pairwise(ticks)), default=0.0)
        from correspondence_desk.paths import location_for
        from correspondence_desk.ui.shell.startup import open_with_recovery

        services = open_with_recovery(opener, location_for(db))
        assert services is not None
        opened.append(services)
        window.attach(services)
        QTimer.singleShot(0, ready)

    def ready() -> None:
        app.processEvents()
        times["ready"] = time.time()
        ticker.stop()
        times["freeze_s"] = max((b - a for a, b in itertools.pairwise(ticks)), default=0.0)
        QTimer.singleShot(wait_ms, choose_reports)

    def choose_reports() -> None:
        from correspondence_desk.ui.reports.page import ReportsModel

        services = opened[0]
        start = time.perf_counter()
        window.go_to(REPORTS)
        page = window.reports_page
        app.processEvents()
        assert page.proxy.rowCount() == page.model.rowCount() > 0
        times["reports_s"] = time.perf_counter() - start
        start = time.perf_counter()
        page.view.sortByColumn(ReportsModel.TITLE, page.view.horizontalHeader().sortIndicatorOrder())
        app.processEvents()
        times["sort_s"] = time.perf_counter() - start
        start = time.perf_counter()
        page.filter.setText("transport")
        page.apply_filter()  # the page waits for a pause in the typing; this is the work it then does
        app.processEvents()
        times["filter_s"] = time.perf_counter() - start
        start = time.perf_counter()
        page.filter.setText("transport 2024")
        page.apply_filter()
        app.processEvents()
        times["filter2_s"] = time.perf_counter() - start
        start = time.perf_counter()
        services.reports.list()
        times["list_s"] = time.perf_counter() - start
        times["rows"] = page.model.rowCount()
        print(json.dumps(times))
        window.close()
        app.quit()

    QTimer.singleShot(0, shown)
    app.exec()
    opened[0].close()


def one_run(db: str, wait_ms: int = 0) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="bench-gui-config-")  # no remembered layout
    start = time.time()
    out = subprocess.run(
        [sys.executable, __file__, CHILD, db, str(wait_ms)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["shown_s"] = result.pop("shown") - start
    result["ready_s"] = result.pop("ready") - start
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a database built by bench/generate.py")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not Path(args.db).exists():
        parser.error(f"{args.db} does not exist; build it with bench/generate.py")
    one_run(args.db)  # warm the file cache so every measured run starts alike
    runs = [one_run(args.db) for _ in range(args.runs)]
    later = [one_run(args.db, 1000)["reports_s"] for _ in range(args.runs)]
    for run, value in zip(runs, later, strict=True):
        run["reports_later_s"] = value
    rows = int(runs[0]["rows"])
    print(f"{rows:,} reports, {args.runs} runs, offscreen; median (slowest)")
    print(f"{'measure':<50} {'median':>9} {'slowest':>9}")
    for key, label in (
        ("shown_s", "launch → window shown"),
        ("ready_s", "launch → first page loaded"),
        ("load_freeze_s", "longest freeze while the database layer loads"),
        ("freeze_s", "longest freeze until the first page is loaded"),
        ("reports_s", "Reports chosen at once → table filled"),
        ("reports_later_s", "Reports chosen after 1 s → table filled"),
        ("sort_s", "sort the full table by title"),
        ("filter_s", "first filter of the full table"),
        ("filter2_s", "next filter"),
        ("list_s", "ReportsService.list()"),
    ):
        values = [r[key] for r in runs]
        print(f"{label:<50} {statistics.median(values):>8.3f}s {max(values):>8.3f}s")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == CHILD:
        child(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(main())

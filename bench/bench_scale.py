"""Speed at scale: search, dashboard and the XLSX tracker export on a large database.

    python bench/bench_scale.py                       # builds /tmp/desk-bench-10k.sqlite3 if missing
    python bench/bench_scale.py --db big.sqlite3      # any database made by bench/generate.py
    python bench/bench_scale.py --db postgresql+psycopg://desk@/bench?host=/tmp/pg   # (built if empty)

Prints the median search time over a set of typical queries, the median time to count every
match of those queries by kind (the search page shows the true totals), the median dashboard
summary time, and the time to export every recommendation as XLSX, each against its target; then
the common actions with the SQL statements each sends (a round trip each, to a server) and their
median time. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import event, text

from correspondence_desk.core.db import open_database
from correspondence_desk.core.services import Services
from correspondence_desk.paths import DatabaseLocation, location_for
from generate import generate  # bench/ holds scripts, not a package: generate.py sits beside this one

# what people type: a subject word, two words, a phrase, a hyphenated word, a reference, a prefix,
# an organisation, words in responses, odd input
QUERIES = [
    "taxis",
    "air quality",
    '"step-free access"',
    "flood resilience",
    "R-2024-00051",
    "CTA/2023",
    "apprentice*",
    "Conservancy",
    "disabled passengers",
    "budget round",
    "noise OR heat",
    "tree canopy AND",
    "zebra",
    'tramway "',
    "accommodation",
    "consolidation",
]
TARGETS = {"search": 0.030, "count": 0.030, "dashboard": 0.200, "xlsx": 10.0}


def _timed(fn) -> tuple[float, float]:
    """Wall-clock and CPU seconds: on a busy machine the CPU time shows the work itself."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _median(fn, repeats: int) -> tuple[float, float]:
    runs = [_timed(fn) for _ in range(repeats)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def _shown(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def _needs_building(location: DatabaseLocation) -> bool:
    if location.path is not None:
        return not location.path.exists()
    db = open_database(location)  # an empty server database gets the schema here
    try:
        with db.engine.connect() as conn:
            return not conn.execute(text("SELECT count(*) FROM reports")).scalar_one()
    finally:
        db.close()


class Statements:
    """SQL statements sent while timing an action: each is a round trip to a server."""

    def __init__(self, services: Services) -> None:
        self.count = 0
        event.listen(services.db.engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: object) -> None:
        self.count += 1


def round_trips(services: Services) -> list[tuple[str, int, tuple[float, float]]]:
    """The common actions: statements each sends and its median time."""
    report = services.reports.list()[len(services.reports.list()) // 2]
    detail = services.reports.get(report.id)
    letter = next((x for x in services.letters.list() if x.response_count), None)
    rec = detail.recommendations[0]
    owners = iter(["Bench owner A", "Bench owner B"] * 10)  # a change every time
    actions = [
        (
            f"open a report ({len(detail.recommendations)} recommendations)",
            lambda: services.reports.get(report.id),
        ),
        ("open a letter", lambda: services.letters.get(letter.id) if letter else None),
        ("the dashboard", services.dashboard.summary),
        ("search (one query)", lambda: services.search.search("air quality")),
        ("save an edit", lambda: services.reports.update_recommendation(rec.id, None, owner=next(owners))),
        ("list every report", services.reports.list),
    ]
    counter = Statements(services)
    out = []
    for name, action in actions:
        counter.count = 0
        action()
        sent = counter.count
        out.append((name, sent, _median(action, 5)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", default=str(Path(tempfile.gettempdir()) / "desk-bench-10k.sqlite3"), help="a file or a URL"
    )
    parser.add_argument("--reports", type=int, default=10_000, help="when building the database")
    args = parser.parse_args(argv)
    location = location_for(args.db)
    if _needs_building(location):
        print(f"Building {location} ({args.reports:,} reports)…", flush=True)
        generate(args.db, args.reports)
    services = Services(open_database(location))
    try:
        recs = services.dashboard.summary().by_position
        total = sum(n for _, n in recs)
        services.search.search("warm up")  # first query loads the FTS pages from disk
        per_query = [_median(lambda q=q: services.search.search(q), 5) for q in QUERIES]
        search = (statistics.median(q[0] for q in per_query), statistics.median(q[1] for q in per_query))
        per_count = [_median(lambda q=q: services.search.count(q), 5) for q in QUERIES]
        counting = (statistics.median(q[0] for q in per_count), statistics.median(q[1] for q in per_count))
        dashboard = _median(services.dashboard.summary, 7)
        with tempfile.TemporaryDirectory() as folder:
            rows = 0

            def export() -> None:
                nonlocal rows
                rows = services.exports.tracker(Path(folder) / "tracker.xlsx")

            xlsx = _timed(export)
        trips = round_trips(services)
    finally:
        services.close()
    results = {
        "search": (
            f"median of {len(QUERIES)} queries (slowest {max(q[0] for q in per_query) * 1000:.0f} ms)",
            search,
        ),
        "count": (
            f"median count by kind (slowest {max(q[0] for q in per_count) * 1000:.0f} ms)",
            counting,
        ),
        "dashboard": ("median summary", dashboard),
        "xlsx": (f"export of all {rows:,} recommendations", xlsx),
    }
    load = (
        f", load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        if hasattr(os, "getloadavg")
        else ""
    )
    print(f"\nDatabase: {location} — {total:,} recommendations{load}\n")
    print(f"{'Measure':<11}{'What':<46}{'Time':>9}{'CPU':>9}{'Target':>9}")
    print("-" * 90)
    failed = False
    for name, (what, (wall, cpu)) in results.items():
        ok = wall <= TARGETS[name]
        failed |= not ok
        print(
            f"{name:<11}{what:<46}{_shown(wall):>9}{_shown(cpu):>9}{_shown(TARGETS[name]):>9}"
            f"  {'ok' if ok else 'MISSED'}"
        )
    print(f"\n{'Action':<46}{'Statements':>11}{'Time':>9}{'CPU':>9}")
    print("-" * 75)
    for name, sent, (wall, cpu) in trips:
        print(f"{name:<46}{sent:>11}{_shown(wall):>9}{_shown(cpu):>9}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

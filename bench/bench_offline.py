"""Taking 500 reports offline and bringing back 100 changed records: times and SQL statements.

    python bench/bench_offline.py                       # a generated SQLite server in a temp folder
    python bench/bench_offline.py --db postgresql+psycopg://desk@/bench?host=/tmp/pg   # an empty one

The server is filled by generate.py (ten recommendations a report, most with a letter). Each round
takes every report offline into a new copy, changes 100 records in it through the services (owners,
response texts, report notes: each one audit event) and brings it back; the statements are those
the server is sent (each a round trip on a network), counted by an SQLAlchemy event.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

from correspondence_desk.core.db import open_database
from correspondence_desk.core.offline.checkin import checkin
from correspondence_desk.core.offline.checkout import checkout
from correspondence_desk.core.services import Services
from correspondence_desk.paths import location_for
from generate import generate  # bench/ holds scripts, not a package: generate.py sits beside this one


class Counter:
    def __init__(self, engine) -> None:
        self.n = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args) -> None:
        self.n += 1


def _edit(copy: Path, changes: int, round_: int) -> None:
    """`changes` records changed offline: a third owners, a third response texts, the rest notes."""
    offline = Services(open_database(location_for(copy)), actor="laptop")
    try:
        for done, summary in enumerate(offline.reports.list()[:changes]):
            detail = offline.reports.get(summary.id)
            kind = done % 3
            if kind == 0 and detail.recommendations:
                offline.reports.update_recommendation(
                    detail.recommendations[0].id, owner=f"Owner {done}, round {round_}"
                )
            elif kind == 1 and detail.responses and detail.responses[0].letter_status.value != "issued":
                offline.letters.update_response(
                    detail.responses[0].id, text=f"Reworded offline {done}, round {round_}."
                )
            else:
                offline.reports.update(summary.id, notes=f"Noted on the train {done}, round {round_}")
    finally:
        offline.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an empty PostgreSQL database to fill (default: a new SQLite file)")
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-offline-"))
    url = args.db or str(work / "server.sqlite3")
    counts = generate(url, args.reports)
    print(", ".join(f"{n:,} {t}" for t, n in counts.items()))
    server = Services(open_database(location_for(url)), actor="office")
    refs = [r.reference for r in server.reports.list()]
    counter = Counter(server.db.engine)
    figures: dict[str, list[float]] = {"checkout": [], "dry run": [], "checkin": []}
    statements: dict[str, int] = {}
    size = 0
    try:
        for round_ in range(args.rounds):
            copy = work / f"copy-{round_}.sqlite3"
            counter.n = 0
            start = time.perf_counter()
            checkout(server.db, copy, reports=refs, actor="office")
            figures["checkout"].append(time.perf_counter() - start)
            statements["checkout"] = counter.n
            size = copy.stat().st_size
            _edit(copy, args.changes, round_)
            for name, dry in (("dry run", True), ("checkin", False)):
                counter.n = 0
                start = time.perf_counter()
                plan = checkin(copy, server.db, dry_run=dry, actor="office")
                figures[name].append(time.perf_counter() - start)
                statements[name] = counter.n
            assert plan.applied and plan.count("update") == args.changes, plan.summary()
    finally:
        server.close()
    engine = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(f"\n{len(refs)} reports offline, {args.changes} records changed, {args.rounds} rounds, {engine}")
    print(f"copy: {size / 1e6:.1f} MB\n")
    print("| measure | wall median (min–max) | server statements |")
    print("|---|---|---|")
    for name, times in figures.items():
        print(
            f"| {name} | {statistics.median(times):.2f} s ({min(times):.2f}–{max(times):.2f}) "
            f"| {statements[name]:,} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

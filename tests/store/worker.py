"""A separate process for the concurrency and fault tests (run as a script, never collected).

    python worker.py write URL START COUNT   save reports one by one, printing each id once committed
    python worker.py import URL TAG COUNT    import reports sharing a committee, bodies and source file
    python worker.py open URL                open (creating or upgrading) and close
    python worker.py demo URL                load the demo
    python worker.py fill URL                write until the disk is full, then report what is there
    python worker.py checkin URL COPY        bring an offline copy back into URL
    python worker.py ready FILE ...          (prefix) load the app, print "ready", wait for FILE to exist
    python worker.py pool                    read commands on stdin, run each in a forked child whose
                                             stdout is the file named last; print "started PID", then
                                             "done PID STATUS" (the fault tests kill the children)

Each acknowledgement is a line on stdout, flushed after the commit: what the parent saw printed is
what it may expect to find after killing this process.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def _services(url: str):
    from correspondence_desk.core.db import open_database
    from correspondence_desk.core.services import Services
    from correspondence_desk.paths import location_for

    return Services(open_database(location_for(url)), actor="worker")


def write(url: str, start: int, count: int) -> None:
    from correspondence_desk.core.records import NewRecommendation

    services = _services(url)
    for n in range(start, start + count):
        report = services.reports.create(
            reference=f"K-{n}",
            title=f"Report {n} on bus shelters",
            committee="Fault committee",
            recommendations=[
                NewRecommendation(str(i), f"Recommendation {i} of report {n}.") for i in (1, 2, 3)
            ],
        )
        print(report.reference, flush=True)


def import_reports(url: str, tag: str, count: int) -> None:
    from correspondence_desk.core.importing import Proposal, ProposedAddressee, ProposedRecommendation

    services = _services(url)
    proposal = Proposal(
        tuple(
            ProposedRecommendation(
                str(i),
                f"The Trust should review route {i}.",
                addressees=(
                    ProposedAddressee("Canal and River Trust", None),
                    ProposedAddressee("Ferry Board", None),
                ),
            )
            for i in (1, 2)
        )
    )
    for n in range(count):
        result = services.importing.save(
            proposal,
            title=f"Import {tag}-{n}",
            committee="Shared Waterways Committee",
            source=("waterways.txt", b"Recommendation 1 The Trust should review route 1."),
        )
        print(result.report.reference, flush=True)


def fill(url: str) -> None:
    """Write reports until the disk is full; then say what happened and what the database holds."""
    from correspondence_desk.core.db import check_database, open_database
    from correspondence_desk.core.errors import DeskError
    from correspondence_desk.core.records import NewRecommendation
    from correspondence_desk.paths import location_for

    try:
        services = _services(url)
    except DeskError as exc:  # full before the schema fitted
        print(f"error: {exc}", flush=True)
        return
    n = 0
    try:
        while True:
            report = services.reports.create(
                title=f"Report {n} " + "on the capacity of the river crossings " * 10,
                recommendations=[
                    NewRecommendation(str(i), "Text of the recommendation. " * 40) for i in range(8)
                ],
            )
            print(f"ack {report.reference}", flush=True)
            n += 1
    except DeskError as exc:
        print(f"error: {exc}", flush=True)
    services.close()
    _lift_file_size_limit()
    db = open_database(location_for(url), create=False, migrate=False)
    try:
        print(f"count: {len(_services_of(db).reports.list())}", flush=True)
    finally:
        db.close()
    result = check_database(location_for(url))
    print("check: " + ("ok" if result.ok else "; ".join(result.problems)), flush=True)


def _services_of(db):
    from correspondence_desk.core.services import Services

    return Services(db)


def _lift_file_size_limit() -> None:
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))


def pool() -> None:
    """Fork a child per command, already loaded: a kill test need not pay start-up each round."""
    import alembic.command  # noqa: F401

    import correspondence_desk.core.migrate
    import correspondence_desk.core.services.reports  # noqa: F401

    for line in sys.stdin:
        *command, ack = line.split()
        pid = os.fork()
        if pid == 0:
            fd = os.open(ack, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.dup2(fd, 1)
            sys.stdout = os.fdopen(1, "w", buffering=1)
            try:
                run(command)
                sys.stdout.flush()
                os._exit(0)
            except BaseException as exc:
                print(f"error: {type(exc).__name__}: {exc}", flush=True)
                os._exit(1)
        print(f"started {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"done {pid} {status}", flush=True)


def run(argv: list[str]) -> None:
    command, url, *rest = argv
    if command == "write":
        write(url, int(rest[0]), int(rest[1]))
    elif command == "import":
        import_reports(url, rest[0], int(rest[1]))
    elif command == "open":
        _services(url).close()
        print("opened", flush=True)
    elif command == "demo":
        services = _services(url)
        services.load_demo()
        print("demo", flush=True)
    elif command == "fill":
        fill(url)
    elif command == "checkin":  # checkin URL COPY: bring an offline copy back
        from correspondence_desk.core.offline.checkin import checkin

        services = _services(url)
        plan = checkin(Path(rest[0]), services.db, actor="worker")
        print("brought-back" if plan.applied else plan.summary(), flush=True)
    elif command == "sealed-notes":  # sealed-notes COPY PASSPHRASE START COUNT (COPY in place of URL)
        sealed_notes(Path(url), rest[0], int(rest[1]), int(rest[2]))
    else:
        raise SystemExit(f"unknown command {command}")


def sealed_notes(copy: Path, passphrase: str, start: int, count: int) -> None:
    """Open a sealed copy (recovering what a kill left), add notes one by one, print each once committed,
    and seal the copy again after each (as the app does when idle)."""
    import sqlite3

    from correspondence_desk.core.offline import sealing

    opened = sealing.open_sealed(copy, passphrase, leftover=sealing.RECOVER)
    conn = sqlite3.connect(opened.work_path)
    for n in range(start, start + count):
        conn.execute("INSERT INTO notes VALUES (?)", (f"note {n}",))
        conn.commit()
        print(f"note {n}", flush=True)
        opened.reseal()
    conn.close()
    opened.close()
    print("closed", flush=True)


def main(argv: list[str]) -> int:
    if argv[0] == "pool":
        pool()
        return 0
    if argv[0] == "ready":  # everything loaded, so the processes start their work at the same moment
        import alembic.command  # noqa: F401

        import correspondence_desk.core.importing
        import correspondence_desk.core.migrate
        import correspondence_desk.core.services.importing  # noqa: F401

        print("ready", flush=True)
        while not os.path.exists(argv[1]):
            time.sleep(0.002)
        argv = argv[2:]
    run(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

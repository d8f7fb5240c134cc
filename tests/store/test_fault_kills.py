"""SIGKILL in the middle of writing, of creating a database and of upgrading one, on both engines.

Each round kills a process at a random moment; afterwards the database must open, `check` must pass
and every write the killed process acknowledged (printed after its commit) must be there. The
rounds per case default to a few (CI); CORRESPONDENCE_DESK_FAULT_ROUNDS=50 runs more, and -s prints
the figures (kills, kills that landed mid-work, corrupt, lost).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import insert

from correspondence_desk.core import model as m
from correspondence_desk.core.db import check_database, open_database
from correspondence_desk.core.migrate import downgrade_to
from correspondence_desk.paths import location_for

WORKER = Path(__file__).with_name("worker.py")
ROUNDS = int(os.environ.get("CORRESPONDENCE_DESK_FAULT_ROUNDS", "6"))
pytestmark = pytest.mark.slow


class Pool:
    """worker.py pool: forks an already-loaded child per command, so a round costs milliseconds."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER), "pool"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def start(self, ack: Path, *command: str) -> int:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(" ".join([*command, str(ack)]) + "\n")
        self.proc.stdin.flush()
        word, pid = self.proc.stdout.readline().split()
        assert word == "started"
        return int(pid)

    def finished(self, pid: int) -> int:
        assert self.proc.stdout is not None
        word, done_pid, status = self.proc.stdout.readline().split()
        assert word == "done" and int(done_pid) == pid
        return int(status)

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


@pytest.fixture(scope="module")
def pool():
    workers = Pool()
    yield workers
    workers.close()


@dataclass
class Figures:
    kills: int = 0
    mid_work: int = 0  # the process was still working when killed
    corrupt: int = 0
    lost: int = 0
    acknowledged: int = 0

    def show(self, what: str) -> None:
        print(
            f"\n{what}: {self.kills} kills ({self.mid_work} mid-work), {self.corrupt} corrupt, "
            f"{self.lost} of {self.acknowledged} acknowledged writes lost"
        )


def _lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def _kill(pool: Pool, pid: int, figures: Figures) -> None:
    with contextlib.suppress(ProcessLookupError):  # it may have finished first
        os.kill(pid, signal.SIGKILL)
    status = pool.finished(pid)
    figures.kills += 1
    figures.mid_work += os.WIFSIGNALED(status)


def _moment(rng: random.Random, round_: int, took: float) -> float:
    """When to kill in this round: spread over the work's duration, each round a little later."""
    return took * (round_ + rng.random()) / ROUNDS


def _healthy(location, figures: Figures) -> bool:
    try:
        db = open_database(location, create=True)
        db.close()
        result = check_database(location)
    except Exception as exc:  # counted, and shown below
        print(f"cannot open after a kill: {exc}")
        figures.corrupt += 1
        return False
    if not result.ok:
        print(f"check after a kill: {result.problems}")
        figures.corrupt += 1
    return result.ok


def test_kills_during_writes_lose_no_acknowledged_write(pool, location, engine, tmp_path):
    rng = random.Random(13)
    figures = Figures()
    acknowledged: list[str] = []
    for round_ in range(ROUNDS):
        ack = tmp_path / f"ack-{round_}"
        pid = pool.start(ack, "write", location.url, str(round_ * 1000), "1000")
        wanted = rng.randint(1, 5)
        deadline = time.monotonic() + 60
        while len(_lines(ack)) < wanted and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(rng.random() * 0.02)  # land anywhere in the next write
        _kill(pool, pid, figures)
        acknowledged += [x for x in _lines(ack) if x.startswith("K-")]
        _healthy(location, figures)
    db = open_database(location, create=False, migrate=False)
    from correspondence_desk.core.services import Services

    present = {r.reference for r in Services(db).reports.list()}
    db.close()
    figures.acknowledged = len(acknowledged)
    figures.lost = len(set(acknowledged) - present)
    figures.show(f"kills during writes ({engine})")
    assert figures.corrupt == 0 and figures.lost == 0
    assert figures.acknowledged >= ROUNDS


def test_kills_during_first_creation_leave_a_database_that_opens(pool, engine, request, tmp_path):
    rng = random.Random(17)
    figures = Figures()
    # how long a creation takes where it will be killed (a worker of the pool, not this process,
    # whose timing differs), to kill within it: the quickest of two
    took = float("inf")
    for n in (1000, 1001):
        started = time.monotonic()
        pool.finished(pool.start(tmp_path / f"ack-sample-{n}", "open", _fresh(engine, request, tmp_path, n)))
        took = min(took, time.monotonic() - started)
    for round_ in range(ROUNDS):
        url = _fresh(engine, request, tmp_path, round_)
        pid = pool.start(tmp_path / f"ack-{round_}", "open", url)
        time.sleep(_moment(rng, round_, took))
        _kill(pool, pid, figures)
        _healthy(location_for(url), figures)
    figures.show(f"kills during first creation ({engine})")
    assert figures.corrupt == 0
    assert figures.mid_work >= 1  # some kills really landed while it was being made


def _fresh(engine: str, request, tmp_path: Path, n: int) -> str:
    if engine == "postgresql":
        server = request.getfixturevalue("pg_server")
        name = server.create()
        request.addfinalizer(lambda: server.drop(name))
        return server.url(name)
    return str(tmp_path / f"new-{n}.sqlite3")


REPORTS = 400


@pytest.fixture
def old_database(engine, request, tmp_path):
    """A factory of databases at schema 0002 holding REPORTS reports and their audit events."""
    first = location_for(_fresh(engine, request, tmp_path, 999))
    db = open_database(first)
    now = dt.datetime(2026, 1, 1, 9, 0)
    with db.engine.begin() as conn:
        conn.execute(
            insert(m.Report),
            [
                {"reference": f"U-{n}", "title": f"Upgrade test {n}", "response_clock": "", "notes": "",
                 "status": m.ReportStatus.OPEN, "created_at": now, "version_id": 1}
                for n in range(REPORTS)
            ],
        )  # fmt: skip
        conn.execute(
            insert(m.AuditEvent),
            [
                {"at": now, "os_user": "clerk", "entity": "report", "entity_id": n + 1, "action": "create",
                 "changes": {"n": n}, "summary": f"U-{n}", "db_user": "", "prev_hash": "", "chain_hash": ""}
                for n in range(REPORTS)
            ],
        )  # fmt: skip
    downgrade_to(db.engine, "0002")
    db.close()
    if engine == "postgresql":
        server = request.getfixturevalue("pg_server")
        template = first.url.rsplit("/", 1)[1].split("?")[0]

        def copy(n: int) -> str:
            name = server.create(template)
            request.addfinalizer(lambda: server.drop(name))
            return server.url(name)
    else:
        assert first.path is not None

        def copy(n: int) -> str:
            path = tmp_path / f"old-{n}.sqlite3"
            shutil.copyfile(first.path, path)
            return str(path)

    return copy


def test_kills_during_an_upgrade_leave_the_database_as_it_was_or_upgraded(
    pool, old_database, engine, tmp_path
):
    rng = random.Random(19)
    figures = Figures()
    sample = location_for(old_database(1000))
    started = time.monotonic()
    db = open_database(sample)  # one upgrade without a kill: how long it takes
    took = time.monotonic() - started
    db.close()
    for round_ in range(ROUNDS):
        location = location_for(old_database(round_))
        pid = pool.start(tmp_path / f"ack-{round_}", "open", location.url)
        time.sleep(_moment(rng, round_, took))
        _kill(pool, pid, figures)
        if not _healthy(location, figures):
            continue
        result = check_database(location)
        assert result.counts["reports"] == REPORTS and result.audit_events >= REPORTS
        if location.path is not None:  # the backup made before the upgrade restores, always
            pattern = f"{location.path.stem}-*-before-upgrade-from-0002.sqlite3"
            backups = sorted(location.backup_dir.glob(pattern))
            assert backups, "a backup is made before the upgrade"
            target = location.path.with_name(f"restored-{round_}.sqlite3")
            from correspondence_desk.core.db import restore_database

            restore_database(location_for(target), backups[-1])
            assert check_database(location_for(target)).ok
    figures.show(f"kills during an upgrade 0002→0003 of {REPORTS} reports ({engine})")
    assert figures.corrupt == 0

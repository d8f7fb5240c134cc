"""SIGKILL during a check-in, on both engines as the server: the server is left exactly as it was
(one transaction) or fully brought back, never half; and the check-in can simply be run again."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from correspondence_desk.core.db import check_database
from correspondence_desk.core.offline.checkin import checkin
from correspondence_desk.core.offline.checkout import checkout
from correspondence_desk.core.records import NewRecommendation
from correspondence_desk.core.services.demo import load_demo

WORKER = Path(__file__).with_name("worker.py")
ROUNDS = int(os.environ.get("CORRESPONDENCE_DESK_FAULT_ROUNDS", "4"))
NEW_REPORTS = 40
pytestmark = pytest.mark.slow


def _state(services) -> tuple[int, int]:
    return len(services.reports.list()), len(services.audit.list(limit=100_000))


def _copy_with_work(services, desk, path: Path) -> None:
    checkout(services.db, path, actor="alice")
    with desk(path, "bob") as offline:
        report = offline.reports.list()[0]
        for rec in offline.reports.get(report.id).recommendations:
            offline.reports.update_recommendation(rec.id, owner=f"Owner {rec.label}")
        for n in range(NEW_REPORTS):
            offline.reports.create(
                title=f"Written on the train {n}",
                recommendations=[
                    NewRecommendation(str(i), f"Recommendation {i} of {n}.") for i in range(1, 6)
                ],
            )


def test_a_kill_during_checkin_leaves_the_server_unchanged_and_it_runs_again(
    services, desk, location, engine, tmp_path
):
    load_demo(services)
    rng = random.Random(19)
    landed = committed = 0
    for round_ in range(ROUNDS):
        copy = tmp_path / f"copy-{round_}.sqlite3"
        _copy_with_work(services, desk, copy)
        started = time.monotonic()
        checkin(copy, services.db, dry_run=True)  # as long as the real one, near enough
        took = time.monotonic() - started
        before = _state(services)

        go = tmp_path / f"go-{round_}"
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), "ready", str(go), "checkin", location.url, str(copy)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        go.touch()
        # spread over opening the databases, the merge and the commit: the last rounds may be too late
        time.sleep(3 * took * (round_ + rng.random()) / ROUNDS)
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGKILL)
        output = proc.stdout.read()
        proc.wait(timeout=30)
        proc.stdout.close()
        landed += proc.returncode == -signal.SIGKILL and "brought-back" not in output

        after = _state(services)
        if "brought-back" in output or after != before:
            # it committed before the kill: all of it is there
            assert after[0] == before[0] + NEW_REPORTS
            committed += 1
        else:
            assert after == before  # nothing at all: not a report, not an audit event
        result = check_database(services.db.location)
        assert result.ok, result.problems

        again = checkin(copy, services.db)  # run again: brings it back, or says it was
        assert again.applied or again.already
        assert _state(services)[0] == before[0] + NEW_REPORTS
        assert checkin(copy, services.db).already  # and never twice
    print(
        f"\ncheck-in kills ({engine}): {ROUNDS} rounds, {landed} killed before the end, "
        f"{committed} committed first"
    )

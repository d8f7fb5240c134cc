"""Colleagues at the same time, in separate processes, on both engines: nothing lost, nothing doubled."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from correspondence_desk.core import model as m
from correspondence_desk.core.db import HEAD_REVISION, check_database, open_database
from correspondence_desk.paths import location_for

WORKER = Path(__file__).with_name("worker.py")
pytestmark = pytest.mark.slow


def run_together(go: Path, commands: list[list[str]], timeout: float = 180) -> list[str]:
    """Start the workers, let them load, then release them at once; their stdout lines."""
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "ready", str(go), *cmd],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for cmd in commands
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    go.touch()
    lines = []
    for proc in procs:
        out, err = proc.communicate(timeout=timeout)
        assert proc.returncode == 0, err
        assert "Traceback" not in err, err
        lines += out.split()
    return lines


def _count(session, query) -> int:
    return session.scalar(select(func.count()).select_from(query.subquery()))


def test_two_colleagues_importing_at_once_both_save_everything_once(location, tmp_path):
    refs = run_together(tmp_path / "go", [["import", location.url, tag, "6"] for tag in ("a", "b")])
    assert len(refs) == 12 and len(set(refs)) == 12  # every import saved, each its own reference
    db = open_database(location, create=False, migrate=False)
    try:
        with db.session_factory() as s:
            assert _count(s, select(m.Report)) == 12
            assert _count(s, select(m.Committee).where(m.Committee.name == "Shared Waterways Committee")) == 1
            for name in ("Canal and River Trust", "Ferry Board"):
                assert _count(s, select(m.Body).where(m.Body.name == name)) == 1
            assert _count(s, select(m.Attachment)) == 1  # the same source file, stored once
            assert _count(s, select(m.RecommendationAddressee)) == 12 * 2 * 2
    finally:
        db.close()
    result = check_database(location)
    assert result.ok, result.problems  # the audit chain stayed one line through it all


def test_several_first_runs_at_once_make_one_database(new_database, tmp_path):
    opened = run_together(tmp_path / "go", [["open", new_database] for _ in range(3)])
    assert opened == ["opened"] * 3
    result = check_database(location_for(new_database))
    assert result.ok and result.revision == HEAD_REVISION, result.problems


def test_two_demos_at_once_add_the_example_once(location, tmp_path):
    assert run_together(tmp_path / "go", [["demo", location.url] for _ in range(2)]) == ["demo", "demo"]
    db = open_database(location, create=False, migrate=False)
    try:
        with db.session_factory() as s:
            assert _count(s, select(m.Report)) == 1 and _count(s, select(m.Letter)) == 1
            assert _count(s, select(m.Body)) == 7
    finally:
        db.close()

"""SIGKILL while a sealed copy is being written and sealed again: the sealed file is always whole (the
old seal or the new, never half), and every note the process acknowledged is there after the next
open recovers what the kill left in the working file."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from correspondence_desk.core.errors import UnsealedWorkFound
from correspondence_desk.core.offline import sealing

WORKER = Path(__file__).with_name("worker.py")
ROUNDS = int(os.environ.get("CORRESPONDENCE_DESK_FAULT_ROUNDS", "4")) * 2
PASSPHRASE = "ferry timetable 1907"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]


def _sealed_copy(tmp_path: Path) -> Path:
    plain = tmp_path / "plain.sqlite3"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("CREATE TABLE padding (data BLOB)")  # so that sealing takes long enough to be hit
    conn.execute("INSERT INTO padding VALUES (?)", (os.urandom(4_000_000),))
    conn.commit()
    conn.close()
    out = tmp_path / "copy.sqlite3"
    sealing.seal_file(plain, out, PASSPHRASE)
    plain.unlink()
    return out


def _notes(copy: Path) -> tuple[list[str], bool]:
    """Open as the next session would (asked first, then recovering); the notes and whether it asked."""
    asked = False
    try:
        opened = sealing.open_sealed(copy, PASSPHRASE)
    except UnsealedWorkFound:
        asked = True
        opened = sealing.open_sealed(copy, PASSPHRASE, leftover=sealing.RECOVER)
    try:
        rows = sqlite3.connect(opened.work_path).execute("SELECT text FROM notes").fetchall()
        return [r[0] for r in rows], asked
    finally:
        opened.close()


def test_a_kill_while_writing_or_sealing_loses_no_acknowledged_note(tmp_path):
    copy = _sealed_copy(tmp_path)
    rng = random.Random(1907)
    acknowledged: list[str] = []
    recovered = 0
    for round_ in range(ROUNDS):
        start = len(acknowledged)
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), "sealed-notes", str(copy), PASSPHRASE, str(start), "200"],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(0.4 + rng.random() * 1.2)  # past the open, into the writes and the seals
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGKILL)
        assert proc.stdout is not None
        output = proc.stdout.read().split()
        proc.wait(timeout=30)
        proc.stdout.close()
        lines = [f"note {n}" for n in output[1::2] if n.isdigit()]
        acknowledged += lines
        # the sealed file is always a whole seal: it decrypts (GCM checks every byte)
        sealing.unseal_bytes(copy.read_bytes(), PASSPHRASE)
        notes, asked = _notes(copy)
        recovered += asked
        assert notes[: len(acknowledged)] == acknowledged, f"round {round_}"
        acknowledged = notes  # a note committed but killed before it was printed is kept too
        assert not list(copy.parent.glob(".*.sealing"))
    assert len(acknowledged) > ROUNDS  # the kills landed after some work

"""A disk that fills up, read-only files, folders and mounts: a clear message, nothing half-written,
and what can be read is read. These run the app in a separate process: as another user for the
permission cases (root may write anything), and in a private mount namespace for the small and the
read-only filesystems (`unshare -m`, which root has; elsewhere those cases fall back or skip)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from correspondence_desk.core.db import open_database
from correspondence_desk.core.services import Services
from correspondence_desk.paths import location_for

WORKER = Path(__file__).with_name("worker.py")
NOBODY = 65534
pytestmark = pytest.mark.slow


def _can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs tmpfs /tmp"], capture_output=True)
    return probe.returncode == 0


CAN_MOUNT = _can_mount()


@pytest.fixture
def shared_dir():
    """A folder another user can reach (pytest's own tmp folders are private to their owner)."""
    folder = Path(tempfile.mkdtemp(prefix="desk-media-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def _demo_database(path: Path) -> None:
    services = Services(open_database(location_for(path)))
    services.load_demo()
    services.close()


def _in_namespace(script: str) -> list[str]:
    """A command prefix: run the rest in a private mount namespace, after `script` (sh)."""
    return ["unshare", "-m", "sh", "-c", f'{script} && exec "$@"', "sh"]


def _cli(
    *args: str, user: int | None = None, wrap: list[str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "correspondence_desk", *args]
    if user is not None and os.geteuid() == 0:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run([*(wrap or []), *command], capture_output=True, text=True, timeout=120, input=stdin)


def _one_clear_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr.lower(), result.stderr


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _reads_work_and_writes_are_refused(db: Path, **how) -> None:
    listed = _cli("--db", str(db), "reports", "--json", **how)
    assert listed.returncode == 0, listed.stderr
    assert [r["reference"] for r in json.loads(listed.stdout)] == ["TEC-2026-04"]
    found = _cli("--db", str(db), "search", "river bus", **how)
    assert found.returncode == 0 and "Recommendation 8" in found.stdout, found.stderr
    shown = _cli("--db", str(db), "show-report", "TEC-2026-04", **how)
    assert shown.returncode == 0 and "Recommendation 9" in shown.stdout, shown.stderr
    checked = _cli("--db", str(db), "check", **how)
    assert checked.returncode == 0, checked.stderr
    _one_clear_line(_cli("--db", str(db), "demo", **how), "read-only")
    paste = "Recommendation 1\nThe Mayor should publish a plan for the river piers.\n"
    imported = _cli("--db", str(db), "import-report", "-", "--title", "Not saved", stdin=paste, **how)
    _one_clear_line(imported, "read-only")


@pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None, reason="needs setpriv as root")
def test_a_database_in_a_read_only_folder_opens_read_only(shared_dir):
    folder = shared_dir / "archive"
    folder.mkdir()
    db = folder / "desk.sqlite3"
    _demo_database(db)
    os.chown(folder, NOBODY, NOBODY) if os.geteuid() == 0 else None
    os.chown(db, NOBODY, NOBODY) if os.geteuid() == 0 else None
    db.chmod(0o444)
    folder.chmod(0o555)
    before = _snapshot(folder)
    _reads_work_and_writes_are_refused(db, user=NOBODY)
    assert _snapshot(folder) == before  # not a byte written, not a -wal or -shm left behind


@pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None, reason="needs setpriv as root")
def test_a_read_only_file_in_a_folder_one_may_write_opens_read_only(shared_dir):
    db = shared_dir / "desk.sqlite3"
    _demo_database(db)
    os.chown(shared_dir, NOBODY, NOBODY) if os.geteuid() == 0 else None
    db.chmod(0o444)  # owned by the test's user: the other user may read it only
    before = db.read_bytes()
    _reads_work_and_writes_are_refused(db, user=NOBODY)
    assert db.read_bytes() == before


@pytest.mark.skipif(not CAN_MOUNT, reason="needs root and unshare for a read-only mount")
def test_a_database_on_read_only_media_opens_read_only(shared_dir):
    db = shared_dir / "desk.sqlite3"
    _demo_database(db)
    before = _snapshot(shared_dir)
    mount_ro = _in_namespace(
        f"mount --bind {shared_dir} {shared_dir} && mount -o remount,bind,ro {shared_dir}"
    )
    _reads_work_and_writes_are_refused(db, wrap=mount_ro)  # as root: the mount itself refuses writes
    assert _snapshot(shared_dir) == before


def _fill_report(output: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in output.splitlines():
        key, _, value = line.partition(": ") if ": " in line else line.partition(" ")
        found.setdefault(key, []).append(value)
    return found


def _check_full_disk_run(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    report = _fill_report(result.stdout)
    assert len(report["error"]) == 1 and "disk is full" in report["error"][0], result.stdout
    assert int(report["count"][0]) == len(report.get("ack", [])) > 0  # every acknowledged write, no more
    assert report["check"] == ["ok"], report["check"]


@pytest.mark.skipif(not CAN_MOUNT, reason="needs root and unshare for a small filesystem")
def test_a_full_disk_gives_a_clear_message_and_keeps_every_saved_write(shared_dir):
    mount = _in_namespace(f"mount -t tmpfs -o size=2m tmpfs {shared_dir}")
    db = shared_dir / "desk.sqlite3"
    result = subprocess.run(
        [*mount, sys.executable, str(WORKER), "fill", str(db)], capture_output=True, text=True, timeout=300
    )
    _check_full_disk_run(result)


def test_a_file_size_limit_gives_a_clear_message_and_keeps_every_saved_write(tmp_path):
    import resource

    def limit() -> None:  # the disk "fills" at 1.5 MB a file; EFBIG instead of a SIGXFSZ kill
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_500_000, resource.RLIM_INFINITY))

    result = subprocess.run(
        [sys.executable, str(WORKER), "fill", str(tmp_path / "desk.sqlite3")],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=limit,
    )
    _check_full_disk_run(result)


@pytest.mark.skipif(not CAN_MOUNT, reason="needs root and unshare for a small filesystem")
def test_no_room_for_a_new_database_is_one_clear_line_and_no_half_made_database(shared_dir):
    db = shared_dir / "new.sqlite3"
    app = '"$0" -m correspondence_desk --db ' + str(db)
    script = (
        f"mount -t tmpfs -o size=40k tmpfs {shared_dir} && {app} demo; echo exit=$?; "
        f"{app} reports --json 2>&1; echo exit=$?"
    )
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, sys.executable], capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.stderr.count("\n") == 1 and "disk is full" in result.stderr, result.stderr
    first, second = result.stdout.split("exit=")[1:3]
    assert first.startswith("1")
    # afterwards: either no database at all yet, or a whole one, never a half-made one
    assert (second.startswith("1") and "no correspondence desk database yet" in result.stdout.lower()) or (
        second.startswith("0") and json.loads(result.stdout.split("exit=")[1].split("\n", 1)[1]) == []
    ), result.stdout

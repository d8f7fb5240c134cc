"""Where a sealed copy's decrypted working file lives while it is open, and what a crash leaves there.

The folder is the same each time one copy is opened (named from the sealed file's full path), in an
owner-only place (the RAM-backed runtime folder where there is one), so the next open finds a
working file that a crash left behind. While a copy is open its folder's `lock` is held (an OS lock,
released by the OS when the process dies): a held lock means "open in another window", a free one
beside a working file means "left by a session that ended without closing". `sealed.sha256` records
the snapshot last sealed, so a leftover with nothing new in it is simply removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from correspondence_desk.core.errors import StorageError

ROOT_NAME = "correspondence-desk-offline"
STATE = "sealed.sha256"
LOCK = "lock"


def _owner_only(path: Path) -> Path:
    """Make (or check) an owner-only folder that is not a link someone else planted."""
    path.mkdir(mode=0o700, exist_ok=True)
    info = os.lstat(path)
    if os.path.islink(path) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        raise StorageError(f"{path} is not a private folder of yours; an offline copy is not opened there.")
    if info.st_mode & 0o077:
        path.chmod(0o700)
    return path


def work_root() -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR") or ""
    if runtime and Path(runtime).is_dir() and os.access(runtime, os.W_OK):
        return _owner_only(Path(runtime) / ROOT_NAME)
    user = f"-{os.getuid()}" if hasattr(os, "getuid") else ""  # /tmp is shared on a POSIX system
    return _owner_only(Path(tempfile.gettempdir()) / f"{ROOT_NAME}{user}")


def work_folder(sealed: Path) -> Path:
    key = hashlib.sha256(str(Path(sealed).expanduser().absolute()).encode("utf-8")).hexdigest()[:24]
    return work_root() / key


def work_path(sealed: Path) -> Path:
    return work_folder(sealed) / (Path(sealed).stem + ".sqlite3")


def snapshot(path: Path) -> bytes:
    """The database as one consistent file, whatever is in its write-ahead log and even while another
    connection writes (SQLite's backup reads one snapshot); the same content gives the same bytes."""
    src = sqlite3.connect(path)
    try:
        mem = sqlite3.connect(":memory:")
        try:
            src.backup(mem)
            return mem.serialize()
        finally:
            mem.close()
    finally:
        src.close()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_state(folder: Path, sealed_digest: str) -> None:
    tmp = folder / f"{STATE}.new"
    tmp.write_text(sealed_digest, encoding="ascii")
    os.replace(tmp, folder / STATE)


def read_state(folder: Path) -> str:
    try:
        return (folder / STATE).read_text(encoding="ascii").strip()
    except OSError:
        return ""


class Lease:
    """The folder's lock, held while the copy is open in this process."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle: IO[bytes] | None = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file releases the OS lock
            self._handle = None


def take_lease(folder: Path, what: str) -> Lease:
    handle = (folder / LOCK).open("a+b")
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise StorageError(
            f"{what} is open in another window (or another command is using it): close it there first."
        ) from None
    return Lease(handle)


@dataclass(frozen=True)
class Leftover:
    """A working file that a session ending without closing (a crash, a kill) left behind."""

    path: Path
    modified: dt.datetime  # UTC
    unsealed: bool  # it holds changes the sealed file does not


def find_leftover(folder: Path) -> Leftover | None:
    """Called with the lease held. None: no working file there."""
    files = [p for p in folder.glob("*.sqlite3")]
    if not files:
        return None
    path = files[0]
    times = [p.stat().st_mtime for p in folder.glob(path.name + "*")]
    modified = dt.datetime.fromtimestamp(max(times), dt.UTC).replace(tzinfo=None)
    try:
        unsealed = digest(snapshot(path)) != read_state(folder)
    except sqlite3.DatabaseError:
        unsealed = False  # not a database any more: there is nothing in it to recover
    return Leftover(path, modified, unsealed)


def _overwrite(path: Path) -> None:
    """Zeros over the file before it is unlinked: on the RAM-backed folder that is the end of it; on a
    disk, a journaling file system or an SSD may keep older blocks (the folder is owner-only anyway)."""
    with contextlib.suppress(OSError):
        size = path.stat().st_size
        with path.open("r+b") as fh:
            block = b"\0" * 65536
            for _ in range(0, size, len(block)):
                fh.write(block)
            fh.flush()
            os.fsync(fh.fileno())


def remove_work(folder: Path, *, keep_folder: bool = False) -> None:
    """Remove the working database (and its log) securely; the lock and state go with the folder."""
    for path in sorted(folder.glob("*.sqlite3*")):
        _overwrite(path)
        path.unlink(missing_ok=True)
    if not keep_folder:
        for path in folder.iterdir():
            path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            folder.rmdir()

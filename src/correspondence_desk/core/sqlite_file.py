"""The SQLite file itself: looking at it without changing it, private files, backups, integrity.

Nothing here writes to a file before it is known to be ours and current: the first look is a
read-only connection (immutable when the file is in WAL mode with no -wal beside it, so not even
a -shm is left behind), and a file the app refuses keeps every byte, header included.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from correspondence_desk.core.errors import (
    CorruptDatabaseError,
    DatabaseMissingError,
    NotADatabaseError,
    StorageError,
)

SQLITE_HEADER = b"SQLite format 3\x00"
OUR_TABLES = frozenset({"alembic_version", "reports"})  # more missing: damage, which check reports


@dataclass(frozen=True)
class FileState:
    path: Path
    empty: bool  # no file, a 0-byte file, or an SQLite file with no tables yet
    tables: frozenset[str]
    revision: str | None
    read_only_reason: str  # "" when the app may write here
    wal: bool

    @property
    def ours(self) -> bool:
        return self.tables >= OUR_TABLES


def read_only_reason(path: Path) -> str:
    """Why this file cannot be written ("" if it can): read-only media, folder or file."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:  # a new file in folders still to make
        folder = folder.parent
    try:
        if os.statvfs(path if path.exists() else folder).f_flag & os.ST_RDONLY:
            return f"{path} is on read-only media"
    except OSError:
        pass
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} is a read-only file"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{path} is in a read-only folder"
    return ""


def check_sqlite_file(path: Path) -> None:
    """Refuse a path that is a folder or a file that is not SQLite (an empty file is fine)."""
    if path.is_dir():
        raise NotADatabaseError(f"{path} is a folder, not a database file.")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if header and header != SQLITE_HEADER:
        raise NotADatabaseError(f"{path} is not a Correspondence Desk database (it is not an SQLite file).")


def _in_wal_mode(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(20)
    return len(head) == 20 and head[18] == 2  # file format 2: WAL


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    quoted = urllib.parse.quote(str(path))
    return f"file:{quoted}?mode=ro" + ("&immutable=1" if immutable else "")


def quiet_read_only(path: Path) -> bool:
    """Open read-only as immutable? Only when nothing can be in flight: a file in WAL mode with no
    -wal beside it (so no -shm is made either, on a refused file or on read-only media)."""
    wal = _in_wal_mode(path)
    return wal and not Path(f"{path}-wal").exists()


@contextlib.contextmanager
def peek(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection that leaves no trace on the file."""
    try:
        conn = sqlite3.connect(read_only_uri(path, immutable=quiet_read_only(path)), uri=True)
    except sqlite3.Error as exc:
        raise StorageError(f"Cannot open {path}: {exc}.") from exc
    try:
        yield conn
    finally:
        conn.close()


def look_at(path: Path) -> FileState:
    """What is in the file, read without changing it; raise for a folder, a non-SQLite file or damage."""
    reason = read_only_reason(path)
    if not path.exists():
        return FileState(path, True, frozenset(), None, reason, False)
    check_sqlite_file(path)
    if path.stat().st_size == 0:
        return FileState(path, True, frozenset(), None, reason, False)
    try:
        with peek(path) as conn:
            tables = frozenset(
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            )
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        raise corrupt(path, exc) from exc
    empty = not (tables - {"alembic_version"}) and revision is None
    return FileState(path, empty, tables, revision, reason, _in_wal_mode(path))


def corrupt(path: Path, exc: Exception) -> StorageError:
    message = str(exc)
    lowered = message.lower()
    if "not a database" in lowered or "malformed" in lowered or "disk image" in lowered:
        return CorruptDatabaseError(
            f"{path} is damaged ({message}). Restore a backup, or open another database."
        )
    return StorageError(f"Cannot read {path}: {message}.")


def create_private_file(path: Path, *, make_folder: bool = False, exist_ok: bool = False) -> None:
    """Make a new, empty, owner-only (0600) file; refuse to replace one that exists (unless
    `exist_ok`: another process made it a moment ago, and it is left as that process made it)."""
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if exist_ok:
            return
        raise StorageError(f"{path} already exists; choose another name (nothing was overwritten).") from None
    except OSError as exc:
        raise StorageError(f"Cannot create {path}: {exc.strerror or exc}.") from exc
    os.close(fd)


def is_private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def missing(path: Path) -> DatabaseMissingError:
    return DatabaseMissingError(f"There is no database at {path}.")


# --- integrity ---------------------------------------------------------------------------------


def integrity_problems(path: Path) -> list[str]:
    """Run SQLite's integrity and foreign-key checks on a file, read-only; [] means healthy."""
    check_sqlite_file(path)
    try:
        with peek(path) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            problems = [] if rows == ["ok"] else rows
            fk = conn.execute("PRAGMA foreign_key_check").fetchall()
            problems += [f"broken link in table {r[0]} (row {r[1]}) to {r[2]}" for r in fk]
            return problems
    except StorageError as exc:
        return [str(exc)]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]


def copy_database(source: sqlite3.Connection, dest: Path) -> None:
    """A consistent copy of an open database into a new private file, WAL folded in, left in
    rollback-journal mode so it needs no -wal or -shm beside it (and opens on read-only media)."""
    create_private_file(dest)
    try:
        dst = sqlite3.connect(dest)
        try:
            source.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            dst.commit()
        finally:
            dst.close()
    except BaseException:
        dest.unlink(missing_ok=True)
        raise

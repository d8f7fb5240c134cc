"""Backups and restores of an SQLite desk (a server is backed up with pg_dump by its administrator).

A backup is a consistent copy (SQLite's online backup, WAL folded in), owner-only (0600), in
rollback-journal mode so it leaves no -wal or -shm beside it and opens from read-only media, and it
is checked (integrity_check) before it counts: a copy that fails is deleted, never kept. Automatic
backups are rotated, but the newest copy made before each kind of upgrade is always kept.

A restore keeps a copy of what it replaces, copies the backup in as one transaction (a kill leaves
the old database or the new one, never a mix), and records itself in the restored audit log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

from correspondence_desk.core import sqlite_file
from correspondence_desk.core.db import (
    BUSY_TIMEOUT_S,
    Database,
    current_actor,
    no_server_backup,
    open_database,
    refuse_revision,
)
from correspondence_desk.core.errors import (
    CorruptDatabaseError,
    DeskError,
    NotADatabaseError,
    StorageError,
)
from correspondence_desk.core.sqlite_file import copy_database, integrity_problems
from correspondence_desk.paths import DatabaseLocation, location_for

BACKUPS_KEPT = 20


def _timestamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _backup_folder(location: DatabaseLocation) -> Path:
    folder = location.backup_dir
    assert folder is not None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"Cannot create the backups folder {folder}: {exc.strerror or exc}.") from exc
    return folder


def backup_database(db: Database, dest: Path | None = None, *, reason: str = "manual") -> Path:
    """Copy the SQLite database to `dest` (or the backups folder) and verify the copy."""
    loc = db.location
    if loc.path is None:
        raise no_server_backup()
    name = f"{loc.path.stem}-{_timestamp()}-{reason}.sqlite3"
    folder = None
    if dest is None:
        folder = _backup_folder(loc)
        dest = folder / name
    elif dest.is_dir():
        dest = dest / name
    if dest.exists():
        raise DeskError(f"{dest} already exists; choose another name (nothing was overwritten).")
    raw = db.engine.raw_connection()
    try:
        copy_database(raw.driver_connection, dest)  # type: ignore[arg-type]
    except StorageError:
        raise
    except (sqlite3.Error, OSError) as exc:
        dest.unlink(missing_ok=True)
        raise StorageError(f"Could not write the backup {dest}: {exc}") from exc
    finally:
        raw.close()
    problems = integrity_problems(dest)
    if problems:
        dest.unlink(missing_ok=True)
        raise StorageError(f"The backup {dest} failed its check ({problems[0]}), so it was not kept.")
    if folder is not None:
        prune_backups(folder, loc.path.stem)
    return dest


def prune_backups(folder: Path, stem: str, keep: int = BACKUPS_KEPT) -> list[Path]:
    """Delete the oldest automatic backups beyond `keep`; the newest one made before each kind of
    upgrade stays whatever its age. Returns what was deleted."""
    automatic = sorted(folder.glob(f"{stem}-*-before-*.sqlite3"))
    kept = set(automatic[-keep:]) if keep else set()
    newest_of_kind: dict[str, Path] = {}
    for path in automatic:
        kind = path.name.split("-before-", 1)[1]
        if kind.startswith("upgrade"):
            newest_of_kind[kind] = path  # sorted oldest first: the last one wins
    kept |= set(newest_of_kind.values())
    removed = [p for p in automatic if p not in kept]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _safety_copy(location: DatabaseLocation) -> Path | None:
    """Keep what a restore is about to replace: a verified backup, or the raw bytes if it is damaged."""
    path = location.path
    assert path is not None
    if not path.exists() or path.stat().st_size == 0:
        return None
    folder = _backup_folder(location)
    try:
        state = sqlite_file.look_at(path)
        if not state.ours:
            raise NotADatabaseError(str(path))
        with sqlite_file.peek(path) as conn:
            dest = folder / f"{path.stem}-{_timestamp()}-before-restore.sqlite3"
            copy_database(conn, dest)
        if not integrity_problems(dest):
            return dest
        dest.unlink(missing_ok=True)
    except (StorageError, sqlite3.Error):
        pass
    dest = folder / f"{path.stem}-{_timestamp()}-before-restore-as-found.sqlite3"
    sqlite_file.create_private_file(dest)
    shutil.copyfile(path, dest)
    return dest


def restore_database(location: DatabaseLocation, source: Path, *, actor: str = "") -> Path | None:
    """Replace the database with a verified copy of `source`; the current one is kept first.

    Returns the path of that safety copy (None when there was no database yet).
    """
    if location.path is None:
        raise DeskError("Restore a server database with the server's own tools (pg_restore).")
    if not source.exists():
        raise DeskError(f"There is no backup file at {source}.")
    if location.path.exists() and source.resolve() == location.path.resolve():
        raise DeskError("The backup to restore is the database itself.")
    problems = integrity_problems(source)
    if problems:
        raise CorruptDatabaseError(f"{source} cannot be restored: {problems[0]}")
    state = sqlite_file.look_at(source)
    if state.revision is None or not state.ours:
        raise NotADatabaseError(f"{source} is not a Correspondence Desk database.")
    refuse_revision(location_for(source), state.revision, state.ours)
    safety = _safety_copy(location)
    _copy_in(source, location.path)
    db = open_database(location, create=False, migrate=True, actor=actor)
    try:
        from correspondence_desk.core.audit_log import append_event
        from correspondence_desk.core.write_lock import take_write_lock

        with db.engine.begin() as conn:
            take_write_lock(conn)
            append_event(
                conn,
                current_actor(actor),
                "database",
                None,
                "restore",
                {"source": str(source), "sha256": _file_sha256(source), "kept": str(safety or "")},
                summary=f"Restored from {source.name}",
            )
    finally:
        db.close()
    return safety


def _copy_in(source: Path, target: Path) -> None:
    """Copy `source` over `target` in one transaction of the target (WAL-safe); a target that is not
    a usable database is replaced whole instead, through a temporary file renamed into place."""
    if not target.exists():
        sqlite_file.create_private_file(target)
    src = sqlite3.connect(sqlite_file.read_only_uri(source), uri=True)
    try:
        try:
            dst = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S)
            try:
                src.backup(dst)
            finally:
                dst.close()
            return
        except sqlite3.DatabaseError:
            pass  # a damaged target: replace the file itself
        temp = target.with_name(f".{target.name}.restoring")
        temp.unlink(missing_ok=True)
        copy_database(src, temp)
        for side in ("-wal", "-shm"):
            Path(f"{target}{side}").unlink(missing_ok=True)
        temp.replace(target)
    finally:
        src.close()

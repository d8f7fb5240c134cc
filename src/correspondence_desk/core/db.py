"""Open, migrate, back up, restore and check the database.

Opening never damages what is there: a file that is not an SQLite database, a corrupt one, or one
written by a newer version of the app is refused with a clear StorageError and left untouched.
An existing file is backed up before any migration. When the schema is already current no
migration machinery (Alembic) is imported, which keeps the command line quick to start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from correspondence_desk.core.errors import (
    CorruptDatabaseError,
    DatabaseMissingError,
    DatabaseTooNewError,
    DeskError,
    NotADatabaseError,
    StorageError,
)
from correspondence_desk.paths import DatabaseLocation

# Every schema revision this version knows, oldest first (tests check it matches migrations/).
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0006")
HEAD_REVISION = KNOWN_REVISIONS[-1]
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 15
BACKUPS_KEPT = 20


@dataclass
class Database:
    location: DatabaseLocation
    engine: Engine
    session_factory: sessionmaker[Session]
    migrated_from: str | None = None  # the revision found before a start-up migration
    backup_path: Path | None = None  # the copy made before that migration
    created: bool = False  # a new, empty database was made

    def close(self) -> None:
        self.engine.dispose()


def make_engine(location: DatabaseLocation) -> Engine:
    if not location.is_sqlite:
        return create_engine(location.url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    engine = create_engine(location.url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    return engine


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


def read_revision(engine: Engine) -> tuple[str | None, set[str]]:
    """The schema revision stamped in the database (None if new) and the names of its tables."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
        else:
            from sqlalchemy import inspect

            names = set(inspect(conn).get_table_names())
        if "alembic_version" not in names:
            return None, names
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return (row[0] if row else None), names


def open_database(location: DatabaseLocation, *, create: bool = True, migrate: bool = True) -> Database:
    """Open (creating if allowed) and bring the schema up to date; raise StorageError on anything odd."""
    created = False
    if location.path is not None:
        path = location.path
        if not path.exists():
            if not create:
                raise DatabaseMissingError(f"There is no database at {path}.")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"Cannot create the folder {path.parent}: {exc.strerror or exc}.") from exc
            created = True
        else:
            check_sqlite_file(path)
    engine = make_engine(location)
    try:
        try:
            current, tables = read_revision(engine)
        except DBAPIError as exc:
            raise _storage_error(exc, location) from exc
        if current is None and tables - {"alembic_version"}:
            raise NotADatabaseError(
                f"{location} is an SQLite database of another application, "
                "not a Correspondence Desk database."
            )
        if current is not None and current not in KNOWN_REVISIONS:
            raise DatabaseTooNewError(
                f"{location} was written by a newer version of Correspondence Desk (schema {current}). "
                "This version cannot open it; install the newer version or open another database."
            )
        db = Database(location, engine, sessionmaker(engine, expire_on_commit=False), created=created)
        if current != HEAD_REVISION:
            if not migrate:
                raise StorageError(f"{location} needs upgrading before use (schema {current or 'none'}).")
            if current is not None and location.path is not None:
                db.backup_path = backup_database(db, reason=f"before-upgrade-from-{current}")
            from correspondence_desk.core.migrate import upgrade_to_head

            try:
                upgrade_to_head(engine)
            except DBAPIError as exc:
                raise _storage_error(exc, location) from exc
            db.migrated_from = current
        return db
    except BaseException:
        engine.dispose()
        raise


def _storage_error(exc: DBAPIError, location: DatabaseLocation) -> StorageError:
    message = str(exc.orig) if exc.orig is not None else str(exc)
    lowered = message.lower()
    if "malformed" in lowered or "not a database" in lowered or "disk image" in lowered:
        return CorruptDatabaseError(
            f"{location} is damaged ({message}). Restore a backup, or open another database."
        )
    if "locked" in lowered or "busy" in lowered:
        return StorageError(f"{location} is busy (another program is writing to it). Try again in a moment.")
    if "readonly" in lowered or "read-only" in lowered:
        return StorageError(f"{location} is read-only; changes cannot be saved.")
    if "unable to open" in lowered:
        return StorageError(f"Cannot open {location}: {message}.")
    if "connection" in lowered and not location.is_sqlite:
        return StorageError(f"Cannot reach the database server {location}: {message}")
    return StorageError(f"The database {location} reported an error: {message}")


@contextlib.contextmanager
def storage_errors(location: DatabaseLocation) -> Iterator[None]:
    """Turn driver errors (locked, corrupt, disk full) into StorageError; programming errors pass through."""
    try:
        yield
    except OperationalError as exc:
        raise _storage_error(exc, location) from exc
    except DBAPIError as exc:
        if (
            exc.orig is not None
            and isinstance(exc.orig, sqlite3.DatabaseError)
            and not isinstance(exc.orig, sqlite3.IntegrityError)
        ):
            raise _storage_error(exc, location) from exc
        raise


# --- backup, restore, check -------------------------------------------------------------------


def _timestamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _copy_sqlite(src: sqlite3.Connection, dest_path: Path) -> None:
    dst = sqlite3.connect(dest_path)
    try:
        src.backup(dst)  # consistent online copy, WAL included
    finally:
        dst.close()


def backup_database(db: Database, dest: Path | None = None, *, reason: str = "manual") -> Path:
    """Copy the SQLite database to `dest` (or the backups folder) and verify the copy."""
    loc = db.location
    if loc.path is None:
        raise DeskError("A server database is backed up by its administrator (pg_dump), not by the app.")
    if dest is None:
        assert loc.backup_dir is not None
        loc.backup_dir.mkdir(parents=True, exist_ok=True)
        dest = loc.backup_dir / f"{loc.path.stem}-{_timestamp()}-{reason}.sqlite3"
    elif dest.is_dir():
        dest = dest / f"{loc.path.stem}-{_timestamp()}-{reason}.sqlite3"
    if dest.exists():
        raise DeskError(f"{dest} already exists; choose another name (nothing was overwritten).")
    raw = db.engine.raw_connection()
    try:
        _copy_sqlite(raw.driver_connection, dest)  # type: ignore[arg-type]
    except (sqlite3.Error, OSError) as exc:
        dest.unlink(missing_ok=True)
        raise StorageError(f"Could not write the backup {dest}: {exc}") from exc
    finally:
        raw.close()
    problems = integrity_problems(dest)
    if problems:
        raise StorageError(f"The backup {dest} failed its check: {problems[0]}")
    _prune_backups(loc.backup_dir, loc.path.stem) if dest.parent == loc.backup_dir else None
    return dest


def _prune_backups(folder: Path | None, stem: str) -> None:
    if folder is None:
        return
    automatic = sorted(folder.glob(f"{stem}-*-before-*.sqlite3"))
    for old in automatic[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)


def integrity_problems(path: Path) -> list[str]:
    """Run SQLite's integrity and foreign-key checks on a file, read-only; [] means healthy."""
    check_sqlite_file(path)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [f"cannot open: {exc}"]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        problems = [] if rows == ["ok"] else rows
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        problems += [f"broken link in table {r[0]} (row {r[1]}) to {r[2]}" for r in fk]
        return problems
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


@dataclass
class CheckResult:
    location: str
    revision: str | None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(location: DatabaseLocation) -> CheckResult:
    if location.path is None:
        db = open_database(location, create=False)
        try:
            current, _ = read_revision(db.engine)
            return CheckResult(str(location), current)
        finally:
            db.close()
    if not location.path.exists():
        raise DatabaseMissingError(f"There is no database at {location.path}.")
    problems = integrity_problems(location.path)
    revision = None
    if not problems:
        engine = make_engine(location)
        try:
            revision, _ = read_revision(engine)
        finally:
            engine.dispose()
        if revision is not None and revision not in KNOWN_REVISIONS:
            problems.append(f"written by a newer version of the app (schema {revision})")
        elif revision is None:
            problems.append("not a Correspondence Desk database (no schema version)")
    return CheckResult(str(location), revision, problems)


def restore_database(location: DatabaseLocation, source: Path) -> Path | None:
    """Replace the database with a verified copy of `source`; the current one is backed up first.

    Returns the path of that safety backup (None when there was no database yet).
    """
    if location.path is None:
        raise DeskError("Restore a server database with the server's own tools (pg_restore).")
    if not source.exists():
        raise DeskError(f"There is no backup file at {source}.")
    if source.resolve() == location.path.resolve():
        raise DeskError("The backup to restore is the database itself.")
    problems = integrity_problems(source)
    if problems:
        raise CorruptDatabaseError(f"{source} cannot be restored: {problems[0]}")
    src_engine = make_engine(DatabaseLocation(f"sqlite:///{source}", source, True))
    try:
        revision, _ = read_revision(src_engine)
    finally:
        src_engine.dispose()
    if revision is None:
        raise NotADatabaseError(f"{source} is not a Correspondence Desk database.")
    if revision not in KNOWN_REVISIONS:
        raise DatabaseTooNewError(f"{source} was written by a newer version of Correspondence Desk.")
    safety = None
    if location.path.exists():
        current = open_database(location, create=False)
        try:
            safety = backup_database(current, reason="before-restore")
        finally:
            current.close()
    location.path.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        _copy_sqlite(src, location.path)
    finally:
        src.close()
    return safety

"""Open, migrate, back up and restore the database, on SQLite or PostgreSQL.

Opening never damages what is there. The first look is read-only; a file or server database that
is not ours, is damaged, or was written by a newer version is refused with a clear StorageError and
left exactly as it was (not even switched to WAL). Only then is it opened for writing, created or
upgraded — and only when the caller allows it (`create`, `migrate`): read-only commands pass False.
An SQLite file is backed up before an upgrade; upgrades are atomic and one process runs them.
Read-only media, files, folders and database roles open read-only: reading works, and a write gets
a ReadOnlyError saying why. When the schema is current no Alembic is imported (quick start-up).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from correspondence_desk.core import sqlite_file
from correspondence_desk.core.errors import (
    DatabaseTooNewError,
    DeskError,
    NeedsUpgradeError,
    NotADatabaseError,
    ReadOnlyError,
    StorageError,
)
from correspondence_desk.core.sqlite_file import check_sqlite_file, integrity_problems
from correspondence_desk.paths import DatabaseLocation

if TYPE_CHECKING:
    from correspondence_desk.core.checking import CheckResult

# Every schema revision this version knows, oldest first (tests check it matches migrations/).
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")
HEAD_REVISION = KNOWN_REVISIONS[-1]
BUSY_TIMEOUT_S = 15

__all__ = [
    "BUSY_TIMEOUT_S",
    "HEAD_REVISION",
    "KNOWN_REVISIONS",
    "Database",
    "backup_database",
    "check_database",
    "check_sqlite_file",
    "integrity_problems",
    "make_engine",
    "open_database",
    "open_for_command",
    "restore_database",
    "storage_errors",
]


@dataclass
class Database:
    location: DatabaseLocation
    engine: Engine
    session_factory: sessionmaker[Session]
    migrated_from: str | None = None  # the revision found before a start-up migration
    migrated_to: str | None = None  # the revision it was brought to (None: no migration ran)
    backup_path: Path | None = None  # the copy made before that migration
    created: bool = False  # a new, empty database was made
    read_only: bool = False
    read_only_reason: str = ""  # why, in words ("… is on read-only media")
    db_user: str = ""  # the PostgreSQL role the app acts as ("" on SQLite)
    _joined: ContextVar[Session | None] = field(
        default_factory=lambda: ContextVar("joined_session", default=None), repr=False
    )

    @property
    def upgrade_note(self) -> str:
        """One line saying what opening did to the schema ("" when nothing), for the CLI and the app."""
        if self.migrated_to is None:
            return ""
        if self.migrated_from is None:
            return f"Created the database schema (version {self.migrated_to}) in {self.location}."
        saved = f"; the previous version is saved as {self.backup_path}" if self.backup_path else ""
        return f"Upgraded {self.location} from schema {self.migrated_from} to {self.migrated_to}{saved}."

    def joined_session(self) -> Session | None:
        """The session of an enclosing `transaction()` on this thread, if any."""
        return self._joined.get()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction for several service calls (each joins it): all saved, or none."""
        outer = self._joined.get()
        if outer is not None:
            yield outer
            return
        with storage_errors(self.location), self.session_factory.begin() as session:
            token = self._joined.set(session)
            try:
                yield session
            finally:
                self._joined.reset(token)

    def when_committed(self, callback: Callable[[], object]) -> None:
        """Call `callback` (on the committing thread, as the commit is made) after each transaction
        any of this database's connections commits: a sealed copy is sealed again soon after."""
        event.listen(self.engine, "commit", lambda _conn: callback())

    def close(self) -> None:
        self.engine.dispose()


# --- engines -----------------------------------------------------------------------------------


def make_engine(location: DatabaseLocation, *, read_only: bool = False) -> Engine:
    if not location.is_sqlite:
        return _postgresql_engine(location.url)
    assert location.path is not None
    path = location.path
    if read_only:
        uri = sqlite_file.read_only_uri(path, immutable=sqlite_file.quiet_read_only(path))

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)

        engine = create_engine("sqlite://", creator=connect)
    else:
        engine = create_engine(location.url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if read_only:
            cur.execute("PRAGMA query_only=ON")
        else:
            cur.execute("PRAGMA journal_mode=WAL")
            # FULL: a commit is on disk (the WAL synced) before it is acknowledged, so a laptop that
            # loses power loses no saved change; NORMAL could lose the last few.
            cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    return engine


def _postgresql_engine(url: str) -> Engine:
    return create_engine(
        url,
        pool_pre_ping=True,  # a server restarted overnight: reconnect instead of failing the first click
        connect_args={"connect_timeout": 5, "application_name": "correspondence-desk"},
    )


def new_database(
    location: DatabaseLocation, engine: Engine, *, read_only_reason: str = "", **kw: Any
) -> Database:
    """A Database over an engine, its sessions guarded (guards.py: lengths, NUL, read-only, lock)."""
    from correspondence_desk.core.guards import install_guards

    db = Database(
        location,
        engine,
        sessionmaker(engine, expire_on_commit=False),
        read_only=bool(read_only_reason),
        read_only_reason=read_only_reason,
        **kw,
    )
    install_guards(db.session_factory, db)
    return db


# --- opening -----------------------------------------------------------------------------------


def open_database(
    location: DatabaseLocation,
    *,
    create: bool = True,
    migrate: bool = True,
    read_only: bool = False,
    actor: str = "",
) -> Database:
    """Open a database; create it (`create`) or bring its schema up to date (`migrate`) only if allowed.

    `read_only` opens it read-only whatever the file or role would allow. `actor` names who an
    upgrade is recorded as in the audit log (default: the OS user).
    """
    if location.is_sqlite:
        from correspondence_desk.core.open_sqlite import open_sqlite

        return open_sqlite(location, create=create, migrate=migrate, read_only=read_only, actor=actor)
    from correspondence_desk.core.open_postgres import open_postgres

    return open_postgres(location, create=create, migrate=migrate, read_only=read_only, actor=actor)


def open_for_command(location: DatabaseLocation, *, writes: bool, actor: str = "") -> Database:
    """How a command-line command opens the database. One that only reads never creates a database
    the user named (the per-user default is made on first use) and never upgrades a server's
    schema — that is its owner's step; a local file is upgraded after a backup, as the app does.
    Print `db.upgrade_note` afterwards: it says what opening did."""
    create = writes or not location.explicit
    migrate = writes or location.is_sqlite
    return open_database(location, create=create, migrate=migrate, actor=actor)


def refuse_revision(location: DatabaseLocation, revision: str | None, ours: bool) -> None:
    """Raise unless the revision is one this version knows (None: no schema yet)."""
    if revision is None or revision in KNOWN_REVISIONS:
        return
    if not ours:
        raise NotADatabaseError(f"{location} is not a Correspondence Desk database (another application's).")
    raise DatabaseTooNewError(
        f"{location} was written by a newer version of Correspondence Desk (schema {revision}). "
        "This version cannot open it; install the newer version or open another database."
    )


def needs_upgrade(location: DatabaseLocation, revision: str | None) -> NeedsUpgradeError:
    return NeedsUpgradeError(
        f"{location} needs upgrading from schema {revision or 'none'} to {HEAD_REVISION} before use; "
        "open it with the desktop app or a command that changes it, which upgrades it first."
    )


def current_actor(actor: str = "") -> str:
    if actor:
        return actor
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name (some services, containers)
        return "unknown"


# --- errors ------------------------------------------------------------------------------------


def storage_error(exc: DBAPIError, location: DatabaseLocation) -> StorageError:
    message = str(exc.orig).strip() if exc.orig is not None else str(exc)
    first = message.splitlines()[0] if message else message
    lowered = message.lower()
    where = "the file" if location.is_sqlite else "the server"
    if getattr(exc.orig, "sqlstate", None) in ("42501", "25006"):  # no privilege; read-only transaction
        return ReadOnlyError(f"{location} is read-only for your database role ({first}).")
    if "malformed" in lowered or "not a database" in lowered or "disk image" in lowered:
        from correspondence_desk.core.errors import CorruptDatabaseError

        return CorruptDatabaseError(
            f"{location} is damaged ({first}). Restore a backup, or open another database."
        )
    if "readonly" in lowered or "read-only" in lowered or "permission denied" in lowered:
        return ReadOnlyError(f"{location} is read-only for you; changes cannot be saved ({first}).")
    if "database or disk is full" in lowered or "no space left" in lowered or "disk i/o error" in lowered:
        return StorageError(
            f"Could not write to {location}: the disk is full or failing ({first}). Nothing was saved."
        )
    if "locked" in lowered or "busy" in lowered or "deadlock" in lowered:
        return StorageError(f"{location} is busy (someone else is writing to it). Try again in a moment.")
    if "unable to open" in lowered:
        return StorageError(f"Cannot open {location}: {first}.")
    if not location.is_sqlite and ("password" in lowered or "authentication failed" in lowered):
        from correspondence_desk.core.errors import ServerPasswordNeeded

        return ServerPasswordNeeded(f"The database server {location} needs your password ({first}).")
    if not location.is_sqlite and (
        "connect" in lowered or "server closed" in lowered or "terminat" in lowered
    ):
        return StorageError(f"Cannot reach the database server {location}: {first}")
    return StorageError(f"The database {location} reported an error from {where}: {first}")


@contextlib.contextmanager
def storage_errors(location: DatabaseLocation) -> Iterator[None]:
    """Turn driver errors (locked, corrupt, disk full, unreachable, read-only) into StorageError;
    programming errors and constraint violations pass through for the services to explain."""
    try:
        yield
    except OperationalError as exc:
        raise storage_error(exc, location) from exc
    except DBAPIError as exc:
        orig: Any = exc.orig
        sqlstate = getattr(orig, "sqlstate", None) or ""
        if sqlstate in ("42501", "25006"):  # insufficient privilege, read-only transaction
            raise ReadOnlyError(
                f"{location} is read-only for your database role; changes cannot be saved."
            ) from exc
        if sqlstate.startswith(("08", "57", "53", "58")):  # connection, shutdown, resources, system
            raise storage_error(exc, location) from exc
        if isinstance(orig, sqlite3.DatabaseError) and not isinstance(orig, sqlite3.IntegrityError):
            raise storage_error(exc, location) from exc
        raise


# --- backup, restore, check (SQLite files; a server is backed up with pg_dump) -------------------


def backup_database(db: Database, dest: Path | None = None, *, reason: str = "manual") -> Path:
    from correspondence_desk.core.backups import backup_database as backup

    return backup(db, dest, reason=reason)


def restore_database(location: DatabaseLocation, source: Path, *, actor: str = "") -> Path | None:
    from correspondence_desk.core.backups import restore_database as restore

    return restore(location, source, actor=actor)


def check_database(location: DatabaseLocation) -> CheckResult:
    from correspondence_desk.core.checking import check_database as check

    return check(location)


def no_server_backup() -> DeskError:
    return DeskError("A server database is backed up by its administrator (pg_dump), not by the app.")

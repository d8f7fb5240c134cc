"""Opening an SQLite file: look first (read-only), then open for writing only what is ours."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from correspondence_desk.core import db as dbmod
from correspondence_desk.core import sqlite_file
from correspondence_desk.core.db import (
    Database,
    current_actor,
    make_engine,
    needs_upgrade,
    new_database,
    refuse_revision,
    storage_error,
)
from correspondence_desk.core.errors import DatabaseMissingError, NotADatabaseError, ReadOnlyError
from correspondence_desk.paths import DatabaseLocation


def open_sqlite(
    location: DatabaseLocation, *, create: bool, migrate: bool, read_only: bool, actor: str
) -> Database:
    path = location.path
    assert path is not None
    if path.is_dir():
        raise NotADatabaseError(f"{path} is a folder, not a database file.")
    state = sqlite_file.look_at(path)  # raises for a non-SQLite file or a damaged one
    if not state.empty and not state.ours and state.revision is None:
        raise NotADatabaseError(
            f"{path} is an SQLite database of another application, not a Correspondence Desk database."
        )
    refuse_revision(location, state.revision, state.ours)
    reason = state.read_only_reason
    if read_only and not reason:
        reason = f"{path} was opened read-only"
    if state.empty:
        if not create:
            what = "There is no database at" if not path.exists() else "There is only an empty file at"
            if path.exists() and path.stat().st_size:
                what = "There is only an empty database file at"
            raise DatabaseMissingError(f"{what} {path} (no Correspondence Desk database yet).")
        if reason:
            raise ReadOnlyError(f"Cannot create a database: {reason}.")
        if not path.exists():
            # two first runs at once: the second finds the file made, and the upgrade's lock makes it wait
            sqlite_file.create_private_file(path, make_folder=True, exist_ok=True)
    elif state.revision != dbmod.HEAD_REVISION:
        if state.read_only_reason and migrate:
            raise ReadOnlyError(
                f"{location} was written by an older version (schema {state.revision}) and "
                f"{state.read_only_reason}, so it cannot be upgraded; copy it to a folder you can write "
                "to and open the copy."
            )
        if not migrate or read_only:
            raise needs_upgrade(location, state.revision)
    engine = make_engine(location, read_only=bool(reason))
    try:
        db = new_database(location, engine, read_only_reason=reason, created=state.empty)
        if state.revision != dbmod.HEAD_REVISION:
            if state.revision is not None:
                from correspondence_desk.core.backups import backup_database

                db.backup_path = backup_database(db, reason=f"before-upgrade-from-{state.revision}")
            from correspondence_desk.core.migrate import upgrade_to_head

            try:
                result = upgrade_to_head(engine, actor=current_actor(actor))
            except DBAPIError as exc:
                raise storage_error(exc, location) from exc
            db.migrated_from, db.migrated_to = result.before, result.after
            if not result.changed:  # another process upgraded it while this one waited
                db.migrated_to = None
        return db
    except BaseException:
        engine.dispose()
        raise

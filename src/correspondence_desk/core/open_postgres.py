"""Opening a PostgreSQL database: look first, then create or upgrade only what is ours and allowed."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from correspondence_desk.core import db as dbmod
from correspondence_desk.core.db import (
    Database,
    current_actor,
    make_engine,
    needs_upgrade,
    new_database,
    refuse_revision,
    storage_error,
    storage_errors,
)
from correspondence_desk.core.errors import NotADatabaseError, ReadOnlyError, StorageError
from correspondence_desk.paths import DatabaseLocation


def open_postgres(
    location: DatabaseLocation, *, create: bool, migrate: bool, read_only: bool, actor: str
) -> Database:
    from correspondence_desk.core.postgres import server_state

    engine = make_engine(location)
    try:
        with storage_errors(location), engine.connect() as conn:
            state = server_state(conn)
        if not state.empty and not state.ours:
            raise NotADatabaseError(
                f"{location} is a PostgreSQL database of another application (its tables are not "
                "Correspondence Desk's); nothing was changed."
            )
        refuse_revision(location, state.revision, state.ours)
        reason = ""
        if read_only:
            reason = f"{location} was opened read-only"
        elif state.read_only_server:
            reason = f"the server {location} only allows reading (a standby, or read-only by default)"
        elif state.may_write is False:
            reason = f"your database role {state.user} may only read {location}"
        if state.empty or state.revision is None:
            if not create:
                raise StorageError(
                    f"{location} has no Correspondence Desk tables yet (an empty database); set it up "
                    "with `correspondence-desk setup-server URL`."
                )
        elif state.revision != dbmod.HEAD_REVISION:
            if not migrate:
                raise needs_upgrade(location, state.revision)
            if reason:
                raise ReadOnlyError(
                    f"{location} needs upgrading from schema {state.revision} to {dbmod.HEAD_REVISION}, "
                    f"and {reason}: ask the administrator to upgrade it."
                )
        db = new_database(location, engine, read_only_reason=reason, db_user=state.user)
        if state.revision != dbmod.HEAD_REVISION:
            from correspondence_desk.core.migrate import upgrade_to_head

            try:
                result = upgrade_to_head(engine, actor=current_actor(actor))
            except DBAPIError as exc:
                error = storage_error(exc, location)
                if isinstance(error, ReadOnlyError):
                    raise ReadOnlyError(
                        f"{location} needs its schema {'created' if state.revision is None else 'upgraded'} "
                        f"by its owner, and your role {state.user} may not: ask the administrator "
                        "(`correspondence-desk setup-server URL`)."
                    ) from exc
                raise error from exc
            db.created = result.before is None and result.changed
            db.migrated_from = result.before
            db.migrated_to = result.after if result.changed else None
        return db
    except BaseException:
        engine.dispose()
        raise

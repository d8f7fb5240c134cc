"""Run the Alembic migrations shipped in the package (imported only when the schema is behind).

An upgrade is one transaction on both engines, so a failed or killed upgrade leaves the database as
it was: on SQLite it runs under BEGIN IMMEDIATE (pysqlite would otherwise run the DDL outside any
transaction), on PostgreSQL under an advisory lock. Either way one process migrates while the others
wait, then find the work done. An upgrade of an existing schema is recorded in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from correspondence_desk.core.write_lock import MIGRATION_LOCK_KEY, take_write_lock

SCRIPT_LOCATION = "correspondence_desk.core:migrations"
# outside the ORM: SQLite's FTS5 tables, PostgreSQL's generated search columns and their indexes
SEARCH_TABLE_PREFIX = "search_"
SEARCH_COLUMN = "search_vector"


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """What Alembic compares with the model (env.py, check and the tests use the same filter)."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_TABLE_PREFIX)
    if type_ == "column":
        return name != SEARCH_COLUMN
    if type_ == "index":
        return not name.endswith("_search")
    return True


@dataclass
class MigrationResult:
    before: str | None  # None: the schema was created
    after: str
    applied: list[str] = field(default_factory=list)  # revisions run, oldest first

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg


def script_revisions() -> list[str]:
    """All revisions in migrations/, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def _current(conn: Connection) -> str | None:
    if conn.dialect.name == "sqlite":
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).scalar()
    else:
        exists = conn.exec_driver_sql("SELECT to_regclass('alembic_version') IS NOT NULL").scalar()
    if not exists:
        return None
    found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(found) if found is not None else None


def upgrade_to_head(engine: Engine, *, actor: str = "", target: str = "head") -> MigrationResult:
    """Bring the schema to `target` in one transaction; a no-op when another process got there first."""
    cfg = alembic_config()
    revisions = script_revisions()
    goal = revisions[-1] if target == "head" else target
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations copy and drop tables: foreign keys must be off, and this pragma
            # only takes effect outside a transaction.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
            from correspondence_desk.core.postgres import act_as_owner

            act_as_owner(conn)
        try:
            before = _current(conn)
            start = revisions.index(before) + 1 if before in revisions else 0
            applied = revisions[start : revisions.index(goal) + 1] if before != goal else []
            if applied:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, goal)
                if sqlite:
                    broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                    if broken:
                        raise RuntimeError(f"migration left broken foreign keys: {broken[:3]}")
                else:
                    from correspondence_desk.core.postgres import apply_grants

                    apply_grants(conn)
                if before is not None and "0003" in revisions[: revisions.index(goal) + 1]:
                    _record(conn, actor, before, goal)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
    # pooled connections may keep foreign_keys=OFF; start afresh
    engine.dispose()
    return MigrationResult(before, goal, applied)


def _record(conn: Connection, actor: str, before: str, after: str) -> None:
    from correspondence_desk.core.audit_log import append_event

    take_write_lock(conn)
    append_event(
        conn,
        actor or "unknown",
        "database",
        None,
        "upgrade",
        {"schema": [before, after]},
        summary=f"Upgraded the schema from {before} to {after}",
    )


def downgrade_to(engine: Engine, target: str) -> None:
    """Take the schema back to `target` ("base": nothing) — for tests and an administrator's repair."""
    cfg = alembic_config()
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
        try:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, target)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
    engine.dispose()

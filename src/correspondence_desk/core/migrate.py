"""Run the Alembic migrations shipped in the package (imported only when the schema is behind)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine

SCRIPT_LOCATION = "correspondence_desk.core:migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg


def script_revisions() -> list[str]:
    """All revisions in migrations/, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def upgrade_to_head(engine: Engine) -> None:
    cfg = alembic_config()
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            # Batch migrations copy and drop tables: foreign keys must be off, and this pragma
            # only takes effect outside a transaction.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        if engine.dialect.name == "sqlite":
            broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
            conn.commit()
            if broken:
                raise RuntimeError(f"migration left broken foreign keys: {broken[:3]}")
    # pooled connections may keep foreign_keys=OFF; start afresh
    engine.dispose()

"""For migrations that copy the letters table on SQLite (batch "move and copy"): the copy drops the
table's triggers (the search triggers of 0002), so they are read first and made again after."""

from __future__ import annotations

from alembic import op


def letters_triggers() -> dict[str, str]:
    """The triggers on letters (SQLite), name → CREATE statement; none on PostgreSQL."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return {}
    rows = bind.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'letters' "
        "AND sql IS NOT NULL"
    )
    return {name: sql for name, sql in rows}


def restore_letters_triggers(triggers: dict[str, str]) -> None:
    """Make again the triggers the table copy dropped."""
    left = letters_triggers()
    for name, sql in triggers.items():
        if name not in left:
            op.execute(sql)

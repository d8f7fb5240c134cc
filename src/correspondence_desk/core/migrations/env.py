"""Alembic environment: always run on the connection handed in by core.migrate."""

from __future__ import annotations

from alembic import context

from correspondence_desk.core.model import Base

FTS_PREFIXES = ("search_",)  # SQLite full-text tables live outside the ORM


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    if type_ == "table" and name is not None:
        return not name.startswith(FTS_PREFIXES)
    return True


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("correspondence-desk migrations run through correspondence_desk.core.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_name=include_name,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

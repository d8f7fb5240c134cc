"""Alembic environment: always run on the connection handed in by core.migrate."""

from __future__ import annotations

from alembic import context

from correspondence_desk.core.migrate import include_name
from correspondence_desk.core.model import Base

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

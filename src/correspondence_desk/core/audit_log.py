"""Appending to the audit log from below the services (restore, copy, upgrades), chain included.

Services write their events through the ORM (services/base.py); both go through audit_chain.py.
The caller holds the write lock (write_lock.py), so the chain's head cannot move underneath it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from correspondence_desk.core.audit_chain import GENESIS, chained

EVENTS = sa.table(
    "audit_events",
    sa.column("id", sa.Integer),
    sa.column("at", sa.DateTime),
    sa.column("os_user", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("changes", sa.JSON),
    sa.column("summary", sa.Text),
    sa.column("db_user", sa.String),
    sa.column("prev_hash", sa.String),
    sa.column("chain_hash", sa.String),
)

CHAIN_COLUMNS = (
    EVENTS.c.id,
    EVENTS.c.at,
    EVENTS.c.os_user,
    EVENTS.c.entity,
    EVENTS.c.entity_id,
    EVENTS.c.action,
    EVENTS.c.changes,
    EVENTS.c.summary,
    EVENTS.c.prev_hash,
    EVENTS.c.chain_hash,
)


def head_hash(conn: Connection) -> str:
    found = conn.execute(sa.select(EVENTS.c.chain_hash).order_by(EVENTS.c.id.desc()).limit(1)).scalar()
    return found if found is not None else GENESIS


def append_event(
    conn: Connection,
    actor: str,
    entity: str,
    entity_id: int | None,
    action: str,
    changes: Mapping[str, Any] | None = None,
    summary: str = "",
) -> str:
    """Add one chained event; returns its hash."""
    event = chained(head_hash(conn), actor, entity, entity_id, action, changes, summary)
    conn.execute(sa.insert(EVENTS).values(**event.values(), db_user=""))
    return event.chain_hash

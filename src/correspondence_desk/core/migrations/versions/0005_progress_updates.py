"""progress updates as records, and office settings

Revision ID: 0005
Revises: 0004

`progress_updates`: each recommendation's dated history (RAG or complete, text, the owner who gave
it, the target date at that time, why it moved, who recorded it and from where). Rows are never
changed (a trigger refuses UPDATE on both engines); deleting a recommendation deletes its history.
`office_settings`: a small key/value table (how often updates are due…).

Every recommendation that already has a progress or a target date gets it as its first update,
dated from the audit log where the log knows when it was set (the latest edit of either; else the
day the recommendation was added), otherwise from its report's received (else logged) date. When
the log shows the target date moved to its present value with a reason, the first update says so.

Written in SQLAlchemy Core only (no SQL dialect), so it runs the same on SQLite and PostgreSQL.
Self-contained: it reads only columns every earlier revision has.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

NO_UPDATE_MESSAGE = "progress updates are never changed: record a new update instead"
BATCH = 1000


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


def upgrade() -> None:
    op.create_table(
        "office_settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_office_settings")),
    )
    updates = op.create_table(
        "progress_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("update_date", sa.Date(), nullable=False),
        sa.Column("progress", _enum("progress", "red", "amber", "green", "complete"), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("previous_target_date", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("source", _enum("updatesource", "typed", "workbook", "migrated"), nullable=False),
        sa.Column("source_ref", sa.String(length=64), nullable=True),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_progress_updates_recommendation_id_recommendations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_updates")),
        sa.UniqueConstraint(
            "recommendation_id", "source_ref", name="uq_progress_updates_recommendation_source"
        ),
    )
    with op.batch_alter_table("progress_updates", schema=None) as batch_op:
        batch_op.create_index(
            "ix_progress_updates_recommendation_date", ["recommendation_id", "update_date"], unique=False
        )
    _refuse_updates()
    _first_updates(updates)


def _refuse_updates() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER progress_updates_no_update BEFORE UPDATE ON progress_updates "
            f"BEGIN SELECT RAISE(ABORT, '{NO_UPDATE_MESSAGE}'); END"
        )
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION progress_updates_refuse_update() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{NO_UPDATE_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER progress_updates_no_update BEFORE UPDATE ON progress_updates "
            "FOR EACH ROW EXECUTE FUNCTION progress_updates_refuse_update()"
        )


# --- the first update of every recommendation that has a progress or a target date -------------

recommendations = sa.table(
    "recommendations",
    sa.column("id", sa.Integer()),
    sa.column("report_id", sa.Integer()),
    sa.column("owner", sa.String()),
    sa.column("progress", sa.String()),
    sa.column("target_date", sa.Date()),
)
reports = sa.table(
    "reports",
    sa.column("id", sa.Integer()),
    sa.column("received", sa.Date()),
    sa.column("created_at", sa.DateTime()),
)
audit_events = sa.table(
    "audit_events",
    sa.column("id", sa.Integer()),
    sa.column("at", sa.DateTime()),
    sa.column("os_user", sa.String()),
    sa.column("entity", sa.String()),
    sa.column("entity_id", sa.Integer()),
    sa.column("action", sa.String()),
    sa.column("changes", sa.JSON()),
)


def _from_audit(bind: sa.Connection) -> tuple[dict[int, Any], dict[int, Any], dict[int, Any], dict[int, Any]]:
    """Per recommendation: its latest edit of progress or target date, its latest target move,
    the edit that last marked it complete, and the event that added it."""
    edits: dict[int, Any] = {}
    moves: dict[int, Any] = {}
    completions: dict[int, Any] = {}
    created: dict[int, Any] = {}
    query = (
        sa.select(audit_events)
        .where(audit_events.c.entity == "recommendation", audit_events.c.action.in_(("update", "create")))
        .order_by(audit_events.c.id)
    )
    for event in bind.execute(query):
        if event.entity_id is None:
            continue
        if event.action == "create":
            created.setdefault(event.entity_id, event)
            continue
        changes = event.changes if isinstance(event.changes, dict) else {}
        if "progress" in changes or "target_date" in changes:
            edits[event.entity_id] = event
        if "target_date" in changes:
            moves[event.entity_id] = event
        progress = changes.get("progress")
        if isinstance(progress, list) and len(progress) == 2 and progress[1] == "complete":
            completions[event.entity_id] = event
    return edits, moves, completions, created


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _first_updates(updates: sa.Table) -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            recommendations.c.id,
            recommendations.c.owner,
            recommendations.c.progress,
            recommendations.c.target_date,
            reports.c.received,
            reports.c.created_at,
        )
        .join(reports, reports.c.id == recommendations.c.report_id)
        .where(sa.or_(recommendations.c.progress.is_not(None), recommendations.c.target_date.is_not(None)))
        .order_by(recommendations.c.id)
    ).all()
    if not rows:
        return
    edits, moves, completions, created = _from_audit(bind)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    batch: list[dict[str, Any]] = []
    for rec_id, owner, progress, target, received, created_at in rows:
        event = edits.get(rec_id) or created.get(rec_id)
        day = _date(event.at) if event is not None else (received or _date(created_at) or now.date())
        assert day is not None
        previous, reason = None, ""
        move = moves.get(rec_id)
        if move is not None:
            old_new = move.changes.get("target_date")
            if isinstance(old_new, list) and len(old_new) == 2 and _date(old_new[1]) == target:
                previous = _date(old_new[0])
                reason = str(move.changes.get("reason") or "") if previous else ""
        completed_on = None
        if progress == "complete":
            done = completions.get(rec_id)
            completed_on = _date(done.at) if done is not None else day
        batch.append(
            {
                "recommendation_id": rec_id,
                "update_date": day,
                "progress": progress,
                "text": "",
                "owner": owner or "",
                "target_date": target,
                "previous_target_date": previous,
                "reason": reason,
                "completed_on": completed_on,
                "recorded_by": (event.os_user if event is not None else "") or "migration",
                "recorded_at": event.at if event is not None else now,
                "source": "migrated",
                "source_ref": None,
                "source_sha256": "",
            }
        )
        if len(batch) == BATCH:
            bind.execute(sa.insert(updates), batch)
            batch = []
    if batch:
        bind.execute(sa.insert(updates), batch)


def downgrade() -> None:
    bind = op.get_bind()
    op.execute(
        "DROP TRIGGER IF EXISTS progress_updates_no_update"
        + (" ON progress_updates" if bind.dialect.name == "postgresql" else "")
    )
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS progress_updates_refuse_update()")
    with op.batch_alter_table("progress_updates", schema=None) as batch_op:
        batch_op.drop_index("ix_progress_updates_recommendation_date")
    op.drop_table("progress_updates")
    op.drop_table("office_settings")

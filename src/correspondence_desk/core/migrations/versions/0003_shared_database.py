"""tamper-evident audit on both engines, full-text search on PostgreSQL

Revision ID: 0003
Revises: 0002

The audit log gains a hash chain (prev_hash, chain_hash; core/audit_chain.py): events already there
are chained here, oldest first. It also records the PostgreSQL role that wrote each event (db_user,
set by the server from current_user, never by the client).

SQLite: a third trigger refuses REPLACE INTO on audit events (REPLACE deletes the old row without
firing delete triggers).

PostgreSQL: the append-only rule becomes triggers (UPDATE, DELETE, TRUNCATE refused), and search gets
what FTS5 gives SQLite: a maintained tsvector (a generated column) per searched table with a GIN
index, under a text search configuration that folds accents (unaccent) and keeps every word (no
stop words, no stemming), as FTS5's unicode61 tokenizer does. Punctuation becomes spaces before
parsing, so "CTA/2023/00051", "4.12" or "step-free" split into the same words on both engines.
"""

import sqlalchemy as sa
from alembic import op

from correspondence_desk.core.audit_chain import GENESIS, event_hash

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SEARCH_CONFIG = "desk_search"
# ASCII punctuation and the typographic marks office text is full of; each becomes a space
PUNCTUATION = (
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2010\u2011\u2012\u2013\u2014\u2015\u2026"
    "\u2022\u00b7\u00ab\u00bb\u2039\u203a\u00a1\u00bf\u00a7\u00b6\u2020\u2021\u2032\u2033"
    "\u00a0\u2009\u202f\u2007"
)
# table -> [(column, weight)]; FTS5's bm25 weights (2, 1) map to ts_rank's A and B
SEARCHED = {
    "reports": [("reference", "A"), ("title", "B")],
    "recommendations": [("label", "A"), ("text", "B")],
    "responses": [("text", "B")],
    "letters": [("reference", "A"), ("subject", "A"), ("body", "B")],
}
WORD_TOKENS = (
    "word, hword, hword_part, asciiword, asciihword, hword_asciipart, numword, numhword, hword_numpart"
)


def _is_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _vector(table: str) -> str:
    spaces = " " * len(PUNCTUATION)
    parts = [
        f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, "
        f"translate(coalesce({column}, ''), $p${PUNCTUATION}$p$, '{spaces}')), '{weight}')"
        for column, weight in SEARCHED[table]
    ]
    return " || ".join(parts)


def _chain_existing_events() -> None:
    """Hash every event already in the log, oldest first (the triggers are not there yet)."""
    bind = op.get_bind()
    events = sa.table(
        "audit_events",
        sa.column("id", sa.Integer),
        sa.column("at", sa.DateTime),
        sa.column("os_user", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("changes", sa.JSON),
        sa.column("summary", sa.Text),
        sa.column("prev_hash", sa.String),
        sa.column("chain_hash", sa.String),
    )
    prev = GENESIS
    rows = bind.execute(
        sa.select(
            events.c.id,
            events.c.at,
            events.c.os_user,
            events.c.entity,
            events.c.entity_id,
            events.c.action,
            events.c.changes,
            events.c.summary,
        ).order_by(events.c.id)
    ).all()
    updates = []
    for event_id, at, os_user, entity, entity_id, action, changes, summary in rows:
        digest = event_hash(prev, at, os_user, entity, entity_id, action, changes or {}, summary)
        updates.append({"event_id": event_id, "prev": prev, "digest": digest})
        prev = digest
    if updates:
        bind.execute(
            events.update()
            .where(events.c.id == sa.bindparam("event_id"))
            .values(prev_hash=sa.bindparam("prev"), chain_hash=sa.bindparam("digest")),
            updates,
        )


def upgrade() -> None:
    postgresql = _is_postgresql()
    if not postgresql:
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("db_user", sa.String(length=100), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("chain_hash", sa.String(length=64), nullable=False, server_default=""))
    _chain_existing_events()
    if postgresql:
        _postgresql_audit()
        _postgresql_search()
    else:
        _sqlite_audit()


def _sqlite_audit() -> None:
    refuse = "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    op.execute(f"CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events {refuse}")
    op.execute(f"CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events {refuse}")
    # REPLACE INTO deletes the row it replaces without firing delete triggers: refuse it first
    op.execute(
        "CREATE TRIGGER audit_events_no_replace BEFORE INSERT ON audit_events "
        "WHEN EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id) "
        f"{refuse}"
    )


def _postgresql_audit() -> None:
    op.execute(
        "CREATE FUNCTION desk_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege'; END $$"
    )
    op.execute(
        "CREATE FUNCTION desk_audit_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "NEW.db_user := current_user; RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION desk_audit_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION desk_audit_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_events_stamp BEFORE INSERT ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION desk_audit_stamp()"
    )


def _postgresql_search() -> None:
    bind = op.get_bind()
    has_unaccent = bind.exec_driver_sql(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'"
    ).scalar()
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = pg_catalog.simple)")
    if has_unaccent:
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        op.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} ALTER MAPPING FOR {WORD_TOKENS} "
            "WITH unaccent, simple"
        )
    for table in SEARCHED:
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({_vector(table)}) STORED"
        )
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin (search_vector)")


def downgrade() -> None:
    if _is_postgresql():
        for table in SEARCHED:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
            op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
        op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {SEARCH_CONFIG}")
        for trigger in ("audit_events_no_change", "audit_events_no_truncate", "audit_events_stamp"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS desk_audit_append_only()")
        op.execute("DROP FUNCTION IF EXISTS desk_audit_stamp()")
    else:
        for trigger in ("audit_events_no_replace", "audit_events_no_update", "audit_events_no_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_column("chain_hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("db_user")
    if not _is_postgresql():  # the table was rebuilt without its 0001 triggers: put them back
        refuse = "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        op.execute(f"CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events {refuse}")
        op.execute(f"CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events {refuse}")

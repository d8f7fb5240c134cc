"""full-text search (SQLite FTS5) and dashboard indexes

Revision ID: 0002
Revises: 0001

External-content FTS5 tables named search_* (env.py leaves them out of autogenerate) over reports,
recommendations, responses and letters, kept in step by triggers. A trigger's 'delete' command must
pass the OLD column values, or the index silently goes out of step. On PostgreSQL, or an SQLite
built without FTS5, no search table is created and the search service falls back to plain matching.
Three indexes on recommendations let the dashboard count by position, progress and overdue deadline
without reading every row.
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# search table -> (content table, indexed columns)
INDEXES = {
    "search_reports": ("reports", ("reference", "title")),
    "search_recommendations": ("recommendations", ("label", "text")),
    "search_responses": ("responses", ("text",)),
    "search_letters": ("letters", ("reference", "subject", "body")),
}


def _fts5_available() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    options = {row[0] for row in bind.exec_driver_sql("PRAGMA compile_options")}
    return "ENABLE_FTS5" in options


def upgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.create_index("ix_recommendations_position", ["position"], unique=False)
        batch_op.create_index("ix_recommendations_progress", ["progress"], unique=False)
        batch_op.create_index(
            "ix_recommendations_deadline_progress",
            ["deadline", "progress", "position", "report_id"],
            unique=False,
        )
    if not _fts5_available():
        return
    for fts, (table, cols) in INDEXES.items():
        names = ", ".join(cols)
        new = ", ".join(f"new.{c}" for c in cols)
        old = ", ".join(f"old.{c}" for c in cols)
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old}); END"
        )
        # Only when an indexed column is written: saving a status or version leaves the index alone.
        op.execute(
            f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {names} ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old}); "
            f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new}); END"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for fts in INDEXES:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_index("ix_recommendations_deadline_progress")
        batch_op.drop_index("ix_recommendations_progress")
        batch_op.drop_index("ix_recommendations_position")

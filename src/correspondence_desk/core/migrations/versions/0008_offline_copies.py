"""offline copies: where a copy came from, each record as taken, and the server's notices

Revision ID: 0008
Revises: 0007

On the server: offline_copies (who took which copy when, and when it came back) and
offline_copy_reports (the reports each holds, for the "taken offline by … on …" notice). In a copy:
offline_origin (one row: the server, when, by whom, where its own offline history starts) and
offline_base (each record's values when taken: the base of the three-way merge at check-in). New
tables only: no table copy, no trigger touched.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offline_copies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("copy_id", sa.String(length=36), nullable=False),
        sa.Column("taken_by", sa.String(length=100), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("protected", sa.Boolean(), nullable=False),
        sa.Column("brought_back_at", sa.DateTime(), nullable=True),
        sa.Column("brought_back_by", sa.String(length=100), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_copies")),
        sa.UniqueConstraint("copy_id", name=op.f("uq_offline_copies_copy_id")),
    )
    op.create_table(
        "offline_copy_reports",
        sa.Column("copy_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["copy_id"],
            ["offline_copies.id"],
            name=op.f("fk_offline_copy_reports_copy_id_offline_copies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_offline_copy_reports_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("copy_id", "report_id", name=op.f("pk_offline_copy_reports")),
    )
    op.create_index(
        op.f("ix_offline_copy_reports_report_id"), "offline_copy_reports", ["report_id"], unique=False
    )
    op.create_table(
        "offline_origin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("copy_id", sa.String(length=36), nullable=False),
        sa.Column("server", sa.String(length=500), nullable=False),
        sa.Column("taken_by", sa.String(length=100), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("server_head", sa.String(length=64), nullable=False),
        sa.Column("first_event_id", sa.Integer(), nullable=False),
        sa.Column("protected", sa.Boolean(), nullable=False),
        sa.Column("brought_back_at", sa.DateTime(), nullable=True),
        sa.Column("brought_back_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_origin")),
    )
    op.create_table(
        "offline_base",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_key", sa.String(length=200), nullable=False),
        sa.Column("row_values", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_key", name=op.f("pk_offline_base")),
    )


def downgrade() -> None:
    op.drop_table("offline_base")
    op.drop_table("offline_origin")
    op.drop_index(op.f("ix_offline_copy_reports_report_id"), table_name="offline_copy_reports")
    op.drop_table("offline_copy_reports")
    op.drop_table("offline_copies")

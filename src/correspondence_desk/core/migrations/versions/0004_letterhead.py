"""the office's letterhead, and each issued letter's snapshot

Revision ID: 0004
Revises: 0003

One `letterheads` row holds the organisation's name, logo, sender address, footer line, default
marking and the reference pattern for new letters. `letters.issued_snapshot` keeps the letter as it
was issued (with its letterhead), so reprints of an issued letter in every form show what was sent.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MARKINGS = ("", "OFFICIAL", "OFFICIAL-SENSITIVE")


def upgrade() -> None:
    op.create_table(
        "letterheads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=120), nullable=False),
        sa.Column("short_name", sa.String(length=20), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("logo_media_type", sa.String(length=40), nullable=False),
        sa.Column("logo_alt", sa.String(length=300), nullable=False),
        sa.Column("logo_decorative", sa.Boolean(), nullable=False),
        sa.Column("sender_address", sa.Text(), nullable=False),
        sa.Column("footer", sa.String(length=160), nullable=False),
        sa.Column(
            "marking",
            sa.Enum(*MARKINGS, name="marking", native_enum=False, length=32, create_constraint=True),
            nullable=False,
        ),
        sa.Column("reference_pattern", sa.String(length=100), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letterheads")),
    )
    op.add_column("letters", sa.Column("issued_snapshot", sa.JSON(), nullable=True))  # no table copy


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # ALTER TABLE … DROP COLUMN (SQLite 3.35+) keeps the table, and so its triggers (the search
        # index's and the audit's); a batch copy would drop them
        op.execute("ALTER TABLE letters DROP COLUMN issued_snapshot")
    else:
        op.drop_column("letters", "issued_snapshot")
    op.drop_table("letterheads")

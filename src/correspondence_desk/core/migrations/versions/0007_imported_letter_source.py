"""imported letters keep the document they were read from

Revision ID: 0007
Revises: 0006

A past response letter imported from a document keeps that document (the same attachment as its
report's source): printing it gives the document as received, never a letter made up around what
was read. `letters.source_attachment_id` → attachments, SET NULL.

SQLite adds a foreign key only by copying the table (batch "move and copy"), which drops its
triggers (the search triggers of 0002): they are read first and made again after, as in 0006.
"""

import sqlalchemy as sa
from alembic import op

from correspondence_desk.core.migrations.letters_triggers import letters_triggers, restore_letters_triggers

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

FK = "fk_letters_source_attachment_id_attachments"


def upgrade() -> None:
    triggers = letters_triggers()
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_attachment_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f(FK), "attachments", ["source_attachment_id"], ["id"], ondelete="SET NULL"
        )
    restore_letters_triggers(triggers)


def downgrade() -> None:
    triggers = letters_triggers()
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(FK), type_="foreignkey")
        batch_op.drop_column("source_attachment_id")
    restore_letters_triggers(triggers)

"""a progress update letter reports the updates since a date

Revision ID: 0009
Revises: 0008

`letters.updates_since` (a date, NULL for every other kind): a progress update letter prints, for
each recommendation, the latest progress update on or after it. A new letter takes the date of the
last issued letter about its report; the author can change it.

Adding a nullable column is a plain ALTER TABLE on both engines. Dropping it on SQLite copies the
table (batch "move and copy"), which drops its triggers (the search triggers of 0002): they are
read first and made again after, as in 0006 and 0007.
"""

import sqlalchemy as sa
from alembic import op

from correspondence_desk.core.migrations.letters_triggers import letters_triggers, restore_letters_triggers

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("letters", sa.Column("updates_since", sa.Date(), nullable=True))


def downgrade() -> None:
    triggers = letters_triggers()
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_column("updates_since")
    restore_letters_triggers(triggers)

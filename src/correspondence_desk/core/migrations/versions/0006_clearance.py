"""clearance: colleagues, clearance routes and what each clearer did, letter kinds, expected dates

Revision ID: 0006
Revises: 0005

New tables: colleagues (who "me" is), clearance_steps (a letter's route, in order),
clearance_actions (every send, clearance and return, with the snapshot and PDF SHA-256 the colleague
saw), expected_responses (a holding letter's new expected date and reason; the report's own due date
is left as it was); the office settings live in the table 0005 made. Letters gain `kind` and
`report_id` (the report a letter is about even when it answers no recommendation), and two
statuses: in_clearance and cleared. The unused "approved" becomes "cleared" (it stays allowed, so an
older copy still reads).

Changing the status CHECK makes SQLite copy the letters table (a batch "move and copy"), which drops
every trigger on it: they are read first and made again after (the search triggers of 0002, and any
other migration's).
"""

import sqlalchemy as sa
from alembic import op

from correspondence_desk.core.migrations.letters_triggers import letters_triggers, restore_letters_triggers

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OLD_STATUSES = ("draft", "approved", "issued")
NEW_STATUSES = ("draft", "in_clearance", "cleared", "approved", "issued")


def _status_check(statuses: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{s}'" for s in statuses) + ")"


def upgrade() -> None:
    op.create_table(
        "colleagues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_colleagues")),
        sa.UniqueConstraint("login", name=op.f("uq_colleagues_login")),
    )
    op.create_table(
        "clearance_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("colleague_id", sa.Integer(), nullable=True),
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.Column("step_number", sa.Integer(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "sent",
                "cleared",
                "returned",
                name="clearanceoutcome",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=True),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.Column("typo_fix", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["colleague_id"],
            ["colleagues.id"],
            name=op.f("fk_clearance_actions_colleague_id_colleagues"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_clearance_actions_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clearance_actions")),
    )
    op.create_index(op.f("ix_clearance_actions_letter_id"), "clearance_actions", ["letter_id"], unique=False)
    op.create_table(
        "clearance_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("colleague_id", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "waiting",
                "current",
                "cleared",
                "returned",
                name="stepstate",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["clearance_actions.id"],
            name=op.f("fk_clearance_steps_action_id_clearance_actions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["colleague_id"],
            ["colleagues.id"],
            name=op.f("fk_clearance_steps_colleague_id_colleagues"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_clearance_steps_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clearance_steps")),
        sa.UniqueConstraint("letter_id", "sort_order", name="uq_clearance_steps_letter_order"),
    )
    op.create_index(op.f("ix_clearance_steps_letter_id"), "clearance_steps", ["letter_id"], unique=False)
    op.create_index(
        op.f("ix_clearance_steps_colleague_id"), "clearance_steps", ["colleague_id"], unique=False
    )
    op.create_index("ix_clearance_steps_state_due", "clearance_steps", ["state", "due"], unique=False)
    op.create_table(
        "expected_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("expected", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_expected_responses_letter_id_letters"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_expected_responses_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expected_responses")),
    )
    op.create_index(
        op.f("ix_expected_responses_report_id"), "expected_responses", ["report_id"], unique=False
    )

    triggers = letters_triggers()
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=24), nullable=False, server_default="final"))
        batch_op.add_column(sa.Column("report_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_letters_report_id_reports"), "reports", ["report_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_index(op.f("ix_letters_report_id"), ["report_id"], unique=False)
        batch_op.drop_constraint(op.f("ck_letters_letterstatus"), type_="check")
        batch_op.create_check_constraint(op.f("ck_letters_letterstatus"), _status_check(NEW_STATUSES))
    restore_letters_triggers(triggers)
    op.execute("UPDATE letters SET status = 'cleared' WHERE status = 'approved'")
    # a letter written before 0006 is about the report of its first response
    op.execute(
        "UPDATE letters SET report_id = (SELECT recommendations.report_id FROM responses "
        "JOIN recommendations ON recommendations.id = responses.recommendation_id "
        "WHERE responses.letter_id = letters.id ORDER BY responses.sort_order, responses.id LIMIT 1)"
    )


def downgrade() -> None:
    op.execute("UPDATE letters SET status = 'draft' WHERE status = 'in_clearance'")
    op.execute("UPDATE letters SET status = 'approved' WHERE status = 'cleared'")
    triggers = letters_triggers()
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_letters_letterstatus"), type_="check")
        batch_op.create_check_constraint(op.f("ck_letters_letterstatus"), _status_check(OLD_STATUSES))
        batch_op.drop_index(op.f("ix_letters_report_id"))
        batch_op.drop_constraint(op.f("fk_letters_report_id_reports"), type_="foreignkey")
        batch_op.drop_column("report_id")
        batch_op.drop_column("kind")
    restore_letters_triggers(triggers)
    op.drop_index(op.f("ix_expected_responses_report_id"), table_name="expected_responses")
    op.drop_table("expected_responses")
    op.drop_index("ix_clearance_steps_state_due", table_name="clearance_steps")
    op.drop_index(op.f("ix_clearance_steps_colleague_id"), table_name="clearance_steps")
    op.drop_index(op.f("ix_clearance_steps_letter_id"), table_name="clearance_steps")
    op.drop_table("clearance_steps")
    op.drop_index(op.f("ix_clearance_actions_letter_id"), table_name="clearance_actions")
    op.drop_table("clearance_actions")
    op.drop_table("colleagues")

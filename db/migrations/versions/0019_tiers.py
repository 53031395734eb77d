"""Meetings above the team: escalations a team hands up to its department and unit, with the
answer that comes back, and the meeting time of each level (department, unit) as settings.

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("org_units") as batch:
        batch.add_column(sa.Column("department_meeting_time", sa.Time(), nullable=True))
        batch.add_column(sa.Column("unit_meeting_time", sa.Time(), nullable=True))
    op.create_table(
        "escalations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("capacity_gap", "blocker", "improvement", "kpi_action", name="escalationkind", native_enum=False, length=24), nullable=False),
        sa.Column("status", sa.Enum("open", "escalated", "answered", "closed", name="escalationstatus", native_enum=False, length=24), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("raised_by", sa.String(length=120), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("escalated_at", sa.DateTime(), nullable=True),
        sa.Column("answer", sa.Enum("borrow", "overtime", "temporary_staff", "note", name="answer", native_enum=False, length=24), nullable=True),
        sa.Column("answer_org_id", sa.Integer(), nullable=True),
        sa.Column("answer_hours", sa.Float(), nullable=True),
        sa.Column("answer_people", sa.Integer(), nullable=True),
        sa.Column("answer_params", sa.JSON(), nullable=True),
        sa.Column("answer_note", sa.String(length=500), nullable=False),
        sa.Column("answered_by", sa.String(length=120), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('capacity_gap', 'blocker', 'improvement', 'kpi_action')", name=op.f("ck_escalations_kind_valid")
        ),
        sa.CheckConstraint(
            "status IN ('open', 'escalated', 'answered', 'closed')", name=op.f("ck_escalations_status_valid")
        ),
        sa.CheckConstraint(
            "answer IS NULL OR answer IN ('borrow', 'overtime', 'temporary_staff', 'note')",
            name=op.f("ck_escalations_answer_valid"),
        ),
        sa.CheckConstraint("hours IS NULL OR (hours > 0 AND hours <= 1000)", name=op.f("ck_escalations_hours_range")),
        sa.CheckConstraint("amount IS NULL OR amount >= 0", name=op.f("ck_escalations_amount_nonneg")),
        sa.CheckConstraint(
            "answer_hours IS NULL OR (answer_hours >= 0 AND answer_hours <= 1000)",
            name=op.f("ck_escalations_answer_hours_range"),
        ),
        sa.CheckConstraint(
            "answer_people IS NULL OR answer_people >= 0", name=op.f("ck_escalations_answer_people_nonneg")
        ),
        sa.CheckConstraint("length(note) > 0", name=op.f("ck_escalations_note_required")),
        sa.ForeignKeyConstraint(
            ["team_id"], ["org_units.id"], name=op.f("fk_escalations_team_id_org_units"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_units.id"], name=op.f("fk_escalations_org_unit_id_org_units"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["answer_org_id"], ["org_units.id"], name=op.f("fk_escalations_answer_org_id_org_units"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], name=op.f("fk_escalations_task_id_tasks"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalations")),
    )
    with op.batch_alter_table("escalations") as batch:
        batch.create_index("ix_escalations_org_status", ["org_unit_id", "status"], unique=False)
        batch.create_index("ix_escalations_team_status", ["team_id", "status"], unique=False)


def downgrade() -> None:
    op.drop_table("escalations")
    with op.batch_alter_table("org_units") as batch:
        batch.drop_column("unit_meeting_time")
        batch.drop_column("department_meeting_time")

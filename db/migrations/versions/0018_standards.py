"""Standards, training and process confirmation: the unit's library of standards (levels,
versions, covered tasks), training entries, job roles' duties per task, the leaders' process
confirmations and the goal-board measures they feed; the confirmation rules as settings of the
org units (a team's NULL inherits) and the day a person started in the team.

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "process_confirmations",
    "trainings",
    "standard_versions",
    "standard_tasks",
    "task_duties",
    "standards",
    "confirmation_measures",
    "standard_levels",
)
ORG_COLUMNS = ("confirmations_per_week", "confirmations_per_new_person", "new_person_weeks", "follow_up_days")
ORG_CHECKS = ("confirmations_range", "confirmations_new_range", "new_weeks_range", "follow_up_range")


def upgrade() -> None:
    op.create_table(
        "standard_levels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("name_da", sa.String(length=120), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_standard_levels_unit_id_org_units"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard_levels")),
        sa.UniqueConstraint("unit_id", "key", name=op.f("uq_standard_levels_unit_id_key")),
    )
    op.create_table(
        "confirmation_measures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("done_measure_id", sa.Integer(), nullable=True),
        sa.Column("followed_measure_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["done_measure_id"],
            ["measures.id"],
            name=op.f("fk_confirmation_measures_done_measure_id_measures"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["followed_measure_id"],
            ["measures.id"],
            name=op.f("fk_confirmation_measures_followed_measure_id_measures"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name=op.f("fk_confirmation_measures_unit_id_org_units"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_confirmation_measures")),
        sa.UniqueConstraint("unit_id", name=op.f("uq_confirmation_measures_unit_id")),
    )
    op.create_table(
        "standards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(title) > 0", name=op.f("ck_standards_title_required")),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_units.id"], name=op.f("fk_standards_org_unit_id_org_units"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_standards_owner_id_people"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standards")),
        sa.UniqueConstraint("org_unit_id", "title", name=op.f("uq_standards_org_unit_id_title")),
    )
    op.create_index("ix_standards_org_unit", "standards", ["org_unit_id"], unique=False)
    op.create_table(
        "task_duties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("job_role", sa.String(length=60), nullable=False),
        sa.Column(
            "duty",
            sa.Enum("responsible", "performing", "consulted", "informed", name="duty", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "duty IN ('responsible', 'performing', 'consulted', 'informed')", name=op.f("ck_task_duties_duty_valid")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_duties_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_duties")),
        sa.UniqueConstraint("task_id", "job_role", name=op.f("uq_task_duties_task_id_job_role")),
    )
    op.create_table(
        "standard_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("standard_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["standard_id"], ["standards.id"], name=op.f("fk_standard_tasks_standard_id_standards"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_standard_tasks_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard_tasks")),
        sa.UniqueConstraint("standard_id", "task_id", name=op.f("uq_standard_tasks_standard_id_task_id")),
    )
    op.create_index("ix_standard_tasks_task", "standard_tasks", ["task_id"], unique=False)
    op.create_table(
        "standard_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("standard_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("change_note", sa.Text(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=True),
        sa.Column("made_by", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("number >= 1", name=op.f("ck_standard_versions_number_positive")),
        sa.ForeignKeyConstraint(
            ["card_id"],
            ["improvement_cards.id"],
            name=op.f("fk_standard_versions_card_id_improvement_cards"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["standard_id"],
            ["standards.id"],
            name=op.f("fk_standard_versions_standard_id_standards"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard_versions")),
        sa.UniqueConstraint("standard_id", "number", name=op.f("uq_standard_versions_standard_id_number")),
    )
    op.create_index("ix_standard_versions_card", "standard_versions", ["card_id"], unique=False)
    op.create_table(
        "trainings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column(
            "method",
            sa.Enum("information", "side_by_side", "one_to_one", name="trainingmethod", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column(
            "reason",
            sa.Enum("new_version", "confirmation", "plan", name="trainingreason", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("planned_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by", sa.String(length=120), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "method IN ('information', 'side_by_side', 'one_to_one')", name=op.f("ck_trainings_method_valid")
        ),
        sa.CheckConstraint("reason IN ('new_version', 'confirmation', 'plan')", name=op.f("ck_trainings_reason_valid")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_trainings_person_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], name=op.f("fk_trainings_task_id_tasks"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["standard_versions.id"],
            name=op.f("fk_trainings_version_id_standard_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainings")),
    )
    op.create_index("ix_trainings_person", "trainings", ["person_id"], unique=False)
    op.create_index("ix_trainings_task", "trainings", ["task_id"], unique=False)
    op.create_table(
        "process_confirmations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("found", sa.Boolean(), nullable=False),
        sa.Column(
            "followed", sa.Enum("yes", "partly", "no", name="followed", native_enum=False, length=24), nullable=False
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column(
            "follow_up",
            sa.Enum("none", "standard", "training", name="followup", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("follow_up_due", sa.Date(), nullable=True),
        sa.Column("card_id", sa.Integer(), nullable=True),
        sa.Column("training_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_by", sa.String(length=120), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "follow_up IN ('none', 'standard', 'training')", name=op.f("ck_process_confirmations_follow_up_valid")
        ),
        sa.CheckConstraint("followed IN ('yes', 'partly', 'no')", name=op.f("ck_process_confirmations_followed_valid")),
        sa.ForeignKeyConstraint(
            ["card_id"],
            ["improvement_cards.id"],
            name=op.f("fk_process_confirmations_card_id_improvement_cards"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["leader_id"], ["people.id"], name=op.f("fk_process_confirmations_leader_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_process_confirmations_person_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_process_confirmations_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["org_units.id"], name=op.f("fk_process_confirmations_team_id_org_units"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["training_id"],
            ["trainings.id"],
            name=op.f("fk_process_confirmations_training_id_trainings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["standard_versions.id"],
            name=op.f("fk_process_confirmations_version_id_standard_versions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_process_confirmations")),
    )
    op.create_index("ix_process_confirmations_leader_day", "process_confirmations", ["leader_id", "day"], unique=False)
    op.create_index("ix_process_confirmations_team_day", "process_confirmations", ["team_id", "day"], unique=False)
    with op.batch_alter_table("org_units") as batch:
        batch.add_column(sa.Column("confirmations_per_week", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("confirmations_per_new_person", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("new_person_weeks", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("follow_up_days", sa.Integer(), nullable=True))
        batch.create_check_constraint(
            "confirmations_range",
            "confirmations_per_week IS NULL OR (confirmations_per_week >= 0 AND confirmations_per_week <= 50)",
        )
        batch.create_check_constraint(
            "confirmations_new_range",
            "confirmations_per_new_person IS NULL OR "
            "(confirmations_per_new_person >= 0 AND confirmations_per_new_person <= 10)",
        )
        batch.create_check_constraint(
            "new_weeks_range", "new_person_weeks IS NULL OR (new_person_weeks >= 0 AND new_person_weeks <= 52)"
        )
        batch.create_check_constraint(
            "follow_up_range", "follow_up_days IS NULL OR (follow_up_days >= 1 AND follow_up_days <= 365)"
        )
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("started_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("started_on")
    with op.batch_alter_table("org_units") as batch:
        for name in ORG_CHECKS:
            batch.drop_constraint(op.f(f"ck_org_units_{name}"), type_="check")
        for column in ORG_COLUMNS:
            batch.drop_column(column)
    for table in TABLES:
        op.drop_table(table)

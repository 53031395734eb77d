"""Fed numbers: cases received per task and day (intake), robots and their runs, API tokens
(a third kind of access token, scoped to an org unit).

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "intake",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("source", sa.Enum("manual", "import", "api", name="productionsource", native_enum=False, length=24), nullable=False),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("received >= 0", name=op.f("ck_intake_received_nonneg")),
        sa.CheckConstraint("source IN ('manual', 'import', 'api')", name=op.f("ck_intake_source_valid")),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], name=op.f("fk_intake_task_id_tasks"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake")),
        sa.UniqueConstraint("task_id", "date", name=op.f("uq_intake_task_id_date")),
    )
    op.create_index("ix_intake_date", "intake", ["date"])
    op.create_table(
        "robots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("target_share", sa.Float(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("target_share >= 0 AND target_share <= 1", name=op.f("ck_robots_target_share_range")),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_robots_name_required")),
        sa.ForeignKeyConstraint(["team_id"], ["org_units.id"], name=op.f("fk_robots_team_id_org_units"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["measure_id"], ["measures.id"], name=op.f("fk_robots_measure_id_measures"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_robots")),
        sa.UniqueConstraint("slug", name=op.f("uq_robots_slug")),
    )
    op.create_index("ix_robots_team", "robots", ["team_id"])
    op.create_table(
        "robot_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("robot_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["robot_id"], ["robots.id"], name=op.f("fk_robot_tasks_robot_id_robots"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], name=op.f("fk_robot_tasks_task_id_tasks"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_robot_tasks")),
        sa.UniqueConstraint("robot_id", "task_id", name=op.f("uq_robot_tasks_robot_id_task_id")),
    )
    op.create_table(
        "robot_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("robot_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("handled", sa.Integer(), nullable=False),
        sa.Column("handed_over", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("last_run_at", sa.DateTime(), nullable=True),
        sa.Column("source", sa.Enum("manual", "import", "api", name="productionsource", native_enum=False, length=24), nullable=False),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("handled >= 0 AND handed_over >= 0 AND failed >= 0", name=op.f("ck_robot_runs_counts_nonneg")),
        sa.CheckConstraint("source IN ('manual', 'import', 'api')", name=op.f("ck_robot_runs_source_valid")),
        sa.ForeignKeyConstraint(["robot_id"], ["robots.id"], name=op.f("fk_robot_runs_robot_id_robots"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_robot_runs")),
        sa.UniqueConstraint("robot_id", "date", name=op.f("uq_robot_runs_robot_id_date")),
    )
    op.create_index("ix_robot_runs_date", "robot_runs", ["date"])
    op.create_table(
        "intake_measures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["measure_id"], ["measures.id"], name=op.f("fk_intake_measures_measure_id_measures"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_measures")),
        sa.UniqueConstraint("measure_id", name=op.f("uq_intake_measures_measure_id")),
    )
    # API tokens: a third kind of access token, scoped to an org unit (team_id) and named (label).
    with op.batch_alter_table("access_tokens") as batch:
        batch.drop_constraint("kind_valid", type_="check")
        batch.create_check_constraint("kind_valid", "kind IN ('screen', 'admin', 'api')")
        batch.create_check_constraint("api_has_unit", "kind <> 'api' OR (team_id IS NOT NULL AND label IS NOT NULL)")


def downgrade() -> None:
    op.execute("DELETE FROM access_tokens WHERE kind = 'api'")
    with op.batch_alter_table("access_tokens") as batch:
        batch.drop_constraint("api_has_unit", type_="check")
        batch.drop_constraint("kind_valid", type_="check")
        batch.create_check_constraint("kind_valid", "kind IN ('screen', 'admin')")
    op.drop_table("intake_measures")
    op.drop_index("ix_robot_runs_date", table_name="robot_runs")
    op.drop_table("robot_runs")
    op.drop_table("robot_tasks")
    op.drop_index("ix_robots_team", table_name="robots")
    op.drop_table("robots")
    op.drop_index("ix_intake_date", table_name="intake")
    op.drop_table("intake")

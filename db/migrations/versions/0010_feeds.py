"""Fed numbers: cases received per task and day (intake), robots and their runs, API tokens.

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


def downgrade() -> None:
    op.drop_index("ix_intake_date", table_name="intake")
    op.drop_table("intake")

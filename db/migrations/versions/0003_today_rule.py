"""How the operations board judges the day in progress: a unit setting and its working day.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("org_units") as batch:
        batch.add_column(sa.Column("today_rule", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("work_day_start", sa.Time(), nullable=True))
        batch.add_column(sa.Column("work_day_end", sa.Time(), nullable=True))
        batch.create_check_constraint("today_rule_valid", "today_rule IS NULL OR today_rule IN ('pro_rata', 'end_of_day')")


def downgrade() -> None:
    with op.batch_alter_table("org_units") as batch:
        batch.drop_constraint("today_rule_valid", type_="check")
        batch.drop_column("work_day_end")
        batch.drop_column("work_day_start")
        batch.drop_column("today_rule")

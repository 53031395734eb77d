"""Store kinds and parameters, not sentences; a measure's display precision.

The prioritisation log keeps what happened as ``kind`` + ``params`` (rendered in the viewer's
language) and only the person's own words in ``description``; improvement cards keep where they
came from the same way; measures get a display precision; a week plan keeps its assignments as
planned, so copying a week does not copy last week's sick days.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("week_plans") as batch:
        batch.add_column(sa.Column("planned", sa.JSON(), nullable=True))
    with op.batch_alter_table("plan_changes") as batch:
        batch.add_column(sa.Column("params", sa.JSON(), nullable=True))
    with op.batch_alter_table("measures") as batch:
        batch.add_column(sa.Column("decimals", sa.Integer(), nullable=True))
        batch.create_check_constraint("decimals_range", "decimals IS NULL OR (decimals >= 0 AND decimals <= 4)")
    with op.batch_alter_table("improvement_cards") as batch:
        batch.add_column(sa.Column("origin_kind", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("origin_params", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("improvement_cards") as batch:
        batch.drop_column("origin_params")
        batch.drop_column("origin_kind")
    with op.batch_alter_table("measures") as batch:
        batch.drop_constraint("decimals_range", type_="check")
        batch.drop_column("decimals")
    with op.batch_alter_table("plan_changes") as batch:
        batch.drop_column("params")
    with op.batch_alter_table("week_plans") as batch:
        batch.drop_column("planned")

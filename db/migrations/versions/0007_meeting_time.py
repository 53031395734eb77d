"""The daily board meeting's time of day, a unit setting a department or team may override.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("org_units") as batch:
        batch.add_column(sa.Column("meeting_time", sa.Time(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("org_units") as batch:
        batch.drop_column("meeting_time")

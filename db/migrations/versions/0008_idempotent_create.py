"""A create-card form's idempotency key: a submit sent twice creates one card.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("improvement_cards") as batch:
        batch.add_column(sa.Column("idempotency_key", sa.String(64), nullable=True))
        batch.create_unique_constraint("uq_improvement_cards_idempotency_key", ["idempotency_key"])


def downgrade() -> None:
    with op.batch_alter_table("improvement_cards") as batch:
        batch.drop_constraint("uq_improvement_cards_idempotency_key", type_="unique")
        batch.drop_column("idempotency_key")

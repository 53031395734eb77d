"""Scale: a change stamp that follows commit order (one counter row, bumped by every write).

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "change_stamp",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_change_stamp"),
    )
    # Start where the old stamp (the newest audit-log id) stood, so no screen sees it go back.
    op.execute(sa.text("INSERT INTO change_stamp (id, value) SELECT 1, COALESCE(MAX(id), 0) FROM audit_log"))


def downgrade() -> None:
    op.drop_table("change_stamp")

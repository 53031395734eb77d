"""A second change stamp for the goal boards: it moves with every write except those that touch
only the day's operations (production, plans, cards...), so the goal boards' cached roll-ups
survive the stream of saves they do not show. It starts where the data stamp stands.

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(sa.text("INSERT INTO change_stamp (id, value) SELECT 2, value FROM change_stamp WHERE id = 1"))


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM change_stamp WHERE id = 2"))

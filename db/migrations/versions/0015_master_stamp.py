"""A third change stamp, for master data: it moves only with a write to the org tree, its people
or its tasks, so every page's cached team list and org tree survive the day's stream of saves.
It starts where the data stamp stands.

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(sa.text("INSERT INTO change_stamp (id, value) SELECT 3, value FROM change_stamp WHERE id = 1"))


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM change_stamp WHERE id = 3"))

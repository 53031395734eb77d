"""An organisation level above units, so a bank or municipality rolls up over all of them.

A unit may now sit under an organisation (or stay a root, as before); an organisation is always
a root. Only the two CHECK constraints on ``org_units.level`` change; no row changes.

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LEVELS_BEFORE = "level IN ('unit', 'department', 'team')"
_LEVELS_AFTER = "level IN ('organisation', 'unit', 'department', 'team')"
_PARENT_BEFORE = "(level = 'unit' AND parent_id IS NULL) OR (level <> 'unit' AND parent_id IS NOT NULL)"
_PARENT_AFTER = (
    "(level = 'organisation' AND parent_id IS NULL) OR level = 'unit' "
    "OR (level NOT IN ('organisation', 'unit') AND parent_id IS NOT NULL)"
)


def _swap(levels: str, parent: str) -> None:
    # SQLite changes a CHECK by rebuilding the table (``db.migrate`` switches foreign keys off
    # meanwhile: every other table references org_units).
    with op.batch_alter_table("org_units") as batch:
        batch.drop_constraint("level_valid", type_="check")
        batch.drop_constraint("parent_by_level", type_="check")
        batch.create_check_constraint("level_valid", levels)
        batch.create_check_constraint("parent_by_level", parent)


def upgrade() -> None:
    _swap(_LEVELS_AFTER, _PARENT_AFTER)


def downgrade() -> None:
    # Organisations cannot be expressed before 0012: their units become roots again, then they go.
    op.execute("UPDATE org_units SET parent_id = NULL WHERE level = 'unit'")
    op.execute("DELETE FROM org_units WHERE level = 'organisation'")
    _swap(_LEVELS_BEFORE, _PARENT_BEFORE)

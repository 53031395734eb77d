"""Your own unit: job roles as the unit's own list, planning flags and employee ids on people,
old team slugs kept as aliases.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "job_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("name_da", sa.String(length=120), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_units.id"], name="fk_job_roles_unit_id_org_units", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_job_roles"),
        sa.UniqueConstraint("unit_id", "key", name="uq_job_roles_unit_id_key"),
    )
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("employee_id", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("job_role", sa.String(length=60), nullable=True))
        batch.add_column(sa.Column("team_leader", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("board_leader", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.create_index("ix_people_employee_id", ["employee_id"])
    with op.batch_alter_table("org_units") as batch:
        batch.add_column(sa.Column("slug_aliases", sa.JSON(), nullable=True))
    # Team leader and board leader were entries in the roles list; they become flags.
    # CAST and TRUE: PostgreSQL has no LIKE on json and no integer-to-boolean assignment.
    op.execute("UPDATE people SET team_leader = TRUE WHERE CAST(roles AS TEXT) LIKE '%\"team_leader\"%'")
    op.execute("UPDATE people SET board_leader = TRUE WHERE CAST(roles AS TEXT) LIKE '%\"board_leader\"%'")


def downgrade() -> None:
    with op.batch_alter_table("org_units") as batch:
        batch.drop_column("slug_aliases")
    with op.batch_alter_table("people") as batch:
        batch.drop_index("ix_people_employee_id")
        batch.drop_column("board_leader")
        batch.drop_column("team_leader")
        batch.drop_column("job_role")
        batch.drop_column("employee_id")
    op.drop_table("job_roles")

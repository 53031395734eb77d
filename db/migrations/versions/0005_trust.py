"""Trust: who may move cards (a unit setting), e-mail on people, screen links and admin tokens.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("org_units") as batch:
        batch.add_column(sa.Column("card_moves", sa.String(length=10), nullable=True))
        batch.create_check_constraint("card_moves_valid", "card_moves IS NULL OR card_moves IN ('team', 'owner')")
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("email", sa.String(length=254), nullable=True))
    op.create_table(
        "access_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(length=120), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('screen', 'admin')", name=op.f("ck_access_tokens_kind_valid")),
        sa.CheckConstraint("kind <> 'screen' OR team_id IS NOT NULL", name=op.f("ck_access_tokens_screen_has_team")),
        sa.ForeignKeyConstraint(
            ["team_id"], ["org_units.id"], name="fk_access_tokens_team_id_org_units", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_access_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_access_tokens_token_hash"),
    )


def downgrade() -> None:
    op.drop_table("access_tokens")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("email")
    with op.batch_alter_table("org_units") as batch:
        batch.drop_constraint("card_moves_valid", type_="check")
        batch.drop_column("card_moves")

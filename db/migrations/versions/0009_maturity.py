"""The maturity self-assessment: dated assessments of an org unit and a level per practice.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "maturity_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessed_by", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(assessed_by) > 0", name=op.f("ck_maturity_assessments_assessed_by_required")),
        sa.ForeignKeyConstraint(
            ["org_unit_id"], ["org_units.id"], name=op.f("fk_maturity_assessments_org_unit_id_org_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maturity_assessments")),
        sa.UniqueConstraint(
            "org_unit_id", "assessed_on", name=op.f("uq_maturity_assessments_org_unit_id_assessed_on")
        ),
    )  # fmt: skip
    op.create_table(
        "maturity_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("practice", sa.String(length=60), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence", sa.String(length=500), nullable=False),
        sa.CheckConstraint("level >= 1 AND level <= 5", name=op.f("ck_maturity_scores_level_range")),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["maturity_assessments.id"],
            name=op.f("fk_maturity_scores_assessment_id_maturity_assessments"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maturity_scores")),
        sa.UniqueConstraint("assessment_id", "practice", name=op.f("uq_maturity_scores_assessment_id_practice")),
    )  # fmt: skip
    op.create_index("ix_maturity_scores_practice", "maturity_scores", ["practice"])


def downgrade() -> None:
    op.drop_index("ix_maturity_scores_practice", table_name="maturity_scores")
    op.drop_table("maturity_scores")
    op.drop_table("maturity_assessments")

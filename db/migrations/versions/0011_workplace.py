"""Where each person works on a planned day (office / home / elsewhere) and the unit's office-day rule.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "work_places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("place", sa.Enum("office", "home", "elsewhere", name="place", native_enum=False, length=24), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("place IN ('office', 'home', 'elsewhere')", name=op.f("ck_work_places_place_valid")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_work_places_person_id_people"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_places")),
        sa.UniqueConstraint("person_id", "date", name=op.f("uq_work_places_person_id_date")),
    )
    op.create_index("ix_work_places_date", "work_places", ["date"])
    with op.batch_alter_table("org_units") as batch:
        batch.add_column(sa.Column("office_days_per_week", sa.Integer(), nullable=True))
        batch.create_check_constraint(
            "office_days_range", "office_days_per_week IS NULL OR (office_days_per_week >= 0 AND office_days_per_week <= 5)"
        )


def downgrade() -> None:
    with op.batch_alter_table("org_units") as batch:
        batch.drop_constraint("office_days_range", type_="check")
        batch.drop_column("office_days_per_week")
    op.drop_index("ix_work_places_date", table_name="work_places")
    op.drop_table("work_places")

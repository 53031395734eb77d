"""A unit's first day: values dated before it are refused. Each unit that already holds data
starts with the day of its earliest production, intake, holdings, measure value or absence;
a unit without data has none yet (only the floor of 2000-01-01 applies) until an admin sets it.

Revision ID: 0017
Revises: 0016
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The earliest dated row of each org unit, per kind of data.
_EARLIEST = (
    "SELECT t.team_id, MIN(x.date) FROM production x JOIN tasks t ON t.id = x.task_id GROUP BY t.team_id",
    "SELECT t.team_id, MIN(x.date) FROM intake x JOIN tasks t ON t.id = x.task_id GROUP BY t.team_id",
    "SELECT t.team_id, MIN(x.date) FROM holdings x JOIN tasks t ON t.id = x.task_id GROUP BY t.team_id",
    "SELECT p.team_id, MIN(x.date) FROM absences x JOIN people p ON p.id = x.person_id GROUP BY p.team_id",
    "SELECT m.org_unit_id, MIN(x.period_start) FROM measure_values x JOIN measures m ON m.id = x.measure_id "
    "GROUP BY m.org_unit_id",
)


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def upgrade() -> None:
    with op.batch_alter_table("org_units") as batch:
        batch.add_column(sa.Column("first_day", sa.Date(), nullable=True))
    bind = op.get_bind()
    parents = dict(bind.execute(sa.text("SELECT id, parent_id FROM org_units")).all())
    levels = dict(bind.execute(sa.text("SELECT id, level FROM org_units")).all())
    first: dict[int, dt.date] = {}
    for query in _EARLIEST:
        for org_id, day in bind.execute(sa.text(query)).all():
            unit = org_id
            while unit is not None and levels.get(unit) != "unit":
                unit = parents.get(unit)
            if unit is not None and day is not None:
                first[unit] = min(first.get(unit, _day(day)), _day(day))
    for unit, day in first.items():
        bind.execute(sa.text("UPDATE org_units SET first_day = :day WHERE id = :id"), {"day": day, "id": unit})


def downgrade() -> None:
    with op.batch_alter_table("org_units") as batch:
        batch.drop_column("first_day")

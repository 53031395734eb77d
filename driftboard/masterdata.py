"""Master data rules: the columns of teams, people, tasks and planning factors and how each
is validated. Pure: rows in, clean rows or ``RowError``s out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from driftboard.domain import RowError
from driftboard.tables import Field, parse_rows

TEAM_FIELDS = (
    Field("id", "id", required=False),
    Field("version", "id", required=False),
    Field("name", "str", max_length=120),
    Field("slug", "slug"),
    Field("department", "str", max_length=120),
    Field("active", "bool", default=True),
)

PERSON_FIELDS = (
    Field("id", "id", required=False),
    Field("version", "id", required=False),
    Field("name", "str", max_length=120),
    Field("employee_id", "str", required=False, max_length=40),  # the HR number; finds the person in the workbook
    Field("job_role", "choice", required=False),  # a key of the unit's own job roles
    Field("team_leader", "bool", default=False),
    Field("board_leader", "bool", default=False),
    Field("daily_hours", "float", low=0, high=24, low_exclusive=True, default=7.5),
    Field("active", "bool", default=True),
)

TASK_FIELDS = (
    Field("id", "id", required=False),
    Field("version", "id", required=False),
    Field("name", "str", max_length=120),
    Field("slug", "slug"),
    Field("process_group", "str", required=False, default="", max_length=120),
    Field("minutes_per_case", "float", low=0, low_exclusive=True),
    Field("service_goal_days", "int", low=1, high=365),
    Field("expected_daily_volume", "int", low=0, default=0),
    Field("input_error_rate_pct", "float", low=0, high=100, default=0.0),
    Field("active", "bool", default=True),
)

FACTOR_FIELDS = (
    Field("org_unit_id", "id"),
    Field("version", "id", required=False),
    Field("daily_hours", "float", required=False, low=0, high=24, low_exclusive=True),
    Field("customer_facing_hours", "float", required=False, low=0, high=24),
    Field("board_leader_load_pct", "float", required=False, low=0, high=100),
    Field("development_reserve_pct", "float", required=False, low=0, high=99),
    Field("overtime_cap_hours_per_week", "float", required=False, low=0, high=40),
)


def validate_teams(
    rows: Iterable[Mapping[str, Any]], departments: Iterable[str]
) -> tuple[list[dict[str, Any]], list[RowError]]:
    fields = list(TEAM_FIELDS)
    fields[4] = Field("department", "choice", choices=tuple(departments))
    return parse_rows(rows, fields, unique=("name", "slug"))


def validate_people(
    rows: Iterable[Mapping[str, Any]], job_roles: Iterable[str] = ()
) -> tuple[list[dict[str, Any]], list[RowError]]:
    """People rows; a job role must be one of the unit's own (``job_roles``: their keys)."""
    fields = [Field("job_role", "choice", required=False, choices=tuple(job_roles)) if f.name == "job_role" else f
              for f in PERSON_FIELDS]  # fmt: skip
    return parse_rows(rows, fields, unique=("name",))


def validate_tasks(rows: Iterable[Mapping[str, Any]]) -> tuple[list[dict[str, Any]], list[RowError]]:
    return parse_rows(rows, TASK_FIELDS, unique=("name", "slug"))


def validate_factors(rows: Iterable[Mapping[str, Any]], unit_id: int) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Factor rows: the unit's row must set every factor; team rows may leave gaps (inherit).

    Customer-facing hours may not exceed daily hours once inheritance is applied.
    """
    clean, errors = parse_rows(rows, FACTOR_FIELDS, unique=("org_unit_id",))
    unit_row = next((r for r in clean if r["org_unit_id"] == unit_id), None)
    for number, row in enumerate(clean, start=1):
        if row is unit_row:
            for name in (
                "daily_hours",
                "customer_facing_hours",
                "board_leader_load_pct",
                "development_reserve_pct",
                "overtime_cap_hours_per_week",
            ):
                if row[name] is None:
                    errors.append(RowError(number, name, "v.required"))
        daily = row["daily_hours"] if row["daily_hours"] is not None else (unit_row or {}).get("daily_hours")
        facing = row["customer_facing_hours"]
        if facing is None and unit_row is not None:
            facing = unit_row.get("customer_facing_hours")
        if daily is not None and facing is not None and facing > daily:
            errors.append(RowError(number, "customer_facing_hours", "v.cf_exceeds_daily", (("daily", daily),)))
    return clean, errors

"""Week plans for the last half year and next week: each handler's hours on the tasks the team
needs most, absences (sickness and vacation) and the plan changes a sickness records."""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from typing import Any

from driftboard.generate.common import VERSIONED, Generation, Row, TeamSpec, timestamp

PLAN_WEEKS = 26  # week plans, assignments and absences: the last half year and next week


class _Rows:
    """The rows of the four tables a plan writes, collected over all teams."""

    def __init__(self) -> None:
        self.plans: list[Row] = []
        self.assignments: list[Row] = []
        self.absences: list[Row] = []
        self.changes: list[Row] = []


def write_week_plans(gen: Generation, teams: list[TeamSpec]) -> None:
    """Plans up to this week are published (the Friday before), next week's is a draft."""
    this_monday = gen.this_monday
    mondays = [this_monday - dt.timedelta(weeks=w) for w in range(PLAN_WEEKS - 1, -2, -1)]
    rows = _Rows()
    for team in teams:
        rng = random.Random(gen.seed * 1_000_003 + team.id)
        for monday in mondays:
            plan_id = gen.ids.next("week_plans")
            planned: list[list[Any]] = []
            for offset in range(5):
                planned += _plan_day(gen, rng, team, monday + dt.timedelta(days=offset), rows)
            for person_id, iso, task_id, share in planned:
                rows.assignments.append((gen.ids.next("assignments"), plan_id, person_id, task_id, iso, share))
            published = monday <= this_monday
            iso_year, iso_week, _ = monday.isocalendar()
            rows.plans.append(
                (
                    plan_id,
                    team.id,
                    iso_year,
                    iso_week,
                    "published" if published else "draft",
                    timestamp(monday - dt.timedelta(days=3), 13) if published else None,
                    team.leader if published else None,
                    json.dumps(planned),
                )
            )
    gen.insert(
        "week_plans",
        ["id", "team_id", "iso_year", "iso_week", "status", "published_at", "published_by", "planned", *VERSIONED],
        gen.versioned(rows.plans),
    )
    gen.insert(
        "assignments",
        ["id", "week_plan_id", "person_id", "task_id", "date", "hours", *VERSIONED],
        gen.versioned(rows.assignments),
    )
    gen.insert(
        "absences", ["id", "person_id", "date", "kind", "hours", "note", *VERSIONED], gen.versioned(rows.absences)
    )
    gen.insert(
        "plan_changes",
        ["id", "team_id", "date", "kind", "person_id", "task_id", "description", "params", "author", "created_at"],
        rows.changes,
    )


def _plan_day(gen: Generation, rng: random.Random, team: TeamSpec, day: dt.date, rows: _Rows) -> list[list[Any]]:
    """One day's assignments ``[person id, date, task id, hours]``: each handler who is not absent
    gives four fifths of the day, in quarter hours, to the skills the team needs most."""
    iso = day.isoformat()
    need = {t.id: t.volume * t.minutes / 60 for t in team.tasks}
    planned: list[list[Any]] = []
    for person in team.handlers():
        r = rng.random()
        if r < 0.04:
            kind = "sick" if r < 0.03 else "vacation"
            rows.absences.append((gen.ids.next("absences"), person.id, iso, kind, person.hours, ""))
            if kind == "sick" and day <= gen.today:
                event = json.dumps({"event": "sick", "person": person.name, "tasks": []})
                rows.changes.append(
                    (gen.ids.next("plan_changes"), team.id, iso, "sickness", person.id, None, "", event, team.leader,
                     timestamp(day, 7, 10))
                )  # fmt: skip
            continue
        left = math.floor(person.hours * 0.8 * 4) / 4
        for task_id in sorted(team.skills[person.id], key=lambda t: -need[t]):
            if left <= 0:
                break
            share = min(left, max(1.0, round(need[task_id] * 4) / 4))
            need[task_id] -= share
            left -= share
            planned.append([person.id, iso, task_id, share])
    return planned

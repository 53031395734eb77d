"""The daily numbers of every task: production (with the audit row the services would write),
intake and holdings; and the weekly error registrations."""

from __future__ import annotations

import datetime as dt
import random

from driftboard.generate.common import AUDIT_COLUMNS, VERSIONED, Generation, Row, TaskSpec, TeamSpec, timestamp

MONTH_SEASON = {
    1: 1.08,
    2: 1.0,
    3: 1.05,
    4: 1.0,
    5: 0.97,
    6: 0.95,
    7: 0.7,
    8: 0.9,
    9: 1.05,
    10: 1.05,
    11: 1.1,
    12: 0.85,
}
ERROR_CATEGORIES = [
    "Manglende dokumentation",
    "Forkert CPR-nummer",
    "Underskrift mangler",
    "Forkert beløb",
    "Forkert adresse",
    "Sag sendt til forkert team",
]
FLUSH_ROWS = 200_000  # production rows held before the four tables are written


class _DailyRows:
    """Production, intake, holdings and audit rows, written together every ``FLUSH_ROWS``."""

    def __init__(self, gen: Generation) -> None:
        self.gen = gen
        self.production: list[Row] = []
        self.intake: list[Row] = []
        self.holdings: list[Row] = []
        self.audit: list[Row] = []

    def flush(self) -> None:
        insert = self.gen.insert
        insert(
            "production", ["id", "task_id", "date", "produced", "source", "recorded_by", *VERSIONED], self.production
        )
        insert("intake", ["id", "task_id", "date", "received", "source", "recorded_by", *VERSIONED], self.intake)
        insert(
            "holdings",
            ["id", "task_id", "date", "open_cases", "due_today", "overdue", "recorded_by", *VERSIONED],
            self.holdings,
        )
        insert("audit_log", AUDIT_COLUMNS, self.audit)
        for rows in (self.production, self.intake, self.holdings, self.audit):
            rows.clear()


def write_daily_numbers(gen: Generation, teams: list[TeamSpec]) -> None:
    """Production, intake and holdings per task and work day, with an audit row per
    production day; written task by task so the three stay consistent."""
    # ISO date, weekday, season, before today (production is recorded up to yesterday)
    days = [(d.isoformat(), d.weekday(), MONTH_SEASON[d.month], d < gen.today) for d in gen.work_days]
    rows = _DailyRows(gen)
    for team in teams:
        rng = random.Random(gen.seed * 7_919 + team.id)
        for task in team.tasks:
            _task_days(gen, rng, task, team.board_leader, days, rows)
        if len(rows.production) > FLUSH_ROWS:
            rows.flush()
    rows.flush()


def _task_days(
    gen: Generation,
    rng: random.Random,
    task: TaskSpec,
    recorder: str,
    days: list[tuple[str, int, float, bool]],
    rows: _DailyRows,
) -> None:
    """One task's days: cases arrive with the season (more on Mondays), production follows
    with part of the backlog, and the holdings grow with what is left over."""
    ids, production, intake, holdings, audit = gen.ids, rows.production, rows.intake, rows.holdings, rows.audit
    task_id, volume, goal = task.id, task.volume, task.goal
    backlog = 0.0
    for iso, weekday, season, past in days:
        stamp = f"{iso} 15:{weekday * 7:02d}:00.000000"
        arriving = volume * season * (1.35 if weekday == 0 else 1.0)
        received = max(0, round(rng.gauss(arriving, arriving * 0.12)))
        intake.append((ids.next("intake"), task_id, iso, received, "import", "Kernesystem", 1, stamp, stamp))
        if past:
            produced = max(0, round((volume * season + backlog * 0.3) * rng.gauss(1.0, 0.08)))
            backlog = max(0.0, backlog + received - produced)
            prod_id = ids.next("production")
            source = "manual" if rng.random() < 0.6 else "import"
            production.append((prod_id, task_id, iso, produced, source, recorder, 1, stamp, stamp))
            new_value = (
                f'{{"date": "{iso}", "id": "{prod_id}", "produced": "{produced}", '
                f'"recorded_by": "{recorder}", "source": "{source}", "task_id": "{task_id}"}}'
            )
            audit.append(("production", prod_id, "insert", new_value, recorder, 1, stamp))
        open_cases = max(1, round(arriving * goal * rng.uniform(0.75, 1.05) + backlog))
        overdue = min(open_cases // 4, round(backlog * 0.3))
        due_today = min(open_cases - overdue, round(open_cases / goal * rng.uniform(0.3, 0.6)))
        holdings.append((ids.next("holdings"), task_id, iso, open_cases, due_today, overdue, recorder, 1, stamp, stamp))


def write_error_registrations(gen: Generation, teams: list[TeamSpec]) -> None:
    """Two error categories a week per team, on a random task and work day."""
    rows: list[Row] = []
    for monday in gen.past_weeks():
        for team in teams:
            rng = random.Random(gen.seed * 31 + team.id * 1_009 + monday.toordinal())
            for category in rng.sample(ERROR_CATEGORIES, 2):
                day = monday + dt.timedelta(days=rng.randrange(5))
                task_id = rng.choice(team.tasks).id
                at = timestamp(day, 14)
                rows.append(
                    (gen.ids.next("error_registrations"), team.id, task_id, day.isoformat(), category,
                     rng.randint(1, 9), team.leader, 1, at, at)
                )  # fmt: skip
    gen.insert(
        "error_registrations",
        ["id", "team_id", "task_id", "date", "category", "count", "registered_by", *VERSIONED],
        rows,
    )

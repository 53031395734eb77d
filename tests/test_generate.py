"""``python -m driftboard generate``: a generated organisation, on SQLite and PostgreSQL.

Small sizes here (three teams, one year); the benchmark builds the 500-team one (``bench/``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import subprocess
import sys

import pytest

from db import maintenance
from driftboard import calendar, generate
from driftboard.domain import DomainError
from tests.conftest import DEMO_DAY, ROOT, TESTER
from tests.databases import query, value

DIGEST_QUERIES = [
    "select id, parent_id, level, name, slug from org_units order by id",
    "select id, team_id, name, job_role, daily_hours from people order by id",
    "select id, team_id, name, minutes_per_case, expected_daily_volume from tasks order by id",
    "select task_id, date, produced, source from production order by id",
    "select task_id, date, received from intake order by id",
    "select task_id, date, open_cases, due_today, overdue from holdings order by id",
    "select measure_id, period_start, value, weight from measure_values order by id",
    "select id, team_id, title, stage, owner_id from improvement_cards order by id",
    "select card_id, kind, old_value, new_value, created_at from card_events order by id",
    "select person_id, task_id, date, hours from assignments order by id",
]


def _digest(engine) -> str:  # type: ignore[no-untyped-def]
    h = hashlib.sha256()
    for sql in DIGEST_QUERIES:
        for row in query(engine, sql):
            h.update(repr(tuple(str(v) for v in row.values())).encode())
    return h.hexdigest()


def _count(engine, table: str) -> int:  # type: ignore[no-untyped-def]
    return int(value(engine, f"select count(*) from {table}"))


def _generate(engine, seed: int = 7, replace: bool = False, teams: int = 3) -> generate.GenerateSummary:  # type: ignore[no-untyped-def]
    return generate.generate(
        engine, teams=teams, years=1, seed=seed, today=DEMO_DAY, replace=replace, actor=TESTER, progress=None
    )


def test_a_small_organisation_has_the_promised_shape_and_passes_check(engine):
    progress = io.StringIO()
    summary = generate.generate(engine, teams=3, years=1, seed=7, today=DEMO_DAY, actor=TESTER, progress=progress)
    assert (summary.units, summary.departments, summary.teams) == (1, 1, 3)
    assert summary.people == _count(engine, "people") == 30
    tasks = _count(engine, "tasks")
    assert summary.tasks == tasks and 12 <= tasks <= 60
    work_days = [d for d in (DEMO_DAY - dt.timedelta(days=i) for i in range(366)) if calendar.is_work_day(d)]
    past = [d for d in work_days if d < DEMO_DAY]
    assert _count(engine, "production") == tasks * len(past)
    assert _count(engine, "intake") == tasks * len(work_days)
    assert _count(engine, "holdings") == tasks * len(work_days)
    assert _count(engine, "improvement_cards") == summary.cards == 180
    assert _count(engine, "card_events") > 180
    assert _count(engine, "measure_values") == 3 * 7 * len(generate_mondays(engine))
    assert _count(engine, "week_plans") == 3 * (generate.PLAN_WEEKS + 1)
    assert _count(engine, "assignments") > 0 and _count(engine, "absences") > 0
    # An audit row per recorded production day, as the services would have written it.
    assert value(engine, "select count(*) from audit_log where entity = 'production'") == tasks * len(past)
    assert summary.rows == sum(summary.counts.values())
    # Every level links to the one above; every team has a leader who can sign in.
    assert value(engine, "select count(*) from org_units where level = 'team' and parent_id is null") == 0
    assert value(engine, "select count(*) from role_grants where role = 'leader'") == 3
    assert "%" in progress.getvalue() and "done" in progress.getvalue()
    assert maintenance.check(engine) == []


def generate_mondays(engine) -> list[str]:  # type: ignore[no-untyped-def]
    return [r["period_start"] for r in query(engine, "select distinct period_start from measure_values")]


def test_the_same_seed_gives_the_same_database_and_another_seed_does_not(engine):
    _generate(engine, seed=7)
    first = _digest(engine)
    with pytest.raises(DomainError) as refused:
        _generate(engine, seed=7)
    assert refused.value.message_key == "generate.err.not_empty"
    _generate(engine, seed=7, replace=True)
    assert _digest(engine) == first
    _generate(engine, seed=8, replace=True)
    assert _digest(engine) != first
    assert maintenance.check(engine) == []


def test_near_duplicate_card_titles_are_a_few_percent(engine):
    _generate(engine, teams=10)
    titles = [r["title"] for r in query(engine, "select title from improvement_cards")]
    copies = [t for t in titles if t.endswith(("igen", "stadig", "også hos os", "(samme problem)"))]
    assert len(titles) == 600
    assert 0 < len(copies) < 0.05 * len(titles)


def test_the_command_line_generates_and_refuses_a_database_that_holds_data(db_url):
    env = {**os.environ, "DRIFTBOARD_DATABASE_URL": db_url, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "driftboard", "generate", "--teams", "2", "--years", "1", "--date", "2026-11-25"]
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "2 teams, 20 people" in done.stdout
    again = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert again.returncode == 1
    assert "--replace" in again.stderr
    check = subprocess.run(
        [sys.executable, "-m", "driftboard", "check"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )
    assert check.returncode == 0, check.stderr

"""Generate a large, realistic organisation for load tests and the benchmark (``bench/``).

``python -m driftboard generate --teams 500 --years 3 --seed 1`` builds about ten units of five
departments of ten teams, ten people and about twelve tasks per team (Danish names), years of
daily production, intake and holdings per task, weekly values of seven measures per team, the
last half year of week plans with absences, ~60 improvement cards per team with their history
(about 3 % near-duplicates of another team's card in the same unit), actions, error
registrations and an audit log with a row per recorded production day.

Unlike the demo (``demo.py``, through the services one intent at a time) the rows are written in
bulk (``db.bulk``): millions of rows in minutes. The same seed and date give the same database.
Each concept has its module and writes its own tables, in the order of ``_write``.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

from db.bulk import bulk_loader, max_ids
from db.engine import Engine
from db.maintenance import database_is_empty, wipe
from driftboard import admin
from driftboard.domain import Actor, DomainError
from driftboard.generate import cards, measures, organisation, people, plans, production
from driftboard.generate.common import Generation, Ids
from driftboard.generate.people import PEOPLE_PER_TEAM
from driftboard.generate.plans import PLAN_WEEKS
from driftboard.generate.progress import Progress

__all__ = ["PLAN_WEEKS", "GenerateSummary", "estimate_rows", "generate"]


@dataclass(frozen=True)
class GenerateSummary:
    units: int
    departments: int
    teams: int
    people: int
    tasks: int
    cards: int
    rows: int
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)


def estimate_rows(teams: int, years: int) -> int:
    """Roughly how many rows ``generate`` writes (the progress bar's 100 %)."""
    days = years * 261
    tasks = teams * 12
    return tasks * days * 4 + teams * (years * 52 * 8 + PLAN_WEEKS * 85 + 60 * 5 + PEOPLE_PER_TEAM * 5)


def generate(
    engine: Engine,
    *,
    teams: int = 500,
    years: int = 3,
    seed: int = 1,
    today: dt.date,
    replace: bool = False,
    actor: Actor,
    progress: TextIO | None = sys.stderr,
) -> GenerateSummary:
    """Build a generated organisation into ``engine``'s database (migrated first). A database
    that holds data is refused unless ``replace``, which wipes it (no backup: generated data is
    for trials, not for keeping)."""
    if teams < 1 or years < 1:
        raise DomainError("--teams and --years must be at least 1", message_key="generate.err.size")
    started = time.monotonic()
    admin.init_db(engine)
    if not database_is_empty(engine):
        if not replace:
            raise DomainError(
                "the database already holds data; use --replace to wipe it and generate an organisation",
                message_key="generate.err.not_empty",
            )
        wipe(actor, engine)
    bar = Progress(estimate_rows(teams, years), progress)
    counts: dict[str, int] = {}

    def counted(table: str, rows: int) -> None:
        counts[table] = counts.get(table, 0) + rows
        bar(table, rows)

    ids = Ids(max_ids(engine))
    with bulk_loader(engine, counted) as loader:
        org = _write(teams, Generation(seed, today, years, ids, loader.insert))
    bar.close()
    return GenerateSummary(
        units=len(org.units),
        departments=org.departments,
        teams=len(org.teams),
        people=counts.get("people", 0),
        tasks=counts.get("tasks", 0),
        cards=counts.get("improvement_cards", 0),
        rows=sum(counts.values()),
        seconds=time.monotonic() - started,
        counts=counts,
    )


def _write(n_teams: int, gen: Generation) -> organisation.Organisation:
    """Every part in turn: later parts use the teams, people and tasks the earlier ones made."""
    org = organisation.write_organisation(gen, n_teams)
    people.write_people_and_tasks(gen, org.teams)
    people.write_users(gen, org)
    plans.write_week_plans(gen, org.teams)
    production.write_daily_numbers(gen, org.teams)
    measures.write_measures(gen, org.teams)
    cards.write_cards(gen, org.teams)
    production.write_error_registrations(gen, org.teams)
    return org

"""The intake forecast's read models: a team's intake history and its forecast for a planning
week, the people a draft plan can use, and a cheap stamp that changes when the history does (the
page caches the fitted forecast by it). Reads only; the fitting is ``driftboard.forecast``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from db.engine import read_session
from db.models import Absence, Competence, Person, Task
from db.models_feeds import Intake
from driftboard import calendar, forecast, planning
from driftboard.domain import CompetenceLevel
from driftboard.services import org

HISTORY_DAYS = 2 * 366  # two years feed the forecast (the model fits at most ``forecast.FIT_WEEKS``)
CHART_WEEKS = 26  # history shown in the chart


@dataclass(frozen=True)
class TeamForecast:
    """Each active task's forecast for the planning week and the week after, and its recent
    history (for the chart)."""

    monday: dt.date
    days: tuple[dt.date, ...]  # the work days forecast
    tasks: dict[int, forecast.TaskForecast]
    history: dict[int, dict[dt.date, int]]  # the last ``CHART_WEEKS`` of received cases


def intake_stamp(team_id: int, engine: Engine | None = None) -> tuple[int, str]:
    """Changes whenever a row of the team's intake is added, changed or removed: (rows, newest
    change). One query; the page keys its cached forecast on it."""
    with read_session(engine) as s:
        count, newest = s.execute(
            select(func.count(Intake.id), func.max(Intake.updated_at))
            .join(Task, Task.id == Intake.task_id)
            .where(Task.team_id == team_id)
        ).one()
    return int(count), str(newest)


def team_forecast(
    team_id: int, monday: dt.date, expected: Mapping[int, float], *, weeks: int = 2, engine: Engine | None = None
) -> TeamForecast:
    """Forecast each task in ``expected`` (task id → expected daily volume, the fallback) for
    ``weeks`` weeks from ``monday``, from the intake received before that Monday."""
    monday = calendar.week_start(monday)
    days = tuple(d for w in range(weeks) for d in calendar.work_days(monday + dt.timedelta(weeks=w)))
    history: dict[int, dict[dt.date, int]] = defaultdict(dict)
    with read_session(engine) as s:
        rows = s.execute(
            select(Intake.task_id, Intake.date, Intake.received)
            .join(Task, Task.id == Intake.task_id)
            .where(
                Task.team_id == team_id,
                Intake.date < monday,
                Intake.date >= monday - dt.timedelta(days=HISTORY_DAYS),
            )
        )
        for task_id, date, received in rows:
            history[task_id][date] = received
    chart_from = monday - dt.timedelta(weeks=CHART_WEEKS)
    return TeamForecast(
        monday=monday,
        days=days,
        tasks=forecast.forecast_tasks(history, expected, days),
        history={tid: {d: v for d, v in h.items() if d >= chart_from} for tid, h in history.items()},
    )


def plannable_people(
    team_id: int, monday: dt.date, engine: Engine | None = None
) -> tuple[list[forecast.PlannablePerson], planning.PlanningFactors]:
    """The team's active people as the fill-from-forecast proposer sees them in ``monday``'s
    week (competent tasks, absences, capacity load), and the team's planning factors."""
    days = calendar.work_days(monday)
    with read_session(engine) as s:
        factors = org.team_factors(s, team_id)
        people = s.scalars(select(Person).where(Person.team_id == team_id, Person.active).order_by(Person.name)).all()
        ids = [p.id for p in people]
        competent: dict[int, set[int]] = defaultdict(set)
        for person_id, task_id in s.execute(
            select(Competence.person_id, Competence.task_id)
            .join(Task, Task.id == Competence.task_id)
            .where(
                Competence.person_id.in_(ids),
                Task.team_id == team_id,
                Task.active,
                Competence.level.in_([CompetenceLevel.COMPETENT, CompetenceLevel.EXPERT]),
            )
        ):
            competent[person_id].add(task_id)
        absent: dict[int, dict[dt.date, float]] = defaultdict(dict)
        for person_id, date, hours in s.execute(
            select(Absence.person_id, Absence.date, Absence.hours).where(
                Absence.person_id.in_(ids), Absence.date.between(days[0], days[-1])
            )
        ):
            absent[person_id][date] = hours
        found = [
            forecast.PlannablePerson(
                p.id,
                p.name,
                p.daily_hours,
                planning.capacity_load(planning.leader_flags(p.team_leader, p.board_leader), factors),
                frozenset(competent[p.id]),
                absent[p.id],
            )
            for p in people
        ]
    return found, factors

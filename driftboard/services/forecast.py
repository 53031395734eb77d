"""The intake forecast's read models: a team's intake history and its forecast for a planning
week, the people a draft plan can use, and a cheap stamp that changes when the history does (the
page caches the fitted forecast by it). The fitting is ``driftboard.forecast``; its result is
kept in ``stored_forecasts`` (derived data) so each history is fitted once."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import OperationalError

from db.engine import derived_write, read_session
from db.models import Absence, Competence, Person, Task, utcnow
from db.models.feeds import Intake, StoredForecast
from driftboard import calendar, forecast, planning
from driftboard.domain import CompetenceLevel
from driftboard.services import org, scope

log = logging.getLogger("driftboard")

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
        scope.require_read(s, team_id)
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
    ``weeks`` weeks from ``monday``, from the intake received before that Monday. The fitted
    forecast is stored (``StoredForecast``) under a digest of what it was made from, so it is
    fitted again only when the history or the expected volumes change, whichever app server
    asks and however often it restarts."""
    monday = calendar.week_start(monday)
    days = tuple(d for w in range(weeks) for d in calendar.work_days(monday + dt.timedelta(weeks=w)))
    history: dict[int, dict[dt.date, int]] = defaultdict(dict)
    with read_session(engine) as s:
        scope.require_read(s, team_id)
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
        key = _digest(history, expected, days)
        stored = s.execute(
            select(StoredForecast.key, StoredForecast.payload).where(
                StoredForecast.team_id == team_id, StoredForecast.monday == monday
            )
        ).first()
    if stored is not None and stored.key == key:
        tasks = _decode(stored.payload)
    else:
        tasks = forecast.forecast_tasks(history, expected, days)
        _store(team_id, monday, key, tasks, engine)
    chart_from = monday - dt.timedelta(weeks=CHART_WEEKS)
    return TeamForecast(
        monday=monday,
        days=days,
        tasks=tasks,
        history={tid: {d: v for d, v in h.items() if d >= chart_from} for tid, h in history.items()},
    )


# Part of every key: raise it when the payload's format or the fitting (driftboard.forecast:
# the model, its settings, the holidays) changes, so no forecast of the old kind is read back.
_FORMAT = 1


def _digest(
    history: Mapping[int, Mapping[dt.date, int]], expected: Mapping[int, float], days: tuple[dt.date, ...]
) -> str:
    """A digest of everything the fit is made from: the history, the expected volumes, the days."""
    made_from = {
        "format": _FORMAT,
        "days": [d.isoformat() for d in days],
        "expected": sorted((int(k), float(v)) for k, v in expected.items()),
        "history": sorted((int(t), d.isoformat(), int(v)) for t, h in history.items() for d, v in h.items()),
    }
    return hashlib.sha256(json.dumps(made_from, separators=(",", ":")).encode()).hexdigest()


def _errors_json(errors: forecast.Errors | None) -> list[float] | None:
    return None if errors is None else [errors.mae, errors.mape, errors.days]


def _errors_from(value: list[float] | None) -> forecast.Errors | None:
    return None if value is None else forecast.Errors(float(value[0]), float(value[1]), int(value[2]))


def _encode(tasks: Mapping[int, forecast.TaskForecast]) -> str:
    return json.dumps(
        {
            str(tid): {
                "method": f.method.value,
                "days": {d.isoformat(): v for d, v in f.days.items()},
                "model_errors": _errors_json(f.model_errors),
                "baseline_errors": _errors_json(f.baseline_errors),
                "history_weeks": f.history_weeks,
            }
            for tid, f in tasks.items()
        }
    )


def _decode(payload: str) -> dict[int, forecast.TaskForecast]:
    return {
        int(tid): forecast.TaskForecast(
            task_id=int(tid),
            method=forecast.Method(f["method"]),
            days={dt.date.fromisoformat(d): float(v) for d, v in f["days"].items()},
            model_errors=_errors_from(f["model_errors"]),
            baseline_errors=_errors_from(f["baseline_errors"]),
            history_weeks=int(f["history_weeks"]),
        )
        for tid, f in json.loads(payload).items()
    }


def _store(
    team_id: int, monday: dt.date, key: str, tasks: Mapping[int, forecast.TaskForecast], engine: Engine | None
) -> None:
    """Keep the fitted forecast (replacing the team's older one for the week). Derived data: if
    it cannot be written now (a busy database), the next view fits again; the page goes on."""
    values = {"team_id": team_id, "monday": monday, "key": key, "payload": _encode(tasks), "made_at": utcnow()}
    try:
        with derived_write(engine) as conn:
            insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
            statement = insert(StoredForecast).values(**values)
            conn.execute(
                statement.on_conflict_do_update(
                    index_elements=["team_id", "monday"],
                    set_={name: statement.excluded[name] for name in ("key", "payload", "made_at")},
                )
            )
    except OperationalError:
        log.warning("the forecast of team %s for %s was not stored (database busy)", team_id, monday, exc_info=True)


def plannable_people(
    team_id: int, monday: dt.date, engine: Engine | None = None
) -> tuple[list[forecast.PlannablePerson], planning.PlanningFactors]:
    """The team's active people as the fill-from-forecast proposer sees them in ``monday``'s
    week (competent tasks, absences, capacity load), and the team's planning factors."""
    days = calendar.work_days(monday)
    with read_session(engine) as s:
        scope.require_read(s, team_id)
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

"""The week's capacity per work day against the plan and the need, all in hours on cases."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine, select

from db.engine import read_session
from db.models import Absence, Assignment, Person, Task
from driftboard import calendar, planning
from driftboard.services import org, scope
from driftboard.services.weekplan import EPSILON, find_plan


@dataclass(frozen=True)
class DayCapacity:
    date: dt.date
    available: float  # customer-facing hours after absence and planning factors
    planned: float  # customer-facing hours in the plan
    needed: float  # customer-facing hours the expected volumes need

    @property
    def over(self) -> bool:
        """More hours planned than the team has that day."""
        return self.planned > self.available + EPSILON


def capacity_summary(team_id: int, monday: dt.date, engine: Engine | None = None) -> list[DayCapacity]:
    """Per work day: capacity after planning factors, what the plan uses, and what is needed,
    all in hours on cases (``planning.case_hours``), so the three compare like for like."""
    days = calendar.work_days(monday)
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        factors = org.team_factors(s, team_id)
        people = s.scalars(select(Person).where(Person.team_id == team_id, Person.active)).all()
        absent: dict[tuple[int, dt.date], float] = defaultdict(float)
        for pid, date, hours in s.execute(
            select(Absence.person_id, Absence.date, Absence.hours).where(
                Absence.person_id.in_([p.id for p in people]), Absence.date.between(days[0], days[-1])
            )
        ):
            absent[(pid, date)] += hours
        plan = find_plan(s, team_id, monday)
        planned: dict[dt.date, float] = defaultdict(float)
        if plan is not None:
            for date, hours, team_leader, board_leader in s.execute(
                select(Assignment.date, Assignment.hours, Person.team_leader, Person.board_leader)
                .join(Person, Person.id == Assignment.person_id)
                .where(Assignment.week_plan_id == plan.id)
            ):
                roles = planning.leader_flags(team_leader, board_leader)
                planned[date] += planning.case_hours(hours, factors, planning.person_load(roles, factors))
        tasks = s.scalars(select(Task).where(Task.team_id == team_id, Task.active)).all()
    needed = sum(planning.hours_needed(t.expected_daily_volume, t.minutes_per_case) for t in tasks)
    load = {p.id: planning.capacity_load(planning.leader_flags(p.team_leader, p.board_leader), factors) for p in people}
    return [
        DayCapacity(
            date=d,
            available=planning.team_capacity(((p.daily_hours, absent[(p.id, d)], load[p.id]) for p in people), factors),
            planned=planned[d],
            needed=needed,
        )
        for d in days
    ]

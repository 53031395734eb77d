"""The operations board's read model: everything the board shows for a team and a day, read
in a few queries and composed by the pure ``driftboard.opsboard``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import Engine, func, select, true
from sqlalchemy.orm import Session

from db.engine import memo, read_session
from db.models import (
    Absence,
    Assignment,
    Competence,
    HoldingsSnapshot,
    OrgUnit,
    Person,
    PlanChange,
    PlannedVolumeOverride,
    Production,
    Task,
    WeekPlan,
)
from driftboard import calendar, clock, opsboard, planning
from driftboard.domain import CompetenceLevel, NotFoundError, OrgLevel, PlanChangeKind, PlanStatus
from driftboard.planning import PlanningFactors as Factors
from driftboard.services import competence, org, scope
from driftboard.services.confirmations import BoardLine, board_line
from driftboard.services.weekplan import find_plan
from driftboard.services.workplace import day_places
from driftboard.status import OFFICE_HOURS, TodayRule, WorkingHours
from driftboard.workplace import Place


@dataclass(frozen=True)
class OperationsBoardView:
    """The board plus what the page needs around it."""

    board: opsboard.OperationsBoard
    team_id: int
    plan_status: PlanStatus | None
    plan_version: int | None
    changes: tuple[PlanChangeRow, ...]
    tasks: tuple[opsboard.TaskInfo, ...]
    people: tuple[tuple[int, str], ...]
    places: dict[int, Place] = field(default_factory=dict)  # where each person works on the board's day
    confirmations: BoardLine | None = None  # this week's process confirmations per leader


@dataclass(frozen=True)
class PlanChangeRow:
    id: int
    date: dt.date
    kind: PlanChangeKind
    note: str  # the person's own words
    params: dict[str, Any]  # the event and its parameters; empty for entries stored as text
    author: str
    created_at: dt.datetime


def load_board(
    team_id: int,
    day: dt.date,
    engine: Engine | None = None,
    *,
    now: dt.datetime | None = None,
    result_only: bool = False,
) -> OperationsBoardView:
    """Everything the operations board shows for ``team_id`` in ``day``'s week, in a few
    queries, judged at the moment ``now`` (default: the clock's now).

    ``result_only``: just the tasks' plan against production and their statuses (last week's
    result on a Monday) — no holdings, people, absences, competence, plan changes or places."""
    week = calendar.work_days(day)
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        chain = org.ancestry(s, team_id)
        if not chain or chain[0].level != OrgLevel.TEAM:
            raise NotFoundError(f"there is no team with id {team_id}", message_key="error.no_team")
        factors = org.team_factors(s, team_id, chain)
        unit = org.unit_in(chain)
        task_rows = memo(  # Monday's page reads last week's result too: the tasks once
            s,
            ("board_tasks", team_id),
            lambda: s.scalars(
                select(Task).where(Task.team_id == team_id, Task.active).order_by(Task.sort_order, Task.name)
            ).all(),
        )
        tasks = tuple(
            opsboard.TaskInfo(t.id, t.name, t.minutes_per_case, t.service_goal_days, t.expected_daily_volume)
            for t in task_rows
        )
        task_ids = [t.id for t in tasks]
        plan = find_plan(s, team_id, week[0])
        published = plan is not None and plan.status == PlanStatus.PUBLISHED
        assignments = _assignment_rows(s, plan.id, factors) if published else []
        production = {
            (p.task_id, p.date): p.produced
            for p in s.scalars(
                select(Production).where(Production.task_id.in_(task_ids), Production.date.between(week[0], week[-1]))
            )
        }
        overrides = [
            opsboard.OverrideRow(o.task_id, o.date, o.volume, o.reason)
            for o in s.scalars(
                select(PlannedVolumeOverride).where(
                    PlannedVolumeOverride.task_id.in_(task_ids),
                    PlannedVolumeOverride.date.between(week[0], week[-1]),
                )
            )
        ]
        latest = (
            select(HoldingsSnapshot.task_id, func.max(HoldingsSnapshot.date).label("d"))
            .where(HoldingsSnapshot.task_id.in_(task_ids), HoldingsSnapshot.date <= day)
            .group_by(HoldingsSnapshot.task_id)
            .subquery()
        )
        full = not result_only
        holdings = (
            [
                opsboard.HoldingsRow(h.task_id, h.date, h.open_cases, h.due_today, h.overdue)
                for h in s.scalars(
                    select(HoldingsSnapshot).join(
                        latest, (latest.c.task_id == HoldingsSnapshot.task_id) & (latest.c.d == HoldingsSnapshot.date)
                    )
                )
            ]
            if full
            else []
        )
        people_rows = (
            s.scalars(select(Person).where(Person.team_id == team_id, Person.active).order_by(Person.name)).all()
            if full
            else []
        )
        team_people = tuple((p.id, p.name) for p in people_rows)
        person_ids = {pid for pid, _ in team_people} | {a.person_id for a in assignments}
        absences = (
            [
                opsboard.AbsenceRow(a.person_id, name, a.date, a.kind.value, a.hours, a.note)
                for a, name in s.execute(
                    select(Absence, Person.name)
                    .join(Person, Person.id == Absence.person_id)
                    .where(Absence.person_id.in_(person_ids), Absence.date.between(week[0], week[-1]))
                )
            ]
            if full
            else []
        )
        competent_counts = competence.competent_counts(s, unit.id, task_ids) if full else {}
        # The unit's people are looked up only for the tasks short of capacity today, if any.
        helpers = full and published and day in week
        unit_people = partial(people_for_tasks, s, unit.id, day=day, week=week) if helpers else {}
        changes = (
            tuple(
                PlanChangeRow(c.id, c.date, c.kind, c.description, c.params or {}, c.author, c.created_at)
                for c in s.scalars(
                    select(PlanChange)
                    .where(PlanChange.team_id == team_id, PlanChange.date.between(week[0], week[-1]))
                    .order_by(PlanChange.date.desc(), PlanChange.created_at.desc(), PlanChange.id.desc())
                )
            )
            if full
            else ()
        )
        board = opsboard.build_operations_board(
            day=day,
            team_id=team_id,
            tasks=tasks,
            assignments=assignments,
            production=production,
            overrides=overrides,
            holdings=holdings,
            absences=absences,
            team_people=team_people,
            competent_counts=competent_counts,
            unit_people=unit_people,
            factors=factors,
            has_plan=published,
            now=now or clock.now(),
            **board_settings(chain),
        )
        return OperationsBoardView(
            board=board,
            team_id=team_id,
            plan_status=plan.status if plan else None,
            plan_version=plan.version if plan else None,
            changes=changes,
            tasks=tasks,
            people=team_people,
            places=day_places(s, person_ids, day) if full and calendar.is_work_day(day) else {},
            confirmations=board_line(s, team_id, day, people_rows) if full else None,
        )


def board_settings(chain: list[OrgUnit]) -> dict[str, Any]:
    """The settings in force for a team (its ancestry, nearest first) that its board is judged by."""
    return {
        "tolerance_pct": org.inherited(chain, "status_tolerance_pct", 0.0),
        "margin_fte": org.inherited(chain, "competence_margin_fte", 1.0),
        "escalation_order": org.inherited(chain, "escalation_order", opsboard.DEFAULT_ESCALATION),
        "working_hours": WorkingHours(
            org.inherited(chain, "work_day_start", OFFICE_HOURS.start),
            org.inherited(chain, "work_day_end", OFFICE_HOURS.end),
        ),
        "today_rule": TodayRule(org.inherited(chain, "today_rule", TodayRule.PRO_RATA.value)),
    }


def _assignment_rows(s: Session, plan_id: int, factors: Factors) -> list[opsboard.AssignmentRow]:
    return assignment_rows(s, {plan_id: factors}).get(plan_id, [])


def assignment_rows(s: Session, plans: dict[int, Factors]) -> dict[int, list[opsboard.AssignmentRow]]:
    """The assignments of each plan (by id, with its team's planning factors) as the board
    reads them, in one query for all of them (a department's board reads its teams' at once)."""
    team = OrgUnit.__table__.alias("person_team")
    rows = s.execute(  # plain rows, not ORM objects: a unit's 50 plans hold thousands
        select(
            Assignment.week_plan_id,
            Assignment.person_id,
            Assignment.task_id,
            Assignment.date,
            Assignment.hours,
            Person.name,
            Person.team_id,
            team.c.name,
            Person.team_leader,
            Person.board_leader,
        )
        .join(Person, Person.id == Assignment.person_id)
        .join(team, team.c.id == Person.team_id)
        .where(Assignment.week_plan_id.in_(list(plans)))
        .order_by(Assignment.date, Person.name)
    ).all()
    found: dict[int, list[opsboard.AssignmentRow]] = defaultdict(list)
    loads: dict[tuple[int, bool, bool], float] = {}
    for plan_id, person_id, task_id, date, hours, name, team_id, team_name, leader, board in rows:
        key = (plan_id, leader, board)
        if key not in loads:
            loads[key] = planning.person_load(planning.leader_flags(leader, board), plans[plan_id])
        found[plan_id].append(
            opsboard.AssignmentRow(person_id, name, team_id, team_name, task_id, date, hours, loads[key])
        )
    return found


def day_plans(s: Session, keys: Iterable[tuple[int, dt.date]]) -> dict[tuple[int, dt.date], int]:
    """The planned volume of each (task, day) in ``keys``, as the board computes it (the
    published week plan through the planning factors, a leader's override on top); 0 where
    nothing is planned. One plan lookup per team and week the keys touch."""
    wanted = set(keys)
    tasks = {t.id: t for t in s.scalars(select(Task).where(Task.id.in_({task_id for task_id, _ in wanted})))}
    weeks: dict[tuple[int, dt.date], set[tuple[int, dt.date]]] = defaultdict(set)
    for task_id, day in wanted:
        if task_id in tasks:
            weeks[(tasks[task_id].team_id, calendar.week_start(day))].add((task_id, day))
    plans: dict[tuple[int, dt.date], int] = {}
    for (team_id, monday), team_keys in weeks.items():
        plan = find_plan(s, team_id, monday)
        if plan is None or plan.status != PlanStatus.PUBLISHED:
            continue
        factors = org.team_factors(s, team_id)
        infos = [
            opsboard.TaskInfo(t.id, t.name, t.minutes_per_case, t.service_goal_days, t.expected_daily_volume)
            for t in {tasks[task_id] for task_id, _ in team_keys}
        ]
        overrides = [
            opsboard.OverrideRow(o.task_id, o.date, o.volume, o.reason)
            for o in s.scalars(
                select(PlannedVolumeOverride).where(
                    PlannedVolumeOverride.task_id.in_([i.id for i in infos]),
                    PlannedVolumeOverride.date.between(monday, monday + dt.timedelta(days=6)),
                )
            )
        ]
        volumes = opsboard.planned_volumes(infos, _assignment_rows(s, plan.id, factors), overrides, factors)
        plans.update({key: volumes[key][0] for key in team_keys if key in volumes})
    return {key: plans.get(key, 0) for key in wanted}


def people_for_tasks(
    s: Session,
    unit_id: int,
    task_ids: Sequence[int],
    *,
    day: dt.date,
    week: tuple[dt.date, ...],
    competent_only: bool = True,
) -> dict[int, list[planning.PersonDay]]:
    """The unit's active people who are competent (or expert) in one of ``task_ids``, as the
    capacity search sees them today, per task: only they can be proposed for a short task, and
    a unit of 50 teams has 500 people to look at otherwise."""
    team_ids = org.descendant_ids(s, unit_id, OrgLevel.TEAM)
    team = OrgUnit.__table__.alias("t")
    levels_that_help = [CompetenceLevel.COMPETENT, CompetenceLevel.EXPERT]
    competent = (
        select(Competence.person_id)
        .where(Competence.task_id.in_(task_ids), Competence.level.in_(levels_that_help))
        .scalar_subquery()
    )
    people = s.execute(
        select(Person.id, Person.name, Person.team_id, team.c.name, Person.daily_hours)
        .join(team, team.c.id == Person.team_id)
        .where(Person.team_id.in_(team_ids), Person.active, Person.id.in_(competent) if competent_only else true())
    ).all()
    ids = [p[0] for p in people]
    absent: dict[tuple[int, dt.date], float] = defaultdict(float)
    for pid, date, hours in s.execute(
        select(Absence.person_id, Absence.date, Absence.hours).where(
            Absence.person_id.in_(ids), Absence.date.between(week[0], week[-1])
        )
    ):
        absent[(pid, date)] += hours
    assigned: dict[tuple[int, dt.date], float] = defaultdict(float)
    for pid, date, hours in s.execute(
        select(Assignment.person_id, Assignment.date, func.sum(Assignment.hours))
        .join(WeekPlan, WeekPlan.id == Assignment.week_plan_id)
        .where(
            Assignment.person_id.in_(ids),
            Assignment.date.between(week[0], week[-1]),
            WeekPlan.status == PlanStatus.PUBLISHED,
        )
        .group_by(Assignment.person_id, Assignment.date)
    ):
        assigned[(pid, date)] += hours
    levels: dict[tuple[int, int], str] = {
        (pid, tid): level.value
        for pid, tid, level in s.execute(
            select(Competence.person_id, Competence.task_id, Competence.level).where(
                Competence.task_id.in_(task_ids), Competence.person_id.in_(ids)
            )
        )
    }
    # What does not depend on the task (the week's overtime above all) once per person.
    today = [
        (
            pid,
            name,
            team_id,
            team_name,
            hours,
            absent[(pid, day)],
            assigned[(pid, day)],
            planning.overtime_used((hours, absent[(pid, d)], assigned[(pid, d)]) for d in week),
        )
        for pid, name, team_id, team_name, hours in people
    ]
    return {
        task_id: [
            planning.PersonDay(
                person_id=pid,
                name=name,
                team_id=team_id,
                team_name=team_name,
                daily_hours=hours,
                absent_hours=absent_hours,
                assigned_hours=assigned_hours,
                overtime_used_week=overtime,
                level=levels.get((pid, task_id)),
            )
            for pid, name, team_id, team_name, hours, absent_hours, assigned_hours, overtime in today
            # Only those who can help on this task (the candidates' own rule): a unit's many short
            # tasks would otherwise hold every competent person of the unit each.
            if not competent_only or levels.get((pid, task_id)) in _HELPS
        ]
        for task_id in task_ids
    }


_HELPS = frozenset({CompetenceLevel.COMPETENT.value, CompetenceLevel.EXPERT.value})


def refresh_seconds(team_id: int, engine: Engine | None = None) -> int | None:
    """The team's screen refresh interval (inherited from department and unit)."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        return org.inherited(org.ancestry(s, team_id), "refresh_seconds", None)


def meeting_minutes(team_id: int, engine: Engine | None = None) -> int:
    """Length of the team's daily board meeting (inherited; 10 minutes when nobody set it)."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        return int(org.inherited(org.ancestry(s, team_id), "meeting_minutes", 10))

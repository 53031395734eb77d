"""The department's and unit's operations board: each team's board for the day, read for all
the teams at once (one query per kind of row, not one set per team) and composed by the team
board's own ``opsboard.build_operations_board``; then rolled up by the pure ``tiers``.

A unit of 50 teams is read in the same dozen queries as one team: that is what keeps its board
within twice a team board's time on the 500-team database (``bench/tiers.py``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from db.engine import read_session
from db.models import (
    Absence,
    HoldingsSnapshot,
    OrgUnit,
    Person,
    PlannedVolumeOverride,
    PlanningFactors,
    Production,
    Robot,
    RobotRun,
    Task,
    WeekPlan,
)
from driftboard import calendar, clock, opsboard, planning, robots, tiers
from driftboard.domain import NotFoundError, OrgLevel, PlanStatus
from driftboard.services import escalations, org, scope
from driftboard.services.common import can_be_a_slug
from driftboard.services.escalations import EscalationView
from driftboard.services.operations_board import assignment_rows, board_settings, people_for_tasks
from driftboard.tiers import SpareLine, TeamRow, Totals

SPARE_SHOWN = 3  # people proposed per short task
SPARE_TASKS = 12  # the short tasks with the largest gaps that the board looks for help for


@dataclass(frozen=True)
class TierBoardView:
    """What a department's or unit's board shows for a day."""

    org_id: int
    name: str
    slug: str
    level: OrgLevel
    day: dt.date
    week_days: tuple[dt.date, ...]
    rows: tuple[TeamRow, ...]  # worst first
    totals: Totals
    spare: tuple[SpareLine, ...]
    escalations: tuple[EscalationView, ...]  # waiting for an answer, oldest first
    answered: tuple[EscalationView, ...]  # answered today, the latest first
    meeting: dt.time  # this level's meeting
    meeting_minutes: int


def find_level(slug: str, engine: Engine | None = None) -> tuple[int, OrgLevel, str] | None:
    """The id, level and name of the active org unit ``slug`` names, when the reader may see it;
    None otherwise (one query: the page does not build the org tree)."""
    if not can_be_a_slug(slug):
        return None
    with read_session(engine) as s:
        found = s.execute(
            select(OrgUnit.id, OrgUnit.level, OrgUnit.name).where(OrgUnit.slug == slug, OrgUnit.active)
        ).first()
        if found is None or not scope.sees(s, found.id):
            return None
        return found.id, found.level, found.name


def load_tier_board(
    org_id: int, day: dt.date, engine: Engine | None = None, *, now: dt.datetime | None = None
) -> TierBoardView:
    """The board of a department or unit for ``day``, judged at ``now`` (default the clock's)."""
    now = now or clock.now()
    with read_session(engine) as s:
        scope.require_read(s, org_id)
        chain = org.ancestry(s, org_id)
        if not chain or chain[0].level not in (OrgLevel.DEPARTMENT, OrgLevel.UNIT):
            raise NotFoundError(f"no department or unit with id {org_id}", message_key="tier.err.not_a_level")
        head = chain[0]
        boards, teams = team_boards(s, org_id, chain, day, now)
        waiting = escalations.waiting_in(s, list(boards), now)
        by_team: dict[int, list[EscalationView]] = defaultdict(list)
        for e in waiting:
            by_team[e.team_id].append(e)
        rows = []
        for team_id, (board, down) in boards.items():
            team, department = teams[team_id]
            row = tiers.team_row(
                board, name=team.name, slug=team.slug, department=department, team_id=team_id, robots_down=down
            )
            mine = by_team.get(team_id, [])
            rows.append(_with_escalations(row, mine))
        meeting_level = tiers.MEETING_SETTING[head.level]
        return TierBoardView(
            org_id=head.id,
            name=head.name,
            slug=head.slug,
            level=head.level,
            day=day,
            week_days=calendar.work_days(day),
            rows=tuple(tiers.worst_first(rows)),
            totals=tiers.totals(rows),
            spare=tuple(_spare(s, org.unit_in(chain).id, {t: b for t, (b, _) in boards.items()}, teams, day)),
            escalations=tuple(waiting),
            answered=tuple(escalations.answered_in(s, list(boards), day, now)),
            meeting=org.inherited(chain, meeting_level, tiers.DEFAULT_MEETINGS[head.level]),
            meeting_minutes=int(org.inherited(chain, "meeting_minutes", 10)),
        )


def _with_escalations(row: TeamRow, mine: Sequence[EscalationView]) -> TeamRow:
    return replace(row, waiting=len(mine), late=sum(1 for e in mine if e.late))


def team_boards(
    s: Session, org_id: int, chain: list[OrgUnit], day: dt.date, now: dt.datetime
) -> tuple[dict[int, tuple[opsboard.OperationsBoard, int]], dict[int, tuple[OrgUnit, str]]]:
    """Each active team's board under ``org_id`` for ``day`` (without the capacity search's
    candidates, the competence check and the plan log, which the roll-up does not show) and
    its robots down; and each team with its department's name."""
    week = calendar.work_days(day)
    below = org.descendant_ids(s, org_id)
    units = {o.id: o for o in s.scalars(select(OrgUnit).where(OrgUnit.id.in_(below)))} | {o.id: o for o in chain}
    team_ids = [i for i in below if units[i].level == OrgLevel.TEAM and units[i].active]
    chains = {t: _chain(units, t) for t in team_ids}
    factor_rows = {
        f.org_unit_id: f for f in s.scalars(select(PlanningFactors).where(PlanningFactors.org_unit_id.in_(list(units))))
    }
    factors = {t: org.factors_in(chains[t], factor_rows) for t in team_ids}
    tasks: dict[int, list[opsboard.TaskInfo]] = defaultdict(list)
    for team_id, *info in s.execute(
        select(
            Task.team_id, Task.id, Task.name, Task.minutes_per_case, Task.service_goal_days, Task.expected_daily_volume
        )
        .where(Task.team_id.in_(team_ids), Task.active)
        .order_by(Task.sort_order, Task.name)
    ):
        tasks[team_id].append(opsboard.TaskInfo(*info))
    task_ids = [t.id for infos in tasks.values() for t in infos]
    team_of_task = {t.id: team for team, infos in tasks.items() for t in infos}
    year, iso_week, _ = week[0].isocalendar()
    plans = {
        p.team_id: p
        for p in s.scalars(
            select(WeekPlan).where(
                WeekPlan.team_id.in_(team_ids), WeekPlan.iso_year == year, WeekPlan.iso_week == iso_week
            )
        )
    }
    published = {t: p for t, p in plans.items() if p.status == PlanStatus.PUBLISHED}
    assigned = assignment_rows(s, {p.id: factors[t] for t, p in published.items()}) if published else {}
    production: dict[int, dict[tuple[int, dt.date], int]] = defaultdict(dict)
    for task_id, date, produced in s.execute(
        select(Production.task_id, Production.date, Production.produced).where(
            Production.task_id.in_(task_ids), Production.date.between(week[0], week[-1])
        )
    ):
        production[team_of_task[task_id]][(task_id, date)] = produced
    overrides: dict[int, list[opsboard.OverrideRow]] = defaultdict(list)
    for task_id, date, volume, reason in s.execute(
        select(
            PlannedVolumeOverride.task_id,
            PlannedVolumeOverride.date,
            PlannedVolumeOverride.volume,
            PlannedVolumeOverride.reason,
        ).where(PlannedVolumeOverride.task_id.in_(task_ids), PlannedVolumeOverride.date.between(week[0], week[-1]))
    ):
        overrides[team_of_task[task_id]].append(opsboard.OverrideRow(task_id, date, volume, reason))
    holdings = _latest_holdings(s, task_ids, day, team_of_task)
    people: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pid, name, team_id in s.execute(
        select(Person.id, Person.name, Person.team_id)
        .where(Person.team_id.in_(team_ids), Person.active)
        .order_by(Person.name)
    ):
        people[team_id].append((pid, name))
    person_ids = {pid for found in people.values() for pid, _ in found}
    person_ids |= {a.person_id for rows in assigned.values() for a in rows}
    absences: dict[int, list[opsboard.AbsenceRow]] = defaultdict(list)
    for person_id, name, date, kind, hours, note in s.execute(
        select(Absence.person_id, Person.name, Absence.date, Absence.kind, Absence.hours, Absence.note)
        .join(Person, Person.id == Absence.person_id)
        .where(Absence.person_id.in_(person_ids), Absence.date.between(week[0], week[-1]))
    ):
        absences[person_id].append(opsboard.AbsenceRow(person_id, name, date, kind.value, hours, note))
    down = _robots_down(s, team_ids)
    boards = {}
    for team_id in team_ids:
        plan = published.get(team_id)
        team_assignments = assigned.get(plan.id, []) if plan else []
        ids = {pid for pid, _ in people[team_id]} | {a.person_id for a in team_assignments}
        boards[team_id] = (
            opsboard.build_operations_board(
                day=day,
                team_id=team_id,
                tasks=tasks[team_id],
                assignments=team_assignments,
                production=production[team_id],
                overrides=overrides[team_id],
                holdings=holdings[team_id],
                absences=[row for pid in ids for row in absences.get(pid, [])],
                team_people=people[team_id],
                competent_counts={},
                unit_people={},
                factors=factors[team_id],
                has_plan=plan is not None,
                now=now,
                **board_settings(chains[team_id]),
            ),
            down.get(team_id, 0),
        )
    teams = {t: (units[t], _department(units, t)) for t in team_ids}
    return boards, teams


def _chain(units: dict[int, OrgUnit], org_id: int) -> list[OrgUnit]:
    found = []
    current: OrgUnit | None = units.get(org_id)
    while current is not None:
        found.append(current)
        current = units.get(current.parent_id) if current.parent_id else None
    return found


def _department(units: dict[int, OrgUnit], team_id: int) -> str:
    return next((o.name for o in _chain(units, team_id) if o.level == OrgLevel.DEPARTMENT), "")


def _latest_holdings(
    s: Session, task_ids: list[int], day: dt.date, team_of_task: dict[int, int]
) -> dict[int, list[opsboard.HoldingsRow]]:
    """Each task's latest holdings on or before ``day`` (as the team board reads them): the day
    found per task by an index seek, not a scan of years of snapshots of hundreds of tasks."""
    latest = (
        select(func.max(HoldingsSnapshot.date))
        .where(HoldingsSnapshot.task_id == Task.id, HoldingsSnapshot.date <= day)
        .correlate(Task)
        .scalar_subquery()
    )
    days = select(Task.id.label("task_id"), latest.label("d")).where(Task.id.in_(task_ids)).subquery()
    found: dict[int, list[opsboard.HoldingsRow]] = defaultdict(list)
    for task_id, date, open_cases, due_today, overdue in s.execute(
        select(
            HoldingsSnapshot.task_id,
            HoldingsSnapshot.date,
            HoldingsSnapshot.open_cases,
            HoldingsSnapshot.due_today,
            HoldingsSnapshot.overdue,
        ).join(days, (days.c.task_id == HoldingsSnapshot.task_id) & (days.c.d == HoldingsSnapshot.date))
    ):
        found[team_of_task[task_id]].append(opsboard.HoldingsRow(task_id, date, open_cases, due_today, overdue))
    return found


def _robots_down(s: Session, team_ids: list[int]) -> dict[int, int]:
    """Per team, its active robots that have not run within the down limit (``robots.is_up``),
    as the team board's robot panel says it now."""
    utc_now = clock.utcnow()
    rows = s.execute(
        select(Robot.team_id, func.max(RobotRun.last_run_at))
        .outerjoin(RobotRun, RobotRun.robot_id == Robot.id)
        .where(Robot.team_id.in_(team_ids), Robot.active)
        .group_by(Robot.id, Robot.team_id)
    ).all()
    minutes = robots.down_minutes()
    down: dict[int, int] = defaultdict(int)
    for team_id, last in rows:
        if not robots.is_up(last, utc_now, minutes):
            down[team_id] += 1
    return down


def _spare(
    s: Session,
    unit_id: int,
    boards: dict[int, opsboard.OperationsBoard],
    teams: dict[int, tuple[OrgUnit, str]],
    day: dt.date,
) -> list[SpareLine]:
    """Each short task of the teams today with the people elsewhere in the unit who are competent
    on it and have free hours (the team board's own search, for all short tasks at once)."""
    short = [(team_id, w) for team_id, board in boards.items() for w in board.warnings]
    short = sorted(short, key=lambda found: -found[1].gap_hours)[:SPARE_TASKS]
    if not short:
        return []
    found = people_for_tasks(s, unit_id, sorted({w.task.id for _, w in short}), day=day, week=calendar.work_days(day))
    lines = [
        SpareLine(
            team_id=team_id,
            team=teams[team_id][0].name,
            task_id=w.task.id,
            task=w.task.name,
            gap_hours=w.gap_hours,
            candidates=tuple(planning.borrow_candidates(found.get(w.task.id, ()), team_id)[:SPARE_SHOWN]),
        )
        for team_id, w in short
    ]
    return sorted(lines, key=lambda line: (-line.gap_hours, line.team, line.task))


def lendable(escalation_id: int, engine: Engine | None = None) -> tuple[EscalationView, list[planning.PersonDay]]:
    """The escalation and the people of its unit outside its team with free hours today, from
    any team or department: those competent on its task first, then the most free."""
    view = escalations.escalation_of(escalation_id, engine)
    day = calendar.board_day(clock.today())
    with read_session(engine) as s:
        unit_id = org.unit_in(org.ancestry(s, view.team_id)).id
        tasks = [view.task_id] if view.task_id else []
        found = people_for_tasks(s, unit_id, tasks or [0], day=day, week=calendar.work_days(day), competent_only=False)
    people = [p for p in next(iter(found.values()), []) if p.team_id != view.team_id and p.free_hours > 0]
    return view, sorted(people, key=lambda p: (not p.competent, -p.free_hours, p.team_name, p.name))

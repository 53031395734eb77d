"""The operations board as plain data (pure): what the TV shows for a team and a week.

``build_operations_board`` takes rows already loaded from the database (see
``services.operations.load_board``) and computes planned volume, produced vs planned per day and
cumulated, red/green/grey status, holdings, the roster, competence flags and capacity warnings
with escalation candidates. Everything here is deterministic and tested without a database.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from driftboard import calendar, planning
from driftboard.planning import Candidate, CompetenceCheck, PersonDay, PlanningFactors
from driftboard.status import (
    OFFICE_HOURS,
    Status,
    TodayRule,
    WorkingHours,
    day_status,
    judge_day,
    period_status,
    team_status,
)

DEFAULT_ESCALATION = ("borrow_unit", "overtime", "borrow_departments", "temporary_staff")


@dataclass(frozen=True)
class TaskInfo:
    id: int
    name: str
    minutes_per_case: float
    service_goal_days: int
    expected_daily_volume: int


@dataclass(frozen=True)
class AssignmentRow:
    person_id: int
    person_name: str
    person_team_id: int
    person_team_name: str
    task_id: int
    date: dt.date
    hours: float
    load: float = 1.0  # planning.person_load: the board leader's hours give fewer cases


@dataclass(frozen=True)
class AbsenceRow:
    person_id: int
    person_name: str
    date: dt.date
    kind: str
    hours: float
    note: str = ""


@dataclass(frozen=True)
class HoldingsRow:
    task_id: int
    date: dt.date
    open_cases: int
    due_today: int
    overdue: int

    @property
    def needs_attention(self) -> bool:
        """Cases on the last day of their service goal or already over it: the meeting's concern."""
        return bool(self.due_today or self.overdue)


@dataclass(frozen=True)
class OverrideRow:
    task_id: int
    date: dt.date
    volume: int
    reason: str


@dataclass(frozen=True)
class DayCell:
    date: dt.date
    planned: int
    produced: int | None
    status: Status
    override_reason: str | None = None


@dataclass(frozen=True)
class TaskLine:
    task: TaskInfo
    days: tuple[DayCell, ...]
    cum_planned: int  # the plan due so far (status.judge_day)
    cum_produced: int
    status: Status
    holdings: HoldingsRow | None
    competence: CompetenceCheck
    planned_hours_today: float  # paid hours planned on the task today
    planned_case_hours_today: float  # the same as hours on cases (planning.case_hours)

    def cell(self, day: dt.date) -> DayCell | None:
        return next((c for c in self.days if c.date == day), None)


@dataclass(frozen=True)
class RosterLine:
    person_id: int
    name: str
    tasks: tuple[tuple[str, float], ...]  # (task name, hours) today
    absence: AbsenceRow | None
    borrowed_from: str | None  # team name when the person belongs to another team

    @property
    def is_exception(self) -> bool:
        """Absent or borrowed: what the meeting says about people; everyone else works as planned."""
        return bool(self.absence or self.borrowed_from)


@dataclass(frozen=True)
class EscalationStep:
    key: str
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class CapacityWarning:
    task: TaskInfo
    gap_hours: float
    steps: tuple[EscalationStep, ...]


@dataclass(frozen=True)
class OperationsBoard:
    day: dt.date
    week_days: tuple[dt.date, ...]
    tasks: tuple[TaskLine, ...]
    status: Status
    roster: tuple[RosterLine, ...]
    warnings: tuple[CapacityWarning, ...]
    tolerance_pct: float
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def competence_flags(self) -> tuple[TaskLine, ...]:
        return tuple(t for t in self.tasks if not t.competence.ok)


def planned_volumes(
    tasks: Sequence[TaskInfo],
    assignments: Sequence[AssignmentRow],
    overrides: Sequence[OverrideRow],
    factors: PlanningFactors,
) -> dict[tuple[int, dt.date], tuple[int, str | None]]:
    """(task, day) → (planned volume, override reason or None)."""
    hours: dict[tuple[int, dt.date], float] = defaultdict(float)
    for a in assignments:
        hours[(a.task_id, a.date)] += planning.case_hours(a.hours, factors, a.load)
    minutes = {t.id: t.minutes_per_case for t in tasks}
    result = {key: (planning.planned_volume(h, minutes[key[0]]), None) for key, h in hours.items() if key[0] in minutes}
    for o in overrides:
        result[(o.task_id, o.date)] = (o.volume, o.reason)
    return result


def build_operations_board(
    *,
    day: dt.date,
    team_id: int,
    tasks: Sequence[TaskInfo],
    assignments: Sequence[AssignmentRow],
    production: Mapping[tuple[int, dt.date], int],
    overrides: Sequence[OverrideRow],
    holdings: Sequence[HoldingsRow],
    absences: Sequence[AbsenceRow],
    team_people: Sequence[tuple[int, str]],
    competent_counts: Mapping[int, int],
    unit_people: Mapping[int, Sequence[PersonDay]] | Callable[[Sequence[int]], Mapping[int, Sequence[PersonDay]]],
    factors: PlanningFactors,
    tolerance_pct: float = 0.0,
    margin_fte: float = 1.0,
    escalation_order: Sequence[str] = DEFAULT_ESCALATION,
    has_plan: bool = True,
    now: dt.datetime,
    working_hours: WorkingHours = OFFICE_HOURS,
    today_rule: TodayRule = TodayRule.PRO_RATA,
) -> OperationsBoard:
    """Compose the board for ``day``. ``unit_people`` maps task id → the unit's people as seen
    for that task today (competence level, free hours, overtime used) for candidate search; or
    it is a function that looks them up for the task ids it is given, called once and only for
    the tasks that are short today (most days none: the search costs nothing then)."""
    week = calendar.work_days(day)
    volumes = planned_volumes(tasks, assignments, overrides, factors)
    latest_holdings = {h.task_id: h for h in sorted(holdings, key=lambda h: h.date)}
    lines: list[TaskLine] = []
    for task in tasks:
        cells = []
        figures = []
        for d in week:
            planned, reason = volumes.get((task.id, d), (0, None))
            produced = production.get((task.id, d))
            fig = judge_day(d, planned, produced, now, hours=working_hours, rule=today_rule)
            figures.append(fig)
            cells.append(DayCell(d, planned, produced, day_status(fig, tolerance_pct), reason))
        past_figs = [f for f in figures if f.past]
        today_rows = [a for a in assignments if a.task_id == task.id and a.date == day]
        planned_today = sum(a.hours for a in today_rows)
        need_hours = planning.hours_needed(task.expected_daily_volume, task.minutes_per_case)
        lines.append(
            TaskLine(
                task=task,
                days=tuple(cells),
                cum_planned=sum(f.due_volume for f in past_figs),
                cum_produced=sum(f.produced or 0 for f in past_figs),
                status=period_status(figures, tolerance_pct),
                holdings=latest_holdings.get(task.id),
                competence=planning.check_competence(
                    task.id, need_hours, competent_counts.get(task.id, 0), factors, margin_fte
                ),
                planned_hours_today=planned_today,
                planned_case_hours_today=sum(planning.case_hours(a.hours, factors, a.load) for a in today_rows),
            )
        )

    short: list[tuple[TaskLine, float]] = []
    if has_plan and day in week:  # without a published plan every task would look short
        for line in lines:
            h = line.holdings if line.holdings and line.holdings.date == day else None
            gap = planning.capacity_gap(
                line.planned_case_hours_today,
                line.task.minutes_per_case,
                expected_volume=line.task.expected_daily_volume,
                due_today=h.due_today if h else 0,
                overdue=h.overdue if h else 0,
            )
            if gap >= line.task.minutes_per_case / 60:  # short by less than one case: no warning
                short.append((line, gap))
    found = unit_people([line.task.id for line, _ in short]) if short and callable(unit_people) else unit_people
    warnings = []
    for line, gap in short:
        people = found.get(line.task.id, ()) if isinstance(found, Mapping) else ()
        steps = []
        for key in escalation_order:
            if key == "borrow_unit":
                steps.append(EscalationStep(key, tuple(planning.borrow_candidates(people, team_id)[:5])))
            elif key == "overtime":
                steps.append(EscalationStep(key, tuple(planning.overtime_candidates(people, team_id, factors)[:5])))
            else:
                steps.append(EscalationStep(key))
        warnings.append(CapacityWarning(line.task, round(gap, 2), tuple(steps)))

    roster = _roster(day, team_id, tasks, assignments, absences, team_people)
    return OperationsBoard(
        day=day,
        week_days=week,
        tasks=tuple(lines),
        status=team_status(line.status for line in lines),
        roster=roster,
        warnings=tuple(warnings),
        tolerance_pct=tolerance_pct,
    )


def _roster(
    day: dt.date,
    team_id: int,
    tasks: Sequence[TaskInfo],
    assignments: Sequence[AssignmentRow],
    absences: Sequence[AbsenceRow],
    team_people: Sequence[tuple[int, str]],
) -> tuple[RosterLine, ...]:
    names = {t.id: t.name for t in tasks}
    today = [a for a in assignments if a.date == day]
    absent = {a.person_id: a for a in absences if a.date == day}
    people: dict[int, tuple[str, str | None]] = {pid: (name, None) for pid, name in team_people}
    for a in today:
        if a.person_id not in people:
            people[a.person_id] = (a.person_name, a.person_team_name if a.person_team_id != team_id else None)
    lines = []
    for person_id, (name, borrowed_from) in people.items():
        work = tuple((names.get(a.task_id, "?"), a.hours) for a in today if a.person_id == person_id)
        lines.append(RosterLine(person_id, name, work, absent.get(person_id), borrowed_from))
    # Working people first, then the absent, each by name.
    return tuple(sorted(lines, key=lambda r: (not r.tasks, r.absence is not None, r.name)))

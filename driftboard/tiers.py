"""Meetings above the team (pure): the department's and unit's operations board as one row per
team, gathered from the teams' own boards (``opsboard.build_operations_board``), and the rules of
an escalation — what it is, where it is, when it turns red.

The rows never judge anything again: today's status, the week so far, the capacity gap and the
holdings are read off each team's board, so a department's board says what its teams' boards
say, summed.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from driftboard import calendar
from driftboard.domain import OrgLevel
from driftboard.opsboard import OperationsBoard
from driftboard.planning import Candidate
from driftboard.status import Status, team_status


class EscalationKind(enum.StrEnum):
    """What a team hands up."""

    CAPACITY_GAP = "capacity_gap"  # hours the team cannot find today
    BLOCKER = "blocker"  # something stops the work that the team cannot remove
    IMPROVEMENT = "improvement"  # an improvement beyond the team's mandate
    KPI_ACTION = "kpi_action"  # a KPI action that needs a decision above the team


class EscalationStatus(enum.StrEnum):
    OPEN = "open"  # with the department
    ESCALATED = "escalated"  # taken on to the unit: open there
    ANSWERED = "answered"  # the level above decided; shown on the team's board
    CLOSED = "closed"  # the team has taken the answer in


WAITING = (EscalationStatus.OPEN, EscalationStatus.ESCALATED)


class Answer(enum.StrEnum):
    """How the level above answers."""

    BORROW = "borrow"  # people lent from another team or department (on both teams' plans)
    OVERTIME = "overtime"  # overtime approved, with its hours
    TEMPORARY_STAFF = "temporary_staff"  # temporary staff approved, with its hours
    NOTE = "note"  # a decision in words


# The meeting of each level, when the unit has not set its own (``orgsettings``).
DEFAULT_MEETINGS: dict[OrgLevel, dt.time] = {
    OrgLevel.TEAM: dt.time(9, 0),
    OrgLevel.DEPARTMENT: dt.time(9, 30),
    OrgLevel.UNIT: dt.time(10, 0),
}
# The setting that holds each level's meeting time (inherited like every other setting).
MEETING_SETTING: dict[OrgLevel, str] = {
    OrgLevel.TEAM: "meeting_time",
    OrgLevel.DEPARTMENT: "department_meeting_time",
    OrgLevel.UNIT: "unit_meeting_time",
}


def answer_due(raised_at: dt.datetime, team_meeting: dt.time) -> dt.datetime:
    """The moment an escalation must be answered by: the team's next meeting after the day it
    was raised (raised at 9:05 on Wednesday: Thursday at the team's meeting). Local time."""
    return dt.datetime.combine(calendar.next_work_day(raised_at.date()), team_meeting)


def is_late(status: EscalationStatus, raised_at: dt.datetime, now: dt.datetime, team_meeting: dt.time) -> bool:
    """Red on both boards: still waiting for an answer at the team's next meeting."""
    return status in WAITING and now >= answer_due(raised_at, team_meeting)


def age_minutes(raised_at: dt.datetime, now: dt.datetime) -> int:
    return max(0, int((now - raised_at).total_seconds() // 60))


# --------------------------------------------------------------------------- the roll-up


@dataclass(frozen=True)
class TeamRow:
    """One team on its department's or unit's board, read off the team's own board."""

    team_id: int
    name: str
    slug: str
    department: str
    today: Status  # today's cells of the team's tasks (the same ``judge_day``)
    week: Status  # the week so far (the team board's own status)
    days: tuple[Status, ...]  # each work day of the week so far, for the week strip
    planned: int  # the plan due so far this week
    produced: int  # produced so far this week
    gap_hours: float  # today's capacity gap, all short tasks together
    absent: int  # people absent today
    overdue: int  # cases over their service goal
    robots_down: int
    waiting: int = 0  # escalations waiting for an answer
    late: int = 0  # of those, past the team's next meeting


_RANK = {Status.RED: 0, Status.GREY: 1, Status.NOT_STARTED: 2, Status.GREEN: 3, Status.NONE: 4}


def team_row(
    board: OperationsBoard,
    *,
    name: str,
    slug: str,
    department: str,
    team_id: int,
    robots_down: int = 0,
) -> TeamRow:
    """The team's row, from its board for the day."""
    day = board.day
    days = tuple(
        team_status(c.status for line in board.tasks if (c := line.cell(d)) is not None)
        for d in board.week_days
        if d <= day
    )
    today = days[-1] if days and day in board.week_days else Status.NONE
    if today is Status.NONE and any((c := line.cell(day)) is not None and c.planned for line in board.tasks):
        today = Status.NOT_STARTED  # planned, nothing due or entered yet: never "nothing planned"
        days = (*days[:-1], today)
    return TeamRow(
        team_id=team_id,
        name=name,
        slug=slug,
        department=department,
        today=today,
        week=board.status,
        days=days,
        planned=sum(line.cum_planned for line in board.tasks),
        produced=sum(line.cum_produced for line in board.tasks),
        gap_hours=round(sum(w.gap_hours for w in board.warnings), 2),
        absent=sum(1 for r in board.roster if r.absence is not None),
        overdue=sum(line.holdings.overdue for line in board.tasks if line.holdings),
        robots_down=robots_down,
    )


def worst_first(rows: Iterable[TeamRow]) -> list[TeamRow]:
    """Late escalations first, then red before grey before green, the larger gap and the more
    overdue cases first, then by name."""
    return sorted(rows, key=lambda r: (-r.late, _RANK[r.today], _RANK[r.week], -r.gap_hours, -r.overdue, r.name))


@dataclass(frozen=True)
class Totals:
    teams: int
    red: int
    planned: int
    produced: int
    gap_hours: float
    absent: int
    overdue: int
    robots_down: int
    waiting: int
    late: int


def totals(rows: Sequence[TeamRow]) -> Totals:
    """The teams' rows summed: what the department's or unit's board says in its heading."""
    return Totals(
        teams=len(rows),
        red=sum(1 for r in rows if r.today is Status.RED or r.week is Status.RED),
        planned=sum(r.planned for r in rows),
        produced=sum(r.produced for r in rows),
        gap_hours=round(sum(r.gap_hours for r in rows), 2),
        absent=sum(r.absent for r in rows),
        overdue=sum(r.overdue for r in rows),
        robots_down=sum(r.robots_down for r in rows),
        waiting=sum(r.waiting for r in rows),
        late=sum(r.late for r in rows),
    )


@dataclass(frozen=True)
class SpareLine:
    """A short task of one team and the people elsewhere in the unit who could help today."""

    team_id: int
    team: str
    task_id: int
    task: str
    gap_hours: float
    candidates: tuple[Candidate, ...]


def is_exception(row: TeamRow) -> bool:
    """What the higher meeting talks about: a red or unregistered team, a gap, overdue cases,
    a robot down or an escalation waiting."""
    return (
        row.today in (Status.RED, Status.GREY)
        or row.week in (Status.RED, Status.GREY)
        or row.gap_hours > 0
        or row.overdue > 0
        or row.robots_down > 0
        or row.waiting > 0
    )

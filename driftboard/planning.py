"""Planning arithmetic: planning factors, capacity and planned volume (pure functions).

The unit agrees its planning factors (DOMAIN.md): of a person's daily hours only some are
customer-facing (6 of 7.5 in the demo); the board leader counts at a reduced load (75 %); a
development reserve (10 %) of capacity goes to approved projects. Planned volume per task and
day is the customer-facing hours planned on it turned into cases, rounded down.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

# Rounding guard: 4.2 h × 60 / 12 min is 20.999999… in binary floating point, not 21.
_EPSILON = 1e-9


@dataclass(frozen=True)
class PlanningFactors:
    daily_hours: float = 7.5
    customer_facing_hours: float = 6.0
    board_leader_load_pct: float = 75.0
    development_reserve_pct: float = 10.0
    overtime_cap_hours_per_week: float = 2.0

    def __post_init__(self) -> None:
        if self.daily_hours <= 0:
            raise ValueError("daily hours must be greater than 0")
        if not 0 <= self.customer_facing_hours <= self.daily_hours:
            raise ValueError("customer-facing hours must be between 0 and the daily hours")
        if not 0 <= self.board_leader_load_pct <= 100:
            raise ValueError("board leader load must be between 0 and 100 %")
        if not 0 <= self.development_reserve_pct < 100:
            raise ValueError("development reserve must be at least 0 % and below 100 %")

    @property
    def customer_facing_share(self) -> float:
        """The share of any planned hour that is customer-facing (6 / 7.5 = 0.8)."""
        return self.customer_facing_hours / self.daily_hours


FACTOR_NAMES = tuple(f.name for f in fields(PlanningFactors))


def resolve_factors(*layers: Mapping[str, Any] | None) -> PlanningFactors:
    """Merge factor rows from the unit down to the team; a None value inherits the one above."""
    factors = PlanningFactors()
    for layer in layers:
        if not layer:
            continue
        values = {k: float(v) for k, v in layer.items() if k in FACTOR_NAMES and v is not None}
        factors = replace(factors, **values)
    return factors


def customer_facing(planned_hours: float, factors: PlanningFactors) -> float:
    """Customer-facing hours in ``planned_hours`` of a working day."""
    if planned_hours < 0:
        raise ValueError("planned hours cannot be negative")
    return planned_hours * factors.customer_facing_share


def planned_volume(customer_facing_hours: float, minutes_per_case: float) -> int:
    """Cases that fit in the hours: hours × 60 ÷ minutes per case, rounded down."""
    if minutes_per_case <= 0:
        raise ValueError("minutes per case must be greater than 0")
    if customer_facing_hours < 0:
        raise ValueError("hours cannot be negative")
    return math.floor(customer_facing_hours * 60 / minutes_per_case + _EPSILON)


TEAM_LEADER = "team_leader"
BOARD_LEADER = "board_leader"


def leader_flags(team_leader: bool, board_leader: bool) -> tuple[str, ...]:
    """A person's planning flags as the roles ``person_load`` and ``capacity_load`` read."""
    return tuple(role for role, flag in ((TEAM_LEADER, team_leader), (BOARD_LEADER, board_leader)) if flag)


def person_load(roles: Iterable[str], factors: PlanningFactors) -> float:
    """The share of a person's planned hours that goes to cases: the board leader runs the
    board part of the day (``board_leader_load_pct``), everyone else works at full load."""
    return factors.board_leader_load_pct / 100 if BOARD_LEADER in roles else 1.0


def capacity_load(roles: Iterable[str], factors: PlanningFactors) -> float:
    """A person's load as capacity counts it: a team leader leads and handles no cases (0),
    unless they also run the board, when they count at the board leader's load."""
    roles = list(roles)
    if TEAM_LEADER in roles and BOARD_LEADER not in roles:
        return 0.0
    return person_load(roles, factors)


def case_hours(paid_hours: float, factors: PlanningFactors, load: float = 1.0) -> float:
    """The one place planning factors turn paid hours into hours on cases: the customer-facing
    share of the hours (6 of 7.5) at the person's load. Planned volume and capacity both use it."""
    return customer_facing(paid_hours, factors) * load


def person_capacity(
    daily_hours: float,
    factors: PlanningFactors,
    *,
    absent_hours: float = 0.0,
    load: float = 1.0,
) -> float:
    """Hours on cases a person can give on a day, after absence and planning factors.

    The development reserve is taken off everyone's capacity (it is what may be planned, not
    what planned hours produce). Absence beyond the working day leaves zero, never less.
    """
    if daily_hours < 0 or absent_hours < 0:
        raise ValueError("hours cannot be negative")
    present = max(daily_hours - absent_hours, 0.0)
    return case_hours(present, factors, load) * (1 - factors.development_reserve_pct / 100)


def hours_needed(volume: float, minutes_per_case: float) -> float:
    """Customer-facing hours needed to finish ``volume`` cases."""
    if minutes_per_case <= 0:
        raise ValueError("minutes per case must be greater than 0")
    return max(volume, 0) * minutes_per_case / 60


# --------------------------------------------------------------------------- competent capacity

# The unit's rule: a task needing under 1 FTE per day still needs this many competent people.
MIN_COMPETENT_SMALL_TASK = 3


def required_competent(daily_need_hours: float, factors: PlanningFactors, margin_fte: float = 1.0) -> int:
    """How many competent people a task needs: 3 when its daily need is under 1 FTE, otherwise
    the needed FTE plus the unit's margin, rounded up."""
    if daily_need_hours < 0 or margin_fte < 0:
        raise ValueError("need and margin cannot be negative")
    fte = daily_need_hours / factors.customer_facing_hours if factors.customer_facing_hours else 0.0
    if fte < 1:
        return MIN_COMPETENT_SMALL_TASK
    return math.ceil(fte + margin_fte - _EPSILON)


@dataclass(frozen=True)
class CompetenceCheck:
    task_id: int
    need_fte: float
    required: int
    competent: int

    @property
    def ok(self) -> bool:
        return self.competent >= self.required


def check_competence(
    task_id: int, daily_need_hours: float, competent: int, factors: PlanningFactors, margin_fte: float = 1.0
) -> CompetenceCheck:
    need_fte = daily_need_hours / factors.customer_facing_hours if factors.customer_facing_hours else 0.0
    return CompetenceCheck(task_id, need_fte, required_competent(daily_need_hours, factors, margin_fte), competent)


# --------------------------------------------------------------------------- capacity gaps


def capacity_gap(
    planned_case_hours: float,
    minutes_per_case: float,
    *,
    expected_volume: int,
    due_today: int = 0,
    overdue: int = 0,
) -> float:
    """Hours on cases short today (0 when covered); ``planned_case_hours`` as ``case_hours``.

    The need is the larger of the expected daily volume and the holdings that must be done today
    (due today plus already overdue), turned into hours.
    """
    need = hours_needed(max(expected_volume, due_today + overdue), minutes_per_case)
    return max(0.0, need - planned_case_hours)


@dataclass(frozen=True)
class PersonDay:
    """One person's day as the capacity search sees it."""

    person_id: int
    name: str
    team_id: int
    team_name: str
    daily_hours: float
    absent_hours: float
    assigned_hours: float
    overtime_used_week: float
    level: str | None  # competence on the task in question (None = not competent)

    @property
    def free_hours(self) -> float:
        return max(0.0, self.daily_hours - self.absent_hours - self.assigned_hours)

    @property
    def competent(self) -> bool:
        return self.level in ("competent", "expert")


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    team_name: str
    hours: float  # free hours (borrow) or overtime room (overtime)
    level: str


def borrow_candidates(people: Iterable[PersonDay], own_team_id: int) -> list[Candidate]:
    """Competent people in the unit's other teams with free hours that day, most free first."""
    found = [
        Candidate(p.person_id, p.name, p.team_name, p.free_hours, p.level or "")
        for p in people
        if p.team_id != own_team_id and p.competent and p.free_hours > 0
    ]
    return sorted(found, key=lambda c: (-c.hours, c.level != "expert", c.name))


def overtime_candidates(people: Iterable[PersonDay], own_team_id: int, factors: PlanningFactors) -> list[Candidate]:
    """Competent, present people of the team with overtime room left this week (cap per person)."""
    found = []
    for p in people:
        room = factors.overtime_cap_hours_per_week - p.overtime_used_week
        if p.team_id == own_team_id and p.competent and room > 0 and p.absent_hours < p.daily_hours:
            found.append(Candidate(p.person_id, p.name, p.team_name, room, p.level or ""))
    return sorted(found, key=lambda c: (-c.hours, c.level != "expert", c.name))


def overtime_used(daily: Iterable[tuple[float, float, float]]) -> float:
    """Overtime in a week from (daily hours, absent hours, assigned hours) per day."""
    return sum(max(0.0, assigned - max(0.0, hours - absent)) for hours, absent, assigned in daily)


def team_capacity(people: Iterable[tuple[float, float, float]], factors: PlanningFactors) -> float:
    """Hours on cases a team can give on a day from (daily hours, absent hours, capacity load)
    per person, after all planning factors."""
    return sum(person_capacity(daily, factors, absent_hours=absent, load=load) for daily, absent, load in people)

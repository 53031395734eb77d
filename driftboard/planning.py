"""Planning arithmetic: planning factors, capacity and planned volume (pure functions).

The unit agrees its planning factors (DOMAIN.md): of a person's daily hours only some are
customer-facing (6 of 7.5 in the demo); the board leader counts at a reduced load (75 %); a
development reserve (10 %) of capacity goes to approved projects. Planned volume per task and
day is the customer-facing hours planned on it turned into cases, rounded down.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
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


def person_capacity(
    daily_hours: float,
    factors: PlanningFactors,
    *,
    absent_hours: float = 0.0,
    is_board_leader: bool = False,
) -> float:
    """Customer-facing hours a person can give on a day, after absence and planning factors.

    The board leader counts at ``board_leader_load_pct``; the development reserve is taken off
    everyone's capacity. Absence beyond the working day leaves zero, never a negative capacity.
    """
    if daily_hours < 0 or absent_hours < 0:
        raise ValueError("hours cannot be negative")
    present = max(daily_hours - absent_hours, 0.0)
    capacity = customer_facing(present, factors)
    if is_board_leader:
        capacity *= factors.board_leader_load_pct / 100
    return capacity * (1 - factors.development_reserve_pct / 100)


def hours_needed(volume: float, minutes_per_case: float) -> float:
    """Customer-facing hours needed to finish ``volume`` cases."""
    if minutes_per_case <= 0:
        raise ValueError("minutes per case must be greater than 0")
    return max(volume, 0) * minutes_per_case / 60

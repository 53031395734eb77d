"""Red/green status of the operations board (pure).

One rule, used by every board, export and test: a task is green when its cumulated production
reaches its cumulated plan (within the team's tolerance), red when behind, and grey ("not
registered") when a past day that had a plan has no production entered — missing data is never
shown as green or red.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class Status(enum.StrEnum):
    GREEN = "green"
    RED = "red"
    GREY = "grey"  # not registered
    NONE = "none"  # nothing planned, nothing to judge


@dataclass(frozen=True)
class DayFigures:
    """Planned and produced volume of one task on one day; ``produced`` None = not entered."""

    planned: int
    produced: int | None
    past: bool  # the day is over (or its production has been entered)


def reaches(produced: int, planned: int, tolerance_pct: float = 0.0) -> bool:
    """True when ``produced`` reaches ``planned`` less the tolerance. Exactly on plan reaches."""
    if planned < 0 or produced < 0:
        raise ValueError("volumes cannot be negative")
    if not 0 <= tolerance_pct <= 100:
        raise ValueError("tolerance must be between 0 and 100 %")
    # Integer-safe comparison: produced >= planned × (1 − tolerance).
    return produced * 100 >= planned * (100 - tolerance_pct)


def day_status(day: DayFigures, tolerance_pct: float = 0.0) -> Status:
    """The status of a single day."""
    if not day.past:
        return Status.NONE
    if day.produced is None:
        return Status.GREY if day.planned > 0 else Status.NONE
    if day.planned == 0 and day.produced == 0:
        return Status.NONE
    return Status.GREEN if reaches(day.produced, day.planned, tolerance_pct) else Status.RED


def cumulated(days: Iterable[DayFigures]) -> tuple[int, int]:
    """Cumulated (planned, produced) over the days that are over."""
    past = [d for d in days if d.past]
    return sum(d.planned for d in past), sum(d.produced or 0 for d in past)


def period_status(days: Sequence[DayFigures], tolerance_pct: float = 0.0) -> Status:
    """Status of a task over the period so far (cumulated production against cumulated plan)."""
    past = [d for d in days if d.past]
    if any(d.produced is None and d.planned > 0 for d in past):
        return Status.GREY
    planned, produced = cumulated(past)
    if planned == 0 and produced == 0:
        return Status.NONE
    return Status.GREEN if reaches(produced, planned, tolerance_pct) else Status.RED


def team_status(task_statuses: Iterable[Status]) -> Status:
    """Red when any task is red; else grey when any is not registered; else green (or none)."""
    statuses = set(task_statuses)
    for status in (Status.RED, Status.GREY, Status.GREEN):
        if status in statuses:
            return status
    return Status.NONE

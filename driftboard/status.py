"""Red/green status of the operations board (pure).

One rule, used by every board, export and test: a task is green when its cumulated production
reaches the plan due so far (within the team's tolerance), red when behind, and grey ("not
registered") when a past day that had a plan has no production entered — missing data is never
shown as green or red.

What is "due so far" at the moment of looking (``judge_day``): every completed day's whole plan,
plus today's — either pro-rated to the working hours elapsed, counted once the team has entered
today's production (``TodayRule.PRO_RATA``, the default), or only after the working day ends
(``TodayRule.END_OF_DAY``, a unit setting). Before anything is due the team is "not started":
never "nothing planned" beside a plan, never red against a day that has just begun.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class Status(enum.StrEnum):
    GREEN = "green"
    RED = "red"
    GREY = "grey"  # not registered
    NOT_STARTED = "not_started"  # planned, but nothing is due yet (Monday 9:00)
    NONE = "none"  # nothing planned, nothing to judge


class TodayRule(enum.StrEnum):
    """How the day in progress is judged (a unit setting)."""

    PRO_RATA = "pro_rata"  # once production is entered, against the plan pro-rated to the hour
    END_OF_DAY = "end_of_day"  # only after the working day has ended


@dataclass(frozen=True)
class WorkingHours:
    start: dt.time = dt.time(8, 0)
    end: dt.time = dt.time(15, 30)

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("the working day must end after it starts")

    def elapsed_share(self, moment: dt.time) -> float:
        """The share of the working day that has passed at ``moment`` (0 before, 1 after)."""
        minutes = lambda t: t.hour * 60 + t.minute + t.second / 60  # noqa: E731
        share = (minutes(moment) - minutes(self.start)) / (minutes(self.end) - minutes(self.start))
        return min(1.0, max(0.0, share))


OFFICE_HOURS = WorkingHours()


@dataclass(frozen=True)
class DayFigures:
    """Planned and produced volume of one task on one day; ``produced`` None = not entered."""

    planned: int
    produced: int | None
    past: bool  # judged now: the day is over, or (today) its production is entered pro rata
    due: int | None = None  # the plan due by now when less than the whole day's (today)

    @property
    def due_volume(self) -> int:
        return self.planned if self.due is None else self.due


def judge_day(
    day: dt.date,
    planned: int,
    produced: int | None,
    now: dt.datetime,
    *,
    hours: WorkingHours = OFFICE_HOURS,
    rule: TodayRule = TodayRule.PRO_RATA,
) -> DayFigures:
    """The figures of one day as the board judges them at the moment ``now``."""
    today = now.date()
    if day < today or (day == today and now.time() >= hours.end):
        return DayFigures(planned, produced, True)
    if day == today and produced is not None and rule is TodayRule.PRO_RATA:
        # Rounded down: a case is due only when its whole processing time has passed.
        due = math.floor(planned * hours.elapsed_share(now.time()) + 1e-9)
        return DayFigures(planned, produced, True, due)
    return DayFigures(planned, produced, False)


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
    if day.due_volume == 0 and day.produced == 0:
        return Status.NONE
    return Status.GREEN if reaches(day.produced, day.due_volume, tolerance_pct) else Status.RED


def cumulated(days: Iterable[DayFigures]) -> tuple[int, int]:
    """Cumulated (due, produced) over the days judged so far."""
    past = [d for d in days if d.past]
    return sum(d.due_volume for d in past), sum(d.produced or 0 for d in past)


def period_status(days: Sequence[DayFigures], tolerance_pct: float = 0.0) -> Status:
    """Status of a task over the period so far (cumulated production against the plan due)."""
    past = [d for d in days if d.past]
    if any(d.produced is None and d.planned > 0 for d in past):
        return Status.GREY
    due, produced = cumulated(past)
    if due == 0 and produced == 0:
        return Status.NOT_STARTED if any(d.planned > 0 for d in days) else Status.NONE
    return Status.GREEN if reaches(produced, due, tolerance_pct) else Status.RED


def is_exception(status: Status) -> bool:
    """Behind or not registered: what the meeting's "exceptions only" view keeps."""
    return status in (Status.RED, Status.GREY)


def team_status(task_statuses: Iterable[Status]) -> Status:
    """Red when any task is red; else grey when any is not registered; else green; else not
    started when anything is planned; else none."""
    statuses = set(task_statuses)
    for status in (Status.RED, Status.GREY, Status.GREEN, Status.NOT_STARTED):
        if status in statuses:
            return status
    return Status.NONE

"""Robots on the operations board (pure): is a robot up, and does the share of cases it handles
fully reach its target — judged red/green by the board's one rule (``status.reaches``).

A robot is up while its last run is at most ``down_minutes()`` old
(``DRIFTBOARD_ROBOT_DOWN_MINUTES``, default 30); it is down after that, and has never run when no
run is known.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass

from driftboard.status import Status, reaches

DEFAULT_DOWN_MINUTES = 30


def down_minutes() -> int:
    """Minutes without a run after which a robot is shown as down (``DRIFTBOARD_ROBOT_DOWN_MINUTES``)."""
    raw = os.environ.get("DRIFTBOARD_ROBOT_DOWN_MINUTES", "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_DOWN_MINUTES


@dataclass(frozen=True)
class RobotCounts:
    """A robot's cases over a day or a week: handled fully, handed to a person, failed."""

    handled: int = 0
    handed_over: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.handled + self.handed_over + self.failed

    @property
    def share(self) -> float | None:
        """The share handled fully (0–1); None when the robot had no cases."""
        return self.handled / self.total if self.total else None

    def __add__(self, other: RobotCounts) -> RobotCounts:
        return RobotCounts(
            self.handled + other.handled, self.handed_over + other.handed_over, self.failed + other.failed
        )


def summed(counts: Iterable[RobotCounts]) -> RobotCounts:
    total = RobotCounts()
    for c in counts:
        total = total + c
    return total


def share_status(counts: RobotCounts, target_share: float, tolerance_pct: float = 0.0) -> Status:
    """Green when the share handled fully reaches the target (within the team's tolerance), red
    when below; grey when no cases are registered — missing data is never green or red."""
    if counts.total == 0:
        return Status.GREY
    # Whole numbers for ``reaches``: cases × 1000 against the target's share of them × 1000.
    return (
        Status.GREEN
        if reaches(counts.handled * 1000, round(target_share * counts.total * 1000), tolerance_pct)
        else Status.RED
    )


def is_up(last_run_at: dt.datetime | None, now: dt.datetime, minutes: int) -> bool:
    """Whether a robot whose last run was at ``last_run_at`` (naive UTC) counts as up at ``now``."""
    return last_run_at is not None and now - last_run_at <= dt.timedelta(minutes=minutes)


@dataclass(frozen=True)
class RobotLine:
    """One robot as the board shows it."""

    id: int
    slug: str
    name: str
    tasks: tuple[str, ...]
    target_share: float
    up: bool
    last_run_at: dt.datetime | None  # naive UTC
    today: RobotCounts
    week: RobotCounts
    today_status: Status
    week_status: Status


def robot_line(
    *,
    id: int,
    slug: str,
    name: str,
    tasks: tuple[str, ...],
    target_share: float,
    last_run_at: dt.datetime | None,
    today: RobotCounts,
    week: RobotCounts,
    now: dt.datetime,
    minutes: int,
    tolerance_pct: float = 0.0,
) -> RobotLine:
    return RobotLine(
        id=id,
        slug=slug,
        name=name,
        tasks=tasks,
        target_share=target_share,
        up=is_up(last_run_at, now, minutes),
        last_run_at=last_run_at,
        today=today,
        week=week,
        today_status=share_status(today, target_share, tolerance_pct),
        week_status=share_status(week, target_share, tolerance_pct),
    )

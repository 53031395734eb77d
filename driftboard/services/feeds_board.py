"""What the operations board shows of fed numbers: cases received per task and day of the week
(beside produced) and the team's robots (up/down, share handled fully against target)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from driftboard import calendar, robots
from driftboard.services import intake
from driftboard.services import robots as robot_services


@dataclass(frozen=True)
class FeedsView:
    day: dt.date
    received: dict[tuple[int, dt.date], int]  # (task id, day) → cases received
    robots: tuple[robots.RobotLine, ...]

    def received_on(self, task_id: int, day: dt.date) -> int | None:
        return self.received.get((task_id, day))

    def received_to(self, task_id: int, day: dt.date) -> int | None:
        """Cases received on the task from Monday up to ``day``; None when none is registered."""
        values = [n for (t, d), n in self.received.items() if t == task_id and d <= day]
        return sum(values) if values else None


def load_feeds(
    team_id: int, day: dt.date, engine: Engine | None = None, *, now: dt.datetime | None = None
) -> FeedsView:
    """Intake of ``day``'s week and the robots as of ``now`` (naive UTC; default the clock's)."""
    received = intake.week_values(team_id, calendar.work_days(day), engine)
    return FeedsView(day, received, tuple(robot_services.robot_board(team_id, day, engine, now=now)))

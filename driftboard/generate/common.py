"""What every part of a generated organisation shares: the run's dates and seed, the id counters,
where rows go, the teams as the later parts need them, and the stored form of timestamps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from driftboard import calendar

LOADER_NAME = "Driftboard (generated)"
VERSIONED = ["version", "created_at", "updated_at"]
AUDIT_COLUMNS = ["entity", "entity_id", "action", "new_value", "actor", "row_version", "at"]

Row = tuple[Any, ...]
Insert = Callable[[str, list[str], Any], int]  # table, columns, rows -> rows written


def stored_time(when: dt.datetime) -> str:
    """A timestamp as the database stores it (naive UTC; SQLAlchemy's SQLite text format)."""
    return when.strftime("%Y-%m-%d %H:%M:%S.%f")


def timestamp(day: dt.date, hour: int, minute: int = 0) -> str:
    """``stored_time`` of a day at a time."""
    return stored_time(dt.datetime.combine(day, dt.time(hour, minute)))


class Ids:
    """Ids handed out per table, after those the database already holds."""

    def __init__(self, start: dict[str, int]) -> None:
        self.last = dict(start)

    def next(self, table: str) -> int:
        self.last[table] = self.last.get(table, 0) + 1
        return self.last[table]


class PersonSpec(NamedTuple):
    id: int
    name: str
    hours: float  # daily hours
    leader: bool  # the team leader (plans the week, does not take cases)


@dataclass(slots=True)
class TaskSpec:
    id: int
    minutes: float  # per case
    goal: int  # service goal in days
    volume: int  # expected daily volume
    error: float  # input error rate, %


@dataclass
class TeamSpec:
    """A generated team as the later parts need it: its people, tasks and who can do what."""

    id: int
    slug: str
    unit_index: int
    leader: str = ""
    board_leader: str = ""
    people: list[PersonSpec] = field(default_factory=list)
    tasks: list[TaskSpec] = field(default_factory=list)
    skills: dict[int, list[int]] = field(default_factory=dict)  # person id -> task ids (competent or expert)

    def handlers(self) -> list[PersonSpec]:
        """The people who take cases: all but the team leader."""
        return [p for p in self.people if not p.leader]


@dataclass
class Generation:
    """One run: the seed and dates every part derives from, the id counters and the writer."""

    seed: int
    today: dt.date
    years: int
    ids: Ids
    insert: Insert
    first: dt.date = field(init=False)  # the first day with history
    work_days: list[dt.date] = field(init=False)
    created: str = field(init=False)  # when the master data was created: a month before the history

    def __post_init__(self) -> None:
        self.first = self.today - dt.timedelta(days=365 * self.years)
        days = (self.first + dt.timedelta(days=i) for i in range((self.today - self.first).days + 1))
        self.work_days = [d for d in days if calendar.is_work_day(d)]
        self.created = timestamp(self.first - dt.timedelta(days=30), 8)

    @property
    def this_monday(self) -> dt.date:
        return calendar.week_start(self.today)

    def past_weeks(self) -> list[dt.date]:
        """The Mondays of the whole weeks with history, oldest first (not the first, partial week)."""
        mondays = []
        monday = calendar.week_start(self.first) + dt.timedelta(weeks=1)
        while monday < self.this_monday:
            mondays.append(monday)
            monday += dt.timedelta(weeks=1)
        return mondays

    def versioned(self, rows: Iterable[Row]) -> Iterator[Row]:
        """Rows with the ``VERSIONED`` columns of master data written before the history."""
        return ((*r, 1, self.created, self.created) for r in rows)

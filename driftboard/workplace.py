"""Where a person works on a planned day (office, home or elsewhere) and the unit's rule of
office days per week. Pure: plain values in, warnings out."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from driftboard.forecast import is_holiday


class Place(enum.StrEnum):
    OFFICE = "office"
    HOME = "home"
    ELSEWHERE = "elsewhere"  # a customer meeting, a course, another site


@dataclass(frozen=True)
class OfficeDaysShort:
    """A person with fewer office days in the week than the unit requires."""

    person: str
    office_days: int
    required: int


def office_days_possible(days: Iterable[dt.date], daily_hours: float, absent_hours: Mapping[dt.date, float]) -> int:
    """The days of ``days`` a person could be in the office: not a public holiday (the office is
    closed) and not absent the whole day (``absent_hours``: hours of absence per day)."""
    return sum(1 for day in days if not is_holiday(day) and absent_hours.get(day, 0.0) < daily_hours)


def office_days_short(
    places: Mapping[tuple[str, dt.date], Place],
    people: Iterable[str],
    required: int,
    *,
    working_days: Mapping[str, int] | None = None,
) -> list[OfficeDaysShort]:
    """Everyone in ``people`` with fewer office days than ``required`` (0: no rule). A person who
    works fewer days that week (absent the rest, or public holidays: ``office_days_possible``) is
    asked for no more office days than they work."""
    if required <= 0:
        return []
    found = []
    for person in people:
        office = sum(1 for (who, _), place in places.items() if who == person and place is Place.OFFICE)
        wanted = min(required, (working_days or {}).get(person, required))
        if office < wanted:
            found.append(OfficeDaysShort(person, office, wanted))
    return found

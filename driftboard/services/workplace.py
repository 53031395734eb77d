"""Where the team works in a planned week (office / home / elsewhere per person and day) and the
unit's office-day rule: the planning page's grid and its save, and the board's today."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import read_session, take_turns, write_session
from db.models import Absence, Person
from db.models.workplace import WorkPlace
from driftboard import calendar
from driftboard.domain import Actor, Role, RowError, ValidationError
from driftboard.services import access, org, scope
from driftboard.services.common import SaveSummary, conflict_for
from driftboard.workplace import OfficeDaysShort, Place, office_days_possible, office_days_short

DAY_COLUMNS = ("d0", "d1", "d2", "d3", "d4")
Seen = Mapping[tuple[int, dt.date], int | None]  # (person id, day) → the version the page showed (None: empty)


@dataclass(frozen=True)
class WeekPlaces:
    """The planning page's workplace grid: a row per active person (``person_id``, ``person``,
    a place or None per work day), the versions it shows, the unit's rule and who falls short."""

    frame: pd.DataFrame
    versions: dict[tuple[int, dt.date], int]
    required: int
    short: tuple[OfficeDaysShort, ...]


WORK_PLACE_TURNS = 18  # take_turns namespace: work places, keyed by person id


def office_days_required(s: Session, team_id: int) -> int:
    return int(org.inherited(org.ancestry(s, team_id), "office_days_per_week", 0) or 0)


def week_places(team_id: int, monday: dt.date, engine: Engine | None = None) -> WeekPlaces:
    days = calendar.work_days(monday)
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        required = office_days_required(s, team_id)
        people = s.execute(
            select(Person.id, Person.name, Person.daily_hours)
            .where(Person.team_id == team_id, Person.active)
            .order_by(Person.name)
        ).all()
        ids = [p.id for p in people]
        rows = s.scalars(
            select(WorkPlace).where(WorkPlace.person_id.in_(ids), WorkPlace.date.between(days[0], days[-1]))
        )
        places = {(r.person_id, r.date): r for r in rows}
        absent: dict[int, dict[dt.date, float]] = defaultdict(lambda: defaultdict(float))
        for pid, d, hours in s.execute(
            select(Absence.person_id, Absence.date, Absence.hours).where(
                Absence.person_id.in_(ids), Absence.date.between(days[0], days[-1])
            )
        ):
            absent[pid][d] += float(hours)
    frame = pd.DataFrame(
        [
            {
                "person_id": pid,
                "person": name,
                **{
                    c: places[(pid, d)].place.value if (pid, d) in places else None
                    for c, d in zip(DAY_COLUMNS, days, strict=True)
                },
            }
            for pid, name, _ in people
        ],
        columns=["person_id", "person", *DAY_COLUMNS],
    )
    working = {name: office_days_possible(days, hours, absent[pid]) for pid, name, hours in people}
    by_name = {(name, d): places[(pid, d)].place for pid, name, _ in people for d in days if (pid, d) in places}
    return WeekPlaces(
        frame,
        {key: row.version for key, row in places.items()},
        required,
        tuple(office_days_short(by_name, [name for _, name, _ in people], required, working_days=working)),
    )


def save_week_places(
    actor: Actor,
    team_id: int,
    monday: dt.date,
    rows: Sequence[Mapping[str, Any]],
    *,
    seen: Seen,
    engine: Engine | None = None,
) -> SaveSummary:
    """Save where each of the team's people works on each work day of the week (an empty cell:
    not said). Refused, naming who, when someone changed a cell since the page showed it."""
    days = calendar.work_days(monday)
    wanted: dict[tuple[int, dt.date], Place | None] = {}
    errors = []
    for number, row in enumerate(rows, start=1):
        for column, day in zip(DAY_COLUMNS, days, strict=True):
            value = row.get(column)
            if value in (None, "") or (isinstance(value, float) and pd.isna(value)):
                wanted[(int(row["person_id"]), day)] = None
            elif value in {p.value for p in Place}:
                wanted[(int(row["person_id"]), day)] = Place(value)
            else:
                choices = ", ".join(p.value for p in Place)
                errors.append(RowError(number, column, "v.unknown", (("value", value), ("choices", choices))))
    if errors:
        raise ValidationError(errors)
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="save_week_places")
        team_people = set(s.scalars(select(Person.id).where(Person.team_id == team_id)))
        strangers = {pid for pid, _ in wanted} - team_people
        if strangers:
            raise ValidationError(
                [RowError(1, "person", "v.unknown", (("value", sorted(strangers)), ("choices", "…")))]
            )
        take_turns(s, WORK_PLACE_TURNS, {pid for pid, _ in wanted})  # first places of a day: one insert
        existing = {
            (r.person_id, r.date): r
            for r in s.scalars(
                select(WorkPlace).where(WorkPlace.person_id.in_(team_people), WorkPlace.date.between(days[0], days[-1]))
            )
        }
        for key, row in existing.items():  # a cell changed (or filled) by someone else since the page showed it
            if key in wanted and seen.get(key) != row.version and wanted[key] != row.place:
                raise conflict_for(s, row, seen.get(key))
        added = updated = removed = 0
        for key, place in wanted.items():
            row = existing.get(key)
            if place is None and row is not None:
                s.delete(row)
                removed += 1
            elif place is not None and row is None:
                s.add(WorkPlace(person_id=key[0], date=key[1], place=place))
                added += 1
            elif place is not None and row.place != place:
                row.place = place
                updated += 1
        s.flush()
    return SaveSummary(added, updated, removed)


def day_places(s: Session, person_ids: Iterable[int], day: dt.date) -> dict[int, Place]:
    """Where each of ``person_ids`` works on ``day`` (only those with a place said)."""
    return dict(
        s.execute(
            select(WorkPlace.person_id, WorkPlace.place).where(
                WorkPlace.person_id.in_(list(person_ids)), WorkPlace.date == day
            )
        ).all()
    )

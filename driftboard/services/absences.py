"""Absences of the team's people (vacation, sickness, training …): recording them, the week's
absence table, and taking the absent hours off the plan in the same transaction
(``weekplan._free_absent_hours``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import read_session, take_turns, write_session
from db.models import Absence, Person
from driftboard import calendar
from driftboard.domain import AbsenceKind, Actor, Role, RowError, ValidationError
from driftboard.services import access, org, scope
from driftboard.services.common import SaveSummary, check_text
from driftboard.services.weekplan import _free_absent_hours
from driftboard.tables import Field, parse_rows


@dataclass(frozen=True)
class AbsenceInput:
    person_id: int
    date: dt.date
    kind: AbsenceKind
    hours: float
    note: str = ""


NOTE_LIMIT = 240

ABSENCE_FIELDS = (
    Field("id", "id", required=False),
    Field("person", "str"),
    Field("date", "date"),
    Field("kind", "choice", choices=tuple(k.value for k in AbsenceKind)),
    Field("hours", "float", low=0, high=24, low_exclusive=True),
    Field("note", "str", required=False, default="", max_length=NOTE_LIMIT),
)


ABSENCE_TURNS = 17  # take_turns namespace: absences, keyed by person id


def _record_absences(s: Session, absences: Sequence[AbsenceInput]) -> None:
    errors = [
        RowError(i, "hours", "v.range", (("low", 0), ("high", 24)))
        for i, a in enumerate(absences, start=1)
        if not 0 < a.hours <= 24
    ]
    if errors:
        raise ValidationError(errors)
    for a in absences:  # the grid's notes pass its field's check; these, the same one
        check_text(a.note.strip(), "note", NOTE_LIMIT)
    teams = dict(
        s.execute(select(Person.id, Person.team_id).where(Person.id.in_({a.person_id for a in absences}))).all()
    )
    org.refuse_before_first_day(
        s, [(i, teams[a.person_id], a.date) for i, a in enumerate(absences, start=1) if a.person_id in teams]
    )
    take_turns(s, ABSENCE_TURNS, {a.person_id for a in absences})  # a first absence of a day: one insert
    existing = {
        (a.person_id, a.date): a
        for a in s.scalars(
            select(Absence).where(
                Absence.person_id.in_({a.person_id for a in absences}), Absence.date.in_({a.date for a in absences})
            )
        )
    }
    for a in absences:
        row = existing.get((a.person_id, a.date))
        if row is None:
            s.add(Absence(person_id=a.person_id, date=a.date, kind=a.kind, hours=a.hours, note=a.note.strip()))
        else:
            row.kind, row.hours, row.note = a.kind, a.hours, a.note.strip()
    s.flush()


def record_absences(
    actor: Actor, team_id: int, absences: Iterable[AbsenceInput], engine: Engine | None = None
) -> float:
    """Register absences of the team's people (one per person and day; a new one replaces the
    old) and take the absent hours off the plans of their weeks. Returns the hours freed."""
    absences = list(absences)
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="record_absences")
        _record_absences(s, absences)
        return sum(
            _free_absent_hours(s, actor, team_id, monday)
            for monday in sorted({calendar.week_start(a.date) for a in absences})
        )


def absences_frame(team_id: int, monday: dt.date, engine: Engine | None = None) -> pd.DataFrame:
    monday = calendar.week_start(monday)
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        rows = s.execute(
            select(Absence, Person.name)
            .join(Person, Person.id == Absence.person_id)
            .where(Person.team_id == team_id, Absence.date.between(monday, monday + dt.timedelta(days=6)))
            .order_by(Absence.date, Person.name)
        ).all()
    return pd.DataFrame(
        [
            {"id": a.id, "person": name, "date": a.date, "kind": a.kind.value, "hours": a.hours, "note": a.note}
            for a, name in rows
        ],
        columns=[f.name for f in ABSENCE_FIELDS],
    )


@dataclass(frozen=True)
class AbsenceSave:
    """What saving the absence table did, and the planned hours it freed."""

    summary: SaveSummary
    freed_hours: float

    @property
    def changed(self) -> bool:
        return self.summary.changed


def save_absences(
    actor: Actor, team_id: int, monday: dt.date, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None
) -> AbsenceSave:
    """Replace the team's absences in the week with ``rows`` (one per person and day) and take
    the absent hours off the week's plan, in one transaction."""
    monday = calendar.week_start(monday)
    sunday = monday + dt.timedelta(days=6)
    clean, errors = parse_rows(rows, ABSENCE_FIELDS, unique=(("person", "date"),))
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="save_absences")
        by_name = dict(s.execute(select(Person.name, Person.id).where(Person.team_id == team_id)).all())
        for number, row in enumerate(clean, start=1):
            if row["person"] is not None and row["person"] not in by_name:
                errors.append(
                    RowError(number, "person", "v.unknown", (("value", row["person"]), ("choices", ", ".join(by_name))))
                )
            if row["date"] is not None and not monday <= row["date"] <= sunday:
                errors.append(
                    RowError(number, "date", "v.range", (("low", monday.isoformat()), ("high", sunday.isoformat())))
                )
        if errors:
            raise ValidationError(errors)
        org.refuse_before_first_day(s, [(n, team_id, r["date"]) for n, r in enumerate(clean, start=1)])
        take_turns(s, ABSENCE_TURNS, by_name.values())
        existing = {
            (a.person_id, a.date): a
            for a in s.scalars(
                select(Absence).where(Absence.person_id.in_(by_name.values()), Absence.date.between(monday, sunday))
            )
        }
        wanted = {
            (by_name[r["person"]], r["date"]): (AbsenceKind(r["kind"]), r["hours"], r["note"] or "") for r in clean
        }
        added = updated = 0
        for key, (kind, hours, note) in wanted.items():
            row = existing.get(key)
            if row is None:
                s.add(Absence(person_id=key[0], date=key[1], kind=kind, hours=hours, note=note))
                added += 1
            elif (row.kind, row.hours, row.note) != (kind, hours, note):
                row.kind, row.hours, row.note = kind, hours, note
                updated += 1
        removed = [row for key, row in existing.items() if key not in wanted]
        for row in removed:
            s.delete(row)
        s.flush()
        freed = _free_absent_hours(s, actor, team_id, monday)
    return AbsenceSave(SaveSummary(added, updated, len(removed)), freed)

"""Escalations: a team hands up what it cannot solve, the level above answers, the answer comes
back down to the team's board.

A member raises one for their team; it lands with the team's department (the unit when the team
has none). A leader of that level answers — people lent from another team or department (a
borrow on both teams' plans, in the same transaction), overtime or temporary staff approved with
their hours, or a note — or takes it on to the unit. The team closes an answered escalation.
Every step is an ordinary versioned write, so the history lists it and an undo follows the
usual rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from db.engine import read_session, write_session
from db.models import Escalation, OrgUnit, Person, Task
from driftboard import calendar, clock, tiers
from driftboard.bounds import Bounds
from driftboard.domain import Actor, DomainError, NotFoundError, OrgLevel, PlanChangeKind, Role
from driftboard.services import access, org, prioritisation, scope
from driftboard.services.common import (
    NOTE_TEXT,
    check_team_tasks,
    check_text,
    check_version,
    get_by_slug,
    get_or_404,
)
from driftboard.tiers import Answer, EscalationKind, EscalationStatus

MAX_HOURS = 1000.0
HOURS = Bounds(0, MAX_HOURS, low_exclusive=True)  # hours asked for or given: more than none


@dataclass(frozen=True)
class EscalationView:
    """One escalation as the boards show it (times local)."""

    id: int
    version: int
    team_id: int
    team: str
    kind: EscalationKind
    status: EscalationStatus
    date: dt.date
    task_id: int | None
    task: str | None
    hours: float | None
    amount: int | None
    note: str
    raised_by: str
    raised_at: dt.datetime
    level: OrgLevel  # where it is now (department or unit)
    level_name: str
    due: dt.datetime  # the team's next meeting: red after it, unanswered
    late: bool
    age_minutes: int
    answer: Answer | None = None
    answer_level: OrgLevel | None = None
    answer_hours: float | None = None
    answer_people: int | None = None
    lenders: tuple[str, ...] = ()
    answer_note: str = ""
    answered_by: str | None = None
    answered_at: dt.datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def waiting(self) -> bool:
        return self.status in tiers.WAITING


# --------------------------------------------------------------------------- checks


def _check_hours(hours: float | None, *, required: bool, field_name: str = "hours") -> None:
    if hours is None:
        if required:
            raise DomainError("say how many hours", message_key="esc.err.hours", field=field_name)
        return
    if hours not in HOURS:
        raise DomainError(
            f"hours must be more than 0 and at most {MAX_HOURS:g}", message_key="esc.err.hours_range", high=MAX_HOURS
        )


def _check_note(note: str, *, required: bool) -> str:
    note = note.strip()
    if required and not note:
        raise DomainError("write what the escalation is about", message_key="esc.err.note")
    check_text(note, "note", NOTE_TEXT, multiline=True)
    return note


def _escalation(s: Session, escalation_id: int, seen_version: int | None) -> Escalation:
    row = s.get(Escalation, escalation_id)
    if row is None:
        raise NotFoundError(f"escalation {escalation_id} does not exist", message_key="esc.err.gone")
    check_version(s, row, seen_version)
    return row


def _refuse_unless_waiting(row: Escalation) -> None:
    if row.status not in tiers.WAITING:
        raise DomainError(
            f"escalation {row.id} is {row.status.value}, not waiting for an answer",
            message_key="esc.err.not_waiting",
            status=row.status.value,
        )


# --------------------------------------------------------------------------- the team raises


def raise_escalation(
    actor: Actor,
    team_id: int,
    kind: EscalationKind,
    note: str,
    *,
    hours: float | None = None,
    amount: int | None = None,
    task_id: int | None = None,
    engine: Engine | None = None,
) -> int:
    """A team hands an item up to its department (a member's intent). A capacity gap carries
    its hours; every escalation says in a note what it is about."""
    kind = EscalationKind(kind)
    note = _check_note(note, required=True)
    _check_hours(hours, required=kind is EscalationKind.CAPACITY_GAP)
    if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int) or amount < 0):
        raise DomainError("the number must be a whole number of 0 or more", message_key="esc.err.amount")
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.MEMBER, team_id, what="raise escalation")
        chain = org.ancestry(s, team_id)
        if not chain or chain[0].level != OrgLevel.TEAM:
            raise NotFoundError(f"there is no team with id {team_id}", message_key="error.no_team")
        if task_id is not None:
            check_team_tasks(s, team_id, {task_id})
        above = next((o for o in chain[1:] if o.level in (OrgLevel.DEPARTMENT, OrgLevel.UNIT)), chain[-1])
        now = clock.now()
        row = Escalation(
            team_id=team_id,
            org_unit_id=above.id,
            kind=kind,
            status=EscalationStatus.OPEN,
            date=calendar.board_day(now.date()),
            task_id=task_id,
            hours=hours,
            amount=amount,
            note=note,
            raised_by=actor.name,
            raised_at=now,
            answer_note="",
        )
        s.add(row)
        s.flush()
        return row.id


# --------------------------------------------------------------------------- the level above answers


def answer_escalation(
    actor: Actor,
    escalation_id: int,
    answer: Answer,
    *,
    note: str = "",
    hours: float | None = None,
    lend: Sequence[tuple[int, float]] = (),
    task_id: int | None = None,
    seen_version: int | None = None,
    engine: Engine | None = None,
) -> None:
    """A leader of the level the escalation is with decides. ``Answer.BORROW`` lends each
    (person, hours) of ``lend`` to the team's task (``task_id``, else the escalation's) today:
    a borrow on both teams' plans, in this transaction; overtime and temporary staff are
    recorded with their ``hours``; a note answers in words."""
    answer = Answer(answer)
    note = _check_note(note, required=answer is Answer.NOTE)
    if answer in (Answer.OVERTIME, Answer.TEMPORARY_STAFF):
        _check_hours(hours, required=True)
    if answer is Answer.BORROW and not lend:
        raise DomainError("choose the people to lend", message_key="esc.err.no_people")
    with write_session(actor, engine) as s:
        row = _escalation(s, escalation_id, seen_version)
        access.require(s, actor, Role.LEADER, row.org_unit_id, what="answer escalation")
        _refuse_unless_waiting(row)
        params: dict[str, Any] | None = None
        people: int | None = None
        if answer is Answer.BORROW:
            target = task_id or row.task_id
            if target is None:
                raise DomainError("choose the task the people help on", message_key="esc.err.task")
            day = calendar.board_day(clock.today())
            lenders = _lend(s, actor, row, target, day, lend, note)
            hours = round(sum(h for _, h in lend), 2)
            people = len(lend)
            params = {"lenders": lenders, "task_id": target, "day": day.isoformat()}
        row.answer = answer
        row.answer_org_id = row.org_unit_id
        row.answer_hours = hours if answer is not Answer.NOTE else None
        row.answer_people = people
        row.answer_params = params
        row.answer_note = note
        row.answered_by = actor.name
        row.answered_at = clock.now()
        row.status = EscalationStatus.ANSWERED
        s.flush()


def _lend(
    s: Session, actor: Actor, row: Escalation, task_id: int, day: dt.date, lend: Sequence[tuple[int, float]], note: str
) -> list[str]:
    """Borrow each person to the team's task (``prioritisation.move_core``: both teams' logs);
    the names of the lending teams, in order."""
    ids = [person_id for person_id, _ in lend]
    if len(set(ids)) != len(ids):
        raise DomainError("each person is lent once", message_key="esc.err.twice")
    teams = dict(
        s.execute(
            select(Person.id, OrgUnit.name).join(OrgUnit, OrgUnit.id == Person.team_id).where(Person.id.in_(ids))
        ).all()
    )
    for person_id, hours in lend:
        prioritisation.move_core(
            s,
            actor,
            row.team_id,
            person_id,
            day,
            to_task_id=task_id,
            hours=hours,
            kind=PlanChangeKind.BORROWED,
            note=note,
        )
    return list(dict.fromkeys(teams[person_id] for person_id in ids if person_id in teams))


def escalate_to_unit(
    actor: Actor, escalation_id: int, *, seen_version: int | None = None, engine: Engine | None = None
) -> None:
    """The department cannot solve it either: it goes on to the unit (a department leader's
    intent); the unit's board lists it and its leaders answer it."""
    with write_session(actor, engine) as s:
        row = _escalation(s, escalation_id, seen_version)
        access.require(s, actor, Role.LEADER, row.org_unit_id, what="escalate to unit")
        _refuse_unless_waiting(row)
        chain = org.ancestry(s, row.org_unit_id)
        if chain[0].level != OrgLevel.DEPARTMENT:
            raise DomainError("the escalation is with the unit already", message_key="esc.err.at_top")
        row.org_unit_id = org.unit_in(chain).id
        row.status = EscalationStatus.ESCALATED
        row.escalated_at = clock.now()
        s.flush()


def close_escalation(
    actor: Actor, escalation_id: int, *, seen_version: int | None = None, engine: Engine | None = None
) -> None:
    """The team has taken the answer in: the escalation leaves its board (a member's intent)."""
    with write_session(actor, engine) as s:
        row = _escalation(s, escalation_id, seen_version)
        access.require(s, actor, Role.MEMBER, row.team_id, what="close escalation")
        if row.status is not EscalationStatus.ANSWERED:
            raise DomainError(
                f"escalation {row.id} is {row.status.value}, not answered",
                message_key="esc.err.not_answered",
                status=row.status.value,
            )
        row.status = EscalationStatus.CLOSED
        row.closed_at = clock.now()
        s.flush()


# --------------------------------------------------------------------------- reads


def views(s: Session, rows: Iterable[Escalation], now: dt.datetime) -> list[EscalationView]:
    """The rows as the boards show them: names, where each is, its age and whether it is late
    (the team's next meeting has passed unanswered)."""
    rows = list(rows)
    if not rows:
        return []
    org_ids = {r.team_id for r in rows} | {r.org_unit_id for r in rows} | {r.answer_org_id for r in rows}
    units = {o.id: o for o in s.scalars(select(OrgUnit).where(OrgUnit.id.in_(org_ids - {None})))}
    task_ids = {r.task_id for r in rows if r.task_id}
    tasks = dict(s.execute(select(Task.id, Task.name).where(Task.id.in_(task_ids))).all()) if task_ids else {}
    meetings = {  # each team's meeting time, one ancestry read per team
        team_id: org.inherited(org.ancestry(s, team_id), "meeting_time", tiers.DEFAULT_MEETINGS[OrgLevel.TEAM])
        for team_id in {r.team_id for r in rows}
    }
    found = []
    for r in rows:
        meeting = meetings[r.team_id]
        answered_with = units.get(r.answer_org_id) if r.answer_org_id else None
        found.append(
            EscalationView(
                id=r.id,
                version=r.version,
                team_id=r.team_id,
                team=units[r.team_id].name,
                kind=r.kind,
                status=r.status,
                date=r.date,
                task_id=r.task_id,
                task=tasks.get(r.task_id) if r.task_id else None,
                hours=r.hours,
                amount=r.amount,
                note=r.note,
                raised_by=r.raised_by,
                raised_at=r.raised_at,
                level=units[r.org_unit_id].level,
                level_name=units[r.org_unit_id].name,
                due=tiers.answer_due(r.raised_at, meeting),
                late=tiers.is_late(r.status, r.raised_at, now, meeting),
                age_minutes=tiers.age_minutes(r.raised_at, now),
                answer=r.answer,
                answer_level=answered_with.level if answered_with else None,
                answer_hours=r.answer_hours,
                answer_people=r.answer_people,
                lenders=tuple((r.answer_params or {}).get("lenders", ())),
                answer_note=r.answer_note,
                answered_by=r.answered_by,
                answered_at=r.answered_at,
            )
        )
    return found


def waiting_in(s: Session, team_ids: Sequence[int], now: dt.datetime) -> list[EscalationView]:
    """The escalations of these teams still waiting for an answer, the oldest first."""
    if not team_ids:
        return []
    rows = s.scalars(
        select(Escalation)
        .where(Escalation.team_id.in_(team_ids), Escalation.status.in_(tiers.WAITING))
        .order_by(Escalation.raised_at, Escalation.id)
    )
    return views(s, rows, now)


def answered_in(s: Session, team_ids: Sequence[int], day: dt.date, now: dt.datetime) -> list[EscalationView]:
    """The escalations of these teams answered on ``day``, the latest answer first."""
    if not team_ids:
        return []
    start = dt.datetime.combine(day, dt.time())
    rows = s.scalars(
        select(Escalation)
        .where(
            Escalation.team_id.in_(team_ids),
            Escalation.answered_at >= start,
            Escalation.answered_at < start + dt.timedelta(days=1),
        )
        .order_by(Escalation.answered_at.desc(), Escalation.id.desc())
    )
    return views(s, rows, now)


def team_escalations(
    team_id: int, day: dt.date, engine: Engine | None = None, *, now: dt.datetime | None = None
) -> list[EscalationView]:
    """What the team's board shows: its escalations still waiting, and those answered on
    ``day`` (the answer stays on the board that day, closed or not)."""
    now = now or clock.now()
    start = dt.datetime.combine(day, dt.time())
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        rows = s.scalars(
            select(Escalation)
            .where(
                Escalation.team_id == team_id,
                or_(
                    Escalation.status.in_(tiers.WAITING),
                    (Escalation.answered_at >= start) & (Escalation.answered_at < start + dt.timedelta(days=1)),
                ),
            )
            .order_by(Escalation.raised_at, Escalation.id)
        )
        return views(s, rows, now)


def open_escalations(
    org_id: int, engine: Engine | None = None, *, now: dt.datetime | None = None
) -> list[EscalationView]:
    """The escalations waiting for an answer from the teams under an org unit (a department's or
    a unit's, a team's own), the oldest first: what the higher board walks first, and the API."""
    now = now or clock.now()
    with read_session(engine) as s:
        scope.require_read(s, org_id)
        team_ids = [org_id, *org.descendant_ids(s, org_id, OrgLevel.TEAM)]
        return waiting_in(s, team_ids, now)


def open_under(
    slug: str | None, default_org_id: int, engine: Engine | None = None, *, now: dt.datetime | None = None
) -> list[EscalationView]:
    """``open_escalations`` of the org unit named ``slug`` (a department, a team …), else of
    ``default_org_id`` (an API token's org unit); an unknown slug is ``NotFoundError``."""
    if slug:
        with read_session(engine) as s:
            default_org_id = get_by_slug(s, OrgUnit, slug, noun="org unit", message_key="feeds.err.no_unit").id
    return open_escalations(default_org_id, engine, now=now)


def as_json(e: EscalationView) -> dict[str, Any]:
    """An open escalation as the API answers it: kinds and numbers, never a sentence."""
    return {
        "id": e.id,
        "team": e.team,
        "kind": e.kind.value,
        "status": e.status.value,
        "date": e.date.isoformat(),
        "task": e.task,
        "hours": e.hours,
        "amount": e.amount,
        "note": e.note,
        "raised_by": e.raised_by,
        "raised_at": e.raised_at.isoformat(timespec="minutes"),
        "level": e.level.value,
        "with": e.level_name,
        "answer_due": e.due.isoformat(timespec="minutes"),
        "late": e.late,
        "age_minutes": e.age_minutes,
    }


def escalation_of(escalation_id: int, engine: Engine | None = None) -> EscalationView:
    with read_session(engine) as s:
        row = get_or_404(s, Escalation, escalation_id)
        scope.require_read(s, row.team_id, what="escalation")
        return views(s, [row], clock.now())[0]

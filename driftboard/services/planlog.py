"""The daily prioritisation log: every change to a published plan inside the period.

An entry stores what happened as a kind, an event and its parameters (names, hours, tasks),
plus the person's own words; the board renders it in the viewer's language. Week-plan edits,
absences and the prioritisation intents all write through ``add_plan_change`` inside their
own transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from db.engine import write_session
from db.models import PlanChange
from driftboard import clock
from driftboard.domain import Actor, DomainError, PlanChangeKind, PlanEvent, Role
from driftboard.services import access
from driftboard.services.common import NOTE_TEXT, check_text


def add_plan_change(
    s: Session,
    actor: Actor,
    team_id: int,
    day: dt.date,
    kind: PlanChangeKind,
    event: PlanEvent,
    *,
    note: str = "",
    person_id: int | None = None,
    task_id: int | None = None,
    at: dt.datetime | None = None,
    **params: Any,
) -> PlanChange:
    """Add one entry to the team's log in the caller's transaction."""
    check_text(note.strip(), "note", NOTE_TEXT, multiline=True)
    change = PlanChange(
        team_id=team_id,
        date=day,
        kind=kind,
        description=note.strip(),
        params={"event": event.value, **params},
        person_id=person_id,
        task_id=task_id,
        author=actor.name,
        created_at=at or clock.utcnow(),
    )
    s.add(change)
    return change


def log_plan_change(
    actor: Actor,
    team_id: int,
    day: dt.date,
    kind: PlanChangeKind,
    event: PlanEvent,
    *,
    note: str = "",
    engine: Engine | None = None,
    **fields: Any,
) -> int:
    """One entry in its own transaction (``fields`` as ``add_plan_change`` takes them): a
    leader's note (``PlanEvent.NOTE``, the note required) or an event that happened elsewhere
    (an import of the log, the demo)."""
    if event is PlanEvent.NOTE and not note.strip():
        raise DomainError("a plan change needs a description of what changed and why", message_key="ops.err.note")
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="plan change")
        change = add_plan_change(s, actor, team_id, day, kind, event, note=note, **fields)
        s.flush()
        return change.id

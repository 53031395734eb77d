"""Actions agreed at goal-steering meetings for measures that are behind or breached: adding,
following up (done, cancelled) and moving one to the improvement board."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import read_session, write_session
from db.models import Action, Measure, OrgUnit
from driftboard.domain import ActionStatus, Actor, DomainError, Role
from driftboard.improvement import CardOrigin
from driftboard.services import access, improvement, org, scope
from driftboard.services.common import ACTION_TEXT, check_text, check_version, column_limit, get_or_404


@dataclass(frozen=True)
class ActionRow:
    id: int
    version: int
    measure_id: int
    measure: str
    org_unit: str
    period_start: dt.date | None
    text: str
    owner: str
    due_date: dt.date
    status: ActionStatus
    card_id: int | None
    created_by: str

    def overdue(self, today: dt.date) -> bool:
        return self.status is ActionStatus.OPEN and self.due_date < today


def actions_for(org_unit_id: int, today: dt.date, engine: Engine | None = None) -> list[ActionRow]:
    """Actions of the org unit's measures and those below it: overdue first, then open by due
    date, then the closed ones (newest first)."""
    with read_session(engine) as s:
        scope.require_read(s, org_unit_id)
        orgs = [org_unit_id, *org.descendant_ids(s, org_unit_id)]
        # The columns, not ORM objects: a unit of many teams has thousands of actions.
        found = [
            ActionRow(*row)
            for row in s.execute(
                select(
                    Action.id,
                    Action.version,
                    Action.measure_id,
                    Measure.name,
                    OrgUnit.name,
                    Action.period_start,
                    Action.text,
                    Action.owner,
                    Action.due_date,
                    Action.status,
                    Action.improvement_card_id,
                    Action.created_by,
                )
                .join(Measure, Measure.id == Action.measure_id)
                .join(OrgUnit, OrgUnit.id == Measure.org_unit_id)
                .where(Measure.org_unit_id.in_(orgs))
            )
        ]

    def order(a: ActionRow) -> tuple:
        if a.status is ActionStatus.OPEN:
            return (0 if a.overdue(today) else 1, a.due_date.toordinal(), a.id)
        return (2, -a.due_date.toordinal(), -a.id)

    return sorted(found, key=order)


def _add_action(
    s: Session,
    actor: Actor,
    measure_id: int,
    *,
    text: str,
    owner: str,
    due_date: dt.date,
    period_start: dt.date | None = None,
    status: ActionStatus = ActionStatus.OPEN,
) -> int:
    if not text.strip():
        raise DomainError("an action needs a text", message_key="goals.err.action_text")
    if not owner.strip():
        raise DomainError("an action needs an owner", message_key="goals.err.action_owner")
    check_text(text.strip(), "text", ACTION_TEXT, multiline=True)
    check_text(owner.strip(), "owner", column_limit(Action, "owner"))
    get_or_404(s, Measure, measure_id)
    row = Action(
        measure_id=measure_id,
        period_start=period_start,
        text=text.strip(),
        owner=owner.strip(),
        due_date=due_date,
        status=status,
        created_by=actor.name,
    )
    s.add(row)
    s.flush()
    return row.id


def add_action(actor: Actor, measure_id: int, *, engine: Engine | None = None, **fields: Any) -> int:
    """An action on the measure in its own transaction (``fields`` as ``_add_action`` takes
    them: text, owner, due date, period, status)."""
    with write_session(actor, engine) as s:
        access.require_row(s, actor, Role.LEADER, get_or_404(s, Measure, measure_id))
        return _add_action(s, actor, measure_id, **fields)


def _set_action_status(s: Session, action_id: int, status: ActionStatus, seen_version: int | None) -> None:
    action = get_or_404(s, Action, action_id)
    check_version(s, action, seen_version)
    action.status = status


def set_action_status(
    actor: Actor, action_id: int, status: ActionStatus, *, seen_version: int | None = None, engine: Engine | None = None
) -> None:
    with write_session(actor, engine) as s:
        access.require_row(s, actor, Role.LEADER, get_or_404(s, Action, action_id))
        _set_action_status(s, action_id, status, seen_version)


def _move_action_to_improvement(
    s: Session, actor: Actor, action_id: int, team_id: int, seen_version: int | None
) -> int:
    action = get_or_404(s, Action, action_id)
    check_version(s, action, seen_version)
    if action.status is ActionStatus.MOVED and action.improvement_card_id:
        raise DomainError("the action is already on the improvement board", message_key="goals.err.already_moved")
    measure = get_or_404(s, Measure, action.measure_id)
    owner_org = get_or_404(s, OrgUnit, measure.org_unit_id)
    card_id = improvement._create_card(
        s,
        actor,
        team_id,
        title=action.text[:200],
        idea=action.text,
        origin_kind=CardOrigin.GOAL_ACTION.value,
        origin_params={
            "action_id": action.id,
            "measure": measure.name,
            "org": owner_org.name,
            "period_start": action.period_start.isoformat() if action.period_start else None,
        },
    )
    action.status = ActionStatus.MOVED
    action.improvement_card_id = card_id
    return card_id


def move_action_to_improvement(
    actor: Actor, action_id: int, team_id: int, *, seen_version: int | None = None, engine: Engine | None = None
) -> int:
    """Turn an action into an improvement card of ``team_id``; the card records where it came
    from (a kind and parameters, rendered in the viewer's language) and the action points to
    the card. One transaction; returns the card id."""
    with write_session(actor, engine) as s:
        access.require_row(s, actor, Role.LEADER, get_or_404(s, Action, action_id))
        access.require(s, actor, Role.MEMBER, team_id, what="card from action")
        return _move_action_to_improvement(s, actor, action_id, team_id, seen_version)

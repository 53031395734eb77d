"""Who may change what: the one check every write service makes before it touches a row.

Roles are granted per org unit and cover its whole subtree (a leader grant on a department
covers its teams). Ranks: viewer < member < improvement supporter < leader < admin. Hiding a
button on a page is a courtesy; this module is the rule. A refused write is logged here (with
who, what and where) and reaches the person as ``error.access_denied`` without the detail.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    ImprovementCard,
    Measure,
    OrgUnit,
    Person,
    RoleGrant,
    Task,
)
from driftboard.domain import ROLE_RANK, AccessDenied, Actor, CardMoves, Role
from driftboard.services import org, scope

log = logging.getLogger("driftboard.access")


def user_grants(s: Session, user_id: int) -> frozenset[tuple[int, Role]]:
    """The grants a user holds, as an ``Actor`` carries them."""
    rows = s.execute(select(RoleGrant.org_unit_id, RoleGrant.role).where(RoleGrant.user_id == user_id))
    return frozenset((org_id, Role(role)) for org_id, role in rows)


def role_on(s: Session, actor: Actor, org_unit_id: int) -> Role | None:
    """The highest role ``actor`` holds on ``org_unit_id`` (through it or an ancestor)."""
    if actor.grants is None:
        return Role.ADMIN
    chain = {o.id for o in org.ancestry(s, org_unit_id)}
    held = [role for org_id, role in actor.grants if org_id in chain]
    return max(held, key=ROLE_RANK.__getitem__, default=None)


def allowed(s: Session, actor: Actor, role: Role, org_unit_id: int) -> bool:
    held = role_on(s, actor, org_unit_id)
    return held is not None and ROLE_RANK[held] >= ROLE_RANK[role]


def require(s: Session, actor: Actor, role: Role, org_unit_id: int | None, *, what: str = "") -> None:
    """Refuse (``AccessDenied``) unless ``actor`` holds ``role`` or higher on ``org_unit_id``.

    ``org_unit_id=None`` means the whole organisation: a grant on any top-level unit."""
    if actor.grants is None:
        return
    if org_unit_id is None:
        roots = set(s.scalars(select(OrgUnit.id).where(OrgUnit.parent_id.is_(None))))
        ok = any(org_id in roots and ROLE_RANK[r] >= ROLE_RANK[role] for org_id, r in actor.grants)
    else:
        ok = allowed(s, actor, role, org_unit_id)
    if not ok:
        _refuse(actor, role, org_unit_id, what)


def require_row(s: Session, actor: Actor, role: Role, row: object, *, what: str = "") -> None:
    """``require`` on the org unit ``row`` belongs to (a card, a measure, an action …)."""
    if actor.grants is None:
        return
    org_of = scope.ROW_ORG[type(row)]
    require(s, actor, role, org_of(s, row), what=what or type(row).__name__)


def card_moves_rule(s: Session, team_id: int) -> CardMoves:
    """The team's own setting, else its department's or unit's; by default anyone in the team."""
    return CardMoves(org.inherited(org.ancestry(s, team_id), "card_moves", None) or CardMoves.TEAM)


def require_card_move(s: Session, actor: Actor, card: ImprovementCard) -> None:
    """Members move their team's cards; where the unit restricts moves, only the card's owner,
    the improvement supporter and leaders do."""
    require(s, actor, Role.MEMBER, card.team_id, what="move card")
    if actor.grants is None or card_moves_rule(s, card.team_id) is CardMoves.TEAM:
        return
    if actor.person_id is not None and actor.person_id == card.owner_id:
        return
    require(s, actor, Role.IMPROVEMENT_SUPPORTER, card.team_id, what="move someone else's card")


def _refuse(actor: Actor, role: Role, org_unit_id: int | None, what: str) -> None:
    log.warning(
        "refused: %s (user %s) needs %s on org unit %s for %s", actor.name, actor.user_id, role, org_unit_id, what
    )
    raise AccessDenied(
        f"{actor.name} may not do this here (needs the {role.value} role)",
        message_key="error.access_denied",
        access=role.value,
    )


def _require_each(s: Session, actor: Actor, role: Role, org_ids: set[int], what: str) -> None:
    for org_id in sorted(org_ids):
        require(s, actor, role, org_id, what=what)


def require_tasks(s: Session, actor: Actor, role: Role, task_ids: set[int]) -> None:
    """``require`` on the team of every task (a production import may span teams)."""
    if actor.grants is not None and task_ids:
        _require_each(s, actor, role, set(s.scalars(select(Task.team_id).where(Task.id.in_(task_ids)))), "tasks")


def require_measures(s: Session, actor: Actor, role: Role, measure_ids: set[int]) -> None:
    """``require`` on the org unit of every measure (an import may span units)."""
    if actor.grants is not None and measure_ids:
        orgs = set(s.scalars(select(Measure.org_unit_id).where(Measure.id.in_(measure_ids))))
        _require_each(s, actor, role, orgs, "measure values")


def require_people(s: Session, actor: Actor, role: Role, person_ids: set[int]) -> None:
    """``require`` on the team of every person."""
    if actor.grants is not None and person_ids:
        _require_each(s, actor, role, set(s.scalars(select(Person.team_id).where(Person.id.in_(person_ids)))), "people")

"""Reading the org tree inside a session: ancestry, descendants, inherited settings, planning
factors. Shared by the services (each takes the caller's session, so it joins its transaction)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, literal_column, select
from sqlalchemy.orm import Session

from db.engine import memo, read_session
from db.models import OrgUnit, PlanningFactors
from driftboard.domain import OrgLevel, RowError, ValidationError
from driftboard.planning import FACTOR_NAMES, resolve_factors
from driftboard.planning import PlanningFactors as Factors
from driftboard.services import scope


def ancestry(s: Session, org_id: int) -> list[OrgUnit]:
    """The org unit and its ancestors, nearest first (one query up the tree, not one a level;
    once per read transaction)."""
    return list(memo(s, ("ancestry", org_id), lambda: _ancestry(s, org_id)))


def first_day(s: Session, org_id: int) -> tuple[dt.date, str] | None:
    """The first day in force for the org unit (its own, else its department's or unit's) and
    the name of the org unit that set it; None when none did."""
    return next(((o.first_day, o.name) for o in ancestry(s, org_id) if o.first_day is not None), None)


def refuse_before_first_day(s: Session, dated: Iterable[tuple[int, int, dt.date]], field: str = "date") -> None:
    """Refuse (``ValidationError``, every row at once) a value dated before the first day of its
    org unit; ``dated`` holds (row as the person counts it, org unit id, date)."""
    errors = []
    firsts: dict[int, tuple[dt.date, str] | None] = {}  # one lookup an org unit, not one a row
    for row, org_id, day in dated:
        if org_id not in firsts:
            firsts[org_id] = first_day(s, org_id)
        found = firsts[org_id]
        if found is not None and day < found[0]:
            params = (("value", day.isoformat()), ("first_day", found[0].isoformat()), ("org", found[1]))
            errors.append(RowError(row, field, "v.before_first_day", params))
    if errors:
        raise ValidationError(errors)


def _ancestry(s: Session, org_id: int) -> list[OrgUnit]:
    up = select(OrgUnit.id, OrgUnit.parent_id).where(OrgUnit.id == org_id).cte("up", recursive=True)
    up = up.union(select(OrgUnit.id, OrgUnit.parent_id).join(up, OrgUnit.id == up.c.parent_id))
    found = {o.id: o for o in s.scalars(select(OrgUnit).where(OrgUnit.id.in_(select(up.c.id))))}
    chain = []
    current = found.get(org_id)
    while current is not None:
        chain.append(current)
        current = found.get(current.parent_id) if current.parent_id else None
    return chain


def unit_in(chain: list[OrgUnit]) -> OrgUnit:
    """The unit in an ancestry chain (nearest first): the org unit's own unit, below any
    organisation (job roles, borrowing and planning factors belong to the unit)."""
    return next((o for o in chain if o.level == OrgLevel.UNIT), chain[-1])


def descendant_ids(s: Session, org_id: int, level: OrgLevel | None = None) -> list[int]:
    """The org units below ``org_id`` (of ``level``), level by level in sort order, in one
    recursive query (not one a level; once per read transaction)."""
    return list(memo(s, ("descendants", org_id, level), lambda: _descendant_ids(s, org_id, level)))


def _descendant_ids(s: Session, org_id: int, level: OrgLevel | None) -> list[int]:
    down = (
        select(OrgUnit.id, literal_column("1").label("depth"))
        .where(OrgUnit.parent_id == org_id)
        .cte("down", recursive=True)
    )
    down = down.union(select(OrgUnit.id, (down.c.depth + 1).label("depth")).join(down, OrgUnit.parent_id == down.c.id))
    query = (
        select(OrgUnit.id).join(down, down.c.id == OrgUnit.id).order_by(down.c.depth, OrgUnit.sort_order, OrgUnit.id)
    )
    if level is not None:
        query = query.where(OrgUnit.level == level)
    return list(s.scalars(query))


# --------------------------------------------------------------------------- writes


def team_factors(s: Session, team_id: int, chain: list[OrgUnit] | None = None) -> Factors:
    """The team's planning factors, each from the nearest org unit that sets it (``chain``:
    the team's ancestry when the caller has it; once per read transaction)."""
    return memo(s, ("factors", team_id), lambda: _team_factors(s, team_id, chain))


def _team_factors(s: Session, team_id: int, chain: list[OrgUnit] | None) -> Factors:
    chain = ancestry(s, team_id) if chain is None else chain
    rows = {
        f.org_unit_id: f
        for f in s.scalars(select(PlanningFactors).where(PlanningFactors.org_unit_id.in_([o.id for o in chain])))
    }
    return factors_in(chain, rows)


def factors_in(chain: list[OrgUnit], rows: dict[int, PlanningFactors]) -> Factors:
    """The planning factors in force at the head of ``chain`` (nearest first), from the org
    units' own rows (``rows`` by org unit id; a board of many teams reads them once)."""
    layers = [
        {name: getattr(rows[o.id], name) for name in FACTOR_NAMES} if o.id in rows else None for o in reversed(chain)
    ]
    return resolve_factors(*layers)


def inherited(chain: list[OrgUnit], attr: str, default: Any) -> Any:
    """The first non-null setting from the team up through its department and unit."""
    return next((getattr(o, attr) for o in chain if getattr(o, attr) is not None), default)


# --------------------------------------------------------------------------- the tree


@dataclass(frozen=True)
class OrgNode:
    id: int
    name: str
    slug: str
    level: OrgLevel
    depth: int


def org_tree(engine: Engine | None = None) -> list[OrgNode]:
    """Every active org unit the reader may see, in tree order (unit, its departments, their
    teams); depth counts from the highest one shown."""
    with read_session(engine) as s:  # plain rows, not ORM objects: 500 teams are 560 units
        rows = s.execute(
            select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.name, OrgUnit.slug, OrgUnit.level)
            .where(OrgUnit.active)
            .order_by(OrgUnit.sort_order, OrgUnit.name)
        ).all()
        seen = scope.visible(s)
    children: dict[int | None, list[Any]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    found: list[OrgNode] = []

    def walk(parent: int | None, depth: int) -> None:
        for node in children.get(parent, []):
            shown = seen is None or node.id in seen
            if shown:
                found.append(OrgNode(node.id, node.name, node.slug, node.level, depth))
            walk(node.id, depth + 1 if shown else depth)

    walk(None, 0)
    return found

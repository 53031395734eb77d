"""Your own unit: create it with a department and first teams, rename, move and deactivate org
units (old slugs stay as aliases), remove a unit (the demo unit) with everything under it. The
master-data workbook is ``master_workbook``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from db.engine import get_engine, is_sqlite, read_session, write_session
from db.maintenance import backup
from db.models import Base, OrgUnit, PlanningFactors, RoleGrant
from driftboard import unitdata
from driftboard.domain import (
    Actor,
    DomainError,
    NotFoundError,
    OrgLevel,
    Role,
    RowError,
    ValidationError,
)
from driftboard.services import access, scope
from driftboard.services.common import check_text, column_limit
from driftboard.tables import unique_slug

log = logging.getLogger("driftboard")

# What a new unit plans with until its leaders say otherwise (the article's example unit).
DEFAULT_FACTORS = unitdata.NEW_UNIT_FACTORS


# --------------------------------------------------------------------------- who may


def require_admin_or_first_unit(s: Session, actor: Actor) -> None:
    """The first unit of an empty installation may be created by whoever opens the set-up page
    (open mode has no unit yet to hold a grant on); after that, a new unit is admin work."""
    if s.scalar(select(OrgUnit.id).limit(1)) is None:
        return
    access.require(s, actor, Role.ADMIN, None, what="create unit")


def installation_is_empty(engine: Engine | None = None) -> bool:
    """True before the first unit exists (the set-up page's first-unit rule)."""
    with read_session(engine) as s:
        return s.scalar(select(OrgUnit.id).limit(1)) is None


def _grant_creator(s: Session, actor: Actor, unit_id: int) -> None:
    """A signed-in person who creates the first unit (or an organisation) administers it (else
    nobody could)."""
    if actor.user_id is not None:
        s.add(RoleGrant(user_id=actor.user_id, org_unit_id=unit_id, role=Role.ADMIN))


# --------------------------------------------------------------------------- the org tree


def _taken_slugs(s: Session) -> set[str]:
    taken: set[str] = set()
    for slug, aliases in s.execute(select(OrgUnit.slug, OrgUnit.slug_aliases)):
        taken.add(slug)
        taken.update(aliases or ())
    return taken


def _create_org(s: Session, level: OrgLevel, name: str, parent_id: int | None, **settings: Any) -> OrgUnit:
    name = name.strip()
    if not name:
        raise ValidationError([RowError(1, "name", "v.required")])
    check_text(name, "name", column_limit(OrgUnit, "name"))
    org = OrgUnit(
        level=level,
        name=name,
        slug=unique_slug(name, _taken_slugs(s)),
        parent_id=parent_id,
        sort_order=len(s.scalars(select(OrgUnit.id).where(OrgUnit.parent_id == parent_id)).all()),
        **settings,
    )
    s.add(org)
    s.flush()
    return org


def create_unit(
    actor: Actor,
    unit: str,
    department: str,
    teams: Sequence[str],
    *,
    language: str = "da",
    engine: Engine | None = None,
) -> int:
    """Create a unit with a department and its first teams (slugs made from the names) and
    the unit's planning factors; returns the unit's id."""
    names = [t.strip() for t in teams if t.strip()]
    if not names:
        raise ValidationError([RowError(1, "teams", "v.required")])
    with write_session(actor, engine) as s:
        first = s.scalar(select(OrgUnit.id).limit(1)) is None
        require_admin_or_first_unit(s, actor)
        unit_row = _create_org(s, OrgLevel.UNIT, unit, None, language=language)
        if first:
            _grant_creator(s, actor, unit_row.id)
        dept = _create_org(s, OrgLevel.DEPARTMENT, department, unit_row.id)
        for name in names:
            _create_org(s, OrgLevel.TEAM, name, dept.id)
        s.add(PlanningFactors(org_unit_id=unit_row.id, **DEFAULT_FACTORS))
        return unit_row.id


def add_org_unit(actor: Actor, level: OrgLevel, name: str, parent_id: int, engine: Engine | None = None) -> str:
    """Add a department under a unit or a team under a department; returns its slug."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, parent_id, what="add org unit")
        parent = s.get(OrgUnit, parent_id)
        expected = {OrgLevel.DEPARTMENT: OrgLevel.UNIT, OrgLevel.TEAM: OrgLevel.DEPARTMENT}[level]
        if parent is None or parent.level != expected:
            raise DomainError(
                f"a {level.value} must sit under a {expected.value}",
                message_key="md.err.parent_level",
                level=level.value,
                parent=parent.level.value if parent else "-",
            )
        return _create_org(s, level, name, parent_id).slug


def rename_org_unit(actor: Actor, org_id: int, name: str, slug: str | None = None, engine: Engine | None = None) -> str:
    """Rename an org unit; a new slug keeps the old one as an alias so old links still work."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, org_id, what="rename org unit")
        org = s.get(OrgUnit, org_id)
        if org is None:
            raise NotFoundError(f"there is no org unit {org_id}", message_key="error.row_gone")
        name = name.strip()
        if not name:
            raise ValidationError([RowError(1, "name", "v.required")])
        check_text(name, "name", column_limit(OrgUnit, "name"))
        wanted = unique_slug(slug or name, _taken_slugs(s) - {org.slug, *(org.slug_aliases or ())})
        if wanted != org.slug:
            org.slug_aliases = [a for a in (org.slug_aliases or []) if a != wanted] + [org.slug]
            org.slug = wanted
        org.name = name
        return org.slug


def move_org_unit(actor: Actor, org_id: int, parent_id: int, engine: Engine | None = None) -> None:
    """Move a team to another department, a department to another unit, or a unit under an
    organisation."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, org_id, what="move org unit")
        access.require(s, actor, Role.ADMIN, parent_id, what="move org unit")
        org, parent = s.get(OrgUnit, org_id), s.get(OrgUnit, parent_id)
        if org is None or parent is None:
            raise NotFoundError("no such org unit", message_key="error.row_gone")
        expected = _PARENT_LEVEL.get(org.level)
        if parent.level != expected:
            raise DomainError(
                "wrong parent level",
                message_key="md.err.parent_level",
                level=org.level.value,
                parent=parent.level.value,
            )
        org.parent_id = parent_id


_PARENT_LEVEL = {
    OrgLevel.UNIT: OrgLevel.ORGANISATION,
    OrgLevel.DEPARTMENT: OrgLevel.UNIT,
    OrgLevel.TEAM: OrgLevel.DEPARTMENT,
}


def create_organisation(actor: Actor, name: str, unit_slugs: Sequence[str], engine: Engine | None = None) -> str:
    """The organisation above units (a bank, a municipality): a new top of the tree holding the
    named units, so its goal board rolls up over all of them and a grant on it covers them.
    Needs an admin of a top of the tree and of every unit moved; a unit already under an
    organisation stays there. The creator administers the organisation; returns its slug."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, None, what="create organisation")
        units = []
        # A unit the actor may not see is as unknown to them as one that does not exist: the
        # refusal neither confirms its slug nor lists another unit's.
        seen = scope.visible(s, actor=actor)
        for slug in dict.fromkeys(x.strip() for x in unit_slugs if x.strip()):
            unit = s.scalar(select(OrgUnit).where(OrgUnit.slug == slug))
            if unit is None or unit.level != OrgLevel.UNIT or (seen is not None and unit.id not in seen):
                slugs = s.execute(select(OrgUnit.id, OrgUnit.slug).where(OrgUnit.level == OrgLevel.UNIT).order_by(
                    OrgUnit.slug))  # fmt: skip
                choices = ", ".join(unit_slug for id_, unit_slug in slugs if seen is None or id_ in seen)
                raise NotFoundError(f"there is no unit {slug!r}", message_key="error.not_a_unit", slug=slug,
                                    choices=choices)  # fmt: skip
            access.require(s, actor, Role.ADMIN, unit.id, what="create organisation")
            if unit.parent_id is not None:
                holder = s.get(OrgUnit, unit.parent_id)
                raise DomainError(
                    f"the unit {unit.name!r} is already under {holder.name if holder else '?'!r}",
                    message_key="us.err.unit_has_organisation",
                    unit=unit.name,
                    organisation=holder.name if holder else "?",
                )
            units.append(unit)
        organisation = _create_org(s, OrgLevel.ORGANISATION, name, None)
        for unit in units:
            unit.parent_id = organisation.id
        # A signed-in creator administers it (else moving their only unit under it would leave them
        # no top of the tree); open mode gives its actors every top of the tree on each request.
        _grant_creator(s, actor, organisation.id)
        return organisation.slug


def set_org_active(actor: Actor, org_id: int, active: bool, engine: Engine | None = None) -> None:
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, org_id, what="deactivate org unit")
        org = s.get(OrgUnit, org_id)
        if org is None:
            raise NotFoundError("no such org unit", message_key="error.row_gone")
        org.active = active


def resolve_alias(slug: str, engine: Engine | None = None) -> tuple[str, str] | None:
    """(new slug, name) of the org unit that had ``slug`` before a rename, else None (also
    for one the reader may not see)."""
    with read_session(engine) as s:
        for org in s.scalars(select(OrgUnit).where(OrgUnit.slug_aliases.is_not(None))):
            if slug in (org.slug_aliases or ()) and scope.sees(s, org.id):
                return org.slug, org.name
    return None


# --------------------------------------------------------------------------- removing a unit


@dataclass(frozen=True)
class RemovedUnit:
    name: str
    backup: Path | None


def remove_unit(actor: Actor, unit_id: int, *, backup_dir: Path | None, engine: Engine | None = None) -> RemovedUnit:
    """Remove a unit and everything under it (people, tasks, plans, boards). The database is
    backed up first (a SQLite copy or a pg_dump archive); the unit's row goes through the
    audit log."""
    engine = engine or get_engine()
    with read_session(engine) as s:  # refuse before writing a backup
        access.require(s, actor, Role.ADMIN, unit_id, what="remove unit")
    saved = None
    if backup_dir is not None:
        suffix = ".db" if is_sqlite(engine) else ".dump"  # a pg_dump archive: pg_restore reads it
        saved = backup(backup_dir / f"before-remove-unit-{unit_id}-{dt.datetime.now():%Y%m%d-%H%M%S}{suffix}", engine)
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, unit_id, what="remove unit")
        unit = s.get(OrgUnit, unit_id)
        if unit is None or unit.level != OrgLevel.UNIT:
            raise NotFoundError(f"there is no unit {unit_id}", message_key="error.row_gone")
        orgs = {unit_id}
        frontier = {unit_id}
        while frontier:
            frontier = set(s.scalars(select(OrgUnit.id).where(OrgUnit.parent_id.in_(frontier))))
            orgs |= frontier
        scope: dict[str, set[int]] = {"org_units": orgs}
        tables = Base.metadata.sorted_tables
        for table in tables:
            if table.name in ("org_units", "audit_log"):
                continue
            ids: set[int] = set()
            for fk in table.foreign_keys:
                target = fk.column.table.name
                if target in scope and not fk.parent.nullable:
                    ids |= set(s.scalars(select(table.c.id).where(fk.parent.in_(scope[target]))))
            if ids:
                scope[table.name] = ids
        for table in reversed(tables):
            if table.name in ("org_units", "audit_log"):
                continue
            for fk in table.foreign_keys:
                target = fk.column.table.name
                if target in scope and fk.parent.nullable:
                    s.execute(update(table).where(fk.parent.in_(scope[target])).values({fk.parent.name: None}))
            if table.name in scope:
                s.execute(delete(table).where(table.c.id.in_(scope[table.name])))
        for level in (OrgLevel.TEAM, OrgLevel.DEPARTMENT):
            s.execute(delete(OrgUnit).where(OrgUnit.id.in_(orgs), OrgUnit.level == level))
        name = unit.name
        s.delete(unit)
    return RemovedUnit(name, saved)

"""Your own unit: create it with a department and first teams, rename, move and deactivate org
units (old slugs stay as aliases), import and export the master-data workbook, remove a unit
(the demo unit) with everything under it.
"""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session

from db.engine import get_engine, is_sqlite, read_session, take_turns, write_session
from db.maintenance import backup
from db.models import Base, Competence, JobRole, OrgUnit, Person, PlanningFactors, RoleGrant, Task
from driftboard import unitdata, unitplan
from driftboard.domain import (
    Actor,
    CompetenceLevel,
    DomainError,
    NotFoundError,
    OrgLevel,
    Role,
    RowError,
    ValidationError,
)
from driftboard.imports import ImportFileError
from driftboard.services import access, scope
from driftboard.services.common import check_text, column_limit
from driftboard.tables import unique_slug
from driftboard.unitdata import FACTOR_NAMES

MASTER_DATA_TURNS = 15  # take_turns namespace: master-data imports, keyed by unit

log = logging.getLogger("driftboard")

# What a new unit plans with until its leaders say otherwise (the article's example unit).
DEFAULT_FACTORS = unitdata.NEW_UNIT_FACTORS


# --------------------------------------------------------------------------- who may


def _require_admin_or_first_unit(s: Session, actor: Actor) -> None:
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
        _require_admin_or_first_unit(s, actor)
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


# --------------------------------------------------------------------------- master data workbook


@dataclass(frozen=True)
class MasterDataResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    rows: int = -1  # data rows the workbook held (0: the untouched template); -1 not counted

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def said(self) -> tuple[str, dict[str, object]]:
        """What the import did, as a catalogue key and its parameters (the page's and the CLI's)."""
        if self.rows == 0:
            return "us.import.empty", {}
        if not self.changed:
            return "us.import.nothing", {"unchanged": self.unchanged}
        created, updated = sum(self.created.values()), sum(self.updated.values())
        return "us.import.done", {"created": created, "updated": updated, "unchanged": self.unchanged}


def _existing(s: Session, actor: Actor) -> unitplan.Existing:
    """The installation as the workbook's validation sees it: the org units ``actor`` holds a
    grant on (a person of another unit is only known to be elsewhere)."""
    orgs = {o.id: o for o in s.scalars(select(OrgUnit))}
    seen = scope.visible(s, actor=actor)

    def mine(org_id: int) -> bool:
        return seen is None or org_id in seen

    def unit_of(o: OrgUnit) -> OrgUnit:
        while o.parent_id is not None and o.level != OrgLevel.UNIT:
            o = orgs[o.parent_id]
        return o

    found = unitplan.Existing()
    for o in orgs.values():
        if not mine(o.id):
            found.taken.update([o.slug, *(o.slug_aliases or ())])
            continue
        parent = orgs[o.parent_id].slug if o.parent_id and mine(o.parent_id) else None
        found.orgs[o.slug] = unitplan.OrgRef(o.slug, o.level, o.name, parent, unit_of(o).slug)
        for alias in o.slug_aliases or ():
            found.aliases[alias] = o.slug
    for role in s.scalars(select(JobRole)):
        if mine(role.unit_id):
            keys = found.job_roles.setdefault(orgs[role.unit_id].slug, {})
            for text in (role.key, role.name_da, role.name_en):
                keys[text.casefold()] = role.key
            found.job_role_names.setdefault(orgs[role.unit_id].slug, {})[role.key] = role.name_da
    for person in s.scalars(select(Person)):
        if not mine(person.team_id):
            if person.employee_id is not None:
                found.elsewhere.add(person.employee_id)
            continue
        team = orgs[person.team_id].slug
        found.person_names[(team, person.name)] = person.employee_id or ""
        if person.employee_id is not None:
            found.people[person.employee_id] = team
    for task in s.scalars(select(Task)):
        if mine(task.team_id):
            team = orgs[task.team_id].slug
            keys = found.tasks.setdefault(team, {})
            keys[task.slug] = keys[task.name.casefold()] = task.slug
            found.task_names[(team, task.name)] = task.slug
    for factors in s.scalars(select(PlanningFactors)):
        if mine(factors.org_unit_id):
            found.factors[orgs[factors.org_unit_id].slug] = {n: getattr(factors, n) for n in FACTOR_NAMES}
    return found


def _set(obj: Any, values: dict[str, Any]) -> bool:
    """Set the attributes that differ; True when any did."""
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _apply(s: Session, plan: unitplan.MasterDataPlan) -> MasterDataResult:
    created: dict[str, int] = {}
    updated: dict[str, int] = {}
    unchanged = 0

    def count(kind: str, obj: Any, values: dict[str, Any], make: Any, *, in_order: bool = False) -> Any:
        """Create or update one row. ``in_order``: written at once, so that names unique in a
        team change hands in the workbook's order, as the validation checked them (a flush
        would otherwise write the updates in id order)."""
        nonlocal unchanged
        if obj is None:
            obj = make()
            s.add(obj)
            s.flush()
            created[kind] = created.get(kind, 0) + 1
        elif _set(obj, values):
            updated[kind] = updated.get(kind, 0) + 1
            if in_order:
                s.flush()
        else:
            unchanged += 1
        return obj

    orgs = {o.slug: o for o in s.scalars(select(OrgUnit))}
    for row in plan.orgs:
        parent_id = orgs[row.parent_slug].id if row.parent_slug else None
        if row.level == OrgLevel.UNIT and row.slug in orgs:  # the workbook has no organisation column
            parent_id = orgs[row.slug].parent_id
        values: dict[str, Any] = {"name": row.name, "parent_id": parent_id}
        if row.language:
            values["language"] = row.language
        if row.active is not None:
            values["active"] = row.active
        orgs[row.slug] = count(
            "org",
            orgs.get(row.slug),
            values,
            lambda row=row, values=values: OrgUnit(level=row.level, slug=row.slug, **values),
        )
        if (
            row.level == OrgLevel.UNIT
            and s.scalar(select(PlanningFactors).filter_by(org_unit_id=orgs[row.slug].id)) is None
        ):
            s.add(PlanningFactors(org_unit_id=orgs[row.slug].id, **DEFAULT_FACTORS))
    roles = {(r.unit_id, r.key): r for r in s.scalars(select(JobRole))}
    for row in plan.job_roles:
        unit_id = orgs[row.unit_slug].id
        values = {"name_da": row.name_da, "name_en": row.name_en}
        count("job_roles", roles.get((unit_id, row.key)), values, lambda u=unit_id, r=row, v=values: JobRole(
            unit_id=u, key=r.key, sort_order=len(roles), **v))  # fmt: skip
    people = {p.employee_id: p for p in s.scalars(select(Person).where(Person.employee_id.is_not(None)))}
    for row in plan.people:
        values = {
            "team_id": orgs[row.team_slug].id,
            "name": row.name,
            "daily_hours": row.daily_hours,
            "job_role": row.job_role,
            "team_leader": row.team_leader,
            "board_leader": row.board_leader,
            "active": row.active,
        }
        people[row.employee_id] = count(
            "people", people.get(row.employee_id), values,
            lambda r=row, v=values: Person(employee_id=r.employee_id, roles=[], **v), in_order=True,
        )  # fmt: skip
    tasks = {(t.team_id, t.slug): t for t in s.scalars(select(Task))}
    for row in plan.tasks:
        team_id = orgs[row.team_slug].id
        values = {
            "name": row.name,
            "minutes_per_case": row.minutes_per_case,
            "service_goal_days": row.service_goal_days,
            "expected_daily_volume": row.expected_daily_volume,
            "input_error_rate_pct": row.error_rate_pct,
            "active": row.active,
        }
        tasks[(team_id, row.slug)] = count(
            "tasks", tasks.get((team_id, row.slug)), values,
            lambda t=team_id, r=row, v=values: Task(team_id=t, slug=r.slug, sort_order=len(tasks), **v),
            in_order=True,
        )  # fmt: skip
    competences = {(c.person_id, c.task_id): c for c in s.scalars(select(Competence))}
    for employee_id, team_slug, task_slug in plan.competences:
        key = (people[employee_id].id, tasks[(orgs[team_slug].id, task_slug)].id)
        current = competences.get(key)
        if current is None:
            s.add(Competence(person_id=key[0], task_id=key[1], level=CompetenceLevel.COMPETENT))
            created["competences"] = created.get("competences", 0) + 1
        else:
            unchanged += 1
    factors = {f.org_unit_id: f for f in s.scalars(select(PlanningFactors))}
    for slug, values in plan.factors:
        org_id = orgs[slug].id
        count("factors", factors.get(org_id), values, lambda o=org_id, v=values: PlanningFactors(org_unit_id=o, **v))
    s.flush()
    return MasterDataResult(created, updated, unchanged)


def import_master_data(actor: Actor, data: bytes, engine: Engine | None = None) -> MasterDataResult:
    """Create or update the org tree, job roles, people, tasks, competences and planning
    factors from a workbook, in one transaction: all rows or none, every bad row named."""
    try:
        sheets = unitdata.read_workbook(data)
    except ImportFileError as exc:
        raise ValidationError(exc.errors) from exc
    try:
        with write_session(actor, engine) as s:
            existing = _existing(s, actor)
            plan, errors = unitplan.validate_master_data(sheets, existing)
            if not errors and take_turns(s, MASTER_DATA_TURNS, _unit_keys(plan, existing)):
                # Another import of these units may have committed while this one waited for its
                # turn: validate against what the installation holds now, not what it held before.
                s.expire_all()
                plan, errors = unitplan.validate_master_data(sheets, _existing(s, actor))
            if errors:
                raise ValidationError(errors)
            _require_import(s, actor, plan)
            result = _apply(s, plan)
    except DataError as exc:  # a value the validation let through (a key is WriteCollided): a refusal, not a crash
        log.exception("master-data import refused by the database")
        said = f"the database refused the change: {exc.orig}"
        raise DomainError(said, message_key="error.refused_by_database") from exc
    return replace(result, rows=sum(len(rows) for rows in sheets.values()))


def _unit_keys(plan: unitplan.MasterDataPlan, existing: unitplan.Existing) -> set[int]:
    """One turn per unit a workbook touches (a new unit: its slug), so two imports into one
    unit run one after the other and imports into different units do not wait for each other."""
    slugs = {r.slug for r in plan.orgs} | {r.parent_slug for r in plan.orgs if r.parent_slug}
    slugs |= {r.unit_slug for r in plan.job_roles} | {r.team_slug for r in plan.people}
    slugs |= {r.team_slug for r in plan.tasks} | {team for _, team, _ in plan.competences}
    slugs |= {slug for slug, _ in plan.factors}
    units = {existing.orgs[slug].unit_slug if slug in existing.orgs else slug for slug in slugs}
    return {zlib.crc32(unit.encode()) & 0x7FFFFFFF for unit in units}


def _require_import(s: Session, actor: Actor, plan: unitplan.MasterDataPlan) -> None:
    """Admin on every existing org unit the workbook changes or adds under; a new unit needs
    the right to create one (the first-unit rule, else admin)."""
    existing = dict(s.execute(select(OrgUnit.slug, OrgUnit.id)).all())
    if any(r.level == OrgLevel.UNIT and r.slug not in existing for r in plan.orgs):
        _require_admin_or_first_unit(s, actor)
    touched = {r.slug if r.slug in existing else r.parent_slug for r in plan.orgs}
    touched |= {r.unit_slug for r in plan.job_roles} | {r.team_slug for r in plan.people}
    touched |= {r.team_slug for r in plan.tasks} | {team for _, team, _ in plan.competences}
    touched |= {slug for slug, _ in plan.factors}
    for slug in sorted(s_ for s_ in touched if s_ in existing):
        access.require(s, actor, Role.ADMIN, existing[slug], what="master data")


def master_data_rows(engine: Engine | None = None) -> dict[str, list[dict[str, Any]]]:
    """Everything the workbook holds, as rows by sheet (the export) — of the org units the
    reader administers: employee numbers are admin work, and another unit's are not theirs."""
    with read_session(engine) as s:
        seen = scope.visible(s, Role.ADMIN)

        def mine(org_id: int) -> bool:
            return seen is None or org_id in seen

        orgs = {o.id: o for o in s.scalars(select(OrgUnit).order_by(OrgUnit.level, OrgUnit.sort_order, OrgUnit.id))}
        units = [o for o in orgs.values() if o.level == OrgLevel.UNIT]
        rows: dict[str, list[dict[str, Any]]] = {s_.name: [] for s_ in unitdata.SHEETS}

        def children(o: OrgUnit) -> list[OrgUnit]:
            return [c for c in orgs.values() if c.parent_id == o.id]

        def org_row(o: OrgUnit, **names: str) -> None:
            """A row for every org unit: its slug finds it again when the name is changed."""
            if mine(o.id):
                rows["org"].append({**names, "language": o.language, "slug": o.slug, "active": o.active})

        for unit in units:
            org_row(unit, unit=unit.name)
            for dept in children(unit):
                org_row(dept, unit=unit.name, department=dept.name)
                for team in children(dept):
                    org_row(team, unit=unit.name, department=dept.name, team=team.name)
        for role in s.scalars(select(JobRole).order_by(JobRole.unit_id, JobRole.sort_order, JobRole.id)):
            if not mine(role.unit_id):
                continue
            rows["job_roles"].append(
                {"unit": orgs[role.unit_id].name, "job_role": role.name_da, "name_en": role.name_en}
            )
        role_names = {(r.unit_id, r.key): r.name_da for r in s.scalars(select(JobRole))}

        def unit_id(o: OrgUnit) -> int:
            while o.parent_id is not None and o.level != OrgLevel.UNIT:
                o = orgs[o.parent_id]
            return o.id

        people = [p for p in s.scalars(select(Person).order_by(Person.team_id, Person.id)) if mine(p.team_id)]
        for p in people:
            rows["people"].append(
                {
                    "team": orgs[p.team_id].name,
                    "name": p.name,
                    "employee_id": p.employee_id,
                    "daily_hours": p.daily_hours,
                    "job_role": role_names.get((unit_id(orgs[p.team_id]), p.job_role or ""), p.job_role),
                    "team_leader": p.team_leader,
                    "board_leader": p.board_leader,
                    "active": p.active,
                }
            )
        tasks = {
            t.id: t for t in s.scalars(select(Task).order_by(Task.team_id, Task.sort_order, Task.id)) if mine(t.team_id)
        }
        for t in tasks.values():
            rows["tasks"].append(
                {
                    "team": orgs[t.team_id].name,
                    "task": t.name,
                    "minutes_per_case": t.minutes_per_case,
                    "service_goal_days": t.service_goal_days,
                    "expected_daily_volume": t.expected_daily_volume,
                    "error_rate_pct": t.input_error_rate_pct,
                    "active": t.active,
                }
            )
        by_person = {p.id: p for p in people}
        for c in s.scalars(select(Competence).order_by(Competence.person_id, Competence.task_id)):
            person = by_person.get(c.person_id)
            if person is not None and person.employee_id and c.task_id in tasks:
                task = tasks[c.task_id]
                rows["competences"].append(
                    {"employee_id": person.employee_id, "team": orgs[task.team_id].name, "task": task.name}
                )
        for f in s.scalars(select(PlanningFactors).order_by(PlanningFactors.org_unit_id)):
            if not mine(f.org_unit_id):
                continue
            rows["factors"].append({"org_unit": orgs[f.org_unit_id].name, **{n: getattr(f, n) for n in FACTOR_NAMES}})
    return rows


def template_workbook(lang: str = "en") -> bytes:
    """The workbook to fill in (``unitdata.template_workbook``)."""
    return unitdata.template_workbook(lang)


def export_workbook(lang: str = "en", engine: Engine | None = None) -> bytes:
    return unitdata.write_workbook(master_data_rows(engine), lang, unitdata.instructions(lang))

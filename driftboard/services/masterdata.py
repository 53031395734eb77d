"""Master data services: the org tree, teams, people, tasks, competences, planning factors."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Engine, exists, func, select
from sqlalchemy.orm import Session

from db.engine import read_session, take_turns, write_session
from db.models import (
    Assignment,
    Competence,
    ImprovementCard,
    JobRole,
    OrgUnit,
    Person,
    PlanningFactors,
    Production,
    Task,
)
from driftboard import masterdata
from driftboard.domain import (
    Actor,
    CompetenceLevel,
    DomainError,
    NotFoundError,
    OrgLevel,
    Role,
    RowError,
    ValidationError,
    WriteCollided,
)
from driftboard.planning import FACTOR_NAMES
from driftboard.planning import PlanningFactors as Factors
from driftboard.services import access, org, scope
from driftboard.services.common import SaveSummary, check_text, check_version, column_limit, get_or_404, save_rows


@dataclass(frozen=True)
class TeamInfo:
    id: int
    name: str
    slug: str
    department: str
    unit_id: int
    unit_name: str
    people: int
    tasks: int
    language: str | None


# --------------------------------------------------------------------------- reads


COMPETENCE_TURNS = 20  # take_turns namespace: competences, keyed by person id


def list_teams(engine: Engine | None = None) -> list[TeamInfo]:
    """Every active team the reader may see, with its department, unit and head counts, in
    board order."""
    with read_session(engine) as s:
        seen = scope.visible(s)
        return [t for t in teams_in(s) if seen is None or t.id in seen]


def teams_in(s: Session) -> list[TeamInfo]:
    dept = OrgUnit.__table__.alias("dept")
    unit = OrgUnit.__table__.alias("unit")
    # Head counts grouped once, not a counting subquery per team (500 teams: 6 → 3 ms).
    people = (
        select(Person.team_id, func.count(Person.id).label("n")).where(Person.active).group_by(Person.team_id)
    ).subquery()
    tasks = select(Task.team_id, func.count(Task.id).label("n")).where(Task.active).group_by(Task.team_id).subquery()
    rows = s.execute(  # plain rows, not ORM objects: an organisation may have 500 teams
        select(
            OrgUnit.id,
            OrgUnit.name,
            OrgUnit.slug,
            OrgUnit.language,
            dept.c.name,
            unit.c.id,
            unit.c.name,
            unit.c.language,
            func.coalesce(people.c.n, 0),
            func.coalesce(tasks.c.n, 0),
        )
        .join(dept, dept.c.id == OrgUnit.parent_id)
        .join(unit, unit.c.id == dept.c.parent_id)
        .outerjoin(people, people.c.team_id == OrgUnit.id)
        .outerjoin(tasks, tasks.c.team_id == OrgUnit.id)
        .where(OrgUnit.level == OrgLevel.TEAM, OrgUnit.active)
        .order_by(unit.c.sort_order, dept.c.sort_order, OrgUnit.sort_order, OrgUnit.name)
    ).all()
    return [
        TeamInfo(
            id=team_id,
            name=name,
            slug=slug,
            department=dept_name,
            unit_id=unit_id,
            unit_name=unit_name,
            people=n_people,
            tasks=n_tasks,
            language=language or unit_language,
        )
        for team_id, name, slug, language, dept_name, unit_id, unit_name, unit_language, n_people, n_tasks in rows
    ]


def find_team(slug: str, engine: Engine | None = None) -> TeamInfo | None:
    return next((t for t in list_teams(engine) if t.slug == slug), None)


def units(engine: Engine | None = None) -> list[OrgUnit]:
    """The units the reader may see."""
    with read_session(engine) as s:
        seen = scope.visible(s)
        found = s.scalars(select(OrgUnit).where(OrgUnit.level == OrgLevel.UNIT).order_by(OrgUnit.sort_order))
        return [u for u in found if seen is None or u.id in seen]


def teams_frame(unit_id: int, engine: Engine | None = None) -> pd.DataFrame:
    """The teams of a unit as an editable table (department by name)."""
    with read_session(engine) as s:
        scope.require_read(s, unit_id)
        dept = OrgUnit.__table__.alias("dept")
        rows = s.execute(
            select(OrgUnit, dept.c.name)
            .join(dept, dept.c.id == OrgUnit.parent_id)
            .where(OrgUnit.level == OrgLevel.TEAM, dept.c.parent_id == unit_id)
            .order_by(dept.c.sort_order, OrgUnit.sort_order)
        ).all()
    return pd.DataFrame(
        [
            {"id": t.id, "version": t.version, "name": t.name, "slug": t.slug, "department": d, "active": t.active}
            for t, d in rows
        ],
        columns=[f.name for f in masterdata.TEAM_FIELDS],
    )


def departments(unit_id: int, engine: Engine | None = None) -> list[OrgUnit]:
    with read_session(engine) as s:
        scope.require_read(s, unit_id)
        return list(
            s.scalars(
                select(OrgUnit)
                .where(OrgUnit.parent_id == unit_id, OrgUnit.level == OrgLevel.DEPARTMENT)
                .order_by(OrgUnit.sort_order)
            )
        )


def people_frame(team_id: int, engine: Engine | None = None) -> pd.DataFrame:
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        people = s.scalars(select(Person).where(Person.team_id == team_id).order_by(Person.name)).all()
    return pd.DataFrame(
        [
            {
                "id": p.id,
                "version": p.version,
                "name": p.name,
                "employee_id": p.employee_id,
                "job_role": p.job_role,
                "team_leader": p.team_leader,
                "board_leader": p.board_leader,
                "daily_hours": p.daily_hours,
                "active": p.active,
            }
            for p in people
        ],
        columns=[f.name for f in masterdata.PERSON_FIELDS],
    )


def tasks_frame(team_id: int, engine: Engine | None = None) -> pd.DataFrame:
    columns = [f.name for f in masterdata.TASK_FIELDS]
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        tasks = s.scalars(select(Task).where(Task.team_id == team_id).order_by(Task.sort_order, Task.name)).all()
    return pd.DataFrame([{c: getattr(t, c) for c in columns} for t in tasks], columns=columns)


def factors_frame(unit_id: int, engine: Engine | None = None) -> pd.DataFrame:
    """One row for the unit, each department and each team, in tree order (empty cells inherit
    from the department, then the unit)."""
    with read_session(engine) as s:
        scope.require_read(s, unit_id)
        below = org.descendant_ids(s, unit_id)
        units_by_id = {u.id: u for u in s.scalars(select(OrgUnit).where(OrgUnit.id.in_([unit_id, *below])))}
        shown = [unit_id]
        for dept_id in (i for i in below if units_by_id[i].level == OrgLevel.DEPARTMENT):
            shown += [dept_id, *(i for i in below if units_by_id[i].parent_id == dept_id)]
        rows = {
            f.org_unit_id: f for f in s.scalars(select(PlanningFactors).where(PlanningFactors.org_unit_id.in_(shown)))
        }
    records = []
    for org_id in shown:
        row = rows.get(org_id)
        record: dict[str, Any] = {
            "org_unit_id": org_id,
            "org_unit": units_by_id[org_id].name,
            "version": row.version if row else None,
        }
        for name in FACTOR_NAMES:
            record[name] = getattr(row, name) if row else None
        records.append(record)
    frame = pd.DataFrame(records, columns=["org_unit_id", "org_unit", "version", *FACTOR_NAMES])
    return frame.astype({name: "float64" for name in FACTOR_NAMES})  # an inherited value shows empty


def team_factors(team_id: int, engine: Engine | None = None) -> Factors:
    """The planning factors in force for a team: the unit's, then the department's, then its own."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        return org.team_factors(s, team_id)


def _commit_errors(exc: WriteCollided) -> DomainError:
    """Turn a constraint the validation missed into a message instead of a stack trace."""
    return DomainError(f"the database refused the change: {exc.detail}", message_key="error.refused_by_database")


def create_org_unit(
    actor: Actor,
    *,
    level: OrgLevel,
    name: str,
    slug: str,
    parent_id: int | None = None,
    sort_order: int = 0,
    engine: Engine | None = None,
    **settings: Any,
) -> int:
    """Create a unit, department or team; returns its id."""
    check_text(name, "name", column_limit(OrgUnit, "name"))
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, parent_id, what="create org unit")
        if parent_id is not None:
            parent = get_or_404(s, OrgUnit, parent_id)
            expected_parent = {
                OrgLevel.UNIT: OrgLevel.ORGANISATION,
                OrgLevel.DEPARTMENT: OrgLevel.UNIT,
                OrgLevel.TEAM: OrgLevel.DEPARTMENT,
            }.get(level)
            if parent.level != expected_parent:
                raise DomainError(
                    f"a {level.value} must sit under a {expected_parent}, not a {parent.level.value}",
                    message_key="md.err.parent_level",
                    level=level.value,
                    parent=parent.level.value,
                )
        org = OrgUnit(level=level, name=name, slug=slug, parent_id=parent_id, sort_order=sort_order, **settings)
        s.add(org)
        s.flush()
        return org.id


def save_teams(
    actor: Actor, unit_id: int, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None
) -> SaveSummary:
    """Save the unit's team table: add, rename, move between departments, deactivate."""
    depts = {d.name: d.id for d in departments(unit_id, engine)}
    clean, errors = masterdata.validate_teams(rows, depts)
    if errors:
        raise ValidationError(errors)
    try:
        with write_session(actor, engine) as s:
            access.require(s, actor, Role.ADMIN, unit_id, what="teams")
            existing = s.scalars(
                select(OrgUnit).where(OrgUnit.level == OrgLevel.TEAM, OrgUnit.parent_id.in_(depts.values()))
            ).all()
            for row in clean:
                row["parent_id"] = depts[row.pop("department")]
            return save_rows(
                s,
                existing,
                clean,
                columns=("name", "slug", "parent_id", "active"),
                create=lambda r: OrgUnit(
                    level=OrgLevel.TEAM, name=r["name"], slug=r["slug"], parent_id=r["parent_id"], active=r["active"]
                ),
                in_use=lambda team: _team_in_use(s, team.id),
            )
    except WriteCollided as exc:
        raise _slug_error(exc, rows) from exc


def _slug_error(exc: WriteCollided, rows: Sequence[Mapping[str, Any]]) -> DomainError:
    text = exc.detail
    if "slug" in text:
        return ValidationError([RowError(0, "slug", "v.duplicate", (("value", "slug"),))])
    return _commit_errors(exc)


def _first_use(s: Session, *uses: tuple[str, ColumnElement[bool]]) -> str | None:
    """What still uses a row a table save would remove: the first of ``uses`` (what, a condition
    on the rows that would use it) that has a row; None when nothing does."""
    for what, condition in uses:
        if s.scalar(select(exists().where(condition))):
            return what
    return None


def _team_in_use(s: Session, team_id: int) -> str | None:
    return _first_use(
        s,
        ("people", Person.team_id == team_id),
        ("tasks", Task.team_id == team_id),
        ("improvement cards", ImprovementCard.team_id == team_id),
    )


def save_people(
    actor: Actor, team_id: int, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None
) -> SaveSummary:
    """Save a team's people table in one transaction; nothing is saved if any row is invalid.
    A job role is one of the unit's own; team and board leader are flags of the person."""
    clean, errors = masterdata.validate_people(rows, _job_role_keys(team_id, engine))
    if errors:
        raise ValidationError(errors)
    try:
        with write_session(actor, engine) as s:
            access.require(s, actor, Role.ADMIN, team_id, what="people")
            _require_team(s, team_id)
            existing = s.scalars(select(Person).where(Person.team_id == team_id)).all()
            return save_rows(
                s,
                existing,
                clean,
                columns=("name", "employee_id", "job_role", "daily_hours", "active", "team_leader", "board_leader"),
                create=lambda r: Person(
                    team_id=team_id,
                    name=r["name"],
                    employee_id=r["employee_id"],
                    roles=[],
                    job_role=r["job_role"],
                    daily_hours=r["daily_hours"],
                    active=r["active"],
                    team_leader=r["team_leader"],
                    board_leader=r["board_leader"],
                ),
                in_use=lambda p: _first_use(s, ("planned hours", Assignment.person_id == p.id)),
            )
    except WriteCollided as exc:
        raise _commit_errors(exc) from exc


def _job_role_keys(team_id: int, engine: Engine | None) -> list[str]:
    """The keys of the job roles of the team's unit (inactive ones too: a person keeps theirs)."""
    with read_session(engine) as s:
        chain = org.ancestry(s, team_id)
        if not chain:
            return []
        return list(s.scalars(select(JobRole.key).where(JobRole.unit_id == org.unit_in(chain).id)))


def save_tasks(
    actor: Actor, team_id: int, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None
) -> SaveSummary:
    """Save a team's task master data in one transaction; nothing is saved if any row is invalid."""
    clean, errors = masterdata.validate_tasks(rows)
    if errors:
        raise ValidationError(errors)
    columns = [f.name for f in masterdata.TASK_FIELDS if f.name not in ("id", "version")]
    try:
        with write_session(actor, engine) as s:
            access.require(s, actor, Role.ADMIN, team_id, what="tasks")
            _require_team(s, team_id)
            existing = s.scalars(select(Task).where(Task.team_id == team_id)).all()
            order = itertools.count(max((t.sort_order for t in existing), default=0) + 1)
            return save_rows(
                s,
                existing,
                clean,
                columns=columns,
                create=lambda r: Task(team_id=team_id, sort_order=next(order), **{c: r[c] for c in columns}),
                in_use=lambda t: _task_in_use(s, t.id),
            )
    except WriteCollided as exc:
        raise _commit_errors(exc) from exc


def _task_in_use(s: Session, task_id: int) -> str | None:
    return _first_use(
        s, ("production", Production.task_id == task_id), ("planned hours", Assignment.task_id == task_id)
    )


def save_planning_factors(
    actor: Actor, unit_id: int, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None
) -> SaveSummary:
    """Save the unit's planning factors and the teams' overrides in one transaction."""
    clean, errors = masterdata.validate_factors(rows, unit_id)
    if errors:
        raise ValidationError(errors)
    added = updated = 0
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, unit_id, what="planning factors")
        allowed = {unit_id, *org.descendant_ids(s, unit_id)}
        existing = {
            f.org_unit_id: f for f in s.scalars(select(PlanningFactors).where(PlanningFactors.org_unit_id.in_(allowed)))
        }
        for number, row in enumerate(clean, start=1):
            if row["org_unit_id"] not in allowed:
                raise ValidationError(
                    [
                        RowError(
                            number,
                            "org_unit_id",
                            "v.unknown",
                            (("value", row["org_unit_id"]), ("choices", "this unit's teams")),
                        )
                    ]
                )
            values = {name: row[name] for name in FACTOR_NAMES}
            current = existing.get(row["org_unit_id"])
            if current is None:
                if any(v is not None for v in values.values()):
                    s.add(PlanningFactors(org_unit_id=row["org_unit_id"], **values))
                    added += 1
                continue
            check_version(s, current, row.get("version"))
            if any(getattr(current, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(current, k, v)
                updated += 1
        s.flush()
    return SaveSummary(added=added, updated=updated)


def set_competences(
    actor: Actor,
    entries: Iterable[tuple[int, int, CompetenceLevel | None]],
    engine: Engine | None = None,
) -> SaveSummary:
    """Set (person, task) → level; a None level removes the competence."""
    entries = list(entries)
    with write_session(actor, engine) as s:
        access.require_people(s, actor, Role.LEADER, {person for person, _task, _level in entries})
        access.require_tasks(s, actor, Role.LEADER, {task for _person, task, _level in entries})
        return _set_competences(s, entries)


def _set_competences(s: Session, entries: Sequence[tuple[int, int, CompetenceLevel | None]]) -> SaveSummary:
    added = updated = removed = 0
    person_ids = {p for p, _, _ in entries}
    take_turns(s, COMPETENCE_TURNS, person_ids)  # a first competence of a person and task: one insert
    existing = {
        (c.person_id, c.task_id): c for c in s.scalars(select(Competence).where(Competence.person_id.in_(person_ids)))
    }
    for person_id, task_id, level in entries:
        current = existing.get((person_id, task_id))
        if level is None:
            if current is not None:
                s.delete(current)
                removed += 1
        elif current is None:
            s.add(Competence(person_id=person_id, task_id=task_id, level=level))
            added += 1
        elif current.level != level:
            current.level = level
            updated += 1
    s.flush()
    return SaveSummary(added, updated, removed)


def _require_team(s: Session, team_id: int) -> OrgUnit:
    team = s.get(OrgUnit, team_id)
    if team is None or team.level != OrgLevel.TEAM:
        raise NotFoundError(f"there is no team with id {team_id}", message_key="error.no_team")
    return team

"""The standards library of a unit: its levels, its standards (owner, covered tasks, where the
document lives, review date), their versions, and the job roles' duties per task. A new
version lists the people competent on its tasks as "to be informed"; a card that reaches "new
standard" makes a version (``version_from_card``), linked both ways."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from db.engine import read_session, write_session
from db.models import (
    Competence,
    ImprovementCard,
    JobRole,
    OrgUnit,
    Person,
    Standard,
    StandardLevel,
    StandardTask,
    StandardVersion,
    Task,
    TaskDuty,
    Training,
)
from driftboard import clock
from driftboard.domain import Actor, CompetenceLevel, DomainError, NotFoundError, OrgLevel, Role
from driftboard.services import access, org, scope
from driftboard.services.common import (
    LONG_TEXT,
    can_be_a_slug,
    check_text,
    check_version,
    column_limit,
    get_or_404,
    set_task_links,
)
from driftboard.standards import CARD_LEVEL, DEFAULT_LEVELS, Duty, TrainingMethod, TrainingReason
from driftboard.tables import unique_slug


def unit_of(s: Session, org_id: int) -> int:
    chain = org.ancestry(s, org_id)
    if not chain:
        raise NotFoundError(f"there is no org unit {org_id}", message_key="error.row_gone")
    return org.unit_in(chain).id


def _levels(s: Session, unit_id: int) -> list[tuple[str, str, str]]:
    rows = s.scalars(
        select(StandardLevel).where(StandardLevel.unit_id == unit_id).order_by(StandardLevel.sort_order)
    ).all()
    return [(r.key, r.name_en, r.name_da) for r in rows] or list(DEFAULT_LEVELS)


def level_names(org_id: int, lang: str, engine: Engine | None = None) -> dict[str, str]:
    """The unit's levels, key → name in ``lang``, top of the hierarchy first."""
    with read_session(engine) as s:
        scope.require_read(s, org_id)
        return {key: da if lang == "da" else en for key, en, da in _levels(s, unit_of(s, org_id))}


def save_levels(actor: Actor, unit_id: int, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None) -> int:
    """Replace the unit's list of levels (top first). A row keeps its ``key`` when it has one;
    a level standards are filed under cannot be left out. Returns the number of levels."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.ADMIN, unit_id, what="standard levels")
        unit = get_or_404(s, OrgUnit, unit_id)
        if unit.level != OrgLevel.UNIT:
            raise DomainError("levels belong to a unit", message_key="std.err.unit_only")
        wanted: list[tuple[str, str, str]] = []
        keys: set[str] = set()
        for row in rows:
            en, da = str(row.get("name_en") or "").strip(), str(row.get("name_da") or "").strip()
            if not en or not da:
                raise DomainError("a level needs a name in both languages", message_key="std.err.level_name")
            check_text(en, "name_en", 120)
            check_text(da, "name_da", 120)
            raw = row.get("key")
            key = raw.strip() if isinstance(raw, str) and raw.strip() else unique_slug(en, keys).replace("-", "_")
            if key in keys:
                raise DomainError(f"level {key} twice", message_key="std.err.level_twice", level=en)
            keys.add(key)
            wanted.append((key, en, da))
        if not wanted:
            raise DomainError("a unit needs a level", message_key="std.err.level_name")
        teams = org.descendant_ids(s, unit_id)
        used = set(s.scalars(select(Standard.level).where(Standard.org_unit_id.in_(teams))))
        if missing := sorted(used - keys):
            raise DomainError(f"level {missing[0]} in use", message_key="std.err.level_in_use", level=missing[0])
        existing = {r.key: r for r in s.scalars(select(StandardLevel).where(StandardLevel.unit_id == unit_id))}
        for order, (key, en, da) in enumerate(wanted):
            row = existing.pop(key, None)
            if row is None:
                s.add(StandardLevel(unit_id=unit_id, key=key, name_en=en, name_da=da, sort_order=order))
            elif (row.name_en, row.name_da, row.sort_order) != (en, da, order):
                row.name_en, row.name_da, row.sort_order = en, da, order
        for row in existing.values():
            s.delete(row)
        return len(wanted)


# --------------------------------------------------------------------------- the library


@dataclass(frozen=True)
class StandardView:
    id: int
    org_unit_id: int
    org_name: str
    level: str
    title: str
    owner_id: int | None
    owner: str | None
    url: str
    text: str
    review_on: dt.date | None
    active: bool
    version: int  # the row's, for the save's conflict check
    tasks: tuple[tuple[int, str], ...]
    number: int | None  # the latest version's number
    effective_on: dt.date | None
    change_note: str
    card_id: int | None


@dataclass(frozen=True)
class StandardInput:
    level: str
    title: str
    owner_id: int | None = None
    url: str = ""
    text: str = ""
    review_on: dt.date | None = None
    task_ids: tuple[int, ...] = ()
    active: bool = True


def _orgs_shown(s: Session, org_id: int) -> list[int]:
    """The standards that apply to an org unit: its own, those above it and those below it."""
    return sorted({o.id for o in org.ancestry(s, org_id)} | set(org.descendant_ids(s, org_id)))


def _latest(s: Session, standard_ids: Iterable[int]) -> dict[int, StandardVersion]:
    ids = list(standard_ids)
    newest = (
        select(StandardVersion.standard_id, func.max(StandardVersion.number).label("n"))
        .where(StandardVersion.standard_id.in_(ids))
        .group_by(StandardVersion.standard_id)
        .subquery()
    )
    rows = s.scalars(
        select(StandardVersion).join(
            newest, (newest.c.standard_id == StandardVersion.standard_id) & (newest.c.n == StandardVersion.number)
        )
    )
    return {v.standard_id: v for v in rows}


def _views(s: Session, rows: Sequence[Standard]) -> list[StandardView]:
    ids = [r.id for r in rows]
    tasks: dict[int, list[tuple[int, str]]] = {}
    for sid, tid, name in s.execute(
        select(StandardTask.standard_id, Task.id, Task.name)
        .join(Task, Task.id == StandardTask.task_id)
        .where(StandardTask.standard_id.in_(ids))
        .order_by(Task.sort_order, Task.name)
    ):
        tasks.setdefault(sid, []).append((tid, name))
    owners = dict(s.execute(select(Person.id, Person.name).where(Person.id.in_({r.owner_id for r in rows}))).all())
    orgs = dict(s.execute(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.id.in_({r.org_unit_id for r in rows}))).all())
    latest = _latest(s, ids)
    views = []
    for r in rows:
        v = latest.get(r.id)
        views.append(
            StandardView(
                r.id,
                r.org_unit_id,
                orgs.get(r.org_unit_id, ""),
                r.level,
                r.title,
                r.owner_id,
                owners.get(r.owner_id),
                r.url,
                r.text,
                r.review_on,
                r.active,
                r.version,
                tuple(tasks.get(r.id, ())),
                v.number if v else None,
                v.effective_on if v else None,
                v.change_note if v else "",
                v.card_id if v else None,
            )
        )
    return views


def library(org_id: int, engine: Engine | None = None) -> list[StandardView]:
    """The standards that apply to the org unit (its own, those above and below it), by level
    (the unit's order) and title."""
    with read_session(engine) as s:
        scope.require_read(s, org_id)
        order = {key: n for n, (key, _en, _da) in enumerate(_levels(s, unit_of(s, org_id)))}
        rows = s.scalars(select(Standard).where(Standard.org_unit_id.in_(_orgs_shown(s, org_id)))).all()
        rows = sorted(rows, key=lambda r: (order.get(r.level, 99), r.title.casefold()))
        return _views(s, rows)


def task_standards(team_id: int, engine: Engine | None = None) -> dict[int, list[StandardView]]:
    """Each task of the team → the active standards covering it (the board's "where is the
    standard?")."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        rows = s.scalars(
            select(Standard)
            .join(StandardTask, StandardTask.standard_id == Standard.id)
            .join(Task, Task.id == StandardTask.task_id)
            .where(Task.team_id == team_id, Standard.active)
            .distinct()
        ).all()
        found: dict[int, list[StandardView]] = {}
        for view in _views(s, rows):
            for task_id, _name in view.tasks:
                found.setdefault(task_id, []).append(view)
        return found


def _check(s: Session, org_id: int, data: StandardInput) -> None:
    if data.level not in {key for key, _en, _da in _levels(s, unit_of(s, org_id))}:
        raise DomainError(f"no level {data.level}", message_key="std.err.level", level=data.level)
    if not data.title.strip():
        raise DomainError("a standard needs a title", message_key="std.err.title")
    check_text(data.title.strip(), "title", column_limit(Standard, "title"))
    check_text(data.url.strip(), "url", column_limit(Standard, "url"))
    check_text(data.text, "text", LONG_TEXT, multiline=True)
    if data.url.strip() and not data.url.strip().lower().startswith(("http://", "https://")):
        raise DomainError("a link starts with http:// or https://", message_key="std.err.url")
    inside = set(org.descendant_ids(s, org_id)) | {org_id}
    tasks = set(s.scalars(select(Task.id).where(Task.id.in_(data.task_ids), Task.team_id.in_(inside))))
    if set(data.task_ids) - tasks:
        raise DomainError("a task outside the org unit", message_key="std.err.task")
    if data.owner_id is not None:
        owner = s.get(Person, data.owner_id)
        units = set(org.descendant_ids(s, unit_of(s, org_id))) | {unit_of(s, org_id)}
        if owner is None or owner.team_id not in units:
            raise DomainError("the owner is not of the unit", message_key="std.err.owner")


def _save_standard(s: Session, org_id: int, data: StandardInput, standard_id: int | None, seen: int | None) -> int:
    _check(s, org_id, data)
    title = data.title.strip()
    clash = s.scalar(
        select(Standard.id).where(
            Standard.org_unit_id == org_id, Standard.title == title, Standard.id != (standard_id or 0)
        )
    )
    if clash is not None:
        raise DomainError("the title is taken", message_key="std.err.title_taken", title=title)
    if standard_id is None:
        row = Standard(org_unit_id=org_id, level=data.level, title=title)
        s.add(row)
    else:
        row = get_or_404(s, Standard, standard_id)
        if row.org_unit_id != org_id:
            raise NotFoundError("not this org unit's standard", message_key="error.row_gone")
        check_version(s, row, seen)
    row.level, row.title, row.owner_id = data.level, title, data.owner_id
    row.url, row.text, row.review_on, row.active = data.url.strip(), data.text, data.review_on, data.active
    s.flush()
    set_task_links(s, StandardTask, "standard_id", row.id, set(data.task_ids))
    s.flush()
    return row.id


def save_standard(
    actor: Actor,
    org_id: int,
    data: StandardInput,
    *,
    standard_id: int | None = None,
    seen_version: int | None = None,
    engine: Engine | None = None,
) -> int:
    """Add a standard to the org unit's library, or change one (the version seen travels with
    the save). Leaders of the org unit keep its standards."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, org_id, what="standards")
        return _save_standard(s, org_id, data, standard_id, seen_version)


def _competent_on(s: Session, task_ids: Iterable[int]) -> list[tuple[int, int]]:
    """(person, task) of the active people competent or expert on the tasks."""
    return list(
        s.execute(
            select(Competence.person_id, Competence.task_id)
            .join(Person, Person.id == Competence.person_id)
            .where(
                Competence.task_id.in_(list(task_ids)),
                Competence.level.in_([CompetenceLevel.COMPETENT, CompetenceLevel.EXPERT]),
                Person.active,
            )
            .order_by(Competence.person_id, Competence.task_id)
        ).all()
    )


def _new_version(
    s: Session,
    actor: Actor,
    standard: Standard,
    effective_on: dt.date,
    change_note: str,
    method: TrainingMethod,
    card_id: int | None = None,
) -> int:
    """Write the next version and list everyone competent on its tasks as "to be informed or
    trained" (one entry per person, on their first task of it)."""
    check_text(change_note, "change_note", LONG_TEXT, multiline=True)
    number = (
        s.scalar(select(func.max(StandardVersion.number)).where(StandardVersion.standard_id == standard.id)) or 0
    ) + 1
    version = StandardVersion(
        standard_id=standard.id,
        number=number,
        effective_on=effective_on,
        change_note=change_note.strip(),
        card_id=card_id,
        made_by=actor.name,
    )
    s.add(version)
    s.flush()
    tasks = s.scalars(select(StandardTask.task_id).where(StandardTask.standard_id == standard.id)).all()
    told: set[int] = set()
    for person_id, task_id in _competent_on(s, tasks):
        if person_id in told:
            continue
        told.add(person_id)
        s.add(
            Training(
                person_id=person_id,
                task_id=task_id,
                version_id=version.id,
                method=method,
                reason=TrainingReason.NEW_VERSION,
                planned_on=effective_on,
            )
        )
    s.flush()
    return version.id


def add_version(
    actor: Actor,
    standard_id: int,
    effective_on: dt.date,
    change_note: str,
    method: TrainingMethod = TrainingMethod.INFORMATION,
    engine: Engine | None = None,
) -> int:
    """A new version of a standard in force from ``effective_on``: who must know is listed."""
    with write_session(actor, engine) as s:
        standard = get_or_404(s, Standard, standard_id)
        access.require(s, actor, Role.LEADER, standard.org_unit_id, what="standard version")
        if not change_note.strip():
            raise DomainError("say what changed", message_key="std.err.change_note")
        return _new_version(s, actor, standard, effective_on, change_note, method)


def version_from_card(s: Session, actor: Actor, card: ImprovementCard, day: dt.date | None = None) -> int:
    """A card reached "new standard": a new version of the standard it came from (a process
    confirmation names it), of the one an earlier version of the card made, or else of a new
    work description of the card's team titled as the card. The version links the card."""
    params = card.origin_params or {}
    standard = s.get(Standard, params["standard_id"]) if params.get("standard_id") else None
    if standard is None:
        standard = s.scalar(
            select(Standard)
            .join(StandardVersion, StandardVersion.standard_id == Standard.id)
            .where(StandardVersion.card_id == card.id)
            .limit(1)
        )
    if standard is None:
        levels = [key for key, _en, _da in _levels(s, unit_of(s, card.team_id))]
        title = card.title[: column_limit(Standard, "title")]
        standard = s.scalar(select(Standard).where(Standard.org_unit_id == card.team_id, Standard.title == title))
        if standard is None:
            standard = Standard(
                org_unit_id=card.team_id,
                level=CARD_LEVEL if CARD_LEVEL in levels else levels[-1],
                title=title,
                owner_id=card.owner_id,
                text=card.new_standard,
            )
            s.add(standard)
            s.flush()
            if params.get("task_id"):
                s.add(StandardTask(standard_id=standard.id, task_id=int(params["task_id"])))
    note = card.new_standard or card.title
    return _new_version(s, actor, standard, day or clock.today(), note, TrainingMethod.INFORMATION, card_id=card.id)


@dataclass(frozen=True)
class VersionView:
    id: int
    number: int
    effective_on: dt.date
    change_note: str
    card_id: int | None
    made_by: str
    told: int
    done: int


def versions(standard_id: int, engine: Engine | None = None) -> list[VersionView]:
    """A standard's versions, newest first, with how many were to be told and how many are."""
    with read_session(engine) as s:
        standard = get_or_404(s, Standard, standard_id)
        scope.require_read(s, standard.org_unit_id)
        rows = s.scalars(
            select(StandardVersion)
            .where(StandardVersion.standard_id == standard_id)
            .order_by(StandardVersion.number.desc())
        ).all()
        counts = {
            vid: (n, d)
            for vid, n, d in s.execute(
                select(Training.version_id, func.count(Training.id), func.count(Training.done_on))
                .where(Training.version_id.in_([r.id for r in rows]))
                .group_by(Training.version_id)
            )
        }
        return [
            VersionView(r.id, r.number, r.effective_on, r.change_note, r.card_id, r.made_by, *counts.get(r.id, (0, 0)))
            for r in rows
        ]


def card_standards(card_ids: Iterable[int], engine: Engine | None = None) -> dict[int, tuple[str, int]]:
    """Card → (standard title, version number) of the version the card made."""
    with read_session(engine) as s:
        ids = list(card_ids)
        if not ids:
            return {}
        teams = set(s.scalars(select(ImprovementCard.team_id).where(ImprovementCard.id.in_(ids))))
        for team in teams:
            scope.require_read(s, team)
        rows = s.execute(
            select(StandardVersion.card_id, Standard.title, StandardVersion.number)
            .join(Standard, Standard.id == StandardVersion.standard_id)
            .where(StandardVersion.card_id.in_(ids))
        )
        return {card: (title, number) for card, title, number in rows}


# --------------------------------------------------------------------------- roles and responsibilities


def duties_frame(team_id: int, engine: Engine | None = None) -> pd.DataFrame:
    """Tasks × the unit's job roles, each cell the role's duty in the task (or empty)."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        unit_id = unit_of(s, team_id)
        roles = s.scalars(
            select(JobRole.key).where(JobRole.unit_id == unit_id, JobRole.active).order_by(JobRole.sort_order)
        ).all()
        tasks = s.execute(
            select(Task.id, Task.name).where(Task.team_id == team_id, Task.active).order_by(Task.sort_order)
        ).all()
        duties = {
            (d.task_id, d.job_role): d.duty.value
            for d in s.scalars(select(TaskDuty).where(TaskDuty.task_id.in_([t for t, _ in tasks])))
        }
    records = [{"task_id": tid, "task": name, **{r: duties.get((tid, r)) for r in roles}} for tid, name in tasks]
    return pd.DataFrame(records, columns=["task_id", "task", *roles])


def save_duties(actor: Actor, team_id: int, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None) -> int:
    """Set each job role's duty per task of the team (an empty cell: none). Returns changes."""
    valid = {d.value for d in Duty}
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="duties")
        unit_id = unit_of(s, team_id)
        roles = set(s.scalars(select(JobRole.key).where(JobRole.unit_id == unit_id)))
        tasks = set(s.scalars(select(Task.id).where(Task.team_id == team_id)))
        existing = {(d.task_id, d.job_role): d for d in s.scalars(select(TaskDuty).where(TaskDuty.task_id.in_(tasks)))}
        changed = 0
        for row in rows:
            task_id = int(row["task_id"])
            if task_id not in tasks:
                raise DomainError("not the team's task", message_key="error.task_not_in_team")
            for role in roles & set(row):
                value = row[role]
                value = (
                    None
                    if value is None or (isinstance(value, float) and pd.isna(value)) or value == ""
                    else str(value)
                )
                if value is not None and value not in valid:
                    raise DomainError(f"no duty {value}", message_key="std.err.duty", duty=value)
                current = existing.get((task_id, role))
                if value is None and current is not None:
                    s.delete(current)
                    changed += 1
                elif value is not None and current is None:
                    s.add(TaskDuty(task_id=task_id, job_role=role, duty=Duty(value)))
                    changed += 1
                elif value is not None and current is not None and current.duty.value != value:
                    current.duty = Duty(value)
                    changed += 1
        return changed


def published(org_slug: str | None, *, default_org: int, engine: Engine | None = None) -> list[dict[str, Any]]:
    """The active standards that apply to an org unit (by slug; else ``default_org``), as an
    intranet reads them (the API)."""
    with read_session(engine) as s:
        if not org_slug:
            found: int | None = default_org
        else:
            found = s.scalar(select(OrgUnit.id).where(OrgUnit.slug == org_slug)) if can_be_a_slug(org_slug) else None
        if found is None:
            slug = (org_slug or "")[:60]
            raise NotFoundError(f"there is no org unit {slug!r}", message_key="std.err.no_org", slug=slug)
        scope.require_read(s, found, what="standards")
        names = {key: {"en": en, "da": da} for key, en, da in _levels(s, unit_of(s, found))}
    return [
        {
            "title": v.title, "level": v.level, "level_name": names.get(v.level, {}), "org_unit": v.org_name,
            "owner": v.owner, "tasks": [name for _id, name in v.tasks], "url": v.url or None, "text": v.text or None,
            "version": v.number, "effective_on": v.effective_on.isoformat() if v.effective_on else None,
            "change_note": v.change_note or None, "review_on": v.review_on.isoformat() if v.review_on else None,
        }
        for v in library(found, engine)
        if v.active
    ]  # fmt: skip

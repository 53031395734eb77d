"""Who is to be informed or trained, and the training plan: a member acknowledges their own
entry, a leader plans and records trainings (a recorded one may make the person competent),
and the competence matrix shows who is in training until when, and when the training plan
meets the ≥ 3-competent rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, select
from sqlalchemy.orm import Session

from db.engine import read_session, write_session
from db.models import Competence, Person, Standard, StandardVersion, Task, Training
from driftboard import clock
from driftboard.domain import Actor, CompetenceLevel, DomainError, Role
from driftboard.services import access, competence, scope
from driftboard.services.common import get_or_404
from driftboard.services.masterdata import _set_competences
from driftboard.standards import TrainingMethod, TrainingReason, rule_met_on


@dataclass(frozen=True)
class TrainingView:
    id: int
    person_id: int
    person: str
    task_id: int | None
    task: str | None
    standard: str | None
    number: int | None
    method: TrainingMethod
    reason: TrainingReason
    planned_on: dt.date | None
    done_on: dt.date | None
    done_by: str | None
    version: int


def _views(s: Session, query: Select[Any]) -> list[TrainingView]:
    rows = s.execute(
        query.add_columns(Person.name, Task.name, Standard.title, StandardVersion.number)
        .join(Person, Person.id == Training.person_id)
        .outerjoin(Task, Task.id == Training.task_id)
        .outerjoin(StandardVersion, StandardVersion.id == Training.version_id)
        .outerjoin(Standard, Standard.id == StandardVersion.standard_id)
        .order_by(Training.done_on.is_not(None), Training.planned_on, Person.name, Training.id)
    ).all()
    return [
        TrainingView(
            t.id,
            t.person_id,
            person,
            t.task_id,
            task,
            title,
            number,
            t.method,
            t.reason,
            t.planned_on,
            t.done_on,
            t.done_by,
            t.version,
        )
        for t, person, task, title, number in rows
    ]


def trainings(team_id: int, *, open_only: bool = False, engine: Engine | None = None) -> list[TrainingView]:
    """The team's people's training entries: open ones first, by planned date."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        query = select(Training).where(Training.person_id.in_(select(Person.id).where(Person.team_id == team_id)))
        if open_only:
            query = query.where(Training.done_on.is_(None))
        return _views(s, query)


def plan_training(
    actor: Actor,
    person_id: int,
    task_id: int,
    method: TrainingMethod,
    planned_on: dt.date | None,
    engine: Engine | None = None,
) -> int:
    """Plan a training of a person on a task of the team; a person not yet on the matrix for the
    task shows "in training" from now on."""
    with write_session(actor, engine) as s:
        person = get_or_404(s, Person, person_id)
        access.require(s, actor, Role.LEADER, person.team_id, what="training plan")
        return _plan(s, person, task_id, method, planned_on, TrainingReason.PLAN)


def _plan(
    s: Session, person: Person, task_id: int, method: TrainingMethod, planned_on: dt.date | None, reason: TrainingReason
) -> int:
    task = get_or_404(s, Task, task_id)
    if task.team_id != person.team_id:
        raise DomainError("not the person's team's task", message_key="error.task_not_in_team")
    row = Training(person_id=person.id, task_id=task_id, method=method, reason=reason, planned_on=planned_on)
    s.add(row)
    held = s.scalar(select(Competence).where(Competence.person_id == person.id, Competence.task_id == task_id))
    if held is None:
        _set_competences(s, [(person.id, task_id, CompetenceLevel.IN_TRAINING)])
    s.flush()
    return row.id


def acknowledge(actor: Actor, training_id: int, engine: Engine | None = None) -> None:
    """A person says they have read (been told of) the new version: only their own entry."""
    with write_session(actor, engine) as s:
        row = get_or_404(s, Training, training_id)
        person = get_or_404(s, Person, row.person_id)
        access.require(s, actor, Role.MEMBER, person.team_id, what="acknowledge training")
        if actor.grants is not None and actor.person_id != row.person_id:
            raise DomainError("only one's own", message_key="train.err.not_yours", name=person.name)
        _done(s, actor, row)


def _done(s: Session, actor: Actor, row: Training, day: dt.date | None = None) -> None:
    if row.done_on is not None:
        raise DomainError("already done", message_key="train.err.done")
    row.done_on, row.done_by = day or clock.today(), actor.name


def record_training(
    actor: Actor,
    training_id: int,
    *,
    competent: bool = False,
    day: dt.date | None = None,
    engine: Engine | None = None,
) -> None:
    """A leader records that the training took place; ``competent`` makes the person competent
    on its task (from "in training")."""
    with write_session(actor, engine) as s:
        row = get_or_404(s, Training, training_id)
        person = get_or_404(s, Person, row.person_id)
        access.require(s, actor, Role.LEADER, person.team_id, what="record training")
        _done(s, actor, row, day)
        if competent and row.task_id is not None:
            held = s.scalar(
                select(Competence.level).where(Competence.person_id == row.person_id, Competence.task_id == row.task_id)
            )
            if held is not CompetenceLevel.EXPERT:
                _set_competences(s, [(row.person_id, row.task_id, CompetenceLevel.COMPETENT)])


@dataclass(frozen=True)
class MatrixCell:
    level: CompetenceLevel
    planned_on: dt.date | None  # in training: the planned date of the open training


def matrix(
    team_id: int, engine: Engine | None = None
) -> tuple[dict[int, str], dict[int, str], dict[tuple[int, int], MatrixCell]]:
    """The competence matrix with training: people, tasks and each (person, task)'s state."""
    frame = competence.competence_frame(team_id, engine)
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        tasks = dict(
            s.execute(select(Task.id, Task.name).where(Task.team_id == team_id).order_by(Task.sort_order)).all()
        )
        planned = {
            (p, t): d
            for p, t, d in s.execute(
                select(Training.person_id, Training.task_id, Training.planned_on)
                .where(Training.task_id.in_(tasks), Training.done_on.is_(None), Training.version_id.is_(None))
                .order_by(Training.planned_on.desc())
            )
        }
    people = {int(r["person_id"]): r["person"] for r in frame.to_dict("records")}
    cells = {}
    for record in frame.to_dict("records"):
        for task_id in tasks:
            value = record.get(str(task_id))
            if isinstance(value, str) and value:
                level = CompetenceLevel(value)
                pid = int(record["person_id"])
                cells[(pid, task_id)] = MatrixCell(
                    level, planned.get((pid, task_id)) if level is CompetenceLevel.IN_TRAINING else None
                )
    return people, tasks, cells


@dataclass(frozen=True)
class RulePlan:
    task_id: int
    task: str
    required: int
    competent: int
    in_training: int
    met_on: dt.date | None  # today when met; None when the training plan falls short


def rule_plan(team_id: int, engine: Engine | None = None) -> list[RulePlan]:
    """Per task: the competence rule and the day the planned trainings meet it."""
    checks = competence.competence_rule(team_id, engine)
    _people, tasks, cells = matrix(team_id, engine)
    today = clock.today()
    by_name = {name: tid for tid, name in tasks.items()}
    plans = []
    for name, check in checks:
        task_id = by_name[name]
        dates = [c.planned_on for (p, t), c in cells.items() if t == task_id and c.level is CompetenceLevel.IN_TRAINING]
        plans.append(
            RulePlan(
                task_id,
                name,
                check.required,
                check.competent,
                len(dates),
                rule_met_on(check.required, check.competent, dates, today),
            )
        )
    return plans

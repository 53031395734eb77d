"""The team's competence matrix: who is competent on which task (competent capacity). It holds
the team's people and anyone from another team of the unit a leader added (a borrowed person),
so borrowing candidates on the operations board come from it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from db.engine import memo, read_session, write_session
from db.models import Competence, OrgUnit, Person, Task
from driftboard import planning
from driftboard.domain import Actor, CompetenceLevel, DomainError, OrgLevel, Role, RowError, ValidationError
from driftboard.services import access, org, scope
from driftboard.services.common import SaveSummary
from driftboard.services.masterdata import _set_competences


def _people_and_tasks(s: Session, team_id: int) -> tuple[dict[int, str], dict[int, str]]:
    """The matrix's rows (the team's people, then borrowed people as "name (their team)") and
    columns (the team's tasks); read once per read transaction."""
    people, tasks = memo(s, ("people_and_tasks", team_id), lambda: _read_people_and_tasks(s, team_id))
    return dict(people), dict(tasks)


def _read_people_and_tasks(s: Session, team_id: int) -> tuple[dict[int, str], dict[int, str]]:
    people = dict(
        s.execute(select(Person.id, Person.name).where(Person.team_id == team_id).order_by(Person.name)).all()
    )
    tasks = dict(s.execute(select(Task.id, Task.name).where(Task.team_id == team_id).order_by(Task.sort_order)).all())
    borrowed = s.execute(
        select(Person.id, Person.name, OrgUnit.name)
        .join(OrgUnit, OrgUnit.id == Person.team_id)
        .join(Competence, Competence.person_id == Person.id)
        .where(Competence.task_id.in_(tasks), Person.team_id != team_id, Person.active)
        .distinct()
        .order_by(Person.name)
    ).all()
    people.update({pid: f"{name} ({team})" for pid, name, team in borrowed})
    return people, tasks


def competent_counts(s: Session, unit_id: int, task_ids: Sequence[int]) -> dict[int, int]:
    """How many active people are competent (or expert) on each task: the people the
    competence matrix shows, the team's and those of the unit borrowed into it."""
    return dict(
        s.execute(
            select(Competence.task_id, func.count(Competence.id))
            .join(Person, Person.id == Competence.person_id)
            .where(
                Competence.task_id.in_(task_ids),
                Competence.level.in_([CompetenceLevel.COMPETENT, CompetenceLevel.EXPERT]),
                Person.active,
                Person.team_id.in_(org.descendant_ids(s, unit_id, OrgLevel.TEAM)),
            )
            .group_by(Competence.task_id)
        ).all()
    )


def competence_rule(team_id: int, engine: Engine | None = None) -> list[tuple[str, planning.CompetenceCheck]]:
    """Each active task of the team (board order) with its competence check: enough competent
    people for the daily need plus the margin (what the operations board flags)."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        chain = org.ancestry(s, team_id)
        if not chain:
            return []
        tasks = s.scalars(
            select(Task).where(Task.team_id == team_id, Task.active).order_by(Task.sort_order, Task.name)
        ).all()
        counts = competent_counts(s, org.unit_in(chain).id, [t.id for t in tasks])
        factors = org.team_factors(s, team_id, chain)
        margin = org.inherited(chain, "competence_margin_fte", 1.0)
        return [
            (
                t.name,
                planning.check_competence(
                    t.id,
                    planning.hours_needed(t.expected_daily_volume, t.minutes_per_case),
                    counts.get(t.id, 0),
                    factors,
                    margin,
                ),
            )
            for t in tasks
        ]


def _unit_team_ids(s: Session, team_id: int) -> list[int]:
    chain = org.ancestry(s, team_id)
    return org.descendant_ids(s, org.unit_in(chain).id, OrgLevel.TEAM) if chain else []


def borrowable_people(team_id: int, engine: Engine | None = None) -> dict[int, str]:
    """Active people of the unit's other teams not yet in the team's matrix, "name (team)"."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        shown, _ = _people_and_tasks(s, team_id)
        rows = s.execute(
            select(Person.id, Person.name, OrgUnit.name)
            .join(OrgUnit, OrgUnit.id == Person.team_id)
            .where(Person.team_id.in_(_unit_team_ids(s, team_id)), Person.team_id != team_id, Person.active)
            .order_by(OrgUnit.name, Person.name)
        ).all()
        return {pid: f"{name} ({team})" for pid, name, team in rows if pid not in shown}


def add_borrowed_person(
    actor: Actor,
    team_id: int,
    person_id: int,
    task_id: int,
    level: CompetenceLevel = CompetenceLevel.COMPETENT,
    engine: Engine | None = None,
) -> None:
    """Add a person of another team in the unit to the team's matrix with a level on one of the
    team's tasks: from then on they are a borrowing candidate for it."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="competences")
        person = s.get(Person, person_id)
        task = s.get(Task, task_id)
        if task is None or task.team_id != team_id:
            raise DomainError(f"task {task_id} is not team {team_id}'s", message_key="error.task_not_in_team")
        if person is None or person.team_id not in _unit_team_ids(s, team_id):
            raise DomainError(f"person {person_id} is not in the unit", message_key="comp.err.not_in_unit")
        _set_competences(s, [(person_id, task_id, level)])


def competence_frame(team_id: int, engine: Engine | None = None) -> pd.DataFrame:
    """People × tasks of the team, each cell a level or empty."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        people, tasks = _people_and_tasks(s, team_id)
        levels = {
            (c.person_id, c.task_id): c.level.value
            for c in s.scalars(select(Competence).where(Competence.task_id.in_(tasks)))
        }
    records = [
        {"person_id": pid, "person": name, **{str(tid): levels.get((pid, tid)) for tid in tasks}}
        for pid, name in people.items()
    ]
    return pd.DataFrame(records, columns=["person_id", "person", *(str(t) for t in tasks)])


def save_competence_frame(
    actor: Actor, team_id: int, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None
) -> SaveSummary:
    """Save the matrix in one transaction; any unknown person or level refuses it all."""
    valid = {level.value for level in CompetenceLevel}
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="competences")
        people, tasks = _people_and_tasks(s, team_id)
        entries = []
        errors = []
        for number, row in enumerate(rows, start=1):
            person_id = int(row["person_id"])
            if person_id not in people:
                errors.append(RowError(number, "person", "v.unknown", (("value", row.get("person")), ("choices", "…"))))
                continue
            for task_id in tasks:
                value = row.get(str(task_id))
                empty = value is None or (isinstance(value, float) and pd.isna(value)) or value == ""
                value = None if empty else str(value)
                if value is not None and value not in valid:
                    errors.append(
                        RowError(number, tasks[task_id], "v.unknown", (("value", value), ("choices", ", ".join(valid))))
                    )
                    continue
                entries.append((person_id, task_id, CompetenceLevel(value) if value else None))
        if errors:
            raise ValidationError(errors)
        return _set_competences(s, entries)

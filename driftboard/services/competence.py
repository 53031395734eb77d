"""The team's competence matrix: who is competent on which task (competent capacity)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import read_session, write_session
from db.models import Competence, Person, Task
from driftboard.domain import Actor, CompetenceLevel, Role, RowError, ValidationError
from driftboard.services import access
from driftboard.services.common import SaveSummary
from driftboard.services.masterdata import _set_competences


def _people_and_tasks(s: Session, team_id: int) -> tuple[dict[int, str], dict[int, str]]:
    people = dict(
        s.execute(select(Person.id, Person.name).where(Person.team_id == team_id).order_by(Person.name)).all()
    )
    tasks = dict(s.execute(select(Task.id, Task.name).where(Task.team_id == team_id).order_by(Task.sort_order)).all())
    return people, tasks


def competence_frame(team_id: int, engine: Engine | None = None) -> pd.DataFrame:
    """People × tasks of the team, each cell a level or empty."""
    with read_session(engine) as s:
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

"""Rows of the standards work for a team that the scope and access tests aim at: a standard
with a version, an open training entry and a process confirmation (made once per database)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select

from db.engine import read_session, write_session
from db.models import Confirmation, Person, Standard, Task, Training
from driftboard.domain import Actor
from driftboard.services import confirmations, standards, training
from driftboard.standards import Followed, TrainingMethod

TRUSTED = Actor("setup")
TITLE = "Scope probe standard"


def rows_for(engine: Engine, team_id: int, day: dt.date) -> dict[str, int]:
    """{"standard", "training", "confirmation"} ids of the team, made the first time."""
    with read_session(engine) as s:
        found = s.scalar(select(Standard.id).where(Standard.org_unit_id == team_id, Standard.title == TITLE))
        task = s.scalar(select(Task.id).where(Task.team_id == team_id).order_by(Task.id).limit(1))
        people = s.execute(
            select(Person.id, Person.team_leader).where(Person.team_id == team_id).order_by(Person.id)
        ).all()
    if found is None:
        leader = next((pid for pid, lead in people if lead), None)
        if leader is None:
            with write_session(TRUSTED, engine) as s:
                s.get(Person, people[0][0]).team_leader = True
            leader = people[0][0]
        person = next(pid for pid, lead in people if pid != leader)
        found = standards.save_standard(
            TRUSTED, team_id, standards.StandardInput("work_description", TITLE, task_ids=(task,)), engine=engine
        )
        standards.add_version(TRUSTED, found, day, "first", engine=engine)
        training.plan_training(TRUSTED, person, task, TrainingMethod.SIDE_BY_SIDE, day, engine=engine)
        data = confirmations.ConfirmationInput(task, person, leader, day, True, Followed.YES)
        confirmations.record_confirmation(TRUSTED, team_id, data, engine=engine)
    with read_session(engine) as s:
        entry = s.scalar(
            select(Training.id)
            .join(Person, Person.id == Training.person_id)
            .where(Person.team_id == team_id, Training.done_on.is_(None))
            .order_by(Training.id)
            .limit(1)
        )
        confirmation = s.scalar(select(Confirmation.id).where(Confirmation.team_id == team_id).limit(1))
    return {"standard": found, "training": entry, "confirmation": confirmation}

"""Loading a history of cases received per task and day in one transaction (the demo's two
years of intake, or a back-fill before the forecast has anything to learn from). Day-by-day
recording from core systems, files and the board is the intake service's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import Engine, delete

from db.engine import write_session
from db.models_feeds import Intake
from driftboard.domain import Actor, ProductionSource, Role
from driftboard.services import access
from driftboard.services.common import check_team_tasks


def load_intake_history(
    actor: Actor,
    team_id: int,
    history: Mapping[int, Mapping[dt.date, int]],
    *,
    source: ProductionSource = ProductionSource.IMPORT,
    engine: Engine | None = None,
) -> int:
    """Replace the team's intake on the days in ``history`` (task id → day → cases received)
    with it. Returns the rows written."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="load_intake_history")
        check_team_tasks(s, team_id, set(history))
        for task_id, days in history.items():
            if days:
                s.execute(delete(Intake).where(Intake.task_id == task_id, Intake.date.in_(list(days))))
        s.add_all(
            Intake(task_id=task_id, date=day, received=int(received), source=source, recorded_by=actor.name)
            for task_id, days in history.items()
            for day, received in days.items()
        )
        s.flush()
    return sum(len(days) for days in history.values())

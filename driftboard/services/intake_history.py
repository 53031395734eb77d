"""Loading a history of cases received per task and day in one transaction (the demo's two
years of intake, or a back-fill before the forecast has anything to learn from). Day-by-day
recording from core systems, files and the board is the intake service's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import Engine

from db.engine import write_session
from db.models.feeds import Intake
from driftboard.domain import Actor, ProductionSource, Role
from driftboard.services import access
from driftboard.services.common import check_team_tasks
from driftboard.services.day_counts import upsert_day_counts
from driftboard.services.intake import INTAKE_TURNS


def load_intake_history(
    actor: Actor,
    team_id: int,
    history: Mapping[int, Mapping[dt.date, int]],
    *,
    source: ProductionSource = ProductionSource.IMPORT,
    engine: Engine | None = None,
) -> int:
    """Set the team's intake on the days in ``history`` (task id → day → cases received) to it.
    A day that already has a value (typed on the board, imported) is updated in place through
    the one writer of per-task-per-day counts, so the audit log keeps the value it replaced
    (and history can put it back); nothing is deleted. Returns how many values changed."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, team_id, what="load_intake_history")
        check_team_tasks(s, team_id, set(history))
        rows = [(task_id, day, int(received)) for task_id, days in history.items() for day, received in days.items()]
        if not rows:
            return 0
        changed = upsert_day_counts(s, actor, Intake, INTAKE_TURNS, rows, source)
        s.flush()
    return changed

"""Error registrations: a team's errors counted by category and day (and task), the data behind
the improvement board's Pareto chart (``driftboard.improvement.pareto`` ranks them)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from db.engine import read_session, write_session
from db.models import ErrorRegistration
from driftboard.domain import Actor, DomainError, Role
from driftboard.services import access, scope
from driftboard.services.common import check_text, column_limit


def _register_errors(
    s: Session, actor: Actor, team_id: int, *, day: dt.date, category: str, count: int, task_id: int | None = None
) -> int:
    if not category.strip():
        raise DomainError("an error registration needs a category", message_key="imp.err.needs_category")
    check_text(category.strip(), "category", column_limit(ErrorRegistration, "category"))
    if not isinstance(count, int) or isinstance(count, bool) or count <= 0:
        raise DomainError("the error count must be a whole number greater than 0", message_key="imp.err.count")
    row = ErrorRegistration(
        team_id=team_id, task_id=task_id, date=day, category=category.strip(), count=count, registered_by=actor.name
    )
    s.add(row)
    s.flush()
    return row.id


def register_errors(
    actor: Actor,
    team_id: int,
    *,
    day: dt.date,
    category: str,
    count: int,
    task_id: int | None = None,
    engine: Engine | None = None,
) -> int:
    """Record ``count`` errors of ``category`` on ``day`` (the data behind the Pareto chart)."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.MEMBER, team_id, what="register errors")
        return _register_errors(s, actor, team_id, day=day, category=category, count=count, task_id=task_id)


def error_counts(
    team_id: int, start: dt.date, end: dt.date, task_id: int | None = None, engine: Engine | None = None
) -> dict[str, int]:
    """Registered errors per category for a team (and task) in a period."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        query = (
            select(ErrorRegistration.category, func.sum(ErrorRegistration.count))
            .where(ErrorRegistration.team_id == team_id, ErrorRegistration.date.between(start, end))
            .group_by(ErrorRegistration.category)
        )
        if task_id is not None:
            query = query.where(ErrorRegistration.task_id == task_id)
        return {category: int(total) for category, total in s.execute(query)}


def error_categories(team_id: int, engine: Engine | None = None) -> list[str]:
    """The team's error categories, the most registered first (the registration form's choices)."""
    with read_session(engine) as s:
        scope.require_read(s, team_id)
        return list(
            s.scalars(
                select(ErrorRegistration.category)
                .where(ErrorRegistration.team_id == team_id)
                .group_by(ErrorRegistration.category)
                .order_by(func.sum(ErrorRegistration.count).desc())
            )
        )

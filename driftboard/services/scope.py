"""Units apart: whose data a read may show. The one place a read checks its reader's grants.

Scope is a rule of the data. A read resolves the org units it shows and needs a grant on each
(any role reads; a grant covers everything below its org unit); a list of the whole installation
(the teams, the org tree, the users and their grants) is narrowed to the org units the reader
holds a grant on — admin lists to those it administers. A refusal names nothing of the other
unit: ``error.not_your_unit``.

Writes name their actor (``services.access`` checks its role). Reads are made by the **reader**
of the moment:

- in a page run, the page's actor (how to find it is installed by the UI, ``set_session_reader``;
  a session without one reads nothing);
- an API token's or a shared screen's actor, for a block (``reading_as``);
- anything else — the command line, the demo seed, tests, what is computed once for every
  session (``trusted_reads``) — is trusted, as ``Actor(grants=None)`` is for writes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import memo, read_session
from db.models import (
    AccessToken,
    Action,
    Assignment,
    ImprovementCard,
    Measure,
    MeasureValue,
    OrgUnit,
    Person,
    RoleGrant,
    Task,
    WeekPlan,
)
from driftboard.domain import ROLE_RANK, SYSTEM, AccessDenied, Actor, Role

log = logging.getLogger("driftboard.access")

# How to find the org unit a row belongs to: (model, how to reach its org unit id).
ROW_ORG: dict[type[Any], Callable[[Session, Any], int | None]] = {
    ImprovementCard: lambda s, row: row.team_id,
    Person: lambda s, row: row.team_id,
    Task: lambda s, row: row.team_id,
    WeekPlan: lambda s, row: row.team_id,
    Measure: lambda s, row: row.org_unit_id,
    MeasureValue: lambda s, row: row.org_unit_id,
    Action: lambda s, row: s.get(Measure, row.measure_id).org_unit_id,
    Assignment: lambda s, row: s.get(WeekPlan, row.week_plan_id).team_id,
    RoleGrant: lambda s, row: row.org_unit_id,
    AccessToken: lambda s, row: row.team_id,
}


@dataclass(frozen=True)
class Reading:
    """Who reads, and the org units their grants cover when that is known already (a page run
    knows it from its shared cache: the reads then ask the database nothing more)."""

    actor: Actor
    seen: frozenset[int] | None = None


_reader: ContextVar[Reading | None] = ContextVar("driftboard_reader", default=None)
_session_reader: Callable[[], Reading | None] | None = None


@contextmanager
def reading_as(actor: Actor) -> Iterator[None]:
    """The reads in the block are made by ``actor`` (an API token's, a screen link's, a test's)."""
    token = _reader.set(Reading(actor))
    try:
        yield
    finally:
        _reader.reset(token)


def trusted_reads() -> AbstractContextManager[None]:
    """The reads in the block see the whole installation: what is computed once for every
    session (the team list, a shared screen's board) and narrowed for each reader after."""
    return reading_as(SYSTEM)


def set_session_reader(source: Callable[[], Reading | None]) -> None:
    """The UI says how to find the reader of the page run in progress (None outside one)."""
    global _session_reader
    _session_reader = source


def _reading() -> Reading:
    found = _reader.get()
    if found is None and _session_reader is not None:
        found = _session_reader()
    return found if found is not None else Reading(SYSTEM)


def reader() -> Actor:
    """Who the reads of the moment are made by (see the module's docstring)."""
    return _reading().actor


def visible(s: Session, role: Role = Role.VIEWER, actor: Actor | None = None) -> frozenset[int] | None:
    """The org units ``actor`` (by default the reader) holds ``role`` or higher on, with
    everything below them; None for a trusted caller (everything). Once per read transaction."""
    if actor is None:
        reading = _reading()
        actor = reading.actor
        if role is Role.VIEWER and reading.seen is not None and actor.grants is not None:
            return reading.seen
    if actor.grants is None:
        return None
    tops = frozenset(org_id for org_id, held in actor.grants if ROLE_RANK[held] >= ROLE_RANK[role])
    if not tops:
        return frozenset()
    return memo(s, ("visible", tops), lambda: _subtrees(s, tops))


def _subtrees(s: Session, tops: frozenset[int]) -> frozenset[int]:
    children: dict[int | None, list[int]] = {}
    for org_id, parent_id in s.execute(select(OrgUnit.id, OrgUnit.parent_id)):
        children.setdefault(parent_id, []).append(org_id)
    found: set[int] = set()
    todo = list(tops)
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children.get(current, ()))
    return frozenset(found)


def sees(s: Session, org_unit_id: int | None, role: Role = Role.VIEWER) -> bool:
    """Whether the reader may see ``org_unit_id`` (holds ``role`` on it or above it)."""
    seen = visible(s, role)
    return seen is None or org_unit_id in seen


def require_read(s: Session, org_unit_id: int | None, *, role: Role = Role.VIEWER, what: str = "") -> None:
    """Refuse (``AccessDenied``, ``error.not_your_unit``) unless the reader holds a grant on
    ``org_unit_id`` or above it (``role`` for what only some may read: admin lists)."""
    if sees(s, org_unit_id, role):
        return
    actor = reader()
    log.warning("refused: %s (user %s) may not read org unit %s (%s)", actor.name, actor.user_id, org_unit_id, what)
    raise AccessDenied(f"{actor.name} may not see org unit {org_unit_id}", message_key="error.not_your_unit")


def require_read_tasks(s: Session, task_ids: Iterable[int]) -> None:
    """``require_read`` on the team of every task (numbers typed or imported for several)."""
    wanted = set(task_ids)
    if reader().grants is None or not wanted:
        return
    for team_id in sorted(set(s.scalars(select(Task.team_id).where(Task.id.in_(wanted))))):
        require_read(s, team_id, what="tasks")


def org_of(s: Session, model: type[Any], row_id: int) -> int | None:
    """The org unit a row belongs to (None when there is no such row)."""
    row = s.get(model, row_id)
    return None if row is None else ROW_ORG[model](s, row)


def require_read_row(s: Session, model: type[Any], row_id: int, *, what: str = "") -> None:
    """``require_read`` on the org unit a row belongs to (a card, a measure …); a row that does
    not exist is left to the service's own "not found"."""
    if reader().grants is None:
        return
    row = s.get(model, row_id)
    if row is not None:
        require_read(s, ROW_ORG[model](s, row), what=what or model.__name__)


def visible_ids(
    actor: Actor | None = None, role: Role = Role.VIEWER, engine: Engine | None = None
) -> frozenset[int] | None:
    """``visible`` in a read session of its own (a page narrowing the team list it shares)."""
    actor = actor or reader()
    if actor.grants is None:
        return None
    with read_session(engine) as s:
        return visible(s, role, actor)

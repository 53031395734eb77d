"""The names an import file may use, read from the database for ``importchoices``: so an
unknown team in a production, holdings or measures import lists the valid ones — those the
importer may see (an API token scoped to one unit is never told another unit's teams)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import read_session
from db.models import Measure, OrgUnit, Task
from driftboard.domain import Actor, OrgLevel, RowError
from driftboard.importchoices import Known, name_choices
from driftboard.services import scope


def known_names(s: Session, actor: Actor | None = None) -> Known:
    """Active org units, teams, tasks and measures by slug (and by name, casefolded) that
    ``actor`` (by default the reader) may see."""
    seen = scope.visible(s, actor=actor)
    orgs = [o for o in s.scalars(select(OrgUnit).where(OrgUnit.active)) if seen is None or o.id in seen]
    by_id = {o.id: o.slug for o in orgs}
    org_keys = {k.casefold(): o.slug for o in orgs for k in (o.slug, o.name)}
    team_keys = {k.casefold(): o.slug for o in orgs if o.level == OrgLevel.TEAM for k in (o.slug, o.name)}
    tasks: dict[str, list[str]] = defaultdict(list)
    for team_id, slug in s.execute(select(Task.team_id, Task.slug).where(Task.active)):
        if team_id in by_id:
            tasks[by_id[team_id]].append(slug)
    measures: dict[str, list[str]] = defaultdict(list)
    for org_id, slug in s.execute(select(Measure.org_unit_id, Measure.slug).where(Measure.active)):
        if org_id in by_id:
            measures[by_id[org_id]].append(slug)
    return Known(teams=team_keys, tasks=dict(tasks), orgs=org_keys, measures=dict(measures))


def explain(s: Session, errors: Sequence[RowError], actor: Actor | None = None) -> list[RowError]:
    """``errors`` with the choices ``actor`` may see named (inside the caller's session)."""
    if not any(e.code.startswith("v.unknown_") for e in errors):
        return list(errors)
    return name_choices(errors, known_names(s, actor))


def explain_errors(
    errors: Sequence[RowError], engine: Engine | None = None, actor: Actor | None = None
) -> list[RowError]:
    """``explain`` in a read session of its own."""
    if not any(e.code.startswith("v.unknown_") for e in errors):
        return list(errors)
    with read_session(engine) as s:
        return explain(s, errors, actor)

"""Goal-steering services: measure definitions, measure values and actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from db.engine import write_session
from db.models import Action, Measure, MeasureValue, OrgUnit
from driftboard.domain import (
    ActionStatus,
    Actor,
    Comparator,
    Direction,
    DomainError,
    MeasureKind,
    Period,
    RollUp,
)
from driftboard.services.common import get_or_404


@dataclass(frozen=True)
class MeasureInput:
    org_unit_id: int
    name: str
    slug: str
    kind: MeasureKind
    period: Period = Period.WEEK
    unit: str = ""
    direction: Direction | None = None
    baseline: float | None = None
    baseline_date: dt.date | None = None
    target: float | None = None
    target_date: dt.date | None = None
    comparator: Comparator | None = None
    threshold: float | None = None
    rollup: RollUp = RollUp.NONE
    tolerance_pct: float = 0.0
    target_profile: dict[str, Any] | None = None
    sort_order: int = 0


def check_measure(m: MeasureInput) -> None:
    """Refuse definitions the board cannot judge; a KPI never has a flat target."""
    if not m.name.strip():
        raise DomainError("a measure needs a name")
    if m.kind is MeasureKind.KPI:
        if None in (m.direction, m.baseline, m.target, m.baseline_date, m.target_date):
            raise DomainError("a KPI needs a direction, a baseline with its date and a target with its date")
        if m.target == m.baseline:
            raise DomainError("a KPI's target must differ from its baseline: KPIs never have flat targets")
        assert m.target_date is not None and m.baseline_date is not None
        if m.target_date <= m.baseline_date:
            raise DomainError("a KPI's target date must come after its baseline date")
        rising = m.target > m.baseline  # type: ignore[operator]
        if rising != (m.direction is Direction.HIGHER_IS_BETTER):
            raise DomainError("the target moves against the KPI's direction (higher/lower is better)")
    if m.kind is MeasureKind.CONTROL and (m.comparator is None or m.threshold is None):
        raise DomainError("a control measure needs a comparator and a threshold, e.g. > 98")
    if not 0 <= m.tolerance_pct <= 100:
        raise DomainError("tolerance must be between 0 and 100 %")


def define_measure(actor: Actor, measure: MeasureInput, engine: Engine | None = None) -> int:
    check_measure(measure)
    with write_session(actor, engine) as s:
        get_or_404(s, OrgUnit, measure.org_unit_id)
        row = Measure(**measure.__dict__)
        s.add(row)
        s.flush()
        return row.id


@dataclass(frozen=True)
class ValueInput:
    measure_id: int
    period_start: dt.date
    value: float
    weight: float | None = None


def record_measure_values(actor: Actor, values: Iterable[ValueInput], engine: Engine | None = None) -> int:
    """Set measure values per period; entering a period again replaces its value."""
    values = list(values)
    with write_session(actor, engine) as s:
        measure_ids = {v.measure_id for v in values}
        existing = {
            (v.measure_id, v.period_start): v
            for v in s.scalars(select(MeasureValue).where(MeasureValue.measure_id.in_(measure_ids)))
        }
        for v in values:
            row = existing.get((v.measure_id, v.period_start))
            if row is None:
                s.add(
                    MeasureValue(
                        measure_id=v.measure_id,
                        period_start=v.period_start,
                        value=v.value,
                        weight=v.weight,
                        entered_by=actor.name,
                    )
                )
            elif row.value != v.value or row.weight != v.weight:
                row.value, row.weight, row.entered_by = v.value, v.weight, actor.name
        return len(values)


def add_action(
    actor: Actor,
    measure_id: int,
    *,
    text: str,
    owner: str,
    due_date: dt.date,
    period_start: dt.date | None = None,
    status: ActionStatus = ActionStatus.OPEN,
    engine: Engine | None = None,
) -> int:
    if not text.strip():
        raise DomainError("an action needs a text")
    if not owner.strip():
        raise DomainError("an action needs an owner")
    with write_session(actor, engine) as s:
        get_or_404(s, Measure, measure_id)
        row = Action(
            measure_id=measure_id,
            period_start=period_start,
            text=text.strip(),
            owner=owner.strip(),
            due_date=due_date,
            status=status,
            created_by=actor.name,
        )
        s.add(row)
        s.flush()
        return row.id

"""The goal-steering board's read model: a tile per measure of an org unit for a period, with
its series over the year, and the measures of the units below rolled up."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Engine, select

from db.engine import read_session
from db.models import Measure, MeasureValue, OrgUnit
from driftboard import clock, targets
from driftboard.domain import MeasureKind, RollUp
from driftboard.services import org, scope
from driftboard.services.common import get_or_404
from driftboard.services.measures import measure_def


class Point(NamedTuple):
    """A stored value as the board uses it (who entered it only for the period an own tile shows)."""

    value: float | None
    weight: float | None
    entered_by: str | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class SeriesPoint:
    period_start: dt.date
    value: float | None
    target: float | None
    verdict: targets.Verdict


@dataclass(frozen=True)
class Contributor:
    measure_id: int
    org_unit_id: int
    org_unit_name: str


@dataclass(frozen=True)
class Tile:
    slug: str
    name: str
    unit_label: str
    decimals: int | None  # the measure's display precision; None shows what the value needs
    definition: targets.MeasureDef
    contributors: tuple[Contributor, ...]  # one for an own measure, the children for a roll-up
    rolled_up: bool
    period_start: dt.date
    value: float | None
    target: float | None
    gap: float | None
    verdict: targets.Verdict
    series: tuple[SeriesPoint, ...]
    entered_by: str | None = None
    entered_at: dt.datetime | None = None

    @property
    def kind(self) -> MeasureKind:
        return self.definition.kind


def goal_board(org_unit_id: int, period_start: dt.date | None, engine: Engine | None = None) -> list[Tile]:
    """The tiles of an org unit for a period in board order (KPIs, controls, operational): its
    own measures, then measures of the units below it rolled up with their roll-up method
    (unless it has its own measure of that name)."""
    with read_session(engine) as s:
        scope.require_read(s, org_unit_id)
        get_or_404(s, OrgUnit, org_unit_id)
        below = org.descendant_ids(s, org_unit_id)
        names = dict(s.execute(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.id.in_([org_unit_id, *below]))).all())
        own = s.scalars(
            select(Measure)
            .where(Measure.org_unit_id == org_unit_id, Measure.active)
            .order_by(Measure.sort_order, Measure.name)
        ).all()
        children = (
            s.scalars(
                select(Measure)
                .where(Measure.org_unit_id.in_(below), Measure.active, Measure.rollup != RollUp.NONE)
                .order_by(Measure.sort_order, Measure.name)
            ).all()
            if below
            else []
        )
        values: dict[int, dict[dt.date, Point]] = defaultdict(dict)
        entered: dict[int, dt.date] = {}  # own measure → the period whose value shows who entered it
        if own or children:
            # Only the periods the tiles show: from the first period of the earliest year shown
            # (a week holding 1 January may start in December) up to the latest period shown.
            day = period_start or clock.today()
            starts = [targets.period_start(day, measure_def(m).period) for m in (*own, *children)]
            first = dt.date(min(starts).year, 1, 1) - dt.timedelta(days=6)
            for measure_id, start, value, weight in s.execute(
                select(
                    MeasureValue.measure_id, MeasureValue.period_start, MeasureValue.value, MeasureValue.weight
                ).where(
                    MeasureValue.measure_id.in_([m.id for m in (*own, *children)]),
                    MeasureValue.period_start.between(first, max(starts)),
                )
            ):
                values[measure_id][start] = Point(value, weight)
            # Who entered the value and when: shown on the unit's own tiles, for the period shown.
            for m in own:
                start = targets.period_start(day, measure_def(m).period)
                if start in values[m.id]:
                    entered[m.id] = start
            if entered:
                for measure_id, start, by, at in s.execute(
                    select(
                        MeasureValue.measure_id,
                        MeasureValue.period_start,
                        MeasureValue.entered_by,
                        MeasureValue.updated_at,
                    )
                    .where(MeasureValue.measure_id.in_(list(entered)))
                    .where(MeasureValue.period_start.in_(sorted(set(entered.values()))))
                ):
                    if entered.get(measure_id) == start:
                        values[measure_id][start] = values[measure_id][start]._replace(entered_by=by, updated_at=at)
    groups: dict[str, list[Measure]] = {}
    for m in children:
        groups.setdefault(m.slug, []).append(m)
    own_slugs = {m.slug for m in own}
    tiles = [_own_tile(m, values[m.id], period_start, names[org_unit_id]) for m in own]
    tiles += [
        _rollup_tile(group, values, period_start, names) for slug, group in groups.items() if slug not in own_slugs
    ]
    return sorted(tiles, key=lambda t: targets.board_rank(t.kind))


def _def_key(d: targets.MeasureDef) -> tuple[object, ...]:
    """A measure definition as a dictionary key (its profile, a mapping, as sorted pairs)."""
    return tuple(tuple(sorted(v.items())) if isinstance(v, Mapping) else v for v in vars(d).values())


def _periods(definition: targets.MeasureDef, until: dt.date) -> list[dt.date]:
    first = dt.date(until.year, 1, 1)
    if definition.baseline_date and definition.baseline_date.year == until.year:
        first = definition.baseline_date
    return targets.periods_between(first, until, definition.period)


def _own_tile(m: Measure, values: dict[dt.date, Point], period: dt.date | None, org_name: str) -> Tile:
    definition = measure_def(m)
    start = targets.period_start(period or clock.today(), definition.period)

    def at(p: dt.date) -> tuple[float | None, float | None]:
        return (values[p].value if p in values else None), targets.target_for_period(definition, p)

    contributors = (Contributor(m.id, m.org_unit_id, org_name),)
    return _tile(m, definition, start, at, contributors, rolled_up=False, entered=values.get(start))


def _tile(
    m: Measure,
    definition: targets.MeasureDef,
    start: dt.date,
    at: Callable[[dt.date], tuple[float | None, float | None]],
    contributors: tuple[Contributor, ...],
    *,
    rolled_up: bool,
    entered: Point | None = None,
) -> Tile:
    """A tile of ``m``'s name and look for the period ``start``: the value and target ``at``
    gives for it and for each period of its series, each judged against its target."""
    series = []
    for p in _periods(definition, start):
        value, target = at(p)
        series.append(SeriesPoint(p, value, target, targets.verdict(definition, value, target)))
    value, target = at(start)
    return Tile(
        slug=m.slug,
        name=m.name,
        unit_label=m.unit_label,
        decimals=m.decimals,
        definition=definition,
        contributors=contributors,
        rolled_up=rolled_up,
        period_start=start,
        value=value,
        target=target,
        gap=targets.gap(value, target, definition.direction),
        verdict=targets.verdict(definition, value, target),
        series=tuple(series),
        entered_by=entered.entered_by if entered else None,
        entered_at=entered.updated_at if entered else None,
    )


def _rollup_tile(
    group: list[Measure], values: dict[int, dict[dt.date, Point]], period: dt.date | None, names: dict[int, str]
) -> Tile:
    first = group[0]
    definition = measure_def(first)
    method = first.rollup
    start = targets.period_start(period or clock.today(), definition.period)
    # The teams' targets, worked out once per distinct definition and period: a measure rolled
    # out to 50 teams usually has one definition, and its target curve is the same for all.
    distinct: dict[tuple[object, ...], dict[dt.date, float | None]] = {}
    curves: list[tuple[targets.MeasureDef, dict[dt.date, float | None]]] = []
    for m in group:
        d = measure_def(m)
        curves.append((d, distinct.setdefault(_def_key(d), {})))

    def target_of(d: targets.MeasureDef, curve: dict[dt.date, float | None], p: dt.date) -> float | None:
        if p not in curve:
            curve[p] = targets.target_for_period(d, p)
        return curve[p]

    by_measure = [values[m.id] for m in group]

    def combined(p: dt.date) -> tuple[float | None, float | None]:
        pairs = [(v.value, v.weight) if (v := own.get(p)) is not None else (None, None) for own in by_measure]
        value = targets.rollup(method, pairs, first.comparator)
        if definition.kind is not MeasureKind.KPI:
            return value, None
        target_pairs = [(target_of(d, curve, p), w) for (d, curve), (_, w) in zip(curves, pairs, strict=True)]
        return value, targets.rollup_targets(method, target_pairs)

    contributors = tuple(Contributor(m.id, m.org_unit_id, names.get(m.org_unit_id, "?")) for m in group)
    return _tile(first, definition, start, combined, contributors, rolled_up=True)

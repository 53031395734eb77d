"""Goal-steering services: measure definitions, measure values and actions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select

from db.engine import read_session, write_session
from db.models import Action, CardEvent, ImprovementCard, Measure, MeasureValue, OrgUnit
from driftboard import clock, imports, targets
from driftboard.domain import (
    ActionStatus,
    Actor,
    CardEventKind,
    Comparator,
    Direction,
    DomainError,
    MeasureKind,
    OrgLevel,
    Period,
    RollUp,
    RowError,
    Stage,
    ValidationError,
)
from driftboard.i18n import fmt_week, t
from driftboard.services import org
from driftboard.services.common import SaveSummary, check_version, get_or_404, save_rows
from driftboard.tables import Field, parse_rows


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

    def refuse(field: str, key: str, message: str) -> DomainError:
        return DomainError(message, message_key=key, field=field)

    if not m.name.strip():
        raise refuse("name", "goals.err.name", "a measure needs a name")
    if m.kind is MeasureKind.KPI:
        if None in (m.direction, m.baseline, m.target, m.baseline_date, m.target_date):
            raise refuse(
                "target",
                "goals.err.kpi_fields",
                "a KPI needs a direction, a baseline with its date and a target with its date",
            )
        if m.target == m.baseline:
            raise refuse(
                "target", "goals.err.flat", "a KPI's target must differ from its baseline: KPIs never have flat targets"
            )
        assert m.target_date is not None and m.baseline_date is not None
        if m.target_date <= m.baseline_date:
            raise refuse("target_date", "goals.err.dates", "a KPI's target date must come after its baseline date")
        rising = m.target > m.baseline  # type: ignore[operator]
        if rising != (m.direction is Direction.HIGHER_IS_BETTER):
            raise refuse("direction", "goals.err.direction", "the target moves against the KPI's direction")
    if m.kind is MeasureKind.CONTROL and (m.comparator is None or m.threshold is None):
        raise refuse(
            "threshold", "goals.err.control", "a control measure needs a comparator and a threshold, e.g. > 98"
        )
    if not 0 <= m.tolerance_pct <= 100:
        raise refuse("tolerance_pct", "goals.err.tolerance", "tolerance must be between 0 and 100 %")


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


# --------------------------------------------------------------------------- reading the board


def measure_def(m: Measure) -> targets.MeasureDef:
    profile = {dt.date.fromisoformat(k): float(v) for k, v in (m.target_profile or {}).items()}
    return targets.MeasureDef(
        kind=m.kind,
        period=m.period,
        direction=m.direction,
        baseline=m.baseline,
        baseline_date=m.baseline_date,
        target=m.target,
        target_date=m.target_date,
        profile=profile or None,
        comparator=m.comparator,
        threshold=m.threshold,
        tolerance_pct=m.tolerance_pct,
        rollup=m.rollup,
    )


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
    unit: str
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


@dataclass(frozen=True)
class OrgNode:
    id: int
    name: str
    slug: str
    level: OrgLevel
    depth: int


def org_tree(engine: Engine | None = None) -> list[OrgNode]:
    """Every active org unit in tree order (unit, its departments, their teams)."""
    with read_session(engine) as s:
        rows = s.scalars(select(OrgUnit).where(OrgUnit.active).order_by(OrgUnit.sort_order, OrgUnit.name)).all()
    children: dict[int | None, list[OrgUnit]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    found: list[OrgNode] = []

    def walk(parent: int | None, depth: int) -> None:
        for node in children.get(parent, []):
            found.append(OrgNode(node.id, node.name, node.slug, node.level, depth))
            walk(node.id, depth + 1)

    walk(None, 0)
    return found


def goal_board(org_unit_id: int, period_start: dt.date | None, engine: Engine | None = None) -> list[Tile]:
    """The tiles of an org unit for a period: its own measures, then measures of the units
    below it rolled up with their roll-up method (unless it has its own measure of that name)."""
    with read_session(engine) as s:
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
        ids = [m.id for m in (*own, *children)]
        values: dict[int, dict[dt.date, MeasureValue]] = defaultdict(dict)
        for v in s.scalars(select(MeasureValue).where(MeasureValue.measure_id.in_(ids))):
            values[v.measure_id][v.period_start] = v
    groups: dict[str, list[Measure]] = {}
    for m in children:
        groups.setdefault(m.slug, []).append(m)
    own_slugs = {m.slug for m in own}
    tiles = [_own_tile(m, values[m.id], period_start, names[org_unit_id]) for m in own]
    tiles += [
        _rollup_tile(group, values, period_start, names) for slug, group in groups.items() if slug not in own_slugs
    ]
    return tiles


def _periods(definition: targets.MeasureDef, until: dt.date) -> list[dt.date]:
    first = dt.date(until.year, 1, 1)
    if definition.baseline_date and definition.baseline_date.year == until.year:
        first = definition.baseline_date
    return targets.periods_between(first, until, definition.period)


def _own_tile(m: Measure, values: dict[dt.date, MeasureValue], period: dt.date | None, org_name: str) -> Tile:
    definition = measure_def(m)
    start = targets.period_start(period or clock.today(), definition.period)
    series = []
    for p in _periods(definition, start):
        value = values[p].value if p in values else None
        target = targets.target_for_period(definition, p)
        series.append(SeriesPoint(p, value, target, targets.verdict(definition, value, target)))
    current = values.get(start)
    value = current.value if current else None
    target = targets.target_for_period(definition, start)
    return Tile(
        slug=m.slug,
        name=m.name,
        unit=m.unit,
        definition=definition,
        contributors=(Contributor(m.id, m.org_unit_id, org_name),),
        rolled_up=False,
        period_start=start,
        value=value,
        target=target,
        gap=targets.gap(value, target, definition.direction),
        verdict=targets.verdict(definition, value, target),
        series=tuple(series),
        entered_by=current.entered_by if current else None,
        entered_at=current.updated_at if current else None,
    )


def _rollup_tile(
    group: list[Measure], values: dict[int, dict[dt.date, MeasureValue]], period: dt.date | None, names: dict[int, str]
) -> Tile:
    first = group[0]
    definition = measure_def(first)
    method = first.rollup
    start = targets.period_start(period or clock.today(), definition.period)
    defs = [(m, measure_def(m)) for m in group]

    def combined(p: dt.date) -> tuple[float | None, float | None]:
        pairs = [
            (values[m.id][p].value, values[m.id][p].weight) if p in values[m.id] else (None, None) for m, _ in defs
        ]
        value = targets.rollup(method, pairs, first.comparator)
        if definition.kind is not MeasureKind.KPI:
            return value, None
        weights = [w for _, w in pairs]
        target_pairs = [(targets.target_for_period(d, p), w) for (_, d), w in zip(defs, weights, strict=True)]
        return value, targets.rollup(method if method is not RollUp.WORST else RollUp.MEAN, target_pairs)

    series = []
    for p in _periods(definition, start):
        value, target = combined(p)
        series.append(SeriesPoint(p, value, target, targets.verdict(definition, value, target)))
    value, target = combined(start)
    return Tile(
        slug=first.slug,
        name=first.name,
        unit=first.unit,
        definition=definition,
        contributors=tuple(Contributor(m.id, m.org_unit_id, names.get(m.org_unit_id, "?")) for m in group),
        rolled_up=True,
        period_start=start,
        value=value,
        target=target,
        gap=targets.gap(value, target, definition.direction),
        verdict=targets.verdict(definition, value, target),
        series=tuple(series),
    )


def target_curve(definition: targets.MeasureDef, year: int) -> list[tuple[dt.date, float]]:
    """The KPI's target for every period of ``year`` (for drawing the whole curve)."""
    starts = targets.periods_between(dt.date(year, 1, 1), dt.date(year, 12, 31), definition.period)
    return [(p, t) for p in starts if (t := targets.target_for_period(definition, p)) is not None]


# --------------------------------------------------------------------------- entering values


def values_frame(org_unit_id: int, period: dt.date, engine: Engine | None = None) -> pd.DataFrame:
    """The org unit's own measures with their value for ``period`` (and the one before)."""
    with read_session(engine) as s:
        measures = s.scalars(
            select(Measure).where(Measure.org_unit_id == org_unit_id, Measure.active).order_by(Measure.sort_order)
        ).all()
        starts = {m.id: targets.period_start(period, m.period) for m in measures}
        previous = {m.id: targets.previous_period(starts[m.id], m.period) for m in measures}
        rows = {
            (v.measure_id, v.period_start): v
            for v in s.scalars(select(MeasureValue).where(MeasureValue.measure_id.in_(starts)))
        }
    records = []
    for m in measures:
        current = rows.get((m.id, starts[m.id]))
        before = rows.get((m.id, previous[m.id]))
        records.append(
            {
                "measure_id": m.id,
                "measure": m.name,
                "unit": m.unit,
                "period_start": starts[m.id],
                "previous": before.value if before else None,
                "value": current.value if current else None,
                "weight": current.weight if current else None,
                "entered_by": current.entered_by if current else "",
                "entered_at": current.updated_at if current else None,
            }
        )
    return pd.DataFrame(
        records,
        columns=[
            "measure_id",
            "measure",
            "unit",
            "period_start",
            "previous",
            "value",
            "weight",
            "entered_by",
            "entered_at",
        ],
    ).astype({"previous": "float64", "value": "float64", "weight": "float64"})  # empty cells show blank


VALUE_FIELDS = (
    Field("measure_id", "id"),
    Field("period_start", "date"),
    Field("value", "float", required=False),
    Field("weight", "float", required=False, low=0),
)


def save_values(actor: Actor, org_unit_id: int, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None) -> int:
    """Save the values grid; empty cells are left as they were. Returns how many were saved."""
    clean, errors = parse_rows(rows, VALUE_FIELDS)
    if errors:
        raise ValidationError(errors)
    with read_session(engine) as s:
        allowed = set(s.scalars(select(Measure.id).where(Measure.org_unit_id == org_unit_id)))
    stray = [r for r in clean if r["measure_id"] not in allowed]
    if stray:
        raise DomainError("a value belongs to a measure of another org unit; reload the page")
    entered = [
        ValueInput(r["measure_id"], r["period_start"], r["value"], r["weight"]) for r in clean if r["value"] is not None
    ]
    record_measure_values(actor, entered, engine=engine)
    return len(entered)


MEASURE_IMPORT_COLUMNS = ("period", "unit", "measure", "value")


def import_measures(actor: Actor, data: bytes, filename: str, engine: Engine | None = None) -> int:
    """Import measure values (columns period, unit, measure, value), all rows or none."""
    try:
        table = imports.read_table(data, filename)
        records = imports._check_header(table, MEASURE_IMPORT_COLUMNS)
    except imports.ImportFileError as exc:
        raise ValidationError(exc.errors) from exc
    with read_session(engine) as s:
        orgs: dict[str, int] = {}
        for o in s.scalars(select(OrgUnit)):
            orgs[o.slug.casefold()] = o.id
            orgs[o.name.casefold()] = o.id
        measures: dict[tuple[int, str], Measure] = {}
        for m in s.scalars(select(Measure)):
            measures[(m.org_unit_id, m.slug.casefold())] = m
            measures[(m.org_unit_id, m.name.casefold())] = m
    errors: list[RowError] = []
    values: list[ValueInput] = []
    seen: dict[tuple[int, dt.date], int] = {}
    numbered = [(i, r) for i, r in enumerate(records, start=2) if r is not None]
    for row_no, record in numbered:
        parsed, row_errors = parse_rows(
            [record],
            (Field("unit", "str"), Field("measure", "str"), Field("value", "float"), Field("period", "str")),
            first_row=row_no,
        )
        errors.extend(row_errors)
        if row_errors:
            continue
        r = parsed[0]
        org_id = orgs.get(r["unit"].casefold())
        if org_id is None:
            errors.append(RowError(row_no, "unit", "v.unknown_org", (("value", r["unit"]),)))
            continue
        measure = measures.get((org_id, r["measure"].casefold()))
        if measure is None:
            errors.append(
                RowError(row_no, "measure", "v.unknown_measure", (("value", r["measure"]), ("unit", r["unit"])))
            )
            continue
        start = targets.parse_period(r["period"], measure.period)
        if start is None:
            errors.append(RowError(row_no, "period", "v.period", (("value", r["period"]),)))
            continue
        key = (measure.id, start)
        if key in seen:
            errors.append(RowError(row_no, "measure", "v.duplicate_row", (("row", seen[key]),)))
            continue
        seen[key] = row_no
        values.append(ValueInput(measure.id, start, r["value"]))
    if not numbered:
        errors.append(RowError(2, "file", "v.empty_file"))
    if errors:
        raise ValidationError(errors)
    return record_measure_values(actor, values, engine=engine)


# --------------------------------------------------------------------------- actions


@dataclass(frozen=True)
class ActionRow:
    id: int
    version: int
    measure_id: int
    measure: str
    org_unit: str
    period_start: dt.date | None
    text: str
    owner: str
    due_date: dt.date
    status: ActionStatus
    card_id: int | None
    created_by: str

    def overdue(self, today: dt.date) -> bool:
        return self.status is ActionStatus.OPEN and self.due_date < today


def actions_for(org_unit_id: int, today: dt.date, engine: Engine | None = None) -> list[ActionRow]:
    """Actions of the org unit's measures and those below it: overdue first, then open by due
    date, then the closed ones (newest first)."""
    with read_session(engine) as s:
        scope = [org_unit_id, *org.descendant_ids(s, org_unit_id)]
        rows = s.execute(
            select(Action, Measure.name, OrgUnit.name)
            .join(Measure, Measure.id == Action.measure_id)
            .join(OrgUnit, OrgUnit.id == Measure.org_unit_id)
            .where(Measure.org_unit_id.in_(scope))
        ).all()
    found = [
        ActionRow(
            a.id,
            a.version,
            a.measure_id,
            measure,
            org,
            a.period_start,
            a.text,
            a.owner,
            a.due_date,
            a.status,
            a.improvement_card_id,
            a.created_by,
        )
        for a, measure, org in rows
    ]

    def order(a: ActionRow) -> tuple:
        if a.status is ActionStatus.OPEN:
            return (0 if a.overdue(today) else 1, a.due_date.toordinal(), a.id)
        return (2, -a.due_date.toordinal(), -a.id)

    return sorted(found, key=order)


def set_action_status(
    actor: Actor, action_id: int, status: ActionStatus, *, seen_version: int | None = None, engine: Engine | None = None
) -> None:
    with write_session(actor, engine) as s:
        action = get_or_404(s, Action, action_id)
        check_version(s, action, seen_version)
        action.status = status


def move_action_to_improvement(
    actor: Actor,
    action_id: int,
    team_id: int,
    *,
    seen_version: int | None = None,
    lang: str = "en",
    engine: Engine | None = None,
) -> int:
    """Turn an action into an improvement card of ``team_id``; the card records where it came
    from and the action points to the card. One transaction; returns the card id."""
    with write_session(actor, engine) as s:
        action = get_or_404(s, Action, action_id)
        check_version(s, action, seen_version)
        if action.status is ActionStatus.MOVED and action.improvement_card_id:
            raise DomainError("the action is already on the improvement board", message_key="goals.err.already_moved")
        team = get_or_404(s, OrgUnit, team_id)
        if team.level != OrgLevel.TEAM:
            raise DomainError("improvement cards belong to a team")
        measure = get_or_404(s, Measure, action.measure_id)
        org = get_or_404(s, OrgUnit, measure.org_unit_id)
        period = fmt_week(action.period_start, lang) if action.period_start else ""
        origin = t("goals.origin", lang, id=action.id, measure=measure.name, org=org.name, period=period).strip()
        card = ImprovementCard(
            team_id=team_id,
            title=action.text[:200],
            problem=t("goals.card_problem", lang, measure=measure.name, org=org.name, period=period),
            idea=action.text,
            stage=Stage.INTAKE,
            origin=origin,
        )
        s.add(card)
        s.flush()
        s.add(CardEvent(card_id=card.id, kind=CardEventKind.CREATED, new_value=Stage.INTAKE.value, actor=actor.name))
        action.status = ActionStatus.MOVED
        action.improvement_card_id = card.id
        return card.id


# --------------------------------------------------------------------------- defining measures


MEASURE_FIELDS = (
    Field("id", "id", required=False),
    Field("version", "id", required=False),
    Field("name", "str"),
    Field("slug", "slug"),
    Field("kind", "choice", choices=tuple(k.value for k in MeasureKind)),
    Field("unit", "str", required=False, default=""),
    Field("period", "choice", choices=tuple(p.value for p in Period), default=Period.WEEK.value),
    Field("direction", "choice", required=False, choices=tuple(d.value for d in Direction)),
    Field("baseline", "float", required=False),
    Field("baseline_date", "date", required=False),
    Field("target", "float", required=False),
    Field("target_date", "date", required=False),
    Field("profile", "str", required=False, default=""),
    Field("comparator", "choice", required=False, choices=tuple(c.value for c in Comparator)),
    Field("threshold", "float", required=False),
    Field("rollup", "choice", choices=tuple(r.value for r in RollUp), default=RollUp.NONE.value),
    Field("tolerance_pct", "float", required=False, low=0, high=100, default=0.0),
    Field("active", "bool", default=True),
)


def measures_frame(org_unit_id: int, engine: Engine | None = None) -> pd.DataFrame:
    with read_session(engine) as s:
        rows = s.scalars(select(Measure).where(Measure.org_unit_id == org_unit_id).order_by(Measure.sort_order)).all()
    records = []
    for m in rows:
        record = {f.name: getattr(m, f.name, None) for f in MEASURE_FIELDS if f.name != "profile"}
        for key in ("kind", "period", "direction", "comparator", "rollup"):
            record[key] = record[key].value if record[key] is not None else None
        record["profile"] = targets.format_profile(measure_def(m).profile)
        records.append(record)
    frame = pd.DataFrame(records, columns=[f.name for f in MEASURE_FIELDS])
    return frame.astype({c: "float64" for c in ("baseline", "target", "threshold", "tolerance_pct")})


def _measure_input(org_unit_id: int, row: dict[str, Any], order: int) -> MeasureInput:
    kind = MeasureKind(row["kind"])
    profile = targets.parse_profile(row["profile"] or "")
    return MeasureInput(
        org_unit_id=org_unit_id,
        name=row["name"],
        slug=row["slug"],
        kind=kind,
        period=Period(row["period"]),
        unit=row["unit"] or "",
        direction=Direction(row["direction"]) if row["direction"] else None,
        baseline=row["baseline"],
        baseline_date=row["baseline_date"],
        target=row["target"],
        target_date=row["target_date"],
        comparator=Comparator(row["comparator"]) if row["comparator"] else None,
        threshold=row["threshold"],
        rollup=RollUp(row["rollup"]),
        tolerance_pct=row["tolerance_pct"] or 0.0,
        target_profile={d.isoformat(): v for d, v in profile.items()} or None,
        sort_order=order,
    )


def save_measures(
    actor: Actor, org_unit_id: int, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None
) -> SaveSummary:
    """Save the measure definitions of an org unit; each row is checked by the domain rules
    (a KPI never has a flat target, a control needs a threshold …). All or nothing."""
    clean, errors = parse_rows(rows, MEASURE_FIELDS, unique=("slug", "name"))
    inputs: dict[int, MeasureInput] = {}
    for number, row in enumerate(clean, start=1):
        if any(e.row == number for e in errors):
            continue
        try:
            measure = _measure_input(org_unit_id, row, number)
            check_measure(measure)
        except ValueError as exc:  # the custom profile's text
            errors.append(RowError(number, "profile", "v.profile", (("detail", str(exc)),)))
            continue
        except DomainError as exc:
            errors.append(RowError(number, str(exc.params.get("field", "?")), exc.message_key or "v.required"))
            continue
        inputs[number] = measure
    if errors:
        raise ValidationError(errors)
    columns = [f for f in MeasureInput.__dataclass_fields__ if f != "org_unit_id"]
    with write_session(actor, engine) as s:
        existing = s.scalars(select(Measure).where(Measure.org_unit_id == org_unit_id)).all()
        prepared = [
            {
                "id": row["id"],
                "version": row["version"],
                "active": row["active"],
                **{c: getattr(inputs[i], c) for c in columns},
            }
            for i, row in enumerate(clean, start=1)
        ]
        return save_rows(
            s,
            existing,
            prepared,
            columns=(*columns, "active"),
            create=lambda r: Measure(
                org_unit_id=org_unit_id, **{k: v for k, v in r.items() if k not in ("id", "version")}
            ),
            in_use=lambda m: (
                "values" if s.scalar(select(MeasureValue.id).where(MeasureValue.measure_id == m.id).limit(1)) else None
            ),
        )

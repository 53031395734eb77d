"""Measures of the goal-steering board: their definitions, their values per period and the
import of values. The board read model and actions live in ``goalboard`` and ``actions``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import read_session, take_turns, write_session
from db.models import Measure, MeasureValue, OrgUnit
from driftboard import clock, imports, targets
from driftboard.domain import (
    Actor,
    Comparator,
    Direction,
    DomainError,
    MeasureKind,
    Period,
    Role,
    RollUp,
    RowError,
    ValidationError,
)
from driftboard.plausibility import Doubt, RowDoubt, second_look
from driftboard.services import access, org, scope
from driftboard.services.common import (
    SaveSummary,
    check_still_there,
    check_text,
    column_limit,
    conflict_for,
    get_or_404,
    read_file,
    save_rows,
    valid_rows,
)
from driftboard.tables import Field, parse_rows

MEASURE_VALUE_TURNS = 14  # take_turns namespace: measure values, keyed by measure id


@dataclass(frozen=True)
class MeasureInput:
    org_unit_id: int
    name: str
    slug: str
    kind: MeasureKind
    period: Period = Period.WEEK
    unit_label: str = ""
    decimals: int | None = None  # display precision; None shows what the value needs
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

    def definition(self) -> targets.MeasureDef:
        return measure_def(self)


def check_measure(measure: MeasureInput) -> None:
    """The domain rules for a definition (``targets.check_measure``) and the columns' lengths."""
    check_text(measure.name, "name", column_limit(Measure, "name"))
    check_text(measure.unit_label, "unit_label", column_limit(Measure, "unit_label"))
    targets.check_measure(measure.name, measure.definition(), measure.decimals)


def measure_def(m: Measure | MeasureInput) -> targets.MeasureDef:
    """The pure definition the target rules judge, of a stored measure or one being saved."""
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


def _define_measure(s: Session, measure: MeasureInput) -> int:
    check_measure(measure)
    get_or_404(s, OrgUnit, measure.org_unit_id)
    row = Measure(**measure.__dict__)
    s.add(row)
    s.flush()
    return row.id


def define_measure(actor: Actor, measure: MeasureInput, engine: Engine | None = None) -> int:
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, measure.org_unit_id, what="define measure")
        return _define_measure(s, measure)


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class ValueInput:
    measure_id: int
    period_start: dt.date
    value: float
    weight: float | None = None  # None keeps the weight already recorded for the period


def _record_measure_values(
    s: Session,
    actor: Actor,
    values: Sequence[ValueInput],
    seen: Mapping[tuple[int, dt.date], int | None] | None = None,
) -> int:
    """Set measure values per period; entering a period again replaces its value. A value
    without a weight keeps the period's recorded weight (an import without a weight column
    must not change how the value rolls up). Returns how many values changed.

    ``seen`` holds the version each (measure, period) had when the person saw it (None: no
    value yet); a change to a value someone else changed since is refused. Without an entry
    (imports) the last write wins."""
    measure_ids = {v.measure_id for v in values}
    access.require_measures(s, actor, Role.LEADER, measure_ids)
    _refuse_before_first_day(s, [(i, v) for i, v in enumerate(values, start=1)])
    # Two first values of one measure and period must not both insert: the second waits, then
    # finds the first and is refused naming who entered it (or, an import, replaces it).
    take_turns(s, MEASURE_VALUE_TURNS, measure_ids)
    periods = sorted({v.period_start for v in values})  # not the measures' whole history
    existing = {
        (v.measure_id, v.period_start): v
        for v in s.scalars(
            select(MeasureValue).where(MeasureValue.measure_id.in_(measure_ids), MeasureValue.period_start.in_(periods))
        )
    }
    changed = 0
    for v in values:
        row = existing.get((v.measure_id, v.period_start))
        if row is None:
            row = MeasureValue(
                measure_id=v.measure_id,
                period_start=v.period_start,
                value=v.value,
                weight=v.weight,
                entered_by=actor.name,
                updated_at=clock.utcnow(),  # "entered at" on the board: the product's clock
            )
            s.add(row)
            existing[(v.measure_id, v.period_start)] = row
            changed += 1
            continue
        weight = row.weight if v.weight is None else v.weight
        if row.value != v.value or row.weight != weight:
            key = (v.measure_id, v.period_start)
            if seen is not None and key in seen and seen[key] != row.version:
                label = f"{s.get(Measure, v.measure_id).name}, {v.period_start.isoformat()}"
                raise conflict_for(s, row, seen[key], current=_number_text(row.value), label=label)
            row.value, row.weight, row.entered_by = v.value, weight, actor.name
            row.updated_at = clock.utcnow()
            changed += 1
    return changed


def _refuse_before_first_day(s: Session, numbered: Sequence[tuple[int, ValueInput]]) -> None:
    """A value whose whole period lies before its org unit's first day is refused; a period
    the first day falls in is the first one that may hold a value."""
    owners = {
        m.id: (m.org_unit_id, m.period)
        for m in s.scalars(select(Measure).where(Measure.id.in_({v.measure_id for _, v in numbered})))
    }
    org.refuse_before_first_day(
        s,
        [
            (row, owners[v.measure_id][0], targets.period_end(v.period_start, owners[v.measure_id][1]))
            for row, v in numbered
            if v.measure_id in owners
        ],
        field="period_start",
    )


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def record_measure_values(actor: Actor, values: Iterable[ValueInput], engine: Engine | None = None) -> int:
    with write_session(actor, engine) as s:
        return _record_measure_values(s, actor, list(values))


def values_frame(org_unit_id: int, period: dt.date, engine: Engine | None = None) -> pd.DataFrame:
    """The org unit's own measures with their value for ``period`` (and the one before)."""
    with read_session(engine) as s:
        scope.require_read(s, org_unit_id)
        measures = s.scalars(
            select(Measure).where(Measure.org_unit_id == org_unit_id, Measure.active).order_by(Measure.sort_order)
        ).all()
        starts = {m.id: targets.period_start(period, m.period) for m in measures}
        previous = {m.id: targets.previous_period(starts[m.id], m.period) for m in measures}
        # Only the two periods shown, not every value the measures have had over the years.
        shown = sorted({*starts.values(), *previous.values()})
        rows = {
            (v.measure_id, v.period_start): v
            for v in s.scalars(
                select(MeasureValue).where(MeasureValue.measure_id.in_(starts), MeasureValue.period_start.in_(shown))
            )
        }
    records = []
    for m in measures:
        current = rows.get((m.id, starts[m.id]))
        before = rows.get((m.id, previous[m.id]))
        records.append(
            {
                "measure_id": m.id,
                "measure": m.name,
                "unit_label": m.unit_label,
                "period_start": starts[m.id],
                "previous": before.value if before else None,
                "value": current.value if current else None,
                "weight": current.weight if current else None,
                "entered_by": current.entered_by if current else "",
                "entered_at": current.updated_at if current else None,
                "version": current.version if current else None,
            }
        )
    return pd.DataFrame(
        records,
        columns=[
            "measure_id",
            "measure",
            "unit_label",
            "period_start",
            "previous",
            "value",
            "weight",
            "entered_by",
            "entered_at",
            "version",
        ],
    ).astype(  # empty cells show blank
        {"previous": "float64", "value": "float64", "weight": "float64", "version": "float64"}
    )


VALUE_FIELDS = (
    Field("measure_id", "id"),
    Field("period_start", "date"),
    Field("value", "float", required=False),
    Field("weight", "float", required=False, low=0),
    Field("version", "id", required=False),
)


def save_values(actor: Actor, org_unit_id: int, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None) -> int:
    """Save the values grid; empty cells are left as they were. Returns how many values
    changed (0 when the grid holds nothing new).

    A row with a ``version`` key carries the version of the value the person saw (None: no
    value then); a value someone else changed since is refused (``ConflictError``) unless the
    row is unchanged."""
    clean, errors = parse_rows(rows, VALUE_FIELDS)
    if errors:
        raise ValidationError(errors)
    entered = [
        ValueInput(r["measure_id"], r["period_start"], r["value"], r["weight"]) for r in clean if r["value"] is not None
    ]
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, org_unit_id, what="measure values")
        allowed = set(s.scalars(select(Measure.id).where(Measure.org_unit_id == org_unit_id)))
        if any(r["measure_id"] not in allowed for r in clean):
            raise DomainError(
                "a value belongs to a measure of another org unit; reload the page", message_key="goals.err.stray_value"
            )
        seen = {
            (r["measure_id"], r["period_start"]): r["version"]
            for raw, r in zip(rows, clean, strict=True)
            if "version" in raw
        }
        return _record_measure_values(s, actor, entered, seen)


@dataclass(frozen=True)
class MeasureImportResult:
    rows: int  # how many rows the file held (all saved)
    doubts: tuple[RowDoubt, ...] = ()  # saved values far outside their target (a second look)


def import_measures(actor: Actor, data: bytes, filename: str, engine: Engine | None = None) -> MeasureImportResult:
    """Import measure values (columns period, unit, measure, value), all rows or none. A value
    far outside its measure's target is saved and returned among the result's ``doubts``."""
    table = read_file(data, filename)
    with read_session(engine) as s:  # checked before the write lock: other saves wait less
        orgs: dict[str, int] = {}
        for o in s.scalars(select(OrgUnit)):
            orgs[o.slug.casefold()] = o.id
            orgs[o.name.casefold()] = o.id
        measures: dict[tuple[int, str], imports.MeasureLookup] = {}
        owners: dict[int, int] = {}
        definitions: dict[int, targets.MeasureDef] = {}
        for m in s.scalars(select(Measure)):
            found = imports.MeasureLookup(m.id, m.period)
            measures[(m.org_unit_id, m.slug.casefold())] = found
            measures[(m.org_unit_id, m.name.casefold())] = found
            owners[m.id] = m.org_unit_id
            definitions[m.id] = measure_def(m)
    rows = valid_rows(lambda: imports.validate_measures(table, orgs, measures, clock.today()), engine, actor)
    doubts = tuple(
        RowDoubt(r.row, "value", doubt)
        for r in rows
        if (doubt := second_look(r.value, target=targets.target_range(definitions[r.measure_id])))
    )
    with write_session(actor, engine) as s:
        check_still_there(s, Measure, {(r.measure_id, owners[r.measure_id]) for r in rows}, Measure.org_unit_id)
        _refuse_before_first_day(s, [(r.row, ValueInput(r.measure_id, r.period_start, r.value)) for r in rows])
        _record_measure_values(s, actor, [ValueInput(r.measure_id, r.period_start, r.value) for r in rows])
        return MeasureImportResult(len(rows), doubts)


def value_doubts(values: Mapping[int, float], engine: Engine | None = None) -> dict[int, Doubt]:
    """The entered values (by measure id) far outside their measure's target: a second look
    before they are saved."""
    with read_session(engine) as s:
        shown = s.scalars(select(Measure).where(Measure.id.in_(values))).all()
        for org_id in sorted({m.org_unit_id for m in shown}):
            scope.require_read(s, org_id, what="measure values")
        found = {m.id: second_look(values[m.id], target=targets.target_range(measure_def(m))) for m in shown}
    return {measure_id: doubt for measure_id, doubt in found.items() if doubt}


# --------------------------------------------------------------------------- defining measures


MEASURE_FIELDS = (
    Field("id", "id", required=False),
    Field("version", "id", required=False),
    Field("name", "str", max_length=column_limit(Measure, "name")),
    Field("slug", "slug"),
    Field("kind", "choice", choices=tuple(k.value for k in MeasureKind)),
    Field("unit_label", "str", required=False, default="", max_length=column_limit(Measure, "unit_label")),
    Field("decimals", "int", required=False, low=0, high=targets.MAX_DECIMALS),
    Field("period", "choice", choices=tuple(p.value for p in Period), default=Period.WEEK.value),
    Field("direction", "choice", required=False, choices=tuple(d.value for d in Direction)),
    Field("baseline", "float", required=False),
    Field("baseline_date", "date", required=False),
    Field("target", "float", required=False),
    Field("target_date", "date", required=False),
    Field("profile", "str", required=False, default="", max_length=1000),
    Field("comparator", "choice", required=False, choices=tuple(c.value for c in Comparator)),
    Field("threshold", "float", required=False),
    Field("rollup", "choice", choices=tuple(r.value for r in RollUp), default=RollUp.NONE.value),
    Field("tolerance_pct", "float", required=False, low=0, high=100, default=0.0),
    Field("active", "bool", default=True),
)


def measures_frame(org_unit_id: int, engine: Engine | None = None) -> pd.DataFrame:
    with read_session(engine) as s:
        scope.require_read(s, org_unit_id)
        rows = s.scalars(select(Measure).where(Measure.org_unit_id == org_unit_id).order_by(Measure.sort_order)).all()
    records = []
    for m in rows:
        record = {f.name: getattr(m, f.name, None) for f in MEASURE_FIELDS if f.name != "profile"}
        for key in ("kind", "period", "direction", "comparator", "rollup"):
            record[key] = record[key].value if record[key] is not None else None
        record["profile"] = targets.format_profile(measure_def(m).profile)
        records.append(record)
    frame = pd.DataFrame(records, columns=[f.name for f in MEASURE_FIELDS])
    return frame.astype(
        {"decimals": "Int64", **{c: "float64" for c in ("baseline", "target", "threshold", "tolerance_pct")}}
    )


def _measure_input(org_unit_id: int, row: dict[str, Any], order: int) -> MeasureInput:
    kind = MeasureKind(row["kind"])
    profile = targets.parse_profile(row["profile"] or "")
    return MeasureInput(
        org_unit_id=org_unit_id,
        name=row["name"],
        slug=row["slug"],
        kind=kind,
        period=Period(row["period"]),
        unit_label=row["unit_label"] or "",
        decimals=row["decimals"],
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


def _checked_inputs(
    org_unit_id: int, rows: Sequence[Mapping[str, Any]]
) -> tuple[list[dict[str, Any]], dict[int, MeasureInput]]:
    """Parse the table and check each row by the domain rules; raise every error at once."""
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
    return clean, inputs


def _save_measures(s: Session, org_unit_id: int, rows: Sequence[Mapping[str, Any]]) -> SaveSummary:
    clean, inputs = _checked_inputs(org_unit_id, rows)
    columns = [f for f in MeasureInput.__dataclass_fields__ if f != "org_unit_id"]
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
        create=lambda r: Measure(org_unit_id=org_unit_id, **{k: v for k, v in r.items() if k not in ("id", "version")}),
        in_use=lambda m: (
            "values" if s.scalar(select(MeasureValue.id).where(MeasureValue.measure_id == m.id).limit(1)) else None
        ),
    )


def save_measures(
    actor: Actor, org_unit_id: int, rows: Sequence[Mapping[str, Any]], engine: Engine | None = None
) -> SaveSummary:
    """Save the measure definitions of an org unit; each row is checked by the domain rules
    (a KPI never has a flat target, a control needs a threshold …). All or nothing."""
    with write_session(actor, engine) as s:
        access.require(s, actor, Role.LEADER, org_unit_id, what="measures")
        return _save_measures(s, org_unit_id, rows)

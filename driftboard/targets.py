"""Goal steering (pure): target curves, verdicts for KPIs and controls, periods and roll-ups.

A KPI's target moves from its baseline to its target over the period ("evenly over the year"),
rising or falling, never flat. A custom profile (targets at chosen dates, e.g. per month for a
seasonal unit) bends the curve; between points it is interpolated linearly. The target of a
period is the curve's value on the period's last day: what should be reached by then.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from driftboard.calendar import week_start
from driftboard.domain import Comparator, Direction, DomainError, MeasureKind, Period, RollUp


class Verdict(enum.StrEnum):
    ON_TRACK = "on_track"
    BEHIND = "behind"
    WITHIN = "within"
    BREACHED = "breached"
    NOT_REGISTERED = "not_registered"
    NONE = "none"  # operational measures get no verdict

    @property
    def is_problem(self) -> bool:
        return self in (Verdict.BEHIND, Verdict.BREACHED)


@dataclass(frozen=True)
class MeasureDef:
    kind: MeasureKind
    period: Period
    direction: Direction | None = None
    baseline: float | None = None
    baseline_date: dt.date | None = None
    target: float | None = None
    target_date: dt.date | None = None
    profile: Mapping[dt.date, float] | None = None
    comparator: Comparator | None = None
    threshold: float | None = None
    tolerance_pct: float = 0.0
    rollup: RollUp = RollUp.NONE


# --------------------------------------------------------------------------- periods


def period_start(day: dt.date, period: Period) -> dt.date:
    """Monday of the ISO week, or the first of the month."""
    if period is Period.WEEK:
        return week_start(day)
    return day.replace(day=1)


def period_end(start: dt.date, period: Period) -> dt.date:
    if period is Period.WEEK:
        return start + dt.timedelta(days=6)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def previous_period(day: dt.date, period: Period) -> dt.date:
    """The last complete period before the one ``day`` falls in (what leaders enter values for)."""
    current = period_start(day, period)
    return period_start(current - dt.timedelta(days=1), period)


def periods_between(first: dt.date, last: dt.date, period: Period) -> list[dt.date]:
    """Period starts from the period holding ``first`` up to the one holding ``last``."""
    starts, current = [], period_start(first, period)
    while current <= last:
        starts.append(current)
        current = period_end(current, period) + dt.timedelta(days=1)
    return starts


_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_period(text: str, period: Period) -> dt.date | None:
    """Read ``2026-W47``, ``2026-11`` or a date inside the period; return the period start."""
    from driftboard.tables import parse_date

    text = str(text).strip()
    if m := _WEEK.match(text):
        try:
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1) if period is Period.WEEK else None
        except ValueError:
            return None
    if m := _MONTH.match(text):
        month, year = int(m[2]), int(m[1])
        return dt.date(year, month, 1) if period is Period.MONTH and 1 <= month <= 12 and year >= 1 else None
    day = parse_date(text)
    return period_start(day, period) if day else None


# --------------------------------------------------------------------------- target curves


def target_at(measure: MeasureDef, when: dt.date) -> float | None:
    """The KPI's target on ``when``: the baseline before the start, the target after the end,
    in between linear — or through the custom profile's points when it has one."""
    if measure.kind is not MeasureKind.KPI:
        return None
    assert measure.baseline is not None and measure.target is not None
    assert measure.baseline_date is not None and measure.target_date is not None
    points = {measure.baseline_date: measure.baseline, measure.target_date: measure.target}
    for day, value in (measure.profile or {}).items():
        if measure.baseline_date < day < measure.target_date:
            points[day] = value
    ordered = sorted(points.items())
    if when <= ordered[0][0]:
        return ordered[0][1]
    if when >= ordered[-1][0]:
        return ordered[-1][1]
    for (d0, v0), (d1, v1) in itertools.pairwise(ordered):
        if d0 <= when <= d1:
            return v0 + (v1 - v0) * (when - d0).days / (d1 - d0).days
    raise AssertionError("unreachable: when lies between the first and last point")


def target_for_period(measure: MeasureDef, start: dt.date) -> float | None:
    """The target to reach by the end of the period starting ``start``."""
    return target_at(measure, period_end(start, measure.period))


def parse_profile(text: str) -> dict[dt.date, float]:
    """Read a custom profile ``2026-03: 1.5; 2026-06-30: 3`` (a month means its last day)."""
    points: dict[dt.date, float] = {}
    for part in filter(None, (p.strip() for p in re.split(r"[;\n]", text or ""))):
        if ":" not in part and "=" not in part:
            raise ValueError(f"“{part}” is not “date: target”")
        key, value = re.split(r"[:=]", part, maxsplit=1)
        key = key.strip()
        if m := _MONTH.match(key):
            year, month = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                raise ValueError(f"“{key}” is not a month")
            day = dt.date(year, month, calendar.monthrange(year, month)[1])
        else:
            try:
                day = dt.date.fromisoformat(key)
            except ValueError as exc:
                raise ValueError(f"“{key}” is not a date or a month (YYYY-MM)") from exc
        try:
            points[day] = float(value.strip().replace(",", "."))
        except ValueError as exc:
            raise ValueError(f"“{value.strip()}” is not a number") from exc
    return points


def format_profile(points: Mapping[dt.date, float] | None) -> str:
    return "; ".join(f"{d.isoformat()}: {v:g}" for d, v in sorted((points or {}).items()))


# --------------------------------------------------------------------------- verdicts


def kpi_verdict(value: float | None, target: float, direction: Direction, tolerance_pct: float = 0.0) -> Verdict:
    """On track when the value reaches the target in the KPI's direction; the tolerance is a
    percentage of the target's size. Exactly on target is on track; no value is not registered."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Verdict.NOT_REGISTERED
    slack = abs(target) * tolerance_pct / 100
    if direction is Direction.HIGHER_IS_BETTER:
        return Verdict.ON_TRACK if value >= target - slack - 1e-9 else Verdict.BEHIND
    return Verdict.ON_TRACK if value <= target + slack + 1e-9 else Verdict.BEHIND


def control_verdict(value: float | None, comparator: Comparator, threshold: float) -> Verdict:
    """Within when ``value comparator threshold`` holds (``> 98``), breached otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Verdict.NOT_REGISTERED
    holds = {
        Comparator.GT: value > threshold,
        Comparator.GE: value >= threshold,
        Comparator.LT: value < threshold,
        Comparator.LE: value <= threshold,
    }[comparator]
    return Verdict.WITHIN if holds else Verdict.BREACHED


def verdict(measure: MeasureDef, value: float | None, target: float | None) -> Verdict:
    if measure.kind is MeasureKind.KPI:
        assert target is not None and measure.direction is not None
        return kpi_verdict(value, target, measure.direction, measure.tolerance_pct)
    if measure.kind is MeasureKind.CONTROL:
        assert measure.comparator is not None and measure.threshold is not None
        return control_verdict(value, measure.comparator, measure.threshold)
    return Verdict.NONE if value is not None else Verdict.NOT_REGISTERED


def gap(value: float | None, target: float | None, direction: Direction | None) -> float | None:
    """How far the value is ahead (+) or behind (−) the target, in the KPI's direction."""
    if value is None or target is None or direction is None:
        return None
    return value - target if direction is Direction.HIGHER_IS_BETTER else target - value


# --------------------------------------------------------------------------- roll-up


def rollup(
    method: RollUp, values: Sequence[tuple[float | None, float | None]], comparator: Comparator | None = None
) -> float | None:
    """Combine the children's (value, weight) for one period into the parent's value.

    A missing child value makes the roll-up missing too: a partial sum or mean would look like a
    real figure. ``worst`` picks the value furthest on the wrong side of the control's threshold
    (the lowest for ``>``/``>=``, the highest for ``<``/``<=``).
    """
    if not values or any(v is None for v, _ in values):
        return None
    numbers = [float(v) for v, _ in values]  # type: ignore[arg-type]
    if method is RollUp.SUM:
        return sum(numbers)
    if method is RollUp.MEAN:
        return sum(numbers) / len(numbers)
    if method is RollUp.WEIGHTED_MEAN:
        weights = [w for _, w in values]
        if any(w is None for w in weights) or sum(weights) == 0:  # type: ignore[arg-type]
            return sum(numbers) / len(numbers)
        return sum(v * w for v, w in zip(numbers, weights, strict=True)) / sum(weights)  # type: ignore[misc, arg-type]
    if method is RollUp.WORST:
        if comparator in (Comparator.LT, Comparator.LE):
            return max(numbers)
        return min(numbers)
    raise ValueError(f"{method.value} is not a roll-up method")


def rollup_targets(method: RollUp, targets: Sequence[tuple[float | None, float | None]]) -> float | None:
    """Combine the children's (target, weight) into the parent's target. A target is never
    rolled up as "worst of" (that is for control values): it is then the mean of the targets."""
    return rollup(method if method is not RollUp.WORST else RollUp.MEAN, targets)


# --------------------------------------------------------------------------- definitions


def check_measure(name: str, measure: MeasureDef, decimals: int | None = None) -> None:
    """Refuse definitions the board cannot judge; a KPI never has a flat target.

    Raises ``DomainError`` with a catalogue key and the offending ``field``.
    """

    def refuse(field: str, key: str, message: str) -> DomainError:
        return DomainError(message, message_key=key, field=field)

    if not name.strip():
        raise refuse("name", "goals.err.name", "a measure needs a name")
    if measure.kind is MeasureKind.KPI:
        m = measure
        if m.direction is None or m.baseline is None or m.target is None or None in (m.baseline_date, m.target_date):
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
        if (m.target > m.baseline) != (m.direction is Direction.HIGHER_IS_BETTER):
            raise refuse("direction", "goals.err.direction", "the target moves against the KPI's direction")
    if measure.kind is MeasureKind.CONTROL and (measure.comparator is None or measure.threshold is None):
        raise refuse(
            "threshold", "goals.err.control", "a control measure needs a comparator and a threshold, e.g. > 98"
        )
    if not 0 <= measure.tolerance_pct <= 100:
        raise refuse("tolerance_pct", "goals.err.tolerance", "tolerance must be between 0 and 100 %")
    if decimals is not None and not 0 <= decimals <= MAX_DECIMALS:
        raise refuse("decimals", "goals.err.decimals", f"decimals must be between 0 and {MAX_DECIMALS}")


def target_curve(measure: MeasureDef, year: int) -> list[tuple[dt.date, float]]:
    """The KPI's target for every period of ``year`` (for drawing the whole curve)."""
    starts = periods_between(dt.date(year, 1, 1), dt.date(year, 12, 31), measure.period)
    return [(p, t) for p in starts if (t := target_for_period(measure, p)) is not None]


def target_range(measure: MeasureDef) -> tuple[float, float] | None:
    """The values a measure's target covers, low to high: a KPI's baseline to its target (and
    every point of a custom profile), a control measure's threshold; None for an operational
    measure, which has no target."""
    if measure.kind is MeasureKind.CONTROL and measure.threshold is not None:
        return measure.threshold, measure.threshold
    if measure.kind is not MeasureKind.KPI:
        return None
    points = [v for v in (measure.baseline, measure.target, *(measure.profile or {}).values()) if v is not None]
    return (min(points), max(points)) if points else None


# --------------------------------------------------------------------------- the board


BOARD_ORDER = (MeasureKind.KPI, MeasureKind.CONTROL, MeasureKind.OPERATIONAL)


def board_rank(kind: MeasureKind) -> int:
    """Where a measure of ``kind`` stands on the board: KPIs, then controls, then operational."""
    return BOARD_ORDER.index(kind)


@dataclass(frozen=True)
class Tally:
    """How a board's measures stand this period. Not registered is its own count: a week
    without values is neither good nor bad, and never shown as green."""

    total: int
    problems: int
    not_registered: int

    @property
    def all_clear(self) -> bool:
        return self.total > 0 and self.problems == 0 and self.not_registered == 0


def tally(verdicts: Sequence[Verdict]) -> Tally:
    return Tally(
        total=len(verdicts),
        problems=sum(v.is_problem for v in verdicts),
        not_registered=sum(v is Verdict.NOT_REGISTERED for v in verdicts),
    )


# An action is agreed for a measure that is behind (KPI) or breached (control), and is due
# this many days after the meeting unless the meeting says otherwise.
ACTION_DUE_DAYS = 14


def takes_action(verdict: Verdict) -> bool:
    """Whether a measure with ``verdict`` may get an action: only when it is a problem."""
    return verdict.is_problem


def default_due_date(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=ACTION_DUE_DAYS)


# --------------------------------------------------------------------------- display precision

MAX_DECIMALS = 4


def shown_decimals(value: float, decimals: int | None, most: int = 2) -> int:
    """Decimals to show ``value`` with: the measure's setting, or else what the value needs
    (``22.0`` → 0, ``21.96`` → 2), at most ``most``."""
    if decimals is not None:
        return decimals
    for d in range(most + 1):
        if math.isclose(round(value, d), round(value, most), abs_tol=1e-12):
            return d
    return most


def gap_decimals(gap: float, decimals: int) -> int:
    """Decimals to show a gap with: at least ``decimals``, more when a non-zero gap would
    round to zero (a value behind its target never reads "−0")."""
    shown = decimals
    while gap != 0 and round(abs(gap), shown) == 0 and shown < 6:
        shown += 1
    return shown

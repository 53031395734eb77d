"""Goal steering: seven measures per team (KPIs, control and operational measures), a value for
every past week, and now and then an action on a KPI."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from driftboard.generate.common import LOADER_NAME, VERSIONED, Generation, Row, TeamSpec, timestamp

ACTION_TEXTS = [
    "Gennemgå sager med lang liggetid på tavlemødet",
    "Flyt en medarbejder til den ældste kø i to uger",
    "Ring fem kritiske kunder op og notér årsagen",
    "Aftal fast tid til opfølgning med leverandøren",
]


@dataclass(frozen=True)
class MeasureSpec:
    name: str
    slug: str
    kind: str  # kpi, control or operational
    unit: str
    decimals: int
    direction: str | None = None  # a KPI's better direction
    baseline: float | None = None  # a KPI's, at the first day of history
    target: float | None = None  # a KPI's, at the end of this year
    comparator: str | None = None  # a control measure's limit
    threshold: float | None = None
    rollup: str = "sum"


MEASURES = [
    MeasureSpec("FTE frigjort ved automatisering", "fte-saved", "kpi", "FTE", 2, "higher", 0.0, 1.5),
    MeasureSpec("Gennemsnitlig leveringstid", "delivery-time", "kpi", "dage", 2, "lower", 5.0, 4.4,
                rollup="weighted_mean"),
    MeasureSpec("Overholdelse af servicemål", "service-goal-compliance", "control", "%", 1,
                comparator=">", threshold=98.0, rollup="worst"),
    MeasureSpec("Fejlrate i output", "output-error-rate", "control", "%", 1,
                comparator="<", threshold=2.0, rollup="worst"),
    MeasureSpec("Indgående mængde", "incoming-volume", "operational", "sager", 0),
    MeasureSpec("Timer på kundevendte opgaver", "customer-facing-hours", "operational", "timer", 0),
    MeasureSpec("Kundetilfredshed", "customer-satisfaction", "kpi", "point", 1, "higher", 3.8, 4.3, rollup="mean"),
]  # fmt: skip
MEASURE_COLUMNS = [
    "id",
    "org_unit_id",
    "name",
    "slug",
    "kind",
    "unit",
    "decimals",
    "direction",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
    "comparator",
    "threshold",
    "tolerance_pct",
    "period",
    "rollup",
    "sort_order",
    "active",
    *VERSIONED,
]


def write_measures(gen: Generation, teams: list[TeamSpec]) -> None:
    """The measures, their weekly values and actions. A KPI runs from its baseline at the first
    day of history to its target at the end of this year."""
    first_iso = gen.first.isoformat()
    end_iso = dt.date(gen.today.year, 12, 31).isoformat()
    span = (dt.date(gen.today.year, 12, 31) - gen.first).days
    mondays = gen.past_weeks()
    recent = gen.this_monday - dt.timedelta(weeks=4)  # actions since then are still open
    measures: list[Row] = []
    values: list[Row] = []
    actions: list[Row] = []
    for team in teams:
        rng = random.Random(gen.seed * 104_729 + team.id)
        weekly_volume = float(sum(t.volume for t in team.tasks) * 5)
        hours = sum(t.volume * t.minutes / 60 for t in team.tasks) * 5
        for order, spec in enumerate(MEASURES):
            measure_id = gen.ids.next("measures")
            kpi = spec.kind == "kpi"
            measures.append(
                (measure_id, team.id, spec.name, spec.slug, spec.kind, spec.unit, spec.decimals, spec.direction,
                 spec.baseline, first_iso if kpi else None, spec.target, end_iso if kpi else None, spec.comparator,
                 spec.threshold, 0.0, "week", spec.rollup, order, True)
            )  # fmt: skip
            for week, monday in enumerate(mondays):
                frac = (monday - gen.first).days / span
                value, weight = _weekly_value(rng, spec.slug, frac, weekly_volume, hours)
                values.append((gen.ids.next("measure_values"), measure_id, monday.isoformat(), value, weight))
                if kpi and week % 8 == 7 and rng.random() < 0.6:
                    status = "open" if monday >= recent else rng.choice(("done", "done", "done", "cancelled", "moved"))
                    at = timestamp(monday, 9, 5)
                    due = (monday + dt.timedelta(days=14)).isoformat()
                    actions.append(
                        (gen.ids.next("actions"), measure_id, monday.isoformat(), rng.choice(ACTION_TEXTS),
                         team.leader, due, status, None, team.leader, 1, at, at)
                    )  # fmt: skip
    gen.insert("measures", MEASURE_COLUMNS, gen.versioned(measures))
    gen.insert(
        "measure_values",
        ["id", "measure_id", "period_start", "value", "weight", "entered_by", *VERSIONED],
        gen.versioned((*r, LOADER_NAME) for r in values),
    )
    gen.insert(
        "actions",
        [
            "id",
            "measure_id",
            "period_start",
            "text",
            "owner",
            "due_date",
            "status",
            "improvement_card_id",
            "created_by",
            *VERSIONED,
        ],
        actions,
    )


def _weekly_value(
    rng: random.Random, slug: str, frac: float, weekly_volume: float, hours: float
) -> tuple[float, float | None]:
    """A week's value and its weight (the weekly volume, for measures averaged by volume);
    ``frac`` is how far the week lies from the first day of history to the end of the year."""
    if slug == "fte-saved":
        return max(0.0, math.floor(1.5 * frac * rng.uniform(0.8, 1.1) * 4) / 4), None
    if slug == "delivery-time":
        return round(5.0 - 0.6 * frac + rng.gauss(0.05, 0.15), 2), weekly_volume
    if slug == "service-goal-compliance":
        return round(min(100.0, rng.gauss(98.6, 0.6)), 1), weekly_volume
    if slug == "output-error-rate":
        return round(max(0.0, rng.gauss(1.5, 0.35)), 2), weekly_volume
    if slug == "incoming-volume":
        return float(round(weekly_volume * rng.uniform(0.88, 1.12))), None
    if slug == "customer-facing-hours":
        return round(hours * rng.uniform(0.9, 1.05), 1), None
    return round(3.8 + 0.5 * frac + rng.gauss(0.0, 0.15), 1), None

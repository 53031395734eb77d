"""The intake forecast: cases expected per task and work day over the next weeks, from the task's
history of cases received, and what it means for the week plan. Pure: dates and numbers in,
dataclasses out (statsmodels does the fitting; no database, no Streamlit).

The model, per task: a monthly season over the year (when at least a year of history exists)
is divided out, Holt-Winters exponential smoothing (``statsmodels``: damped additive trend and a
multiplicative weekday season over the five work days) is fitted to the rest and forecast, and
the yearly season is multiplied back in. Danish public holidays on work days receive nothing and
their cases arrive the next work day. A rolling-origin backtest compares the model with the
seasonal-naive forecast (the same weekday last week); the model is used only where its error is
lower. With under ``MIN_HISTORY_WEEKS`` of history the task's expected daily volume is used,
and the forecast says so.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from driftboard import calendar, planning

MIN_HISTORY_WEEKS = 8  # below this the expected daily volume is used
BACKTEST_ORIGINS = 6  # rolling origins, one week apart, each forecasting the following week
FIT_WEEKS = 52  # the model is fitted to the last year (the yearly season comes from all of it)
SEASON = calendar.WORK_DAYS_PER_WEEK


class Method(enum.StrEnum):
    """Which forecast a task's numbers come from (shown on the planning page as a reason)."""

    MODEL = "model"  # exponential smoothing beat the seasonal-naive backtest
    BASELINE = "baseline"  # seasonal naive was as good or better: the same weekday last week
    FALLBACK = "fallback"  # too little history: the task's expected daily volume


# --------------------------------------------------------------------------- Danish holidays


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    x = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * x) // 451
    month = (h + x - 7 * m + 114) // 31
    day = (h + x - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


@cache
def danish_holidays(year: int) -> frozenset[dt.date]:
    """Days a Danish public office is closed: the public holidays (Great Prayer Day until 2023)
    plus Constitution Day, Christmas Eve and New Year's Eve, which are closing days in practice."""
    easter = easter_sunday(year)
    offsets = [-3, -2, 0, 1, 39, 49, 50] + ([26] if year <= 2023 else [])
    days = {easter + dt.timedelta(days=o) for o in offsets}
    days |= {dt.date(year, 1, 1), dt.date(year, 6, 5), dt.date(year, 12, 24), dt.date(year, 12, 25)}
    days |= {dt.date(year, 12, 26), dt.date(year, 12, 31)}
    return frozenset(days)


def is_holiday(day: dt.date) -> bool:
    return day in danish_holidays(day.year)


def open_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Work days from ``start`` to ``end`` (inclusive) that are not holidays."""
    days, day = [], start
    while day <= end:
        if calendar.is_work_day(day) and not is_holiday(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


# --------------------------------------------------------------------------- the forecast


@dataclass(frozen=True)
class Errors:
    """Backtest errors over the same days: mean absolute error (cases) and mean absolute
    percentage error (%, over days that received anything)."""

    mae: float
    mape: float
    days: int


@dataclass(frozen=True)
class TaskForecast:
    task_id: int
    method: Method
    days: dict[dt.date, float]  # forecast cases per work day (0 on a holiday)
    model_errors: Errors | None  # None when the history is too short to backtest
    baseline_errors: Errors | None
    history_weeks: int

    def cases(self, day: dt.date) -> float:
        return self.days.get(day, 0.0)


def _errors(actual: Sequence[float], predicted: Sequence[float]) -> Errors:
    a, p = np.asarray(actual, float), np.asarray(predicted, float)
    mae = float(np.mean(np.abs(a - p))) if len(a) else 0.0
    nonzero = a > 0
    mape = float(np.mean(np.abs(a[nonzero] - p[nonzero]) / a[nonzero]) * 100) if nonzero.any() else 0.0
    return Errors(mae, mape, len(a))


def _yearly_factors(days: Sequence[dt.date], values: np.ndarray) -> dict[int, float]:
    """A factor per month of the year (mean 1) when a full year of history exists, from the
    ratio of each day to the 12-month moving level around it; else every month is 1."""
    if len(days) < 52 * SEASON:
        return dict.fromkeys(range(1, 13), 1.0)
    window = 52 * SEASON
    padded = np.concatenate([values[: window // 2][::-1], values, values[-window // 2 :][::-1]])
    level = np.convolve(padded, np.ones(window) / window, mode="same")[window // 2 : window // 2 + len(values)]
    ratios: dict[int, list[float]] = {m: [] for m in range(1, 13)}
    for day, value, base in zip(days, values, level, strict=True):
        if base > 0:
            ratios[day.month].append(value / base)
    factors = {m: float(np.mean(r)) if r else 1.0 for m, r in ratios.items()}
    mean = float(np.mean(list(factors.values())))
    return {m: f / mean for m, f in factors.items()}


Params = dict[str, float]  # Holt-Winters smoothing parameters, estimated once per backtest


def _model_forecast(
    days: Sequence[dt.date], values: np.ndarray, targets: Sequence[dt.date], params: Params | None = None
) -> tuple[np.ndarray, Params]:
    """Holt-Winters on the history with the yearly season divided out, for the open ``targets``
    that follow it (consecutive open days, the next one first). With ``params`` the smoothing
    parameters are taken as given (the states are still run through the history); without,
    they are estimated. Returns the forecast and the parameters."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing  # slow to import: only when fitting

    keep = FIT_WEEKS * SEASON
    factors = _yearly_factors(days, values)
    days, values = list(days)[-keep:], values[-keep:]
    adjusted = values / np.array([factors[d.month] for d in days])
    positive = bool((adjusted > 0).all())
    model = ExponentialSmoothing(
        adjusted,
        trend="add",
        damped_trend=True,
        seasonal="mul" if positive else "add",
        seasonal_periods=SEASON,
        initialization_method="heuristic",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter; the backtest judges the result
        fit = model.fit(use_brute=False) if params is None else model.fit(optimized=False, **params)
    ahead = np.asarray(fit.forecast(len(targets)), float)
    found = {name: float(fit.params[name]) for name in PARAM_NAMES}
    return np.clip(ahead * np.array([factors[d.month] for d in targets]), 0, None), found


PARAM_NAMES = ("smoothing_level", "smoothing_trend", "smoothing_seasonal", "damping_trend")


def _phase_targets(history_end: dt.date, targets: Sequence[dt.date]) -> list[dt.date]:
    """The open days from the day after the history up to the last target (the model forecasts
    every open day in between, so the weekday season keeps its phase)."""
    return open_days(history_end + dt.timedelta(days=1), max(targets)) if targets else []


def _naive(series: Mapping[dt.date, float], day: dt.date) -> float:
    """Seasonal naive: the same weekday last week (or the week before, over a holiday)."""
    for weeks in (1, 2, 3):
        value = series.get(day - dt.timedelta(weeks=weeks))
        if value is not None:
            return value
    return 0.0


def _with_holidays(open_forecast: Mapping[dt.date, float], targets: Sequence[dt.date]) -> dict[dt.date, float]:
    """Holidays receive nothing; their cases arrive on the next open work day."""
    result = {}
    carry = 0.0
    for day in targets:
        if is_holiday(day):
            result[day] = 0.0
            carry += open_forecast.get(day, 0.0)
        else:
            result[day] = open_forecast.get(day, 0.0) + carry
            carry = 0.0
    return result


def _open_series(history: Mapping[dt.date, int]) -> dict[dt.date, float]:
    """The history on open days only (holidays and weekends left out), missing days as 0."""
    if not history:
        return {}
    return {d: float(history.get(d, 0)) for d in open_days(min(history), max(history))}


def _forecast_open(
    series: Mapping[dt.date, float], targets: Sequence[dt.date], method: Method, params: Params | None = None
) -> dict[dt.date, float]:
    """The forecast of ``method`` for open ``targets`` after the series; holidays are forecast
    as if open (``_with_holidays`` moves them)."""
    days = sorted(series)
    if method is Method.BASELINE:
        known = dict(series)
        out = {}
        for day in sorted(targets):
            known[day] = out[day] = _naive(known, day)
        return out
    span = _phase_targets(days[-1], targets)
    values = np.array([series[d] for d in days])
    fitted = dict(zip(span, _model_forecast(days, values, span, params)[0], strict=True))
    return {d: fitted.get(d, _naive(series, d)) for d in targets}


def backtest(series: Mapping[dt.date, float], origins: int = BACKTEST_ORIGINS) -> tuple[Errors, Errors, Params | None]:
    """Rolling origin: at each of the last ``origins`` Mondays, run the model on what came
    before and forecast that week; (model errors, seasonal-naive errors) over the same days,
    and the smoothing parameters. They are estimated once, on the history before the first
    origin, so no backtest week informs its own forecast."""
    days = sorted(series)
    mondays = sorted({calendar.week_start(d) for d in days})[-origins:]
    actual: list[float] = []
    model: list[float] = []
    naive: list[float] = []
    params: Params | None = None
    for monday in mondays:
        before = {d: v for d, v in series.items() if d < monday}
        week = [d for d in days if monday <= d < monday + dt.timedelta(days=7)]
        if len(before) < MIN_HISTORY_WEEKS * SEASON or not week:
            continue
        if params is None:
            known = sorted(before)
            params = _model_forecast(known, np.array([before[d] for d in known]), week[:1])[1]
        modelled = _forecast_open(before, week, Method.MODEL, params)
        actual += [series[d] for d in week]
        model += [modelled[d] for d in week]
        naive += [_naive(before, d) for d in week]
    return _errors(actual, model), _errors(actual, naive), params


def forecast_task(
    task_id: int,
    history: Mapping[dt.date, int],
    targets: Sequence[dt.date],
    expected_daily_volume: float,
) -> TaskForecast:
    """Forecast cases received per day in ``targets`` (work days after the history) for one task."""
    targets = sorted(d for d in targets if calendar.is_work_day(d))
    series = _open_series(history)
    weeks = len(series) // SEASON
    if weeks < MIN_HISTORY_WEEKS:
        flat = {d: float(expected_daily_volume) for d in targets}
        return TaskForecast(task_id, Method.FALLBACK, _with_holidays(flat, targets), None, None, weeks)
    model_errors, baseline_errors, params = backtest(series)
    method = Method.MODEL if model_errors.mae < baseline_errors.mae else Method.BASELINE
    # The model forecast runs the states through the whole history with the parameters the
    # backtest judged (one estimation per task keeps the page's first run short).
    return TaskForecast(
        task_id,
        method,
        _with_holidays(_forecast_open(series, targets, method, params), targets),
        model_errors,
        baseline_errors,
        weeks,
    )


def forecast_tasks(
    histories: Mapping[int, Mapping[dt.date, int]],
    expected: Mapping[int, float],
    targets: Sequence[dt.date],
) -> dict[int, TaskForecast]:
    """``forecast_task`` for every task in ``expected`` (task id → expected daily volume)."""
    return {tid: forecast_task(tid, histories.get(tid, {}), targets, vol) for tid, vol in expected.items()}


# --------------------------------------------------------------------------- forecast → hours


@dataclass(frozen=True)
class DayNeed:
    """What a day's forecast intake of a task asks of the plan."""

    cases: float
    case_hours: float  # hours on cases: cases × minutes per case ÷ 60
    paid_hours: float  # paid hours at full load that give those hours on cases (planning factors)


def hours_for_forecast(cases: float, minutes_per_case: float, factors: planning.PlanningFactors) -> DayNeed:
    """Forecast cases → hours on cases (minutes per case) → paid hours to plan, through the one
    rule that turns paid hours into hours on cases (``planning.case_hours``)."""
    case_hours = planning.hours_needed(cases, minutes_per_case)
    per_paid_hour = planning.case_hours(1.0, factors)
    return DayNeed(max(cases, 0.0), case_hours, case_hours / per_paid_hour if per_paid_hour else 0.0)


# --------------------------------------------------------------------------- fill from forecast

QUARTER = 0.25
MIN_SHARE = 1.0  # a person is not planned on a task for less than an hour


@dataclass(frozen=True)
class PlannablePerson:
    """A person as the draft proposer sees them for the week."""

    person_id: int
    name: str
    daily_hours: float
    load: float  # planning.capacity_load: 0 for a team leader, 0.75 for the board leader
    competent_tasks: frozenset[int]  # competent or expert (not in training)
    absent_hours: Mapping[dt.date, float]


@dataclass(frozen=True)
class ProposedAssignment:
    person_id: int
    date: dt.date
    task_id: int
    hours: float  # paid hours


def _floor_quarter(hours: float) -> float:
    return math.floor(hours / QUARTER + 1e-9) * QUARTER


def _ceil_quarter(hours: float) -> float:
    return math.ceil(hours / QUARTER - 1e-9) * QUARTER


def propose_plan(
    days: Sequence[dt.date],
    needs: Mapping[tuple[int, dt.date], float],
    people: Iterable[PlannablePerson],
    factors: planning.PlanningFactors,
    task_order: Sequence[int],
) -> list[ProposedAssignment]:
    """A draft week plan that covers the forecast need (``needs``: hours on cases per task and day).

    Each present person is planned up to their capacity — daily hours less absence, less the
    development reserve, in quarter hours — and only on tasks they are competent on; a team
    leader (load 0) is not planned. People with the fewest competences are placed first, each on
    the task with the largest remaining need; once every need is covered the rest of a person's
    hours go to their task with the largest need, so the plan stays within capacity. Nobody is
    planned on a public holiday."""
    people = sorted(
        (p for p in people if p.load > 0 and p.competent_tasks),
        key=lambda p: (len(p.competent_tasks), p.name),
    )
    rank = {task_id: i for i, task_id in enumerate(task_order)}
    reserve = 1 - factors.development_reserve_pct / 100
    plan: list[ProposedAssignment] = []
    for day in days:
        if is_holiday(day):
            continue  # closed: nobody is planned
        remaining = {t: needs.get((t, day), 0.0) for t in task_order}
        for person in people:
            hours = _floor_quarter(max(0.0, person.daily_hours - person.absent_hours.get(day, 0.0)) * reserve)
            per_hour = planning.case_hours(1.0, factors, person.load)
            options = [t for t in task_order if t in person.competent_tasks]
            while hours >= QUARTER and options:
                best = max(options, key=lambda t: (remaining[t], -rank[t]))
                wanted = remaining[best] / per_hour
                if len(options) == 1 or wanted >= hours or remaining[best] <= 0:
                    share = hours
                else:
                    share = min(hours, max(_ceil_quarter(wanted), MIN_SHARE))
                plan.append(ProposedAssignment(person.person_id, day, best, share))
                remaining[best] -= share * per_hour
                hours -= share
                options.remove(best)
    return plan


def coverage(
    proposal: Iterable[ProposedAssignment],
    people: Iterable[PlannablePerson],
    factors: planning.PlanningFactors,
) -> dict[tuple[int, dt.date], float]:
    """Hours on cases a plan gives per task and day (for checking a proposal against the need)."""
    load = {p.person_id: p.load for p in people}
    covered: dict[tuple[int, dt.date], float] = {}
    for a in proposal:
        key = (a.task_id, a.date)
        covered[key] = covered.get(key, 0.0) + planning.case_hours(a.hours, factors, load[a.person_id])
    return covered

"""A made-up but realistic history of cases received per task and day, for the demo unit and the
forecast's tests: a weekday pattern (Monday peaks after the weekend's digital applications), a
summer dip, a yearly trend, Danish holidays (their cases arrive the next work day) and noise.
Pure and deterministic for a seed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Mapping

from driftboard import forecast

# Share of a normal day's intake per weekday (Monday to Friday).
WEEKDAY = (1.45, 1.0, 0.95, 0.9, 0.8)
QUIET_WEEKDAY = (1.15, 1.0, 1.0, 0.95, 0.9)  # tasks without many weekend applications
# Share of a normal day's intake per month: the summer holidays, and a quiet December.
MONTH = {1: 1.05, 2: 1.05, 3: 1.1, 4: 1.0, 5: 1.0, 6: 0.95, 7: 0.6, 8: 0.9, 9: 1.1, 10: 1.05, 11: 1.05, 12: 0.85}


def generate(
    expected_daily_volume: float,
    start: dt.date,
    end: dt.date,
    *,
    seed: int,
    monday_peak: bool | float = True,
    yearly_growth_pct: float = 8.0,
    noise_pct: float = 8.0,
    months: Mapping[int, float] = MONTH,
) -> dict[dt.date, int]:
    """Cases received per work day from ``start`` to ``end``: ``expected_daily_volume`` on an
    ordinary day at ``end``, less in the past by ``yearly_growth_pct`` a year."""
    rng = random.Random(seed)
    weekday = WEEKDAY if monday_peak is True else QUIET_WEEKDAY if monday_peak is False else (monday_peak, *WEEKDAY[1:])
    mean_weekday = sum(weekday) / len(weekday)
    history: dict[dt.date, int] = {}
    carry = 0.0
    day = start
    while day <= end:
        if day.weekday() < len(weekday):
            years_back = (end - day).days / 365.25
            level = expected_daily_volume * (1 + yearly_growth_pct / 100) ** -years_back
            mean = level * weekday[day.weekday()] / mean_weekday * months[day.month]
            received = max(0.0, rng.gauss(mean, mean * noise_pct / 100))
            if forecast.is_holiday(day):
                history[day] = 0
                carry += received
            else:
                history[day] = round(received + carry)
                carry = 0.0
        day += dt.timedelta(days=1)
    return history


DEMO_YEARS = 2


def demo_history(
    tasks: Iterable[tuple[int, str, float]], today: dt.date, monday_peaks: Mapping[str, float]
) -> dict[int, dict[dt.date, int]]:
    """The demo unit's intake for two years up to yesterday, per task (id, slug, expected daily
    volume): the tasks in ``monday_peaks`` peak on Mondays and grow faster (digital applications),
    the others keep a quieter week. Deterministic for ``today``."""
    start = today - dt.timedelta(days=round(365.25 * DEMO_YEARS))
    end = today - dt.timedelta(days=1)
    return {
        task_id: generate(
            expected,
            start,
            end,
            seed=today.toordinal() * 100 + number,
            monday_peak=monday_peaks.get(slug, False),
            yearly_growth_pct=12.0 if slug in monday_peaks else 4.0,
        )
        for number, (task_id, slug, expected) in enumerate(tasks)
    }

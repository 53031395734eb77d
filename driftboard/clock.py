"""The one source of "today" and "now", so tests, demos and screenshots can pin the date."""

from __future__ import annotations

import datetime as dt
import os

ENV_TODAY = "DRIFTBOARD_TODAY"


def today() -> dt.date:
    """Today's date, or ``DRIFTBOARD_TODAY`` (ISO date) when set."""
    pinned = os.environ.get(ENV_TODAY, "").strip()
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def now() -> dt.datetime:
    """Local time now; on a pinned day, that day at the current wall-clock time."""
    current = dt.datetime.now()
    return dt.datetime.combine(today(), current.time())

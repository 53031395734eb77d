"""The one source of "today" and "now", so tests, demos and screenshots can pin the moment.

``DRIFTBOARD_NOW`` (ISO date-time, e.g. ``2026-11-30T09:00``) pins the moment; the clock then
stands still at it. ``DRIFTBOARD_TODAY`` (ISO date) pins only the day: the time of day runs.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

ENV_NOW = "DRIFTBOARD_NOW"
ENV_TODAY = "DRIFTBOARD_TODAY"


def _pinned_now() -> dt.datetime | None:
    pinned = os.environ.get(ENV_NOW, "").strip()
    return dt.datetime.fromisoformat(pinned).replace(tzinfo=None) if pinned else None


def now() -> dt.datetime:
    """Local time now: ``DRIFTBOARD_NOW`` when set; on a pinned day (``DRIFTBOARD_TODAY``),
    that day at the current wall-clock time."""
    pinned = _pinned_now()
    if pinned is not None:
        return pinned
    current = dt.datetime.now()
    day = os.environ.get(ENV_TODAY, "").strip()
    return dt.datetime.combine(dt.date.fromisoformat(day), current.time()) if day else current


def utcnow() -> dt.datetime:
    """Now as the naive UTC timestamp the database stores. A pinned moment is local time in the
    unit's time zone (``DRIFTBOARD_TIMEZONE``, default Europe/Copenhagen), so an entry made at a
    pinned 9:15 shows as 9:15 on the board."""
    pinned = _pinned_now()
    if pinned is None:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None)
    zone = ZoneInfo(os.environ.get("DRIFTBOARD_TIMEZONE", "Europe/Copenhagen"))
    return pinned.replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)


def today() -> dt.date:
    """Today's date (pinned by ``DRIFTBOARD_NOW`` or ``DRIFTBOARD_TODAY`` when set)."""
    pinned = _pinned_now()
    if pinned is not None:
        return pinned.date()
    day = os.environ.get(ENV_TODAY, "").strip()
    return dt.date.fromisoformat(day) if day else dt.date.today()

"""What a shared screen shows, and a version of it that changes only when the screen would.

A kiosk used to rerun its board every few seconds whatever happened. Fifty screens of a
500-team organisation at 5 s kept one server busier than it could be (each rerun draws the whole
board). Now a screen asks a tiny route every interval for its board's version and reruns only
when the version differs from the one it shows.

The version is a digest of the data the screen draws: the board's view, the day it is for and,
on the operations board, the minute it is judged at (today's plan falls due by the hour). The
data is loaded at most once per change stamp (the goal stamp for the goal board) and minute, for
every screen and every poll of a board together; a write in another team moves the stamp, the
board is loaded again on the next poll, and its digest is the same, so its screen does not rerun.

Each screen (board, org unit) keeps one entry: the newest. Old stamps' entries are replaced, not
collected, so the memory a server holds grows with the number of screens, not with time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import pickle
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from db.engine import database_url, derived_write, get_engine, read_session
from db.maintenance import Stamps
from db.maintenance import stamps as read_stamps
from db.models import InstallationSecret
from driftboard import calendar, clock, targets
from driftboard.domain import ActionStatus, Period
from driftboard.services import scope

BOARDS = ("operations", "goals", "improvement", "maturity", "tiers")
STAMP_SECONDS = 2.0  # the change stamps are read at most this often, for all screens together
MAX_SCREENS = 2048  # boards kept (one entry each); the least recently asked for goes first
OPEN_ACTIONS_SHOWN = 4  # the goal board's screen lists this many open actions
# This server process. A screen drawn by another one (before a restart) cannot rerun only its
# board there (the new process has no session with it): it redraws the whole page.
BOOT = secrets.token_hex(6)


@dataclass(frozen=True)
class Shown:
    """A board's data as its screen draws it, and its version (a digest of that data)."""

    data: Any
    version: str


_lock = threading.Lock()
_stamp_cache: dict[str, tuple[float, Stamps]] = {}
_shown: OrderedDict[tuple[str, str, int], tuple[tuple[Any, ...], bytes, str]] = OrderedDict()
_loading: dict[tuple[str, str, int], threading.Lock] = {}


def stamps(url: str | None = None) -> Stamps:
    """The change stamps, read at most every ``STAMP_SECONDS`` per database."""
    url = url or database_url()
    now = time.monotonic()
    with _lock:
        cached = _stamp_cache.get(url)
    if cached is not None and now - cached[0] < STAMP_SECONDS:
        return cached[1]
    found = read_stamps(get_engine(url))
    with _lock:
        _stamp_cache[url] = (now, found)
    return found


def forget() -> None:
    """Drop every cached stamp and board (tests; a restore in this process)."""
    with _lock:
        _stamp_cache.clear()
        _shown.clear()
        _loading.clear()


# --------------------------------------------------------------------------- the boards' data


def _operations(team_id: int, today: dt.date, minute: dt.datetime | None) -> tuple[Any, ...]:
    from driftboard.services.escalations import team_escalations
    from driftboard.services.feeds_board import load_feeds
    from driftboard.services.operations_board import load_board

    day = calendar.board_day(today)  # on a weekend the board shows the coming Monday
    utc_minute = clock.utcnow().replace(second=0, microsecond=0)
    # On a Monday the meeting also reviews the week closed on Friday, as the page does.
    last_week = None
    if day == calendar.work_days(day)[0]:
        last_week = load_board(team_id, calendar.previous_work_day(day), result_only=True)
    # Today as well as the board's day: over a weekend the board stays on Monday, but what it
    # says (a robot down since Friday) reads against today.
    board = load_board(team_id, day, now=minute)
    # The team's escalations waiting or answered today ride with the board (its version moves
    # when the department answers, and the screen shows the answer at its next poll).
    board.board.extra["escalations"] = tuple(team_escalations(team_id, day, now=minute))
    return day, board, load_feeds(team_id, day, now=utc_minute), today, last_week


def _goals(org_id: int, today: dt.date, _minute: dt.datetime | None) -> tuple[Any, ...]:
    from driftboard.services import actions, goalboard

    period = targets.previous_period(today, Period.WEEK)
    open_actions = [a for a in actions.actions_for(org_id, today) if a.status is ActionStatus.OPEN]
    return today, period, goalboard.goal_board(org_id, period), open_actions[:OPEN_ACTIONS_SHOWN]


def _improvement(team_id: int, today: dt.date, _minute: dt.datetime | None) -> tuple[Any, ...]:
    from driftboard.services import improvement_board

    return today, improvement_board.board(team_id)


def _maturity(org_id: int, today: dt.date, _minute: dt.datetime | None) -> tuple[Any, ...]:
    from driftboard.services import maturity

    return today, maturity.assessments(org_id)


def _tiers(org_id: int, today: dt.date, minute: dt.datetime | None) -> tuple[Any, ...]:
    from driftboard.services.tier_board import load_tier_board

    return today, load_tier_board(org_id, calendar.board_day(today), now=minute)


_LOADERS: dict[str, Callable[[int, dt.date, dt.datetime | None], tuple[Any, ...]]] = {
    "operations": _operations,
    "goals": _goals,
    "improvement": _improvement,
    "maturity": _maturity,
    "tiers": _tiers,  # a department's or unit's operations board
}


def _key(board: str, url: str) -> tuple[Any, ...]:
    """What the board's data depends on besides its org unit: the day, the stamp that moves
    when it may have changed, and for the operations board the minute."""
    data_stamp, goal_stamp, _master = stamps(url)
    if board in ("operations", "tiers"):
        return clock.today(), data_stamp, clock.now().replace(second=0, microsecond=0)
    if board == "goals":  # production and planning saves leave the goal stamp where it was
        return clock.today(), goal_stamp, None
    return clock.today(), data_stamp, None


def _entry(board: str, target_id: int) -> tuple[bytes, str]:
    if board not in _LOADERS:
        raise ValueError(f"no shared screen for board {board!r}")
    url = database_url()
    slot = (url, board, target_id)
    key = _key(board, url)
    with _lock:
        loading = _loading.setdefault(slot, threading.Lock())
    # One load per board at a time: the screens of a team that poll together after a write wait
    # for the first one's load instead of each loading the board.
    with loading:
        with _lock:
            found = _shown.get(slot)
            if found is not None and found[0] == key:
                _shown.move_to_end(slot)
                return found[1], found[2]
        today, _stamp, minute = key
        with scope.trusted_reads():  # one load for every screen of the board; each reader is checked
            loaded = _LOADERS[board](target_id, today, minute)
        blob = pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)
        version = hashlib.blake2b(blob, digest_size=12).hexdigest()
        with _lock:
            _shown[slot] = (key, blob, version)
            _shown.move_to_end(slot)
            while len(_shown) > MAX_SCREENS:
                dropped, _entry_dropped = _shown.popitem(last=False)
                _loading.pop(dropped, None)
    return blob, version


def _may_read(target_id: int) -> None:
    """The screens share a board's data, but each reader must be allowed to see it."""
    if scope.reader().grants is not None:
        with read_session() as s:
            scope.require_read(s, target_id, what="shared screen")


def shown(board: str, target_id: int) -> Shown:
    """The board's data for its screen (a copy of its own: drawing it cannot change what other
    screens get) with its version, for a reader who may see the org unit."""
    _may_read(target_id)
    blob, version = _entry(board, target_id)
    return Shown(pickle.loads(blob), version)


_secrets: dict[str, str] = {}
_secrets_lock = threading.Lock()
SCREEN_SECRET = "screens"


def screen_secret(engine: Engine | None = None) -> str:
    """The installation's secret for signing screens' poll URLs: made once, at first use, and
    kept in the database, so a restart, an upgrade or a second server of the installation signs
    alike and an open screen keeps polling (a secret per process froze every TV at a restart)."""
    engine = engine or get_engine()
    key = engine.url.render_as_string(hide_password=False)
    with _secrets_lock:
        if key not in _secrets:
            _secrets[key] = _stored_secret(engine, SCREEN_SECRET)
        return _secrets[key]


def _stored_secret(engine: Engine, name: str) -> str:
    # Connections of their own, not a page's shared read snapshot: that would not see the row
    # made here a moment later.
    query = select(InstallationSecret.value).where(InstallationSecret.name == name)
    with engine.connect() as connection:
        found = connection.scalar(query)
    if found is not None:
        return found
    try:
        with derived_write(engine) as connection:  # not an entry of anybody's: no audit log
            connection.execute(insert(InstallationSecret).values(name=name, value=secrets.token_hex(32)))
    except IntegrityError:
        pass  # another server made it at the same moment: use theirs
    with engine.connect() as connection:
        return connection.execute(query).scalar_one()


def signature(secret: str, board: str, target_id: int, link: str = "") -> str:
    """What a screen's poll URL carries to show the server drew that board for it: an HMAC of
    the board, the org unit and the screen link it was opened with (if any) under ``secret``
    (``screen_secret``), so nobody can ask how another team's board changes without having been
    shown it, nor poll a screen link's board without the link."""
    message = f"{board}:{target_id}:{link}" if link else f"{board}:{target_id}"
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()[:32]


def signed(secret: str, board: str, target_id: int, sig: str, link: str = "") -> bool:
    return hmac.compare_digest(signature(secret, board, target_id, link), sig)


def version(board: str, target_id: int) -> str:
    """The version of what the board's screen would show now; the same as ``shown(...).version``."""
    _may_read(target_id)
    return _entry(board, target_id)[1]

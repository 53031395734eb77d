"""The shared screen: kiosk styling, live refresh with a stale-data warning, rotation, and a
short-lived cache shared by every screen of a team.

The refresh itself is ``st.fragment(run_every=…)`` in the board pages. The "updated HH:MM" stamp
and the stale warning are a small custom component v2: its own timer keeps running in the
browser when the server is gone, so the screen says so instead of showing old figures as if
they were current.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from driftboard import admin, clock
from driftboard.i18n import fmt_time
from driftboard.services import goalboard, improvement
from driftboard.services.operations_board import OperationsBoardView, load_board, refresh_seconds
from driftboard.ui.page import PageContext

DEFAULT_REFRESH_SECONDS = 60
# A screen's ?refresh= and ?rotate= are clamped: a timer over 2**31 ms fires at once in the
# browser (a rerun loop), and a very short one makes the TV flicker and load the server.
MIN_REFRESH_SECONDS, MAX_REFRESH_SECONDS = 5, 3600
MIN_ROTATE_SECONDS, MAX_ROTATE_SECONDS = 10, 3600
STALE_AFTER_INTERVALS = 3

_STAMP_HTML = """
<div class="stamp"><span class="ok"></span><span class="stale" hidden></span></div>
"""

_STAMP_CSS = """
.stamp { font-family: var(--st-font, sans-serif); font-size: 1rem; text-align: right; }
.ok { color: #4a5563; }
.stale { display: block; background: #c62828; color: #fff; font-weight: 700; font-size: 1.25rem;
         padding: 6px 12px; border-radius: 6px; }
.stale[hidden] { display: none; }
"""

_STAMP_JS = """
export default function (component) {
  const { data, parentElement } = component;
  const ok = parentElement.querySelector(".ok");
  const stale = parentElement.querySelector(".stale");
  if (!ok || !stale || !data) return;
  ok.textContent = data.updated_text;
  stale.textContent = data.stale_text;
  const root = parentElement;
  root.__lastRefresh = data.refreshed_ms;
  root.__staleAfter = data.stale_after_ms;
  const check = () => {
    const isStale = Date.now() - root.__lastRefresh > root.__staleAfter;
    stale.hidden = !isStale;
    ok.hidden = isStale;
  };
  check();
  if (!root.__timer) root.__timer = setInterval(check, 1000);
  if (data.rotate_url && data.rotate_ms && root.__rotateUrl !== data.rotate_url) {
    root.__rotateUrl = data.rotate_url;
    clearTimeout(root.__rotateTimer);
    root.__rotateTimer = setTimeout(() => window.location.assign(data.rotate_url), data.rotate_ms);
  }
}
"""

_STAMP = st.components.v2.component("driftboard_live_stamp", html=_STAMP_HTML, css=_STAMP_CSS, js=_STAMP_JS)


# --------------------------------------------------------------------------- the screen's size

BASE_WIDTH = 1920  # the layout is drawn for 1920×1080 and scaled to the screen
BASE_HEIGHT = 1080

_SCREEN_JS = """
export default function (component) {
  const { data } = component;
  if (!data) return;
  const w = window.innerWidth, h = window.innerHeight;
  if (Math.abs(w - (data.vw || 0)) <= 2 && Math.abs(h - (data.vh || 0)) <= 2) return;
  const url = new URL(window.location.href);
  url.searchParams.set("vw", String(w));
  url.searchParams.set("vh", String(h));
  window.location.replace(url.toString());
}
"""

_SCREEN = st.components.v2.component("driftboard_screen", html="<span></span>", js=_SCREEN_JS)


@dataclass(frozen=True)
class Screen:
    """The shared screen's viewport in CSS pixels, for what CSS cannot scale by itself (chart
    heights and chart fonts, which Vega draws in pixels)."""

    width: int
    height: int

    @property
    def scale(self) -> float:
        """How much larger than 1920×1080 everything is drawn (type follows the width: ``vw``)."""
        return self.width / BASE_WIDTH

    def px(self, at_base: float) -> int:
        """A size given for a 1920 px wide screen, on this screen."""
        return round(at_base * self.scale)

    def share(self, fraction: float) -> int:
        """``fraction`` of the screen's height, in pixels."""
        return round(self.height * fraction)


def _dimension(name: str) -> int | None:
    raw = st.query_params.get(name, "")
    return int(raw) if raw.isdigit() and 200 <= int(raw) <= 20_000 else None


def screen() -> Screen:
    """The viewport, carried in the URL (``&vw=…&vh=…``, kept by the rotation). A tiny component
    measures it in the browser and, when the URL lacks it or the screen changed, reloads the page
    once with it; until then nothing else is drawn, so the board appears only at its final size."""
    width, height = _dimension("vw"), _dimension("vh")
    with st.container(key="kiosk-screen"):
        _SCREEN(data={"vw": width, "vh": height}, key="kiosk_screen")
    if width is None or height is None:
        st.stop()
    return Screen(width, height)


# --------------------------------------------------------------------------- refresh and rotation


def refresh_interval(ctx: PageContext) -> int:
    """Seconds between refreshes: ``?refresh=`` (5 s … 1 h), else the team's or unit's setting."""
    raw = st.query_params.get("refresh", "")
    if raw.isdigit():
        return clamp(int(raw), MIN_REFRESH_SECONDS, MAX_REFRESH_SECONDS)
    if ctx.team is not None:
        setting = refresh_seconds(ctx.team.id)
        return clamp(setting, MIN_REFRESH_SECONDS, MAX_REFRESH_SECONDS) if setting else DEFAULT_REFRESH_SECONDS
    return DEFAULT_REFRESH_SECONDS


def clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def rotation(ctx: PageContext, current: str) -> tuple[str | None, int | None]:
    """With ``&rotate=N`` the screen moves to the team's next board every N seconds. The team
    travels in every URL of the cycle (``?team=``, and ``?unit=`` for the goal board, which
    keeps a higher org level when the screen was given one), so the screen never drifts to
    another team."""
    raw = st.query_params.get("rotate", "")
    if not raw.isdigit() or int(raw) == 0 or ctx.team is None:
        return None, None
    order = ["operations", "goals", "improvement"]
    nxt = order[(order.index(current) + 1) % len(order)] if current in order else order[0]
    params = st.query_params.to_dict()
    params["team"] = ctx.team.slug
    if nxt == "goals":
        params.setdefault("unit", ctx.team.slug)
    return f"/{nxt}?{urlencode(params)}", clamp(int(raw), MIN_ROTATE_SECONDS, MAX_ROTATE_SECONDS)


def live_stamp(ctx: PageContext, interval: int, *, page: str, key: str) -> None:
    """'Updated HH:MM' that turns into a red warning when refreshes stop arriving."""
    now = dt.datetime.now(dt.UTC)
    stamp = fmt_time(now.replace(tzinfo=None), ctx.lang)
    rotate_url, rotate_s = rotation(ctx, page)
    data: dict[str, Any] = {
        "refreshed_ms": int(time.time() * 1000),
        "stale_after_ms": STALE_AFTER_INTERVALS * interval * 1000,
        "updated_text": ctx.t("kiosk.updated", time=stamp),
        "stale_text": ctx.t("kiosk.stale", time=stamp),
        "rotate_url": rotate_url,
        "rotate_ms": rotate_s * 1000 if rotate_s else None,
    }
    _STAMP(data=data, key=key, width="stretch")


# --------------------------------------------------------------------------- shared cache


@st.cache_data(ttl=2, show_spinner=False, max_entries=8)
def _stamps(url: str) -> tuple[int, int]:
    return admin.stamps()


def data_stamp() -> int:
    """The database's change stamp, asked at most once every 2 s for all screens together."""
    return _stamps(admin.database_url())[0]


def goal_stamp() -> int:
    """The goal boards' stamp (it stays while only operations change), asked with the other."""
    return _stamps(admin.database_url())[1]


@st.cache_data(show_spinner=False, max_entries=256, ttl=3600)
def _board(url: str, team_id: int, day: dt.date, stamp: int, minute: dt.datetime) -> OperationsBoardView:
    return load_board(team_id, day, now=minute)


def operations_board(team_id: int, day: dt.date) -> OperationsBoardView:
    """The operations board, shared by every screen of the team until something is written or
    the minute turns (today's plan falls due by the hour)."""
    minute = clock.now().replace(second=0, microsecond=0)
    return _board(admin.database_url(), team_id, day, data_stamp(), minute)


@st.cache_data(show_spinner=False, max_entries=256, ttl=3600)
def _goal_tiles(url: str, org_id: int, period: dt.date, stamp: int) -> list[goalboard.Tile]:
    return goalboard.goal_board(org_id, period)


def goal_tiles(org_id: int, period: dt.date) -> list[goalboard.Tile]:
    return _goal_tiles(admin.database_url(), org_id, period, goal_stamp())


@st.cache_data(show_spinner=False, max_entries=256, ttl=3600)
def _improvement(url: str, team_id: int, stamp: int) -> improvement.ImprovementBoardView:
    return improvement.board(team_id)


def improvement_board(team_id: int) -> improvement.ImprovementBoardView:
    return _improvement(admin.database_url(), team_id, data_stamp())


# --------------------------------------------------------------------------- meeting countdown

_COUNTDOWN_HTML = """
<div class="countdown" role="timer" aria-live="off"><span class="label"></span> <span class="clock"></span></div>
"""

_COUNTDOWN_CSS = """
.countdown { font-family: var(--st-font, sans-serif); font-size: 1.6rem; font-weight: 700; color: #1b1f24; }
.countdown.over .clock { color: #c62828; }
.label { font-weight: 600; font-size: 1.1rem; color: #4a5563; }
"""

_COUNTDOWN_JS = """
export default function (component) {
  const { data, parentElement } = component;
  const box = parentElement.querySelector(".countdown");
  if (!box || !data) return;
  box.querySelector(".label").textContent = data.label;
  const clock = box.querySelector(".clock");
  const tick = () => {
    const left = Math.round((data.ends_ms - Date.now()) / 1000);
    const sign = left < 0 ? "-" : "";
    const abs = Math.abs(left);
    clock.textContent = `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
    box.classList.toggle("over", left < 0);
  };
  tick();
  clearInterval(parentElement.__countdown);
  parentElement.__countdown = setInterval(tick, 1000);
}
"""

_COUNTDOWN = st.components.v2.component(
    "driftboard_countdown", html=_COUNTDOWN_HTML, css=_COUNTDOWN_CSS, js=_COUNTDOWN_JS
)


def countdown(label: str, ends_at: dt.datetime, *, key: str) -> None:
    """A clock counting down to ``ends_at`` in the browser (red and negative when over time)."""
    _COUNTDOWN(data={"label": label, "ends_ms": int(ends_at.timestamp() * 1000)}, key=key, width="stretch")

"""The shared screen: its size, live refresh with a stale-data warning, rotation, and the
meeting's countdown (what every screen of a board shares is kept in ``services.live``).

The refresh: each board page draws its screen in an ``st.fragment`` with the data from
``driftboard.services.live``. The "updated HH:MM" stamp is a small custom component v2 that asks
the server every interval whether the board's version changed and, only then, reruns the
fragment. Its own timer keeps running in the browser when the server is gone, so the screen says
so instead of showing old figures as if they were current.

A screen opened with a screen link carries the link in its poll: once the link is revoked the
poll says so, the stamp says "not valid" and has the page drawn again, whose run checks the link
and says "not valid" in place of the board — no reload, and no figure written after the revoke
(a redraw of the board itself checks the link too).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from driftboard import clock
from driftboard.i18n import fmt_time
from driftboard.services import live, users
from driftboard.services.operations_board import refresh_seconds
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
.ok.down { color: #8a4b00; font-weight: 700; }
.stale { display: block; background: #c62828; color: #fff; font-weight: 700; font-size: 1.25rem;
         padding: 6px 12px; border-radius: 6px; }
.stale[hidden] { display: none; }
"""

# Every interval the stamp asks the server for the board's version and reruns the board (its
# fragment) only when it differs from the one drawn. Without the route (the app run without
# server.py) the board reruns every interval. When the poll goes unanswered the stamp says it is
# reconnecting and asks every 2 s; a server that answers but did not draw this page (a restart:
# another ``boot``) or refuses the poll has no session to rerun the board in, so the whole page
# is redrawn (the screen's size component, outside the fragment, reruns the script): no reload.
_STAMP_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const ok = parentElement.querySelector(".ok");
  const stale = parentElement.querySelector(".stale");
  if (!ok || !stale || !data) return;
  const root = parentElement;
  // A run of the board has drawn this version: it is current as of now.
  root.__data = data;
  root.__shown = data.version;
  root.__fresh = Date.now();
  root.__down = false;
  root.__texts = [data.updated_text, data.stale_text];
  const check = () => {
    const isStale = Date.now() - root.__fresh > root.__data.stale_after_ms;
    ok.textContent = root.__down ? root.__data.reconnecting_text : root.__texts[0];
    ok.classList.toggle("down", root.__down);
    stale.textContent = root.__texts[1];
    stale.hidden = !isStale;
    ok.hidden = isStale;
  };
  const poll = async () => {
    const d = root.__data;
    clearTimeout(root.__retry);
    let answer = null;
    try {
      const response = await fetch(d.poll_url, { cache: "no-store" });
      const json = (response.headers.get("content-type") || "").includes("json");
      // No route: a 404, or the app's own page (Streamlit answers unknown paths with it).
      if (response.status === 404 || (response.ok && !json)) answer = { fallback: true };
      else if (response.ok || (response.status === 401 && json)) answer = await response.json();
      else if (response.status === 403) answer = { refused: true };
    } catch (e) { answer = null; }
    if (answer !== null && answer.revoked) {
      // The screen link was revoked: say so now, stop asking, and draw the page again (its run
      // checks the link and says "not valid" in place of the board).
      clearInterval(root.__poller);
      clearInterval(root.__timer);
      clearTimeout(root.__retry);
      root.__poller = root.__timer = null;
      stale.textContent = answer.message;
      stale.hidden = false;
      ok.hidden = true;
      window.dispatchEvent(new CustomEvent("driftboard:redraw"));
      return;
    }
    root.__down = answer === null || !!answer.refused;
    if (answer === null) {
      check();
      root.__retry = setTimeout(poll, Math.min(2000, d.interval_ms));
      return;
    }
    const whole = !!answer.refused || (!!answer.boot && answer.boot !== d.boot);
    if (!whole && !answer.fallback && answer.version === root.__shown) {
      root.__fresh = Date.now();
      root.__texts = [answer.updated, answer.stale];
    } else {
      const wanted = whole ? "page@" + (answer.boot || "") : answer.fallback ? "timer" : answer.version;
      const again = Date.now() - (root.__askedAt || 0) > (whole ? 1 : 2) * d.interval_ms;
      if (answer.fallback || root.__asked !== wanted || again) {
        root.__asked = wanted;
        root.__askedAt = Date.now();
        if (whole) window.dispatchEvent(new CustomEvent("driftboard:redraw"));
        else setTriggerValue("changed", wanted + "@" + Date.now());
      }
      if (whole) root.__retry = setTimeout(poll, Math.min(2000, d.interval_ms));
    }
    check();
  };
  check();
  if (!root.__timer) root.__timer = setInterval(check, 1000);
  if (!root.__poller) root.__poller = setInterval(poll, data.interval_ms);
  if (data.rotate_url && data.rotate_ms && root.__rotateUrl !== data.rotate_url) {
    root.__rotateUrl = data.rotate_url;
    clearTimeout(root.__rotateTimer);
    root.__rotateTimer = setTimeout(() => window.location.assign(data.rotate_url), data.rotate_ms);
  }
  return () => {
    clearInterval(root.__timer);
    clearInterval(root.__poller);
    clearTimeout(root.__rotateTimer);
    clearTimeout(root.__retry);
    root.__timer = root.__poller = root.__rotateUrl = null;
  };
}
"""

_STAMP = st.components.v2.component("driftboard_live_stamp", html=_STAMP_HTML, css=_STAMP_CSS, js=_STAMP_JS)


# --------------------------------------------------------------------------- the screen's size

BASE_WIDTH = 1920  # the layout is drawn for 1920×1080 and scaled to the screen
BASE_HEIGHT = 1080

_SCREEN_JS = """
export default function (component) {
  const { data, setTriggerValue, setStateValue } = component;
  if (!data) return;
  // The stamp asks for the whole page to be drawn again (after a restart): rerun the script.
  window.__driftboardRedraw = () => setTriggerValue("redraw", String(Date.now()));
  if (!window.__driftboardRedrawListens) {
    window.__driftboardRedrawListens = true;
    window.addEventListener("driftboard:redraw", () => window.__driftboardRedraw());
  }
  const w = window.innerWidth, h = window.innerHeight;
  if (Math.abs(w - data.vw) <= 2 && Math.abs(h - data.vh) <= 2) return;
  // The board was drawn for another size (the first draw assumes 1920×1080): keep the real
  // size in the address, so a reload or a reconnect draws at once at it, and rerun the script
  // with it (no page load: the board already on the screen stays until the rerun replaces it).
  const url = new URL(window.location.href);
  url.searchParams.set("vw", String(w));
  url.searchParams.set("vh", String(h));
  window.history.replaceState(window.history.state, "", url.toString());
  setStateValue("size", { vw: w, vh: h });
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
    """The viewport the board is drawn for. The first draw is the board itself: at the size in
    the URL (``&vw=…&vh=…``, kept by the rotation and put there by the browser), else at
    1920×1080, whose type already scales with the screen (CSS ``vw``). A tiny component measures
    the real viewport and, when it differs, writes it into the URL and reruns the script with
    it, which redraws what CSS cannot scale (chart heights and fonts) — never a page reload."""
    measured = (st.session_state.get("kiosk_screen") or {}).get("size")
    width, height = _measured(measured, "vw"), _measured(measured, "vh")  # this session's own
    if width is None or height is None:
        width, height = _dimension("vw") or BASE_WIDTH, _dimension("vh") or BASE_HEIGHT
    with st.container(key="kiosk-screen"):
        _SCREEN(
            data={"vw": width, "vh": height},
            key="kiosk_screen",
            on_redraw_change=_redraw_page,
            on_size_change=_redraw_page,
        )
    return Screen(width, height)


def _measured(size: object, name: str) -> int | None:
    raw = size.get(name) if isinstance(size, dict) else None
    return int(raw) if isinstance(raw, int | float) and 200 <= raw <= 20_000 else None


def _redraw_page() -> None:
    """The stamp found the board drawn by a server that is gone: the whole page reruns."""


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
    params = st.query_params.to_dict()
    if params.get("unit") and params["unit"] not in {team.slug for team in ctx.teams}:
        return _tier_rotation(params, current, int(raw))
    order = ["operations", "goals", "improvement"]
    nxt = order[(order.index(current) + 1) % len(order)] if current in order else order[0]
    params["team"] = ctx.team.slug
    if nxt == "goals":
        params.setdefault("unit", ctx.team.slug)
    return f"/{nxt}?{urlencode(params)}", clamp(int(raw), MIN_ROTATE_SECONDS, MAX_ROTATE_SECONDS)


TIER_ROTATION = ("operations", "goals", "escalations")


def _tier_rotation(params: dict[str, str], current: str, seconds: int) -> tuple[str, int]:
    """A department's or unit's screen (``?unit=`` above the teams) cycles its operations
    board, its goal board and its open escalations (the operations page with ``show=escalations``)."""
    if current in ("operations", "tiers"):  # the tier board's screen polls as "tiers"
        current = "escalations" if params.get("show") == "escalations" else "operations"
    order = TIER_ROTATION
    nxt = order[(order.index(current) + 1) % len(order)] if current in order else order[0]
    params = {k: v for k, v in params.items() if k not in ("show", "team")}
    if nxt == "escalations":
        params["show"] = "escalations"
    page = "goals" if nxt == "goals" else "operations"
    return f"/{page}?{urlencode(params)}", clamp(seconds, MIN_ROTATE_SECONDS, MAX_ROTATE_SECONDS)


def live_stamp(ctx: PageContext, interval: int, shown: live.Shown, *, page: str, target_id: int, key: str) -> None:
    """'Updated HH:MM' that turns into a red warning when the screen stops hearing from the
    server, and the poll that reruns the board when what it shows has changed: the component
    asks ``/api/v1/live/…`` every ``interval`` seconds and, when the version differs from
    ``shown``'s, sets a trigger value, which reruns the fragment it is drawn in."""
    stamp = fmt_time(clock.utcnow(), ctx.lang)
    rotate_url, rotate_s = rotation(ctx, page)
    link = st.query_params.get("screen", "")
    params = {"lang": ctx.lang, "sig": live.signature(live.screen_secret(), page, target_id, link)}
    query = urlencode({**params, "screen": link} if link else params)
    base = str(st.config.get_option("server.baseUrlPath") or "").strip("/")
    data: dict[str, Any] = {
        "version": shown.version,
        "poll_url": f"{'/' + base if base else ''}/api/v1/live/{page}/{target_id}?{query}",
        "interval_ms": interval * 1000,
        "stale_after_ms": STALE_AFTER_INTERVALS * interval * 1000,
        "updated_text": ctx.t("kiosk.updated", time=stamp),
        "stale_text": ctx.t("kiosk.stale", time=stamp),
        "reconnecting_text": ctx.t("kiosk.reconnecting"),
        "boot": live.BOOT,
        "rotate_url": rotate_url,
        "rotate_ms": rotate_s * 1000 if rotate_s else None,
        "drawn_ms": int(time.time() * 1000),  # every run draws anew, even of the same version
    }
    _STAMP(data=data, key=key, width="stretch", on_changed_change=_rerun_board)


def shown(ctx: PageContext, board: str, target_id: int) -> live.Shown:
    """The board's data for its shared screen. A screen link is checked again on every redraw
    (the page's checks ran only when the page was opened): a revoked one is said in place of the
    board, and the fragment draws nothing more."""
    link = st.query_params.get("screen")
    if link and (ctx.team is None or users.screen_team(link) != ctx.team.id):
        st.error(ctx.t("identity.screen_revoked"), icon=":material/link_off:")
        st.stop()
    return live.shown(board, target_id)


def stamp(ctx: PageContext, interval: int, shown: live.Shown, *, page: str, target_id: int) -> Callable[[], None]:
    """The live stamp, to be drawn where the board's heading puts it."""
    return partial(live_stamp, ctx, interval, shown, page=page, target_id=target_id, key="stamp")


def _rerun_board() -> None:
    """The poll found a new version: the fragment the stamp is drawn in reruns (nothing else to do)."""


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

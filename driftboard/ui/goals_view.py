"""Drawing the goal-steering board: measure tiles and charts."""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from driftboard import admin, targets
from driftboard.domain import MeasureKind
from driftboard.i18n import fmt_date, fmt_number, fmt_time, fmt_week, uom_text
from driftboard.services import actions, goalboard, measures
from driftboard.services.goalboard import Tile
from driftboard.status import Status
from driftboard.targets import Verdict
from driftboard.ui import second_look
from driftboard.ui.board_parts import chart_spec, html_badge, status_badge, tv_chart
from driftboard.ui.html_table import badge_html
from driftboard.ui.page import PageContext
from driftboard.ui.text import md_escape


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _tiles(url: str, org_id: int, period: dt.date, stamp: int) -> list[Tile]:
    return goalboard.goal_board(org_id, period)


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _actions(url: str, org_id: int, today: dt.date, stamp: int) -> list[actions.ActionRow]:
    return actions.actions_for(org_id, today)


def board(org_id: int, period: dt.date, today: dt.date, stamp: int) -> tuple[list[Tile], list[actions.ActionRow]]:
    """The tiles and actions of an org unit, shared by every session until the next write that
    is not only operations (the goal ``stamp`` the page run began with): a unit of many teams
    rolls up thousands of values and lists thousands of actions, and the page reruns on every
    click."""
    url = admin.database_url()
    return _tiles(url, org_id, period, stamp), _actions(url, org_id, today, stamp)


VERDICT_STATUS = {
    Verdict.ON_TRACK: Status.GREEN,
    Verdict.WITHIN: Status.GREEN,
    Verdict.BEHIND: Status.RED,
    Verdict.BREACHED: Status.RED,
    Verdict.NOT_REGISTERED: Status.GREY,
    Verdict.NONE: Status.NONE,
}


def verdict_badge(ctx: PageContext, verdict: Verdict) -> str:
    return status_badge(ctx, VERDICT_STATUS[verdict], ctx.t(f"verdict.{verdict.value}"))


def _number(ctx: PageContext, value: float, decimals: int) -> str:
    return fmt_number(round(value, decimals) + 0.0, ctx.lang, decimals)  # + 0.0: never "-0"


def value_text(ctx: PageContext, tile: Tile, value: float | None, escape: Callable[[str], str] = md_escape) -> str:
    """A value with the measure's display precision (or what it needs) and its unit label
    (``escape``: for markdown, or ``str`` for a text escaped where it goes)."""
    if value is None:
        return "–"
    unit = f" {escape(uom_text(tile.unit_label, ctx.lang))}" if tile.unit_label else ""
    return f"{_number(ctx, value, targets.shown_decimals(value, tile.decimals))}{unit}"


def gap_text(ctx: PageContext, tile: Tile) -> str | None:
    """The distance to the target in words, in the KPI's good direction ("0.10 better than
    target", "0.04 behind target"); a gap is shown with enough decimals never to read 0."""
    if tile.gap is None:
        return None
    if tile.gap == 0:
        return ctx.t("goals.gap.on_target")
    size = abs(tile.gap)
    amount = _number(ctx, size, targets.gap_decimals(size, targets.shown_decimals(size, tile.decimals)))
    return ctx.t("goals.gap.ahead" if tile.gap > 0 else "goals.gap.behind", amount=amount)


def summary_badges(ctx: PageContext, tiles: list[Tile]) -> str:
    """The board's summary: red when something is behind or breached, green only when every
    measure is registered and none is a problem; not registered is its own grey count."""
    counts = targets.tally([t.verdict for t in tiles])
    status = Status.RED if counts.problems else Status.GREEN if counts.all_clear else Status.GREY
    badges = [status_badge(ctx, status, ctx.t("goals.summary", total=counts.total, problems=counts.problems))]
    if counts.not_registered:
        badges.append(
            status_badge(ctx, Status.GREY, ctx.t("goals.summary.not_registered", count=counts.not_registered))
        )
    return " ".join(badges)


def notes(ctx: PageContext, t: Tile, *, compact: bool, escape: Callable[[str], str] = md_escape) -> list[str]:
    """A tile's small lines under its value: the target or threshold (on the shared screen with the
    measure's kind before it, which needs no "Value" label there), and who entered the value or
    what it rolls up. None on a ``compact`` tile."""
    if compact:
        return []
    kind = ctx.t(f"kind.one.{t.kind.value}")
    if t.kind is MeasureKind.KPI:
        first = ctx.t("goals.target_is", target=value_text(ctx, t, t.target, escape))
    elif t.kind is MeasureKind.CONTROL:
        threshold = value_text(ctx, t, t.definition.threshold, escape)
        first = ctx.t("goals.threshold_is", comparator=t.definition.comparator.value, threshold=threshold)
    else:
        first = ctx.t("goals.operational")  # says its kind
    lines = [f"{kind} · {first}" if ctx.kiosk and t.kind is not MeasureKind.OPERATIONAL else first]
    if t.rolled_up:
        method = ctx.t(f"rollup.{t.definition.rollup.value}")
        lines.append(ctx.t("goals.rolled_up", count=len(t.contributors), method=method))
    elif t.entered_by and t.entered_at:
        when = f"{fmt_date(t.entered_at.date(), ctx.lang)} {fmt_time(t.entered_at, ctx.lang)}"
        lines.append(ctx.t("goals.entered_by", who=escape(t.entered_by), when=when))
    return lines


def tile(ctx: PageContext, t: Tile, *, compact: bool = False) -> None:
    """One measure on the page: latest value, target, gap, verdict (icon + word), who entered it;
    a ``compact`` tile is name, verdict, value and gap only. (The shared screen draws its tiles
    with ``tiles_html``.)"""
    kind = ctx.t(f"kind.one.{t.kind.value}")
    with st.container(border=True):
        st.markdown(f"**{md_escape(t.name)}**  \n{verdict_badge(ctx, t.verdict)} · {kind}")
        if t.kind is MeasureKind.KPI:
            # The gap in words, coloured by the verdict; no arrow that could read "went up".
            st.metric(
                ctx.t("goals.value"),
                value_text(ctx, t, t.value),
                delta=gap_text(ctx, t),
                delta_color="red" if t.verdict.is_problem else "green",
                delta_arrow="off",
                help=ctx.t("goals.gap_help"),
            )
        else:
            st.metric(ctx.t("goals.value"), value_text(ctx, t, t.value))
        for line in notes(ctx, t, compact=compact):
            st.caption(line)


def tiles_html(ctx: PageContext, tiles: Sequence[Tile], *, per_row: int, compact: bool) -> None:
    """The shared screen's tiles as one plain HTML grid (``html_table``'s reason: a grid of
    Streamlit containers and metrics took 0.15–0.2 s after the heading to appear, one HTML
    element appears with it). Every text is escaped; the look is the kiosk's (``kiosk_style``)."""
    cells = []
    for t in tiles:
        badge = html_badge(VERDICT_STATUS[t.verdict], ctx.t(f"verdict.{t.verdict.value}"))
        gap = gap_text(ctx, t) if t.kind is MeasureKind.KPI else None
        tone = "red" if t.verdict.is_problem else "green"
        cells.append(
            '<div class="db-tile">'
            f'<div class="db-tile-name">{html.escape(t.name)}</div>'
            f'<div class="db-tile-verdict">{badge_html(badge)}</div>'
            f'<div class="db-tile-value">{html.escape(value_text(ctx, t, t.value, str))}</div>'
            + (f'<div><span class="db-tile-gap db-gap-{tone}">{html.escape(gap)}</span></div>' if gap else "")
            + "".join(
                f'<div class="db-tile-note">{html.escape(n)}</div>' for n in notes(ctx, t, compact=compact, escape=str)
            )
            + "</div>"
        )
    st.html(f'<div class="db-tiles db-tiles-{per_row}">{"".join(cells)}</div>')


def chart(ctx: PageContext, t: Tile, *, height: int = 200, scale: float = 1.0) -> None:
    """Actual values over the year with the target curve (KPI), threshold (control) or plain
    (``scale``: the shared screen's size against 1920×1080, for fonts and marks).

    Altair builds the chart's spec once per shape and size (``_chart_spec``); each tile's chart
    is a copy of it with the tile's title and data."""
    actual = ctx.t("goals.series.actual")
    rows = [
        {"week": p.period_start, "value": p.value, "series": actual, "problem": p.verdict.is_problem}
        for p in t.series
        if p.value is not None
    ]
    data = pd.DataFrame(rows, columns=["week", "value", "series", "problem"])
    if data.empty:
        st.caption(ctx.t("goals.no_values"))
        return
    data["week"] = pd.to_datetime(data["week"])
    datasets = {"actual": data, "now": pd.DataFrame({"week": [pd.Timestamp(t.period_start)]})}
    if t.kind is MeasureKind.KPI:
        shape = "kpi"
        curve = pd.DataFrame([{"week": p, "value": v} for p, v in _curve(t)], columns=["week", "value"])
        curve["week"] = pd.to_datetime(curve["week"])
        datasets["curve"] = curve
    elif t.kind is MeasureKind.CONTROL and t.definition.threshold is not None:
        shape = "threshold"
        datasets["threshold"] = pd.DataFrame({"value": [t.definition.threshold]})
    else:
        shape = "plain"
    spec = json.loads(_chart_spec(shape, uom_text(t.unit_label, ctx.lang) or None, height, scale))
    spec["title"] = {**spec["title"], "text": t.name, "subtitle": _subtitle(ctx, t)}
    spec["datasets"] = datasets
    st.vega_lite_chart(spec=spec, width="stretch")


@functools.lru_cache(maxsize=64)
def _chart_spec(shape: str, y_title: str | None, height: int, scale: float) -> str:
    """The goal chart's Vega-Lite spec as JSON for a shape ("kpi": with the target curve,
    "threshold": with the control's threshold, "plain"), its data named, not included:
    "actual", "now" and "curve" or "threshold"."""
    x = alt.X("week:T", title=None, axis=alt.Axis(format="%d.%m"))
    layers = [
        alt.Chart(alt.NamedData(name="actual"))
        .mark_line(strokeWidth=3 * scale, color="#1f5fae")
        .encode(x=x, y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False))),
    ]
    colour = alt.condition("datum.problem", alt.value("#c62828"), alt.value("#1f5fae"))
    marker = alt.condition("datum.problem", alt.value("cross"), alt.value("circle"))
    layers.append(
        alt.Chart(alt.NamedData(name="actual"))
        .mark_point(size=70 * scale**2, filled=True)
        .encode(x=x, y="value:Q", color=colour, shape=marker)
    )
    if shape == "kpi":
        layers.insert(
            0,
            alt.Chart(alt.NamedData(name="curve"))
            .mark_line(strokeDash=[6 * scale, 4 * scale], strokeWidth=3 * scale, color="#8a8a8a")
            .encode(x=x, y="value:Q"),
        )
    elif shape == "threshold":
        layers.insert(
            0,
            alt.Chart(alt.NamedData(name="threshold"))
            .mark_rule(strokeDash=[6, 4], strokeWidth=2, color="#c62828")
            .encode(y="value:Q"),
        )
    layers.append(alt.Chart(alt.NamedData(name="now")).mark_rule(color="#f57c00", strokeWidth=2).encode(x="week:T"))
    title = alt.TitleParams("", anchor="start", limit=0, subtitle="")
    return json.dumps(chart_spec(tv_chart(alt.layer(*layers).properties(height=height, title=title), scale)))


def _curve(t: Tile) -> list[tuple[dt.date, float]]:
    if not t.rolled_up:
        return targets.target_curve(t.definition, t.period_start.year)
    return [(p.period_start, p.target) for p in t.series if p.target is not None]


def _subtitle(ctx: PageContext, t: Tile) -> str:
    if t.kind is MeasureKind.KPI:
        return ctx.t("goals.chart.kpi")
    if t.kind is MeasureKind.CONTROL:
        return ctx.t("goals.chart.control")
    return ctx.t("goals.chart.operational")


def period_label(ctx: PageContext, start: dt.date, monthly: bool) -> str:
    if monthly:
        return start.strftime("%m.%Y")
    return fmt_week(start, ctx.lang, with_year=True)


def value_doubts(ctx: PageContext, rows: Sequence[Mapping[str, Any]], shown: pd.DataFrame) -> list[str]:
    """ "FTE saved: 40 against a target of 6 — save anyway?" for each value of the values grid the
    person changed (against ``shown``, the frame the grid was drawn from) that lies far outside
    its measure's target."""
    before = dict(zip(shown["measure_id"], shown["value"], strict=True))
    changed = {
        r["measure_id"]: float(r["value"])
        for r in rows
        if pd.notna(r.get("value")) and r["value"] != before.get(r["measure_id"])
    }
    names = {r["measure_id"]: md_escape(r["measure"]) for r in rows}
    return second_look.questions(ctx, measures.value_doubts(changed), names)

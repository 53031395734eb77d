"""Drawing the goal-steering board: measure tiles and charts."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from driftboard.domain import MeasureKind
from driftboard.i18n import fmt_date, fmt_number, fmt_time, fmt_week
from driftboard.services.goals import Tile, target_curve
from driftboard.status import Status
from driftboard.targets import Verdict
from driftboard.ui.board_parts import status_badge, tv_chart
from driftboard.ui.page import PageContext
from driftboard.ui.text import md_escape

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


def _decimals(tile: Tile) -> int:
    return 2 if tile.unit in ("FTE", "days") else (1 if tile.unit == "%" else 0)


def value_text(ctx: PageContext, tile: Tile, value: float | None) -> str:
    if value is None:
        return "–"
    unit = f" {tile.unit}" if tile.unit and tile.unit != "%" else (" %" if tile.unit == "%" else "")
    return f"{fmt_number(value, ctx.lang, _decimals(tile))}{unit}"


def tile(ctx: PageContext, t: Tile) -> None:
    """One measure: latest value, target, gap, verdict (icon + word), who entered it."""
    with st.container(border=True):
        st.markdown(f"**{md_escape(t.name)}**  \n{verdict_badge(ctx, t.verdict)} · {ctx.t(f'kind.one.{t.kind.value}')}")
        if t.kind is MeasureKind.KPI:
            # ASCII sign: Streamlit colours a delta starting with "-" red with a down arrow.
            sign = "+" if t.gap is not None and t.gap >= 0 else "-"
            gap = None if t.gap is None else f"{sign}{fmt_number(abs(t.gap), ctx.lang, _decimals(t))}"
            st.metric(
                ctx.t("goals.value"),
                value_text(ctx, t, t.value),
                delta=gap,
                delta_color="normal",
                help=None if ctx.kiosk else ctx.t("goals.gap_help"),  # no hover on a TV
            )
            st.caption(ctx.t("goals.target_is", target=value_text(ctx, t, t.target)))
        elif t.kind is MeasureKind.CONTROL:
            st.metric(ctx.t("goals.value"), value_text(ctx, t, t.value))
            st.caption(
                ctx.t(
                    "goals.threshold_is",
                    comparator=t.definition.comparator.value,
                    threshold=value_text(ctx, t, t.definition.threshold),
                )
            )
        else:
            st.metric(ctx.t("goals.value"), value_text(ctx, t, t.value))
            st.caption(ctx.t("goals.operational"))
        if t.rolled_up:
            st.caption(
                ctx.t("goals.rolled_up", count=len(t.contributors), method=ctx.t(f"rollup.{t.definition.rollup.value}"))
            )
        elif t.entered_by and t.entered_at:
            st.caption(
                ctx.t(
                    "goals.entered_by",
                    who=md_escape(t.entered_by),
                    when=f"{fmt_date(t.entered_at.date(), ctx.lang)} {fmt_time(t.entered_at, ctx.lang)}",
                )
            )


def chart(ctx: PageContext, t: Tile, *, height: int = 200) -> None:
    """Actual values over the year with the target curve (KPI), threshold (control) or plain."""
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
    x = alt.X("week:T", title=None, axis=alt.Axis(format="%d.%m"))
    layers = [
        alt.Chart(data)
        .mark_line(strokeWidth=3, color="#1f5fae")
        .encode(x=x, y=alt.Y("value:Q", title=t.unit or None, scale=alt.Scale(zero=False))),
    ]
    colour = alt.condition("datum.problem", alt.value("#c62828"), alt.value("#1f5fae"))
    shape = alt.condition("datum.problem", alt.value("cross"), alt.value("circle"))
    layers.append(alt.Chart(data).mark_point(size=70, filled=True).encode(x=x, y="value:Q", color=colour, shape=shape))
    if t.kind is MeasureKind.KPI:
        curve = pd.DataFrame([{"week": p, "value": v} for p, v in _curve(t)], columns=["week", "value"])
        curve["week"] = pd.to_datetime(curve["week"])
        layers.insert(
            0, alt.Chart(curve).mark_line(strokeDash=[6, 4], strokeWidth=3, color="#8a8a8a").encode(x=x, y="value:Q")
        )
    elif t.kind is MeasureKind.CONTROL and t.definition.threshold is not None:
        layers.insert(
            0,
            alt.Chart(pd.DataFrame({"value": [t.definition.threshold]}))
            .mark_rule(strokeDash=[6, 4], strokeWidth=2, color="#c62828")
            .encode(y="value:Q"),
        )
    now = pd.DataFrame({"week": [pd.Timestamp(t.period_start)]})
    layers.append(alt.Chart(now).mark_rule(color="#f57c00", strokeWidth=2).encode(x="week:T"))
    title = alt.TitleParams(t.name, anchor="start", limit=0, subtitle=_subtitle(ctx, t))
    st.altair_chart(tv_chart(alt.layer(*layers).properties(height=height, title=title)), width="stretch")


def _curve(t: Tile) -> list[tuple[dt.date, float]]:
    if not t.rolled_up:
        return target_curve(t.definition, t.period_start.year)
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

"""Shared drawing helpers for the boards: status badges and big-screen chart styling."""

from __future__ import annotations

from typing import Any

import altair as alt
import streamlit as st

from driftboard.status import Status
from driftboard.ui.html_table import Badge
from driftboard.ui.page import PageContext
from driftboard.ui.text import md_escape

# Colour plus a shape plus a word: readable for colour-blind people and from 3 metres. Each
# status has its own shape (circle, triangle, square, clock, dash), not only a different sign
# in the same circle.
STATUS_STYLE = {
    Status.GREEN: ("green", ":material/check_circle:"),
    Status.RED: ("red", ":material/warning:"),
    Status.GREY: ("gray", ":material/help_center:"),
    Status.NOT_STARTED: ("blue", ":material/schedule:"),
    Status.NONE: ("gray", ":material/remove:"),
}


# An absence is not a status: its own colour and, per kind, its own shape, so a sick call never
# reads as "not registered" from across the room.
ABSENCE_ICON = {
    "sick": ":material/sick:",
    "vacation": ":material/beach_access:",
    "training": ":material/school:",
    "lent_out": ":material/swap_horiz:",
    "development_project": ":material/construction:",
}


def absence_badge(ctx: PageContext, kind: str) -> str:
    """Markdown for an absence label with the kind's icon, e.g. "🤒 Sick" in violet."""
    icon = ABSENCE_ICON.get(kind, ":material/person_off:")
    return f":violet-background[{icon} {ctx.t(f'absence.{kind}')}]"


def status_badge(ctx: PageContext, status: Status, text: str | None = None) -> str:
    """Markdown for a coloured status label with icon, e.g. for st.markdown or st.table cells."""
    colour, icon = STATUS_STYLE[status]
    label = text if text is not None else ctx.t(f"status.{status.value}")
    return f":{colour}-background[{icon} {label}]"


def html_badge(status: Status, text: str) -> Badge:
    """``status_badge`` for the shared screen's plain HTML (``html_table``): its colour and icon."""
    colour, icon = STATUS_STYLE[status]
    return Badge(colour, icon.removeprefix(":material/").removesuffix(":"), text)


def tv_chart(chart: alt.TopLevelMixin, scale: float = 1.0) -> alt.TopLevelMixin:
    """Large dark fonts and thick marks so a chart reads from across the room (axis labels 20 px,
    1.85 % of a 1080 px screen); ``scale`` (the shared screen's size against 1920×1080) enlarges
    them with the screen, as CSS does the text."""

    def size(px: float) -> int:
        return round(px * scale)

    ink, line = "#1b1f24", "#4a5563"  # axis text at 16:1 on white, not Vega's grey (3.7:1)
    return (
        chart.configure_axis(
            labelFontSize=size(20),
            titleFontSize=size(20),
            labelLimit=size(220),
            tickSize=size(6),
            labelPadding=size(4),
            labelColor=ink,
            titleColor=ink,
            domainColor=line,
            tickColor=line,
        )
        .configure_legend(labelFontSize=size(20), titleFontSize=size(20), labelColor=ink, titleColor=ink, orient="top")
        .configure_header(labelFontSize=size(20), titleFontSize=size(20), labelLimit=size(400), labelColor=ink)
        .configure_title(fontSize=size(24), subtitleFontSize=size(18), color=ink, subtitleColor="#2b313b")
        .configure_view(strokeWidth=0)
    )


def chart_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The Vega-Lite spec ``st.altair_chart`` sends for ``chart``, for a page that builds a
    spec once and draws many charts from copies of it: Altair's default theme (a 300 px view)
    left out, as ``st.altair_chart`` does."""
    spec = chart.to_dict()
    view = spec.get("config", {}).get("view", {})
    view.pop("continuousWidth", None)
    view.pop("continuousHeight", None)
    return spec


def clip(text: str, at: int | None) -> str:
    """``text`` cut to ``at`` characters with an ellipsis (a shared screen's row stays one line)."""
    return text if at is None or len(text) <= at else text[: at - 1].rstrip() + "…"


def more(ctx: PageContext, count: int, *, key: str) -> None:
    """ "+ N more" under a list the shared screen shortened to fit."""
    if count > 0:
        with st.container(key=f"kiosk-more-{key}"):
            st.caption(md_escape(ctx.t("kiosk.more", count=count)))

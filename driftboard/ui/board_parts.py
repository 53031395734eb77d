"""Shared drawing helpers for the boards: status badges and big-screen chart styling."""

from __future__ import annotations

import altair as alt

from driftboard.status import Status
from driftboard.ui.page import PageContext

# Colour plus an icon plus a word: readable for colour-blind people and from 3 metres.
STATUS_STYLE = {
    Status.GREEN: ("green", ":material/check_circle:"),
    Status.RED: ("red", ":material/cancel:"),
    Status.GREY: ("gray", ":material/help:"),
    Status.NOT_STARTED: ("blue", ":material/schedule:"),
    Status.NONE: ("gray", ":material/remove:"),
}


def status_badge(ctx: PageContext, status: Status, text: str | None = None) -> str:
    """Markdown for a coloured status label with icon, e.g. for st.markdown or st.table cells."""
    colour, icon = STATUS_STYLE[status]
    label = text if text is not None else ctx.t(f"status.{status.value}")
    return f":{colour}-background[{icon} {label}]"


def tv_chart(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Large fonts and thick marks so a chart reads from across the room."""
    return (
        chart.configure_axis(labelFontSize=15, titleFontSize=15, labelLimit=220)
        .configure_legend(labelFontSize=15, titleFontSize=15, orient="top")
        .configure_header(labelFontSize=16, titleFontSize=16, labelLimit=400)
        .configure_title(fontSize=18)
        .configure_view(strokeWidth=0)
    )

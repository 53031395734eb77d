"""The operations board laid out for its shared screen: a TV cannot scroll, so whatever the day
brings (sick calls, moves, overrides, warnings) the board is cut to the screen — long lists show
their first rows and "+ N more", and the cumulated charts take the height that is left.

Heights are counted in rem: the kiosk's root font is a share of the screen's width
(``kiosk_style``) and every table row is one line there, so a row is as many rem high on every
screen; the screen's height in rem follows from its shape.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from driftboard.services.escalations import EscalationView
from driftboard.services.feeds_board import FeedsView
from driftboard.services.operations_board import OperationsBoardView
from driftboard.ui import escalation_view, feeds_view
from driftboard.ui import opsboard_view as view_parts
from driftboard.ui.kiosk import Screen
from driftboard.ui.page import PageContext

REM_PER_WIDTH = 104  # kiosk_style: html {font-size: calc(100vw / 104)}
# Measured in Chromium with kiosk_style's sizes (table text 1.3rem, h4 1.4rem, captions 1.05rem).
PAGE = 1.4  # the page's padding and a spare line's fraction
HEADER = 2.6  # the title, the status (1.85rem) and the stamp, with the gap under them
PLAN_NOTICE = 3.4  # "no plan" / "draft" under the header
HEADING = 1.9  # an h4 with its gaps
ROW = 2.05  # a one-line table row
TABLE = 0.45  # a table's borders and gap
CAPTION = 2.1  # a caption line ("+ N more", a note)
WARNING = 4.6  # a compact capacity warning: two lines
CHART_EXTRA = 0.6  # the gap under a chart row (its height holds its title and axes)
CHART_MIN, CHART_MAX = 0.15, 0.24  # a chart's height, as a share of the screen's
CHART_FLOOR = 0.1  # a chart with its title and 20 px axis labels is no lower (Vega)
PER_ROW = 2  # charts side by side; up to MAX_PER_ROW when two rows would leave them too flat
MAX_PER_ROW = 4
TITLE_CHARS = 140  # a chart title's characters (24 px type) across the screen's width
WARNINGS_SHOWN = 2
CHANGES_SHOWN = 3
NOTES_SHOWN = 1
ESCALATION = 2.3  # one escalation's line (a badge) under the capacity warnings
ESCALATIONS_SHOWN = 2


@dataclass(frozen=True)
class Fit:
    roster: int
    warnings: int
    changes: int
    chart_height: int
    per_row: int = PER_ROW
    legend: bool = True  # the charts' legend line, left out when the charts would be too low


def _escalations(view: OperationsBoardView) -> tuple[EscalationView, ...]:
    """The team's escalations waiting or answered today, which the screen's data carries with the
    board (``services.live``)."""
    return view.board.extra.get("escalations", ())  # type: ignore[return-value]


def _table(rows: int) -> float:
    return HEADING + TABLE + ROW * (rows + 1)


def fit(view: OperationsBoardView, robots: int, last_week: OperationsBoardView | None, screen: Screen) -> Fit:
    """How many rows of each list the screen has room for, the charts' height in pixels and how
    many charts share a row: two, or more when rows of two would be too flat to read."""
    tasks = len(view.board.tasks)
    sized = _fit(view, robots, last_week, screen, PER_ROW)
    per_row = PER_ROW
    while sized.chart_height < screen.height * CHART_MIN and per_row < min(tasks, MAX_PER_ROW):
        per_row += 1
        sized = _fit(view, robots, last_week, screen, per_row)
    return sized


def _fit(
    view: OperationsBoardView, robots: int, last_week: OperationsBoardView | None, screen: Screen, per_row: int
) -> Fit:
    rem = screen.width / REM_PER_WIDTH
    height = screen.height / rem
    board = view.board
    tasks = len(board.tasks)
    top = PAGE + HEADER + (PLAN_NOTICE if view.plan_status is None or view.plan_status.value == "draft" else 0)
    top += CAPTION if view.confirmations is not None else 0  # the process confirmations' line
    chart_rows = math.ceil(tasks / per_row)
    charts_min = HEADING + CAPTION + chart_rows * (screen.height * CHART_MIN / rem + CHART_EXTRA) if tasks else 0
    room = height - top - charts_min

    notes = sum(1 for line in board.tasks for c in line.days if c.override_reason)
    left = _table(tasks) + CAPTION * min(notes, NOTES_SHOWN) + (CAPTION if notes > NOTES_SHOWN else 0)
    left += _table(tasks) if last_week is not None else 0.0  # Monday: last week's result under this week's
    people = len(board.roster)
    shown_people = max(0, min(people, math.floor((room - left - HEADING - TABLE - CAPTION) / ROW) - 1))
    if shown_people >= people - 1:  # "+ 1 more" takes a row's place: show the row
        shown_people = min(people, math.floor((room - left - HEADING - TABLE) / ROW) - 1)
    left += _table(shown_people) + (CAPTION if shown_people < people else 0)

    held = sum(1 for line in board.tasks if line.holdings)
    right = _table(held) if held else HEADING + PLAN_NOTICE  # "no holdings" is a notice
    right += _table(2 * robots) if robots else 0  # a robot's shares take two lines
    warnings = min(len(board.warnings), WARNINGS_SHOWN)
    right += HEADING + WARNING * warnings + CAPTION  # "+ N more" or "none" under them, or a spare line
    right += ESCALATION * min(len(_escalations(view)), ESCALATIONS_SHOWN)
    changes = max(
        0, min(len(view.changes), CHANGES_SHOWN, math.floor((room - right - HEADING - TABLE - CAPTION) / ROW) - 1)
    )
    while changes == 0 and warnings > 1 and view.changes:  # a plan change over a second warning
        warnings -= 1
        right -= WARNING
        changes = max(0, min(len(view.changes), math.floor((room - right - HEADING - TABLE - CAPTION) / ROW) - 1))
    if len(board.warnings) == warnings and warnings:  # all shown: no line under them
        right -= CAPTION
    # No row shown: the heading and "+ N more" (or "no changes"), no table.
    right += _table(changes) + (CAPTION if changes < len(view.changes) else 0) if changes else HEADING + CAPTION

    left_over = height - top - max(left, right) - HEADING - CAPTION
    chart = (left_over / chart_rows - CHART_EXTRA) * rem if chart_rows else 0
    legend = chart >= screen.height * CHART_FLOOR
    if not legend:
        chart += CAPTION / chart_rows * rem
    chart_height = round(max(screen.height * CHART_FLOOR, min(screen.height * CHART_MAX, chart)))
    return Fit(max(0, shown_people), warnings, changes, chart_height, per_row, legend)


def draw(
    ctx: PageContext,
    screen: Screen,
    view: OperationsBoardView,
    fed: FeedsView,
    last_week: OperationsBoardView | None,
    stamp: Callable[[], None],
) -> None:
    """The board on the screen: the tables on top, the charts below across the whole width."""
    sized = fit(view, len(fed.robots), last_week, screen)
    view_parts.header(ctx, view, ctx.team.name if ctx.team else "", stamp)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        view_parts.production_table(ctx, view, notes=False, notes_limit=NOTES_SHOWN, clip_at=20, weekday_only=True)
        if last_week is not None:  # Monday: the week closed on Friday, as on the page
            view_parts.week_result(ctx, last_week, clip_at=20)
        view_parts.roster(ctx, view, limit=sized.roster)
    with right:
        view_parts.holdings_table(ctx, view, clip_at=22)
        with st.container(key="kiosk-wrap"):  # a robot's shares wrap to two lines (``fit``)
            feeds_view.robots_panel(ctx, fed)
        view_parts.capacity_warnings(ctx, view, limit=sized.warnings, candidates=2, compact=True)
        escalation_view.team_panel(ctx, _escalations(view), compact=True, limit=ESCALATIONS_SHOWN)
        view_parts.plan_changes(ctx, view, limit=sized.changes, clip_at=30)
    view_parts.cumulated_chart(
        ctx, view, per_row=sized.per_row, height=sized.chart_height, scale=screen.scale,
        clip_at=TITLE_CHARS // sized.per_row, legend=sized.legend,
    )  # fmt: skip

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

from driftboard.services.feeds_board import FeedsView
from driftboard.services.operations_board import OperationsBoardView
from driftboard.ui import feeds_view
from driftboard.ui import opsboard_view as view_parts
from driftboard.ui.kiosk import Screen
from driftboard.ui.page import PageContext

REM_PER_WIDTH = 104  # kiosk_style: html {font-size: calc(100vw / 104)}
PAGE = 1.4  # the page's padding and the header's gap
HEADER = 3.4
PLAN_NOTICE = 3.4  # "no plan" / "draft" under the header
HEADING = 1.7  # an h4 with its gaps
ROW = 1.85  # a one-line table row
TABLE = 0.4  # a table's borders and gap
CAPTION = 1.6  # a caption line ("+ N more", a note)
WARNING = 3.6  # a compact capacity warning: two lines
CHART_EXTRA = 0.6  # the gap under a chart row (its height holds its title and axes)
CHART_MIN, CHART_MAX = 0.15, 0.24  # a chart's height, as a share of the screen's
CHART_FLOOR = 0.08  # what a chart keeps when the tables, cut as far as they go, leave less
PER_ROW = 2
WARNINGS_SHOWN = 2
CHANGES_SHOWN = 3
NOTES_SHOWN = 1


@dataclass(frozen=True)
class Fit:
    roster: int
    warnings: int
    changes: int
    chart_height: int


def _table(rows: int) -> float:
    return HEADING + TABLE + ROW * (rows + 1)


def fit(view: OperationsBoardView, robots: int, last_week: OperationsBoardView | None, screen: Screen) -> Fit:
    """How many rows of each list the screen has room for, and the charts' height in pixels."""
    rem = screen.width / REM_PER_WIDTH
    height = screen.height / rem
    board = view.board
    tasks = len(board.tasks)
    top = PAGE + HEADER + (PLAN_NOTICE if view.plan_status is None or view.plan_status.value == "draft" else 0)
    chart_rows = math.ceil(tasks / PER_ROW)
    charts_min = HEADING + CAPTION + chart_rows * (screen.height * CHART_MIN / rem + CHART_EXTRA) if tasks else 0
    room = height - top - charts_min

    notes = sum(1 for line in board.tasks for c in line.days if c.override_reason)
    left = _table(tasks) + CAPTION * min(notes, NOTES_SHOWN) + (CAPTION if notes > NOTES_SHOWN else 0)
    people = len(board.roster)
    shown_people = max(0, min(people, math.floor((room - left - HEADING - TABLE - CAPTION) / ROW) - 1))
    if shown_people >= people - 1:  # "+ 1 more" takes a row's place: show the row
        shown_people = min(people, math.floor((room - left - HEADING - TABLE) / ROW) - 1)
    left += _table(shown_people) + (CAPTION if shown_people < people else 0)

    right = _table(tasks) if last_week is not None else 0.0
    right += (
        _table(sum(1 for line in board.tasks if line.holdings)) if any(line.holdings for line in board.tasks) else 0
    )
    right += _table(2 * robots) if robots else 0  # a robot's shares take two lines
    warnings = min(len(board.warnings), WARNINGS_SHOWN)
    right += HEADING + WARNING * warnings + (CAPTION if len(board.warnings) > warnings else 0)
    changes = max(
        0, min(len(view.changes), CHANGES_SHOWN, math.floor((room - right - HEADING - TABLE - CAPTION) / ROW) - 1)
    )
    while changes == 0 and warnings > 1 and view.changes:  # a plan change over a second warning
        warnings -= 1
        right -= WARNING
        changes = max(0, min(len(view.changes), math.floor((room - right - HEADING - TABLE - CAPTION) / ROW) - 1))
    right += _table(changes) + (CAPTION if changes < len(view.changes) else 0)

    left_over = height - top - max(left, right) - HEADING - CAPTION
    chart = (left_over / chart_rows - CHART_EXTRA) * rem if chart_rows else 0
    chart_height = round(max(screen.height * CHART_FLOOR, min(screen.height * CHART_MAX, chart)))
    return Fit(max(0, shown_people), warnings, changes, chart_height)


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
        view_parts.production_table(ctx, view, notes=False, notes_limit=NOTES_SHOWN, clip_at=34)
        view_parts.roster(ctx, view, limit=sized.roster)
    with right:
        if last_week is not None:  # Monday: the week closed on Friday, as on the page
            view_parts.week_result(ctx, last_week)
        view_parts.holdings_table(ctx, view, clip_at=30)
        feeds_view.robots_panel(ctx, fed)
        view_parts.capacity_warnings(ctx, view, limit=sized.warnings, candidates=2, compact=True)
        view_parts.plan_changes(ctx, view, limit=sized.changes, clip_at=44)
    view_parts.cumulated_chart(ctx, view, per_row=PER_ROW, height=sized.chart_height, scale=screen.scale)

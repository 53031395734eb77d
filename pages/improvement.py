"""The improvement board: PDCA kanban, card details with A3, matrix, standards, coordination, Pareto."""

import streamlit as st

from driftboard import clock
from driftboard.services import improvement_board
from driftboard.ui import kiosk
from driftboard.ui.improvement.board import (
    TABS_KEY,
    button_board,
    drag_board,
    live_board,
    new_card,
    pending_move,
    standards_wall,
)
from driftboard.ui.improvement.card import card_dialog
from driftboard.ui.improvement.coordination import coordination
from driftboard.ui.improvement.matrix import matrix
from driftboard.ui.improvement.pareto import errors_and_pareto
from driftboard.ui.page import setup_team_page
from driftboard.ui.text import md_escape

ctx, team = setup_team_page("improvement")

today = clock.today()

if ctx.kiosk:
    interval = kiosk.refresh_interval(ctx)

    @st.fragment
    def shared_screen() -> None:
        """The shared screen, redrawn in place when what it shows changed."""
        shown = kiosk.shown(ctx, "improvement", team.id)
        on, board = shown.data
        stamp = kiosk.stamp(ctx, interval, shown, page="improvement", target_id=team.id)
        live_board(ctx, board, team.name, on, stamp)

    kiosk.screen()  # the kanban scales in CSS alone; the screen's size only travels on with the rotation
    shared_screen()
    st.stop()

view = improvement_board.board(team.id)
cards = {c.id: c for c in view.cards}

st.markdown(f"## {md_escape(team.name)} · {ctx.t('page.improvement')}")
pending_move(ctx, view)

# Only the open tab's content runs: a drag on the board does not recompute duplicates or Pareto.
tab_board, tab_matrix, tab_standards, tab_coordination, tab_errors = st.tabs(
    [
        ctx.t("imp.tab.board"),
        ctx.t("imp.tab.matrix"),
        ctx.t("imp.tab.standards"),
        ctx.t("imp.tab.coordination"),
        ctx.t("imp.tab.errors"),
    ],
    on_change="rerun",
    key=TABS_KEY,
)

if tab_board.open:
    with tab_board:
        mode = st.segmented_control(
            ctx.t("imp.mode"),
            ["drag", "buttons"],
            default="drag",
            format_func=lambda m: ctx.t(f"imp.mode.{m}"),
            key="board_mode",
        )
        if mode == "buttons":
            button_board(ctx, view)
        else:
            drag_board(ctx, view, team.id)
        new_card(ctx, team.id, cards)

if tab_matrix.open:
    with tab_matrix:
        matrix(ctx, view)

if tab_standards.open:
    with tab_standards:
        standards_wall(ctx, team.id, today)

if tab_coordination.open:
    with tab_coordination:
        coordination(ctx, team.unit_id)

if tab_errors.open:
    with tab_errors:
        errors_and_pareto(ctx, team.id, today)

card_dialog(ctx, cards)

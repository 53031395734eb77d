"""The operations board's one line on process confirmation: this week's done of target per team
leader, and the follow-ups past their due day (the page and its shared screen)."""

from __future__ import annotations

import streamlit as st

from driftboard.services.operations_board import OperationsBoardView
from driftboard.ui.page import PageContext
from driftboard.ui.text import md_escape


def board_line(ctx: PageContext, view: OperationsBoardView) -> None:
    line = view.confirmations
    if line is None:
        return
    leaders = ", ".join(
        f"{md_escape(name)} {ctx.t('pc.n_of_m', done=done, target=target)}" for name, done, target in line.leaders
    )
    text = ctx.t("pc.board_line", leaders=leaders)
    if line.overdue:
        text += f" · :red[{ctx.t('pc.board_overdue', n=line.overdue)}]"
    with st.container(key="confirmations-line"):
        st.caption(text)

"""Standards, training and process confirmation: the unit's library of standards, who is to be
informed or trained, the leaders' weekly process confirmations and the head's view of them."""

import streamlit as st

from driftboard.ui import confirm_view, standards_view
from driftboard.ui.page import setup_team_page

ctx, team = setup_team_page("standards")
st.title(ctx.t("page.standards"))
st.caption(ctx.t("std.intro"))
tabs = st.tabs(
    [ctx.t(f"std.tab.{name}") for name in ("week", "library", "training", "roles", "head", "settings", "excel")],
    key="std_tabs",
    on_change="rerun",
)
draws = (
    confirm_view.week,
    standards_view.library,
    standards_view.trainings,
    standards_view.duties,
    confirm_view.head,
    confirm_view.settings,
    confirm_view.workbook,
)
for tab, draw in zip(tabs, draws, strict=True):
    if tab.open:
        with tab:
            draw(ctx, team)

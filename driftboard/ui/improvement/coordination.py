"""Coordination across the unit's teams: likely duplicate cards in pairs, to be linked, and every
team's active cards."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from driftboard import admin
from driftboard.services import improvement_coordination, scope
from driftboard.services.improvement_board import CardView
from driftboard.ui.improvement.card import card_line, link, stage_label
from driftboard.ui.page import PageContext

PAIRS_SHOWN = "imp_pairs_shown"  # how many likely duplicate pairs the coordination tab lists
PAIRS_PAGE = 20


@st.cache_data(show_spinner=False, max_entries=32, ttl=3600)
def _coordination(url: str, unit_id: int, stamp: int) -> tuple[list[CardView], list[tuple[CardView, CardView, float]]]:
    """The unit's active cards and likely duplicate pairs, computed once per change stamp for
    every session (comparing hundreds of cards takes a while; nothing changes without a write)
    and narrowed by each to the teams its person may see."""
    with scope.trusted_reads():
        cards = improvement_coordination.active_cards(unit_id)
        return cards, improvement_coordination.duplicate_pairs(unit_id, cards=cards)


def coordination(ctx: PageContext, unit_id: int) -> None:
    """Active cards of every team in the unit; likely duplicate pairs first, to be linked (the
    most alike ``PAIRS_PAGE`` at a time, "Show more pairs" for the next ones)."""
    st.caption(ctx.t("imp.coordination_help"))
    cards, pairs = _coordination(admin.database_url(), unit_id, admin.data_stamp())
    cards = [c for c in cards if ctx.sees(c.team_id)]
    pairs = [(a, b, score) for a, b, score in pairs if ctx.sees(a.team_id) and ctx.sees(b.team_id)]
    if not pairs:
        st.success(ctx.t("imp.no_duplicates"))
    shown = st.session_state.get(PAIRS_SHOWN, PAIRS_PAGE)
    for a, b, score in pairs[:shown]:
        left, right = st.columns([5, 1])
        left.markdown(f"{card_line(ctx, a)}  \n↔ {card_line(ctx, b, score)}")
        if right.button(ctx.t("card.link"), key=f"link_pair_{a.id}_{b.id}"):
            link(ctx, a.id, b.id)
    if len(pairs) > shown:
        st.caption(ctx.t("imp.pairs_shown", shown=shown, total=len(pairs)))
        if st.button(ctx.t("imp.show_more_pairs"), key="imp_more_pairs", icon=":material/expand_more:"):
            st.session_state[PAIRS_SHOWN] = shown + PAIRS_PAGE
            st.rerun()
    st.dataframe(
        pd.DataFrame(
            [
                {
                    ctx.t("nav.team"): c.team_name,
                    "#": c.id,
                    ctx.t("card.title"): c.title,
                    ctx.t("imp.stage"): stage_label(ctx, c.stage),
                    ctx.t("card.owner"): c.owner or "",
                }
                for c in cards
            ]
        ),
        hide_index=True,
    )

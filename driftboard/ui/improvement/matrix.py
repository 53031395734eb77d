"""The impact/effort matrix: the cards waiting to be chosen, placed by their scores; click a dot
to open the card, or set a card's scores in the form below."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from driftboard.improvement import is_scored, jitter, on_matrix, quadrant
from driftboard.services import improvement
from driftboard.services.improvement_board import CardView, ImprovementBoardView
from driftboard.ui.board_parts import tv_chart
from driftboard.ui.improvement.card import open_card, seen_versions, stage_label
from driftboard.ui.page import PageContext, run_intent


def matrix(ctx: PageContext, view: ImprovementBoardView) -> None:
    """Cards waiting to be chosen by impact and effort; click a dot to open its card."""
    st.caption(ctx.t("imp.matrix_help"))
    candidates = [c for c in view.cards if on_matrix(c.stage)]
    scored = [c for c in candidates if is_scored(c.impact, c.effort)]
    if scored:
        _matrix_chart(ctx, scored)
    else:
        st.info(ctx.t("imp.matrix_empty"))
    if not candidates:
        return
    seen = seen_versions(candidates, "matrix")
    by_id = {c.id: c for c in candidates}
    with st.form("scores"):
        st.markdown(f"**{ctx.t('imp.set_scores')}**")
        card_id = st.selectbox(ctx.t("imp.card"), list(by_id), format_func=lambda i: f"#{i} {by_id[i].title}")
        left, right = st.columns(2)
        impact = left.slider(ctx.t("card.impact"), 1, 5, 3)
        effort = right.slider(ctx.t("card.effort"), 1, 5, 3)
        if st.form_submit_button(ctx.t("card.save"), type="primary"):
            run_intent(
                ctx,
                lambda: improvement.edit_card(
                    ctx.actor, card_id, {"impact": impact, "effort": effort}, seen_version=seen[card_id]
                ),
                done=ctx.t("card.saved"),
            )


def _matrix_chart(ctx: PageContext, scored: list[CardView]) -> None:
    points = []
    for c in scored:
        assert c.impact is not None and c.effort is not None
        dx, dy = jitter(c.id)
        points.append(
            {"id": c.id, "title": c.title, "effort": c.effort + dx, "impact": c.impact + dy,
             "quadrant": ctx.t(f"quadrant.{quadrant(c.impact, c.effort)}"), "stage": stage_label(ctx, c.stage)}
        )  # fmt: skip
    data = pd.DataFrame(points)
    labels = pd.DataFrame(
        [
            {"effort": 1.6, "impact": 5.35, "text": ctx.t("quadrant.quick_wins")},
            {"effort": 4.4, "impact": 5.35, "text": ctx.t("quadrant.big_projects")},
            {"effort": 1.6, "impact": 0.65, "text": ctx.t("quadrant.fill_ins")},
            {"effort": 4.4, "impact": 0.65, "text": ctx.t("quadrant.thankless")},
        ]
    )
    scale = alt.Scale(domain=[0.5, 5.5])
    pick = alt.selection_point(fields=["id"], name="pick")
    dots = (
        alt.Chart(data)
        .mark_circle(size=420, opacity=0.85)
        .encode(
            x=alt.X("effort:Q", scale=scale, title=ctx.t("card.effort")),
            y=alt.Y("impact:Q", scale=scale, title=ctx.t("card.impact")),
            color=alt.Color("stage:N", title=None),
            tooltip=[alt.Tooltip("title:N", title=ctx.t("card.title")), alt.Tooltip("quadrant:N", title="")],
        )
        .add_params(pick)
    )
    names = alt.Chart(data).mark_text(dy=-18, fontSize=13).encode(x="effort:Q", y="impact:Q", text="id:N")
    rules = alt.Chart(pd.DataFrame({"v": [3.0]})).mark_rule(strokeDash=[4, 4], color="#8a8a8a")
    quadrant_names = (
        alt.Chart(labels)
        .mark_text(fontSize=16, fontWeight="bold", color="#4a5563")
        .encode(x="effort:Q", y="impact:Q", text="text:N")
    )
    chart = alt.layer(dots, names, rules.encode(x="v:Q"), rules.encode(y="v:Q"), quadrant_names).properties(height=460)

    def picked() -> None:
        selection = st.session_state.get("matrix_chart")
        chosen = [p.get("id") for p in ((selection or {}).get("selection", {}).get("pick") or [])]
        if chosen:
            open_card(int(chosen[0]))

    st.altair_chart(tv_chart(chart), width="stretch", on_select=picked, key="matrix_chart")

"""Errors and Pareto: register errors by category, the Pareto chart of a period, and a new card
for a category with one click."""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from driftboard.bounds import Bounds
from driftboard.i18n import fmt_date, fmt_number
from driftboard.imports import MAX_COUNT
from driftboard.improvement import CardOrigin, pareto
from driftboard.services import improvement_pareto, masterdata
from driftboard.ui.board_parts import tv_chart
from driftboard.ui.improvement.board import NEW_CARD_ORIGIN, NEW_CARD_PREFILL, TABS_KEY
from driftboard.ui.number_entry import number_entry, refused
from driftboard.ui.page import PageContext, flash, run_intent


def errors_and_pareto(ctx: PageContext, team_id: int, today: dt.date) -> None:
    """Register errors; the Pareto chart of a period; a card for a category with one click."""
    task_rows = masterdata.tasks_frame(team_id).query("active")
    tasks = dict(zip(task_rows["id"].astype(int), task_rows["name"], strict=True))
    _error_form(ctx, team_id, today, tasks)
    cols = st.columns(3)
    task_id = cols[0].selectbox(
        ctx.t("ops.col.task"),
        [None, *tasks],
        format_func=lambda t: ctx.t("imp.all_tasks") if t is None else tasks[t],
        key="pareto_task",
    )
    start = cols[1].date_input(
        ctx.t("imp.from"), value=today - dt.timedelta(weeks=8), format="DD.MM.YYYY", key="pareto_from"
    )
    end = cols[2].date_input(ctx.t("imp.to"), value=today, format="DD.MM.YYYY", key="pareto_to")
    rows = pareto(improvement_pareto.error_counts(team_id, start, end, task_id))
    if not rows:
        st.info(ctx.t("imp.no_errors"))
        return
    _pareto_chart(ctx, rows)
    st.caption(ctx.t("imp.pareto_help"))
    category = st.selectbox(ctx.t("imp.category"), [r.category for r in rows], key="pareto_category")
    row = next(r for r in rows if r.category == category)
    problem = ctx.t(
        "imp.pareto_problem",
        count=row.count,
        total=sum(r.count for r in rows),
        share=fmt_number(row.share_pct, ctx.lang, 0),
        category=category,
        period=f"{fmt_date(start, ctx.lang)}–{fmt_date(end, ctx.lang)}",
        task=tasks.get(task_id, ctx.t("imp.all_tasks")),
    )
    st.button(
        ctx.t("imp.card_from_pareto"),
        icon=":material/lightbulb:",
        key="pareto_card",
        on_click=_card_from_pareto,
        args=(ctx, category, problem, start, end),
    )


def _card_from_pareto(ctx: PageContext, category: str, problem: str, start: dt.date, end: dt.date) -> None:
    """Fill in the new-card form on the board tab (before its widgets are drawn) and go there."""
    st.session_state[NEW_CARD_PREFILL] = {
        "new_title": ctx.t("imp.pareto_title", category=category),
        "new_problem": problem,
        "new_idea": "",
    }
    st.session_state[NEW_CARD_ORIGIN] = {
        "kind": CardOrigin.PARETO.value,
        "params": {"category": category, "start": start.isoformat(), "end": end.isoformat()},
    }
    st.session_state[TABS_KEY] = ctx.t("imp.tab.board")
    flash(ctx.t("imp.prefilled"))


def _error_form(ctx: PageContext, team_id: int, today: dt.date, tasks: dict[int, str]) -> None:
    with st.form("register_errors"):
        st.markdown(f"**{ctx.t('imp.register')}**")
        cols = st.columns(4)
        task_id = cols[0].selectbox(
            ctx.t("ops.col.task"), [None, *tasks], format_func=lambda t: "–" if t is None else tasks[t]
        )
        day = cols[1].date_input(ctx.t("plan.date"), value=today, max_value=today, format="DD.MM.YYYY")
        category = cols[2].selectbox(
            ctx.t("imp.category"),
            improvement_pareto.error_categories(team_id),
            index=None,
            accept_new_options=True,
            placeholder=ctx.t("imp.category_new"),
        )
        count = number_entry(
            ctx,
            ctx.t("imp.count"),
            key="error_count",
            current=1,
            bounds=Bounds(1, MAX_COUNT),
            whole=True,
            container=cols[3],
        )
        if st.form_submit_button(ctx.t("imp.register_button"), type="primary") and not refused([count]):
            run_intent(
                ctx,
                lambda: improvement_pareto.register_errors(
                    ctx.actor, team_id, day=day, category=category or "", count=int(count.value), task_id=task_id
                ),
                done=ctx.md("imp.registered", count=int(count.value), category=category),
                clear=("error_count",),
            )


def _pareto_chart(ctx: PageContext, rows: list[Any]) -> None:
    data = pd.DataFrame(
        [{"category": r.category, "count": r.count, "cumulative": r.cumulative_pct, "vital": r.vital_few} for r in rows]
    )
    order = data["category"].tolist()
    bars = (
        alt.Chart(data)
        .mark_bar(color="#1f5fae")
        .encode(
            x=alt.X("category:N", sort=order, title=None, axis=alt.Axis(labelAngle=-30, labelLimit=240)),
            y=alt.Y("count:Q", title=ctx.t("imp.count")),
            opacity=alt.condition("datum.vital", alt.value(1.0), alt.value(0.45)),
        )
    )
    line = (
        alt.Chart(data)
        .mark_line(color="#c62828", strokeWidth=3, point=True)
        .encode(
            x=alt.X("category:N", sort=order),
            y=alt.Y("cumulative:Q", title=ctx.t("imp.cumulative"), scale=alt.Scale(domain=[0, 100])),
        )
    )
    eighty = (
        alt.Chart(pd.DataFrame({"y": [80]}))
        .mark_rule(strokeDash=[6, 4], color="#f57c00", strokeWidth=2)
        .encode(y="y:Q")
    )
    chart = alt.layer(bars, alt.layer(line, eighty)).resolve_scale(y="independent").properties(height=380)
    st.altair_chart(tv_chart(chart), width="stretch")

"""The planning page's forecast and workplace sections: forecast intake → hours needed → hours
planned per task and day with the backtest's errors, a chart of history and forecast, "fill from
forecast", and where people work with the unit's office-day rule."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import altair as alt
import pandas as pd
import streamlit as st

from driftboard import admin, forecast, planning
from driftboard.domain import DomainError, PlanStatus
from driftboard.i18n import fmt_day, fmt_number
from driftboard.services import forecast as forecast_service
from driftboard.services import plan_grid, workplace
from driftboard.ui.page import PageContext, run_intent
from driftboard.ui.tables import editable_table, seen_versions, summary_text
from driftboard.ui.text import md_escape
from driftboard.workplace import Place


@st.cache_data(show_spinner=False, max_entries=64, ttl=6 * 3600)
def _team_forecast(
    url: str, team_id: int, monday: dt.date, stamp: tuple[int, str], expected: tuple[tuple[int, float], ...]
) -> forecast_service.TeamForecast:
    """The fitted forecast, shared by every session until the team's intake (``stamp``) or its
    tasks' expected volumes change: fitting is the slow part, reading the stamp one query."""
    return forecast_service.team_forecast(team_id, monday, dict(expected))


def team_forecast(team_id: int, monday: dt.date, tasks: pd.DataFrame) -> forecast_service.TeamForecast:
    active = tasks.loc[tasks["active"]]
    expected = tuple((int(r.id), float(r.expected_daily_volume)) for r in active.itertuples())
    stamp = forecast_service.intake_stamp(team_id)
    return _team_forecast(admin.database_url(), team_id, monday, stamp, expected)


def _loads(people: pd.DataFrame, factors: planning.PlanningFactors) -> dict[str, float]:
    """Each person's load as planned volume counts it (the board leader at 75 %), by name."""
    return {
        r.name: planning.person_load(planning.leader_flags(r.team_leader, r.board_leader), factors)
        for r in people.itertuples()
    }


def planned_case_hours(
    grid: pd.DataFrame, people: pd.DataFrame, factors: planning.PlanningFactors, days: tuple[dt.date, ...]
) -> dict[tuple[str, dt.date], float]:
    """Hours on cases the grid plans per task name and day (``planning.case_hours``)."""
    load = _loads(people, factors)
    planned: dict[tuple[str, dt.date], float] = defaultdict(float)
    for row in grid.to_dict("records"):
        for column, day in zip(plan_grid.DAY_COLUMNS, days, strict=True):
            hours = row.get(column)
            if hours and not pd.isna(hours):
                planned[(row["task"], day)] += planning.case_hours(hours, factors, load.get(row["person"], 1.0))
    return planned


def _errors_text(ctx: PageContext, errors: forecast.Errors | None) -> str:
    if errors is None:
        return "–"
    return ctx.t("fc.error", mae=fmt_number(errors.mae, ctx.lang, 1), mape=fmt_number(errors.mape, ctx.lang, 0))


def _method_text(ctx: PageContext, result: forecast.TaskForecast) -> str:
    return ctx.t(f"fc.method.{result.method.value}", weeks=result.history_weeks, needed=forecast.MIN_HISTORY_WEEKS)


def forecast_section(
    ctx: PageContext,
    team_id: int,
    monday: dt.date,
    *,
    tasks: pd.DataFrame,
    people: pd.DataFrame,
    grid: pd.DataFrame,
    factors: planning.PlanningFactors,
    plan_status: PlanStatus | None,
    seen_version: int | None,
    grid_key: str,
) -> None:
    """Per task and day: forecast cases → hours needed → hours planned; how each task is
    forecast and the backtest's errors; the chart; and "fill from forecast" on a draft."""
    result = team_forecast(team_id, monday, tasks)
    week = result.days[:5]
    active = tasks.loc[tasks["active"]]
    planned = planned_case_hours(grid, people, factors, week)
    st.markdown(f"### {ctx.t('fc.title')}")
    st.caption(ctx.t("fc.help"))
    rows, methods, short = [], [], []
    for task in active.itertuples():
        found = result.tasks[int(task.id)]
        needs = {d: forecast.hours_for_forecast(found.cases(d), task.minutes_per_case, factors) for d in week}
        label = md_escape(task.name)
        for key, values in (
            ("fc.row.cases", [fmt_number(needs[d].cases, ctx.lang) for d in week]),
            ("fc.row.needed", [fmt_number(needs[d].case_hours, ctx.lang, 1) for d in week]),
            ("fc.row.planned", [fmt_number(planned[(task.name, d)], ctx.lang, 1) for d in week]),
        ):
            rows.append(
                {ctx.t("ops.col.task"): label, ctx.t("fc.col.row"): ctx.t(key)}
                | {fmt_day(d, ctx.lang): v for d, v in zip(week, values, strict=True)}
            )
        methods.append(
            {
                ctx.t("ops.col.task"): label,
                ctx.t("fc.col.method"): _method_text(ctx, found),
                ctx.t("fc.col.model_error"): _errors_text(ctx, found.model_errors),
                ctx.t("fc.col.baseline_error"): _errors_text(ctx, found.baseline_errors),
            }
        )
        short += [
            (task.name, d, needs[d].case_hours, planned[(task.name, d)])
            for d in week
            if planned[(task.name, d)] + 0.05 < needs[d].case_hours
        ]
    st.table(pd.DataFrame(rows), hide_index=True)
    st.table(pd.DataFrame(methods), hide_index=True)
    if plan_status is not None and short:
        with st.expander(ctx.t("fc.short_title", count=len(short))):
            for name, day, needed, have in short:
                st.markdown(
                    "- "
                    + ctx.md(
                        "fc.short",
                        task=name,
                        day=fmt_day(day, ctx.lang),
                        needed=fmt_number(needed, ctx.lang, 1),
                        planned=fmt_number(have, ctx.lang, 1),
                    )
                )
    _chart(ctx, result, active)
    if plan_status is not PlanStatus.PUBLISHED:
        st.caption(ctx.t("fc.fill_help"))
        if st.button(ctx.t("fc.fill"), icon=":material/auto_awesome:", key="fill_from_forecast"):
            run_intent(
                ctx,
                lambda: fill_from_forecast(ctx, team_id, monday, result, active, seen_version, grid_key),
                done=lambda count: ctx.t("fc.filled", count=count),
            )


def fill_from_forecast(
    ctx: PageContext,
    team_id: int,
    monday: dt.date,
    result: forecast_service.TeamForecast,
    tasks: pd.DataFrame,
    seen_version: int | None,
    grid_key: str,
) -> int:
    """Propose the week from the forecast and save it as the draft (the grid's own save, so the
    plan's version check and the competence warnings are the same). Returns the assignments;
    refused, changing nothing, when nobody can be planned."""
    people, factors = forecast_service.plannable_people(team_id, monday)
    week = result.days[:5]
    minutes = {int(t.id): t.minutes_per_case for t in tasks.itertuples()}
    needs = {
        (tid, d): forecast.hours_for_forecast(result.tasks[tid].cases(d), minutes[tid], factors).case_hours
        for tid in minutes
        for d in week
    }
    proposal = forecast.propose_plan(week, needs, people, factors, task_order=list(minutes))
    if not proposal:  # nobody competent and present: keep the draft as it is rather than empty it
        raise DomainError("nobody in the team can be planned on these tasks", message_key="fc.no_people")
    names = {p.person_id: p.name for p in people}
    task_names = dict(zip(tasks["id"].astype(int), tasks["name"], strict=True))
    cells: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for a in proposal:
        cells[(names[a.person_id], task_names[a.task_id])][plan_grid.DAY_COLUMNS[week.index(a.date)]] = a.hours
    rows = [{"person": p, "task": t, **hours} for (p, t), hours in sorted(cells.items())]
    plan_grid.save_grid(ctx.actor, team_id, monday, rows, seen_version=seen_version)
    revision = f"{grid_key}_rev"  # the grid's editor (ui.tables.editable_table) starts from the saved draft
    st.session_state[revision] = st.session_state.get(revision, 0) + 1
    return len(proposal)


def _chart(ctx: PageContext, result: forecast_service.TeamForecast, tasks: pd.DataFrame) -> None:
    labels = dict(zip(tasks["id"].astype(int), tasks["name"], strict=True))
    if not labels:
        return
    task_id = st.selectbox(ctx.t("ops.col.task"), list(labels), format_func=labels.get, key="fc_chart_task")
    history = ctx.t("fc.chart.history")
    ahead = ctx.t("fc.chart.forecast")
    data = pd.DataFrame(
        [{"date": d, "cases": v, "series": history} for d, v in sorted(result.history.get(task_id, {}).items())]
        + [{"date": d, "cases": v, "series": ahead} for d, v in sorted(result.tasks[task_id].days.items())],
        columns=["date", "cases", "series"],
    )
    data["date"] = pd.to_datetime(data["date"])
    chart = (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=18))
        .encode(
            x=alt.X("date:T", title=ctx.t("fc.chart.date"), axis=alt.Axis(format="%d.%m")),
            y=alt.Y("cases:Q", title=ctx.t("fc.chart.cases")),
            color=alt.Color(
                "series:N",
                title=ctx.t("fc.chart.series"),
                scale=alt.Scale(domain=[history, ahead], range=["#1f5fae", "#f57c00"]),
            ),
            tooltip=[alt.Tooltip("date:T", format="%d.%m.%Y"), "cases:Q", "series:N"],
        )
        .properties(height=260, title=alt.TitleParams(f"{ctx.t('fc.chart')} · {labels[task_id]}", anchor="start"))
    )
    st.altair_chart(chart, width="stretch")


# --------------------------------------------------------------------------- where people work


def workplace_section(ctx: PageContext, team_id: int, monday: dt.date, days: tuple[dt.date, ...]) -> None:
    """Office / home / elsewhere per person and day, saved with the versions the page showed,
    and a warning for everyone below the unit's office days."""
    view = workplace.week_places(team_id, monday)
    key = f"places_{team_id}_{monday.isoformat()}"
    # The save is checked against the cells the grid showed when the editing began (every edited
    # cell reruns the page and re-reads). An empty cell is shown as version None, so a cell a
    # colleague fills in the meantime is refused too, not overwritten with the stale empty one.
    shown = {(int(pid), day): view.versions.get((int(pid), day)) for pid in view.frame["person_id"] for day in days}
    seen = seen_versions(key, shown)
    st.markdown(f"### {ctx.t('wp.title')}")
    places = [p.value for p in Place]
    editable_table(
        ctx,
        key,
        view.frame,
        {
            "person": st.column_config.TextColumn(ctx.t("ops.col.person")),
            **{
                column: st.column_config.SelectboxColumn(
                    fmt_day(day, ctx.lang), options=places, format_func=lambda v: ctx.t(f"wp.{v}")
                )
                for column, day in zip(workplace.DAY_COLUMNS, days, strict=True)
            },
        },
        caption=ctx.t("wp.help", required=view.required) if view.required else ctx.t("wp.help_none"),
        save=lambda rows: workplace.save_week_places(ctx.actor, team_id, monday, rows, seen=seen),
        message=lambda result: ctx.t("wp.saved", summary=summary_text(ctx, result)),
        fixed_rows=True,
        disabled=["person"],
        save_label=ctx.t("wp.save"),
    )
    for gap in view.short:
        st.warning(
            ctx.md("wp.short", person=gap.person, office=gap.office_days, required=gap.required),
            icon=":material/apartment:",
        )

"""Week planning for the team leader: the plan grid, absences, publishing, competences."""

import datetime as dt

import pandas as pd
import streamlit as st

from driftboard import clock, opsboard
from driftboard.domain import AbsenceKind, CompetenceLevel, DomainError, PlanStatus
from driftboard.i18n import fmt_day, fmt_number, fmt_week
from driftboard.services import masterdata, operations, weekplan
from driftboard.status import Status
from driftboard.ui.board_parts import status_badge
from driftboard.ui.page import flash, setup_page, show_domain_error
from driftboard.ui.text import md_escape

ctx = setup_page("planning")
team = ctx.team
if team is None:
    st.warning(ctx.t("home.no_teams"))
    st.stop()

today = clock.today()
# Thursday onwards the leader plans the coming week.
default_week = operations.week_start(today) + dt.timedelta(weeks=1 if today.weekday() >= 3 else 0)
st.title(f"{ctx.t('page.planning')} · {team.name}")
chosen = st.date_input(ctx.t("plan.week"), value=default_week, format="DD.MM.YYYY", key="plan_week")
monday = operations.week_start(chosen)
days = opsboard.week_days_of(monday)
info = weekplan.plan_info(team.id, monday)

status_text = ctx.t(f"plan.status.{info.status.value}") if info.status else ctx.t("plan.status.none")
st.markdown(f"### {fmt_week(monday, ctx.lang, with_year=True)} · {status_text}")
if info.status is PlanStatus.PUBLISHED and info.published_by:
    st.caption(ctx.t("plan.published_by", who=md_escape(info.published_by)))

actions = st.columns(3)
if info.status is None and actions[0].button(ctx.t("plan.copy"), icon=":material/content_copy:"):
    try:
        copied, skipped = weekplan.copy_previous_week(ctx.actor, team.id, monday)
    except DomainError as error:
        show_domain_error(ctx, error)
    else:
        flash(ctx.t("plan.copied", copied=copied, skipped=skipped))
        st.rerun()
if info.status is PlanStatus.DRAFT and actions[1].button(
    ctx.t("plan.publish"), type="primary", icon=":material/publish:"
):
    try:
        operations.publish_week_plan(ctx.actor, team.id, monday, seen_version=info.version)
    except DomainError as error:
        show_domain_error(ctx, error)
    else:
        flash(ctx.t("plan.published"))
        st.rerun()

# ----------------------------------------------------------------- the grid: people × work days
people = masterdata.people_frame(team.id)
tasks = masterdata.tasks_frame(team.id)
grid = weekplan.grid_frame(team.id, monday)
# The team's people, plus anyone borrowed from another team who is already in the plan.
plan_people = sorted({*people.loc[people["active"], "name"], *grid["person"].dropna()})
revision = st.session_state.setdefault("grid_rev", 0)
day_config = {
    column: st.column_config.NumberColumn(fmt_day(d, ctx.lang), min_value=0, max_value=24, step=0.25)
    for column, d in zip(weekplan.DAY_COLUMNS, days, strict=True)
}
st.markdown(f"#### {ctx.t('plan.grid')}")
st.caption(ctx.t("plan.grid_help"))
edited = st.data_editor(
    grid,
    key=f"grid_editor_{monday.isoformat()}_{revision}",
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    column_config={
        "person": st.column_config.SelectboxColumn(ctx.t("ops.col.person"), options=plan_people, required=True),
        "task": st.column_config.SelectboxColumn(
            ctx.t("ops.col.task"), options=tasks.loc[tasks["active"], "name"].tolist(), required=True
        ),
        **day_config,
    },
)
reason = ""
if info.status is PlanStatus.PUBLISHED:
    reason = st.text_input(ctx.t("plan.reason"), key="grid_reason")
if st.button(ctx.t("plan.save"), type="primary", icon=":material/save:", key="grid_save"):
    try:
        warnings = weekplan.save_grid(
            ctx.actor, team.id, monday, edited.to_dict("records"), seen_version=info.version, reason=reason
        )
    except DomainError as error:
        show_domain_error(ctx, error)
    else:
        st.session_state["grid_rev"] = revision + 1
        if warnings:
            st.session_state["not_competent"] = [(w.person, w.task, w.date) for w in warnings]
        flash(ctx.t("plan.saved"))
        st.rerun()
for person, task, date in st.session_state.pop("not_competent", []):
    st.warning(
        ctx.t("plan.not_competent", person=md_escape(person), task=md_escape(task), day=fmt_day(date, ctx.lang)),
        icon=":material/school:",
    )

# ----------------------------------------------------------------- capacity per day
factors = masterdata.team_factors(team.id)
st.markdown(f"#### {ctx.t('plan.capacity')}")
st.caption(
    ctx.t(
        "plan.capacity_help",
        cf=fmt_number(factors.customer_facing_hours, ctx.lang, 1),
        daily=fmt_number(factors.daily_hours, ctx.lang, 1),
        leader=fmt_number(factors.board_leader_load_pct, ctx.lang),
        reserve=fmt_number(factors.development_reserve_pct, ctx.lang),
    )
)
st.table(
    pd.DataFrame(
        [
            {
                ctx.t("plan.date"): fmt_day(c.date, ctx.lang),
                ctx.t("plan.cap.available"): fmt_number(c.available, ctx.lang, 1),
                ctx.t("plan.cap.planned"): fmt_number(c.planned, ctx.lang, 1),
                ctx.t("plan.cap.needed"): fmt_number(c.needed, ctx.lang, 1),
            }
            for c in weekplan.capacity_summary(team.id, monday)
        ]
    ),
    hide_index=True,
)

# ----------------------------------------------------------------- absences
st.markdown(f"#### {ctx.t('plan.absences')}")
absences = weekplan.absences_frame(team.id, monday)
absence_rev = st.session_state.setdefault("absence_rev", 0)
edited_absences = st.data_editor(
    absences,
    key=f"absence_editor_{monday.isoformat()}_{absence_rev}",
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    column_order=["person", "date", "kind", "hours", "note"],
    column_config={
        "person": st.column_config.SelectboxColumn(
            ctx.t("ops.col.person"), options=people["name"].tolist(), required=True
        ),
        "date": st.column_config.DateColumn(
            ctx.t("plan.date"), min_value=monday, max_value=days[-1], format="DD.MM.YYYY", required=True
        ),
        "kind": st.column_config.SelectboxColumn(
            ctx.t("plan.kind"),
            options=[k.value for k in AbsenceKind],
            format_func=lambda k: ctx.t(f"absence.{k}"),
            required=True,
        ),
        "hours": st.column_config.NumberColumn(
            ctx.t("ops.hours"), min_value=0.25, max_value=24, step=0.25, default=7.5, required=True
        ),
        "note": st.column_config.TextColumn(ctx.t("ops.note"), max_chars=240),
    },
)
if st.button(ctx.t("plan.save_absences"), icon=":material/save:", key="absence_save"):
    try:
        count = weekplan.save_absences(ctx.actor, team.id, monday, edited_absences.to_dict("records"))
    except DomainError as error:
        show_domain_error(ctx, error)
    else:
        st.session_state["absence_rev"] = absence_rev + 1
        flash(ctx.t("plan.absences_saved", count=count))
        st.rerun()

# ----------------------------------------------------------------- competence matrix
st.markdown(f"#### {ctx.t('plan.competences')}")
st.caption(ctx.t("plan.competences_help"))
matrix = weekplan.competence_frame(team.id)
task_labels = dict(zip(tasks["id"].astype(str), tasks["name"], strict=True))
competence_rev = st.session_state.setdefault("competence_rev", 0)
edited_matrix = st.data_editor(
    matrix,
    key=f"competence_editor_{competence_rev}",
    hide_index=True,
    width="stretch",
    column_order=["person", *task_labels],
    disabled=["person"],
    column_config={
        "person": st.column_config.TextColumn(ctx.t("ops.col.person")),
        **{
            column: st.column_config.SelectboxColumn(
                label, options=[lvl.value for lvl in CompetenceLevel], format_func=lambda v: ctx.t(f"competence.{v}")
            )
            for column, label in task_labels.items()
        },
    },
)
if st.button(ctx.t("plan.save_competences"), icon=":material/save:", key="competence_save"):
    try:
        changed = weekplan.save_competence_frame(ctx.actor, team.id, edited_matrix.to_dict("records"))
    except DomainError as error:
        show_domain_error(ctx, error)
    else:
        st.session_state["competence_rev"] = competence_rev + 1
        flash(ctx.t("plan.competences_saved", count=changed))
        st.rerun()

rule_rows = []
for line in operations.load_board(team.id, monday).board.tasks:
    check = line.competence
    rule_rows.append(
        {
            ctx.t("ops.col.task"): md_escape(line.task.name),
            ctx.t("plan.rule.need"): fmt_number(check.need_fte, ctx.lang, 1),
            ctx.t("plan.rule.competent"): check.competent,
            ctx.t("plan.rule.required"): check.required,
            ctx.t("ops.col.status"): status_badge(
                ctx, Status.GREEN if check.ok else Status.RED, ctx.t("plan.rule.ok" if check.ok else "plan.rule.short")
            ),
        }
    )
st.table(pd.DataFrame(rule_rows), hide_index=True)

"""Week planning for the team leader: the plan grid, absences, publishing, competences."""

import pandas as pd
import streamlit as st

from driftboard import calendar, clock
from driftboard.domain import AbsenceKind, CompetenceLevel, PlanStatus
from driftboard.i18n import fmt_day, fmt_number, fmt_week
from driftboard.services import absences, capacity, competence, history, masterdata, plan_grid, weekplan
from driftboard.services.common import page_reads
from driftboard.status import Status
from driftboard.ui.board_parts import status_badge
from driftboard.ui.forecast_view import forecast_section, workplace_section
from driftboard.ui.history_view import history_expander
from driftboard.ui.page import run_intent, setup_team_page
from driftboard.ui.tables import editable_table, seen_versions, summary_text
from driftboard.ui.text import md_escape

# One read transaction for the page's run: one snapshot, each shared lookup made once.
with page_reads():
    ctx, team = setup_team_page("planning")

    today = clock.today()
    st.title(f"{ctx.t('page.planning')} · {md_escape(team.name)}")
    chosen = st.date_input(
        ctx.t("plan.week"), value=calendar.planning_week(today), format="DD.MM.YYYY", key="plan_week"
    )
    monday = calendar.week_start(chosen)
    days = calendar.work_days(monday)
    info = weekplan.plan_info(team.id, monday)

    status_text = ctx.t(f"plan.status.{info.status.value}") if info.status else ctx.t("plan.status.none")
    st.markdown(f"## {fmt_week(monday, ctx.lang, with_year=True)} · {status_text}")
    if info.status is PlanStatus.PUBLISHED and info.published_by:
        st.caption(ctx.t("plan.published_by", who=md_escape(info.published_by)))

    # The version this person saw is the one the previous render showed (kept per plan), not the one
    # re-read in the click's own rerun: otherwise someone else's change in between is never noticed.
    # While the grid is being edited it stays the version the editing began from (each edited cell
    # reruns the page). No plan yet: NO_PLAN, so a plan someone else makes meanwhile is not replaced.
    shown_version = weekplan.NO_PLAN if info.version is None else info.version
    seen_version = seen_versions(f"grid_{team.id}_{monday.isoformat()}", {"plan": shown_version})["plan"]

    actions = st.columns(3)
    if info.status is None and actions[0].button(ctx.t("plan.copy"), icon=":material/content_copy:"):
        run_intent(
            ctx,
            lambda: weekplan.copy_previous_week(ctx.actor, team.id, monday),
            done=lambda result: ctx.t("plan.copied", copied=result[0], skipped=result[1]),
        )
    if info.status is PlanStatus.DRAFT and actions[1].button(
        ctx.t("plan.publish"), type="primary", icon=":material/publish:"
    ):
        run_intent(
            ctx,
            lambda: weekplan.publish_week_plan(ctx.actor, team.id, monday, seen_version=seen_version),
            done=ctx.t("plan.published"),
        )

    # ----------------------------------------------------------------- the grid: people × work days
    people = masterdata.people_frame(team.id)
    tasks = masterdata.tasks_frame(team.id)
    grid = plan_grid.grid_frame(team.id, monday)
    # The team's people, plus anyone borrowed from another team who is already in the plan.
    plan_people = sorted({*people.loc[people["active"], "name"], *grid["person"].dropna()})
    day_config = {
        column: st.column_config.NumberColumn(fmt_day(d, ctx.lang), min_value=0, max_value=24, step=0.25)
        for column, d in zip(plan_grid.DAY_COLUMNS, days, strict=True)
    }
    st.markdown(f"### {ctx.t('plan.grid')}")
    st.caption(ctx.t("plan.grid_help"))
    reason = ""
    if info.status is PlanStatus.PUBLISHED:
        reason = st.text_input(ctx.t("plan.reason"), key="grid_reason")

    def grid_saved(result: plan_grid.GridSave) -> str:
        st.session_state["not_competent"] = [(w.person, w.task, w.date) for w in result.not_competent]
        return ctx.t("plan.saved")

    editable_table(
        ctx,
        f"grid_{team.id}_{monday.isoformat()}",
        grid,
        {
            "person": st.column_config.SelectboxColumn(ctx.t("ops.col.person"), options=plan_people, required=True),
            "task": st.column_config.SelectboxColumn(
                ctx.t("ops.col.task"), options=tasks.loc[tasks["active"], "name"].tolist(), required=True
            ),
            **day_config,
        },
        save=lambda rows: plan_grid.save_grid(
            ctx.actor, team.id, monday, rows, seen_version=seen_version, reason=reason
        ),
        message=grid_saved,
        save_label=ctx.t("plan.save"),
    )
    for person, task, date in st.session_state.pop("not_competent", []):
        st.warning(
            ctx.t("plan.not_competent", person=md_escape(person), task=md_escape(task), day=fmt_day(date, ctx.lang)),
            icon=":material/school:",
        )
    history_expander(ctx, "history_plan", lambda: history.plan_history(team.id, monday))

    # ----------------------------------------------------------------- forecast → hours needed → planned
    factors = masterdata.team_factors(team.id)
    forecast_section(
        ctx,
        team.id,
        monday,
        tasks=tasks,
        people=people,
        grid=grid,
        factors=factors,
        plan_status=info.status,
        seen_version=seen_version,
        grid_key=f"grid_{team.id}_{monday.isoformat()}",
    )

    # ----------------------------------------------------------------- capacity per day
    st.markdown(f"### {ctx.t('plan.capacity')}")
    st.caption(
        ctx.t(
            "plan.capacity_help",
            cf=fmt_number(factors.customer_facing_hours, ctx.lang, 1),
            daily=fmt_number(factors.daily_hours, ctx.lang, 1),
            leader=fmt_number(factors.board_leader_load_pct, ctx.lang),
            reserve=fmt_number(factors.development_reserve_pct, ctx.lang),
        )
    )
    per_day = capacity.capacity_summary(team.id, monday)
    st.table(
        pd.DataFrame(
            [
                {
                    ctx.t("plan.date"): fmt_day(c.date, ctx.lang),
                    ctx.t("plan.cap.available"): fmt_number(c.available, ctx.lang, 1),
                    ctx.t("plan.cap.planned"): fmt_number(c.planned, ctx.lang, 1),
                    ctx.t("plan.cap.needed"): fmt_number(c.needed, ctx.lang, 1),
                    ctx.t("ops.col.status"): status_badge(
                        ctx,
                        Status.RED if c.over else Status.GREEN,
                        ctx.t("plan.cap.over_short" if c.over else "plan.cap.ok"),
                    ),
                }
                for c in per_day
            ]
        ),
        hide_index=True,
    )
    for c in per_day:
        if c.over:
            st.warning(
                ctx.t(
                    "plan.cap.over",
                    day=fmt_day(c.date, ctx.lang),
                    planned=fmt_number(c.planned, ctx.lang, 1),
                    available=fmt_number(c.available, ctx.lang, 1),
                ),
                icon=":material/warning:",
            )

    # ----------------------------------------------------------------- absences
    st.markdown(f"### {ctx.t('plan.absences')}")

    def absences_saved(result: absences.AbsenceSave) -> str:
        summary = summary_text(ctx, result.summary)
        if result.freed_hours:
            return ctx.t("plan.absences_freed", summary=summary, hours=fmt_number(result.freed_hours, ctx.lang, 2))
        return ctx.t("plan.absences_saved", summary=summary)

    editable_table(
        ctx,
        f"absences_{team.id}_{monday.isoformat()}",
        absences.absences_frame(team.id, monday),
        {
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
        save=lambda rows: absences.save_absences(ctx.actor, team.id, monday, rows),
        message=absences_saved,
        save_label=ctx.t("plan.save_absences"),
    )

    workplace_section(ctx, team.id, monday, days)

    # ----------------------------------------------------------------- competence matrix
    st.markdown(f"### {ctx.t('plan.competences')}")
    task_labels = dict(zip(tasks["id"].astype(str), tasks["name"], strict=True))
    editable_table(
        ctx,
        f"competences_{team.id}",
        competence.competence_frame(team.id),
        {
            "person": st.column_config.TextColumn(ctx.t("ops.col.person")),
            **{
                column: st.column_config.SelectboxColumn(
                    label,
                    options=[lvl.value for lvl in CompetenceLevel],
                    format_func=lambda v: ctx.t(f"competence.{v}"),
                )
                for column, label in task_labels.items()
            },
        },
        caption=ctx.t("plan.competences_help"),
        save=lambda rows: competence.save_competence_frame(ctx.actor, team.id, rows),
        message=lambda result: ctx.t("plan.competences_saved", summary=summary_text(ctx, result)),
        fixed_rows=True,
        column_order=["person", *task_labels],
        disabled=["person"],
        save_label=ctx.t("plan.save_competences"),
    )
    borrowable = competence.borrowable_people(team.id)
    if borrowable and task_labels:
        with st.form("borrow_form"):
            st.caption(ctx.t("plan.borrow_help"))
            left, right = st.columns(2)
            borrowed = left.selectbox(
                ctx.t("plan.borrow_person"), list(borrowable), format_func=borrowable.get, key="borrow_person"
            )
            borrow_task = right.selectbox(
                ctx.t("ops.col.task"), list(task_labels), format_func=task_labels.get, key="borrow_task"
            )
            if st.form_submit_button(ctx.t("plan.borrow_add"), icon=":material/person_add:"):
                run_intent(
                    ctx,
                    lambda: competence.add_borrowed_person(ctx.actor, team.id, borrowed, int(borrow_task)),
                    done=ctx.md("plan.borrow_added", person=borrowable[borrowed], task=task_labels[borrow_task]),
                )

    rule_rows = []
    for task_name, check in competence.competence_rule(team.id):
        rule_rows.append(
            {
                ctx.t("ops.col.task"): md_escape(task_name),
                ctx.t("plan.rule.need"): fmt_number(check.need_fte, ctx.lang, 1),
                ctx.t("plan.rule.competent"): check.competent,
                ctx.t("plan.rule.required"): check.required,
                ctx.t("ops.col.status"): status_badge(
                    ctx,
                    Status.GREEN if check.ok else Status.RED,
                    ctx.t("plan.rule.ok" if check.ok else "plan.rule.short"),
                ),
            }
        )
    st.table(pd.DataFrame(rule_rows), hide_index=True)

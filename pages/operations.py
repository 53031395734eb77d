"""The operations board: today's plan, produced vs planned, red/green, holdings, changes."""

import streamlit as st

from driftboard import clock
from driftboard.domain import DomainError, PlanChangeKind
from driftboard.services import operations
from driftboard.ui import opsboard_view as view_parts
from driftboard.ui.page import flash, setup_page, show_domain_error
from driftboard.ui.text import md_escape

ctx = setup_page("operations")
team = ctx.team
if team is None:
    st.warning(ctx.t("home.no_teams"))
    st.stop()

today = clock.today()
day = today
if not ctx.kiosk:
    day = st.sidebar.date_input(ctx.t("ops.board_day"), value=today, format="DD.MM.YYYY", key="board_day")
view = operations.load_board(team.id, day)
board = view.board

view_parts.header(ctx, view, team.name)
left, right = st.columns([3, 2], gap="medium")
with left:
    view_parts.production_table(ctx, view)
    view_parts.cumulated_chart(ctx, view)
with right:
    view_parts.roster(ctx, view)
    view_parts.holdings_table(ctx, view)
bottom_left, bottom_right = st.columns([3, 2], gap="medium")
with bottom_left:
    view_parts.plan_changes(ctx, view)
with bottom_right:
    view_parts.capacity_warnings(ctx, view)

if ctx.kiosk:
    st.stop()

st.divider()
task_names = {t.id: t.name for t in view.tasks}
tab_production, tab_change, tab_import, tab_override = st.tabs(
    [ctx.t("ops.tab.production"), ctx.t("ops.tab.change"), ctx.t("ops.tab.import"), ctx.t("ops.tab.override")]
)

with tab_production, st.form("production_form"):
    entry_day = st.date_input(ctx.t("ops.entry_day"), value=day, max_value=today, format="DD.MM.YYYY")
    st.caption(ctx.t("ops.entry_help"))
    columns = st.columns(min(4, max(1, len(view.tasks))))
    values: dict[int, int | None] = {}
    for i, task in enumerate(view.tasks):
        cell = next((line.cell(entry_day) for line in board.tasks if line.task.id == task.id), None)
        values[task.id] = columns[i % len(columns)].number_input(
            md_escape(task.name),
            min_value=0,
            step=1,
            value=cell.produced if cell else None,
            placeholder=ctx.t("ops.not_registered"),
            key=f"produced_{task.id}",
        )
    if st.form_submit_button(ctx.t("ops.save_production"), type="primary", icon=":material/save:"):
        entered = {task_id: int(n) for task_id, n in values.items() if n is not None}
        if not entered:
            st.warning(ctx.t("ops.nothing_entered"))
        else:
            try:
                operations.record_production(ctx.actor, team.id, entry_day, entered)
            except DomainError as error:
                show_domain_error(ctx, error)
            else:
                flash(ctx.t("ops.production_saved", count=len(entered), day=entry_day.strftime("%d.%m")))
                st.rerun()

with tab_change:
    if view.plan_status is None or view.plan_status.value != "published":
        st.info(ctx.t("ops.err.no_plan"))
    else:
        people = dict(view.people)
        sick_col, move_col, overtime_col = st.columns(3, gap="medium")
        with sick_col, st.form("sick_form"):
            st.markdown(f"**{ctx.t('ops.sick.title')}**")
            who = st.selectbox(ctx.t("ops.col.person"), list(people), format_func=people.get, key="sick_person")
            note = st.text_input(ctx.t("ops.note"), key="sick_note")
            if st.form_submit_button(ctx.t("ops.sick.button"), icon=":material/sick:"):
                try:
                    operations.mark_sick(ctx.actor, team.id, who, day, note=note, lang=ctx.lang)
                except DomainError as error:
                    show_domain_error(ctx, error)
                else:
                    flash(ctx.t("ops.sick.done", name=people[who]))
                    st.rerun()
        with move_col, st.form("move_form"):
            st.markdown(f"**{ctx.t('ops.move.title')}**")
            candidates = {p.person_id: p for w in board.warnings for step in w.steps for p in step.candidates}
            options = {
                **people,
                **{pid: f"{c.name} ({c.team_name})" for pid, c in candidates.items() if pid not in people},
            }
            who = st.selectbox(ctx.t("ops.col.person"), list(options), format_func=options.get, key="move_person")
            source = st.selectbox(
                ctx.t("ops.move.from"),
                [None, *task_names],
                format_func=lambda t: ctx.t("ops.unplanned") if t is None else task_names[t],
                key="move_from",
            )
            target = st.selectbox(ctx.t("ops.move.to"), list(task_names), format_func=task_names.get, key="move_to")
            hours = st.number_input(
                ctx.t("ops.hours"), min_value=0.25, max_value=24.0, value=1.0, step=0.25, key="move_hours"
            )
            reason = st.selectbox(
                ctx.t("ops.col.why"),
                [k for k in PlanChangeKind if k not in (PlanChangeKind.SICKNESS, PlanChangeKind.OVERTIME)],
                format_func=lambda k: ctx.t(f"change.{k.value}"),
                key="move_reason",
            )
            note = st.text_input(ctx.t("ops.note"), key="move_note")
            if st.form_submit_button(ctx.t("ops.move.button"), icon=":material/swap_horiz:"):
                try:
                    operations.move_person(
                        ctx.actor, team.id, who, day, to_task_id=target, hours=hours, from_task_id=source,
                        kind=reason, note=note, lang=ctx.lang,
                    )  # fmt: skip
                except DomainError as error:
                    show_domain_error(ctx, error)
                else:
                    flash(ctx.t("ops.move.done"))
                    st.rerun()
        with overtime_col, st.form("overtime_form"):
            st.markdown(f"**{ctx.t('ops.overtime.title')}**")
            who = st.selectbox(ctx.t("ops.col.person"), list(people), format_func=people.get, key="ot_person")
            target = st.selectbox(ctx.t("ops.move.to"), list(task_names), format_func=task_names.get, key="ot_task")
            hours = st.number_input(
                ctx.t("ops.hours"), min_value=0.25, max_value=8.0, value=1.0, step=0.25, key="ot_hours"
            )
            note = st.text_input(ctx.t("ops.note"), key="ot_note")
            if st.form_submit_button(ctx.t("ops.overtime.button"), icon=":material/more_time:"):
                try:
                    operations.add_overtime(
                        ctx.actor, team.id, who, day, task_id=target, hours=hours, note=note, lang=ctx.lang
                    )
                except DomainError as error:
                    show_domain_error(ctx, error)
                else:
                    flash(ctx.t("ops.overtime.done", name=people[who]))
                    st.rerun()

with tab_import:
    st.caption(ctx.t("ops.import.help"))
    upload = st.file_uploader(ctx.t("ops.import.file"), type=["csv", "xlsx"], key="production_upload")
    if upload is not None and st.button(
        ctx.t("ops.import.button"), type="primary", icon=":material/upload:", key="import_production"
    ):
        try:
            result = operations.import_production(ctx.actor, upload.getvalue(), upload.name, today=today)
        except DomainError as error:
            show_domain_error(ctx, error)
        else:
            flash(ctx.t("ops.import.done", rows=result.rows, added=result.added, replaced=result.replaced))
            st.rerun()

with tab_override, st.form("override_form"):
    st.caption(ctx.t("ops.override.help"))
    columns = st.columns(4)
    task_id = columns[0].selectbox(ctx.t("ops.col.task"), list(task_names), format_func=task_names.get)
    override_day = columns[1].date_input(ctx.t("ops.entry_day"), value=day, format="DD.MM.YYYY", key="override_day")
    volume = columns[2].number_input(
        ctx.t("ops.override.volume"), min_value=0, step=1, value=None, key="override_volume"
    )
    reason_text = columns[3].text_input(ctx.t("ops.override.reason"), key="override_reason")
    save_col, remove_col = st.columns(2)
    if save_col.form_submit_button(ctx.t("ops.override.set"), type="primary"):
        try:
            if volume is None:
                raise DomainError(
                    "the planned volume must be a whole number of 0 or more", message_key="ops.err.volume"
                )
            operations.set_planned_volume(ctx.actor, team.id, task_id, override_day, int(volume), reason_text)
        except DomainError as error:
            show_domain_error(ctx, error)
        else:
            flash(ctx.t("ops.override.done"))
            st.rerun()
    if remove_col.form_submit_button(ctx.t("ops.override.remove")):
        operations.set_planned_volume(ctx.actor, team.id, task_id, override_day, None)
        flash(ctx.t("ops.override.removed"))
        st.rerun()

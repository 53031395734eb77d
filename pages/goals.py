"""The goal-steering board: KPIs on their target curves, control measures, actions, roll-up."""

import datetime as dt

import pandas as pd
import streamlit as st

from driftboard import clock, targets
from driftboard.domain import ActionStatus, DomainError, MeasureKind, OrgLevel, Period
from driftboard.i18n import fmt_date
from driftboard.services import goals
from driftboard.status import Status
from driftboard.ui import goals_view, kiosk
from driftboard.ui.board_parts import status_badge
from driftboard.ui.page import flash, setup_page, show_domain_error
from driftboard.ui.text import md_escape

ctx = setup_page("goals")
tree = goals.org_tree()
if not tree:
    st.warning(ctx.t("home.no_teams"))
    st.stop()

# ?unit= may name any level of the org tree; without it, the current team's unit.
by_slug = {node.slug: node for node in tree}
wanted = st.query_params.get("unit")
if wanted and wanted not in by_slug:
    st.error(ctx.t("error.unknown_unit", slug=wanted, choices=", ".join(by_slug)))
    st.stop()
default = wanted or next((n.slug for n in tree if n.level is OrgLevel.UNIT), tree[0].slug)
today = clock.today()
weeks = [targets.previous_period(today, Period.WEEK) - dt.timedelta(weeks=i) for i in range(26)]

if ctx.kiosk:
    node, period, meeting = by_slug[default], weeks[0], False
else:
    with st.sidebar:
        slug = st.selectbox(
            ctx.t("goals.level"),
            list(by_slug),
            index=list(by_slug).index(default),
            format_func=lambda s: "\u2003" * by_slug[s].depth + by_slug[s].name,
            key="goals_unit",
        )
        period = st.selectbox(
            ctx.t("goals.period"),
            weeks,
            format_func=lambda w: goals_view.period_label(ctx, w, False),
            key="goals_period",
        )
        meeting = st.toggle(ctx.t("goals.meeting_view"), key="goals_meeting")
    node = by_slug[slug]
    if st.query_params.get("unit") != node.slug:
        st.query_params["unit"] = node.slug


def draw_actions(rows: list[goals.ActionRow]) -> None:
    if not rows:
        st.caption(ctx.t("goals.no_actions"))
        return
    records = []
    for a in rows:
        if a.status is ActionStatus.OPEN:
            state = status_badge(
                ctx,
                Status.RED if a.overdue(today) else Status.NONE,
                ctx.t("goals.action.overdue" if a.overdue(today) else "goals.action.open"),
            )
        else:
            state = status_badge(
                ctx, Status.GREEN if a.status is ActionStatus.DONE else Status.NONE, ctx.t(f"action.{a.status.value}")
            )
        records.append(
            {
                ctx.t("goals.col.status"): state,
                ctx.t("goals.col.action"): md_escape(a.text) + (f" → #{a.card_id}" if a.card_id else ""),
                ctx.t("goals.col.measure"): f"{md_escape(a.measure)} ({md_escape(a.org_unit)})",
                ctx.t("goals.col.owner"): md_escape(a.owner),
                ctx.t("goals.col.due"): fmt_date(a.due_date, ctx.lang),
            }
        )
    st.table(pd.DataFrame(records), hide_index=True)


def heading(tiles: list[goals.Tile], stamp=None) -> None:  # type: ignore[no-untyped-def]
    problems = [t for t in tiles if t.verdict.is_problem]
    left, middle, right = st.columns([5, 2, 1.3], vertical_alignment="center")
    left.markdown(f"## {md_escape(node.name)} · {ctx.t('page.goals')} · {goals_view.period_label(ctx, period, False)}")
    summary = ctx.t("goals.summary", total=len(tiles), problems=len(problems))
    middle.markdown(status_badge(ctx, Status.RED if problems else Status.GREEN, summary))
    if stamp is not None:
        with right:
            stamp()


KIND_ORDER = {MeasureKind.KPI: 0, MeasureKind.CONTROL: 1, MeasureKind.OPERATIONAL: 2}

if ctx.kiosk:
    interval = kiosk.refresh_interval(ctx)

    @st.fragment(run_every=interval)
    def live_board() -> None:
        """The shared screen: tiles, the KPI charts and the open actions, refreshed in place."""
        tiles = sorted(kiosk.goal_tiles(node.id, period), key=lambda t: KIND_ORDER[t.kind])
        heading(tiles, lambda: kiosk.live_stamp(ctx, interval, page="goals", key="stamp"))
        for start in range(0, len(tiles), 4):
            for column, t in zip(st.columns(4), tiles[start : start + 4], strict=False):
                with column:
                    goals_view.tile(ctx, t)
        kpis = [t for t in tiles if t.kind is MeasureKind.KPI][:3]
        for column, t in zip(st.columns(3), kpis, strict=False):
            with column:
                goals_view.chart(ctx, t, height=150)
        draw_actions([a for a in goals.actions_for(node.id, today) if a.status is ActionStatus.OPEN][:4])

    live_board()
    st.stop()

tiles = goals.goal_board(node.id, period)
actions = goals.actions_for(node.id, today)
problems = [t for t in tiles if t.verdict.is_problem]
heading(tiles)
if not tiles:
    st.info(ctx.t("goals.no_measures"))
    st.stop()

if meeting:
    # The goal-steering meeting: what is behind or breached first, then its actions.
    st.markdown(f"### {ctx.t('goals.meeting.behind')}")
    if not problems:
        st.success(ctx.t("goals.meeting.none_behind"))
    for t in problems:
        left, right = st.columns([1, 2])
        with left:
            goals_view.tile(ctx, t)
        with right:
            goals_view.chart(ctx, t)
        ids = {c.measure_id for c in t.contributors}
        draw_actions([a for a in actions if a.measure_id in ids])
    shown = {c.measure_id for t in problems for c in t.contributors}
    others = [a for a in actions if a.status is ActionStatus.OPEN and a.measure_id not in shown]
    if others:  # open actions on measures back on track still need following up
        st.markdown(f"### {ctx.t('goals.meeting.other_actions')}")
        draw_actions(others)
    st.markdown(f"### {ctx.t('goals.meeting.rest')}")
    rest = [t for t in tiles if not t.verdict.is_problem]
    columns = st.columns(4)
    for i, t in enumerate(rest):
        with columns[i % 4]:
            goals_view.tile(ctx, t)
else:
    ordered = sorted(tiles, key=lambda t: KIND_ORDER[t.kind])
    for start in range(0, len(ordered), 4):
        for column, t in zip(st.columns(4), ordered[start : start + 4], strict=False):
            with column:
                goals_view.tile(ctx, t)
    st.markdown(f"#### {ctx.t('goals.charts')}")
    for start in range(0, len(ordered), 3):
        for column, t in zip(st.columns(3), ordered[start : start + 3], strict=False):
            with column:
                goals_view.chart(ctx, t)
    st.markdown(f"#### {ctx.t('goals.actions')}")
    draw_actions(actions)

st.divider()
tab_action, tab_follow, tab_values, tab_import = st.tabs(
    [ctx.t("goals.tab.add_action"), ctx.t("goals.tab.follow"), ctx.t("goals.tab.values"), ctx.t("goals.tab.import")]
)

with tab_action:
    if not problems:
        st.caption(ctx.t("goals.action.only_behind"))
    else:
        with st.form("action_form"):
            choices = {(t.slug, c.measure_id): (t, c) for t in problems for c in t.contributors}
            labels = {
                key: f"{t.name} · {c.org_unit_name} · {ctx.t(f'verdict.{t.verdict.value}')}"
                for key, (t, c) in choices.items()
            }
            chosen = st.selectbox(
                ctx.t("goals.col.measure"), list(choices), format_func=labels.get, key="action_measure"
            )
            text = st.text_area(ctx.t("goals.col.action"), key="action_text", max_chars=1000)
            owner = st.text_input(ctx.t("goals.col.owner"), value=ctx.actor.name, key="action_owner")
            due = st.date_input(
                ctx.t("goals.col.due"), value=today + dt.timedelta(days=14), format="DD.MM.YYYY", key="action_due"
            )
            if st.form_submit_button(ctx.t("goals.action.add"), type="primary", icon=":material/add_task:"):
                tile_, contributor = choices[chosen]
                try:
                    goals.add_action(
                        ctx.actor,
                        contributor.measure_id,
                        text=text,
                        owner=owner,
                        due_date=due,
                        period_start=tile_.period_start,
                    )
                except DomainError as error:
                    show_domain_error(ctx, error)
                else:
                    flash(ctx.t("goals.action.added"))
                    st.rerun()

with tab_follow:
    open_actions = [a for a in actions if a.status is ActionStatus.OPEN]
    if not open_actions:
        st.caption(ctx.t("goals.no_actions"))
    else:
        by_id = {a.id: a for a in open_actions}
        action_id = st.selectbox(
            ctx.t("goals.col.action"),
            list(by_id),
            format_func=lambda i: f"{by_id[i].text} ({by_id[i].owner})",
            key="follow_action",
        )
        teams = [n for n in tree if n.level is OrgLevel.TEAM]
        done_col, cancel_col, move_col = st.columns(3)
        if done_col.button(ctx.t("goals.action.done"), icon=":material/task_alt:", key="action_done"):
            try:
                goals.set_action_status(ctx.actor, action_id, ActionStatus.DONE, seen_version=by_id[action_id].version)
            except DomainError as error:
                show_domain_error(ctx, error)
            else:
                flash(ctx.t("goals.action.marked_done"))
                st.rerun()
        if cancel_col.button(ctx.t("goals.action.cancel"), icon=":material/block:", key="action_cancel"):
            try:
                goals.set_action_status(
                    ctx.actor, action_id, ActionStatus.CANCELLED, seen_version=by_id[action_id].version
                )
            except DomainError as error:
                show_domain_error(ctx, error)
            else:
                flash(ctx.t("goals.action.cancelled"))
                st.rerun()
        with move_col:
            default_team = next((i for i, n in enumerate(teams) if ctx.team and n.id == ctx.team.id), 0)
            team_id = st.selectbox(
                ctx.t("goals.action.to_team"), [n.id for n in teams], index=default_team,
                format_func=lambda i: next(n.name for n in teams if n.id == i), key="move_team",
            )  # fmt: skip
            if st.button(ctx.t("goals.action.move"), icon=":material/lightbulb:", key="action_move"):
                try:
                    card_id = goals.move_action_to_improvement(
                        ctx.actor, action_id, team_id, seen_version=by_id[action_id].version, lang=ctx.lang
                    )
                except DomainError as error:
                    show_domain_error(ctx, error)
                else:
                    flash(ctx.t("goals.action.moved", card=card_id))
                    st.rerun()

with tab_values:
    st.caption(ctx.t("goals.values_help", period=goals_view.period_label(ctx, period, False)))
    frame = goals.values_frame(node.id, period)
    if frame.empty:
        st.info(ctx.t("goals.no_own_measures"))
    else:
        revision = st.session_state.setdefault("values_rev", 0)
        edited = st.data_editor(
            frame,
            key=f"values_editor_{node.id}_{period.isoformat()}_{revision}",
            hide_index=True,
            width="stretch",
            column_order=["measure", "unit", "previous", "value", "weight", "entered_by"],
            disabled=["measure", "unit", "previous", "entered_by"],
            column_config={
                "measure": st.column_config.TextColumn(ctx.t("goals.col.measure")),
                "unit": st.column_config.TextColumn(ctx.t("goals.col.unit")),
                "previous": st.column_config.NumberColumn(ctx.t("goals.col.previous")),
                "value": st.column_config.NumberColumn(ctx.t("goals.value")),
                "weight": st.column_config.NumberColumn(
                    ctx.t("goals.col.weight"), min_value=0, help=ctx.t("goals.weight_help")
                ),
                "entered_by": st.column_config.TextColumn(ctx.t("goals.col.entered_by")),
            },
        )
        if st.button(ctx.t("goals.save_values"), type="primary", icon=":material/save:", key="values_save"):
            try:
                count = goals.save_values(ctx.actor, node.id, edited.to_dict("records"))
            except DomainError as error:
                show_domain_error(ctx, error)
            else:
                st.session_state["values_rev"] = revision + 1
                flash(ctx.t("goals.values_saved", count=count))
                st.rerun()

with tab_import:
    st.caption(ctx.t("goals.import_help"))
    upload = st.file_uploader(ctx.t("ops.import.file"), type=["csv", "xlsx"], key="measures_upload")
    if upload is not None and st.button(ctx.t("ops.import.button"), type="primary", key="import_measures"):
        try:
            count = goals.import_measures(ctx.actor, upload.getvalue(), upload.name)
        except DomainError as error:
            show_domain_error(ctx, error)
        else:
            flash(ctx.t("goals.imported", count=count))
            st.rerun()

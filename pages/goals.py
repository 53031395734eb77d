"""The goal-steering board: KPIs on their target curves, control measures, actions, roll-up."""

import datetime as dt

import pandas as pd
import streamlit as st

from driftboard import clock, targets
from driftboard.domain import ActionStatus, MeasureKind, OrgLevel, Period
from driftboard.i18n import fmt_date, uom_text
from driftboard.services import actions as goal_actions
from driftboard.services import goalboard, history, measures
from driftboard.status import Status
from driftboard.targets import Verdict
from driftboard.ui import goals_view, kiosk
from driftboard.ui.board_parts import clip, more, status_badge
from driftboard.ui.file_import import file_import
from driftboard.ui.history_view import history_expander
from driftboard.ui.org_picker import board_unit
from driftboard.ui.page import run_intent, setup_org_page
from driftboard.ui.tables import editable_table
from driftboard.ui.text import md_escape

ctx, tree = setup_org_page("goals")
node = board_unit(ctx, tree, key="goals_unit")
today = clock.today()
weeks = [targets.previous_period(today, Period.WEEK) - dt.timedelta(weeks=i) for i in range(26)]

if ctx.kiosk:
    period, meeting = weeks[0], False
else:
    with st.sidebar:
        period = st.selectbox(
            ctx.t("goals.period"),
            weeks,
            format_func=lambda w: goals_view.period_label(ctx, w, False),
            key="goals_period",
        )
        meeting = st.toggle(ctx.t("goals.meeting_view"), key="goals_meeting")


ACTIONS_PAGE = 25  # actions listed at a time; "Show more actions" adds as many again
KIOSK_ACTIONS = 3  # the shared screen's actions, each on one line, then "+ N more"
KIOSK_FULL_TILES = 8  # measures the shared screen shows as full tiles; more are compact
KIOSK_TILES = 10  # compact tiles at most (two rows of five: a verdict word stays on one line)


def draw_actions(
    rows: list[goal_actions.ActionRow], key: str = "actions", on: dt.date = today, limit: int | None = None
) -> None:
    """The actions, overdue and open first (``limit``: the shared screen's rows, one line each)."""
    if not rows:
        st.caption(ctx.t("goals.no_actions"))
        return
    shown = limit if limit is not None else st.session_state.get(f"{key}_shown", ACTIONS_PAGE)
    cut = 56 if limit is not None else None
    records = []
    for a in rows[:shown]:
        if a.status is ActionStatus.OPEN:
            state = status_badge(
                ctx,
                Status.RED if a.overdue(on) else Status.NONE,
                ctx.t("goals.action.overdue" if a.overdue(on) else "goals.action.open"),
            )
        else:
            state = status_badge(
                ctx, Status.GREEN if a.status is ActionStatus.DONE else Status.NONE, ctx.t(f"action.{a.status.value}")
            )
        records.append(
            {
                ctx.t("goals.col.status"): state,
                ctx.t("goals.col.action"): md_escape(clip(a.text, cut)) + (f" → #{a.card_id}" if a.card_id else ""),
                ctx.t("goals.col.measure"): md_escape(clip(f"{a.measure} ({a.org_unit})", cut and cut - 12)),
                ctx.t("goals.col.owner"): md_escape(a.owner),
                ctx.t("goals.col.due"): fmt_date(a.due_date, ctx.lang),
            }
        )
    st.table(pd.DataFrame(records), hide_index=True)
    if limit is not None:
        more(ctx, len(rows) - len(records), key=key)
    elif len(rows) > shown:  # overdue and open first: what is left out is the oldest closed ones
        st.caption(ctx.t("goals.actions_shown", shown=shown, total=len(rows)))
        if st.button(ctx.t("goals.more_actions"), key=f"{key}_more", icon=":material/expand_more:"):
            st.session_state[f"{key}_shown"] = shown + ACTIONS_PAGE
            st.rerun()


def heading(tiles: list[goalboard.Tile], stamp=None, shown_period: dt.date | None = None) -> None:  # type: ignore[no-untyped-def]
    label = goals_view.period_label(ctx, shown_period or period, False)
    # The shared screen's summary is 1.85rem: it gets the width to stay on one line.
    left, middle, right = st.columns([3.8, 3.3, 1.2] if ctx.kiosk else [5, 2, 1.3], vertical_alignment="center")
    left.markdown(f"## {md_escape(node.name)} · {ctx.t('page.goals')} · {label}")
    summary = goals_view.summary_badges(ctx, tiles)
    middle.markdown(f"### {summary}" if ctx.kiosk else summary)
    if stamp is not None:
        with right:
            stamp()


if ctx.kiosk:
    interval = kiosk.refresh_interval(ctx)

    @st.fragment
    def live_board(screen: kiosk.Screen) -> None:
        """The shared screen, redrawn in place when what it shows changed: tiles, the KPI charts
        and the open actions; the KPI charts share the width and take the height the rest leaves."""
        shown = kiosk.shown(ctx, "goals", node.id)
        on, shown_period, tiles, open_actions = shown.data
        heading(tiles, kiosk.stamp(ctx, interval, shown, page="goals", target_id=node.id), shown_period)
        # Up to 6 measures in rows of 3, up to 8 in rows of 4; more are compact tiles (name,
        # verdict, value, gap) five to a row, two rows at most: the problems first, "+ N more".
        many = len(tiles) > KIOSK_FULL_TILES
        per_row = 3 if len(tiles) <= 6 else 5 if many else 4
        shown = sorted(tiles, key=lambda t: not t.verdict.is_problem)[:KIOSK_TILES] if many else tiles
        goals_view.tiles_html(ctx, shown, per_row=per_row, compact=many)
        more(ctx, len(tiles) - len(shown), key="tiles")
        kpis = [t for t in shown if t.kind is MeasureKind.KPI][: 2 if many else 3]
        for column, t in zip(st.columns(max(1, len(kpis))), kpis, strict=False):
            with column:
                goals_view.chart(ctx, t, height=screen.share(0.2), scale=screen.scale)
        draw_actions(open_actions, on=on, limit=KIOSK_ACTIONS)

    live_board(kiosk.screen())
    st.stop()

tiles, actions = goals_view.board(
    node.id, period, today, ctx.goal_stamp
)  # tiles in board order: KPIs, controls, operational
problems = [t for t in tiles if t.verdict.is_problem]
missing = [t for t in tiles if t.verdict is Verdict.NOT_REGISTERED]
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
        draw_actions([a for a in actions if a.measure_id in ids], key=f"actions_{t.slug}")
    shown = {c.measure_id for t in problems for c in t.contributors}
    others = [a for a in actions if a.status is ActionStatus.OPEN and a.measure_id not in shown]
    if others:  # open actions on measures back on track still need following up
        st.markdown(f"### {ctx.t('goals.meeting.other_actions')}")
        draw_actions(others, key="actions_others")
    # Not registered is neither on track nor behind: its own group, before what is on track.
    rest = [t for t in tiles if not t.verdict.is_problem and t.verdict is not Verdict.NOT_REGISTERED]
    for title, group in (("goals.meeting.not_registered", missing), ("goals.meeting.rest", rest)):
        if not group:
            continue
        st.markdown(f"### {ctx.t(title)}")
        columns = st.columns(4)
        for i, t in enumerate(group):
            with columns[i % 4]:
                goals_view.tile(ctx, t)
else:
    ordered = tiles
    for start in range(0, len(ordered), 4):
        for column, t in zip(st.columns(4), ordered[start : start + 4], strict=False):
            with column:
                goals_view.tile(ctx, t)
    st.markdown(f"### {ctx.t('goals.charts')}")
    for start in range(0, len(ordered), 3):
        for column, t in zip(st.columns(3), ordered[start : start + 3], strict=False):
            with column:
                goals_view.chart(ctx, t)
    st.markdown(f"### {ctx.t('goals.actions')}")
    draw_actions(actions)

st.divider()
tab_action, tab_follow, tab_values, tab_import = st.tabs(
    [ctx.t("goals.tab.add_action"), ctx.t("goals.tab.follow"), ctx.t("goals.tab.values"), ctx.t("goals.tab.import")]
)

with tab_action:
    behind = [t for t in tiles if targets.takes_action(t.verdict)]
    if not behind:
        st.caption(ctx.t("goals.action.only_behind"))
    else:
        with st.form("action_form"):
            choices = {(t.slug, c.measure_id): (t, c) for t in behind for c in t.contributors}
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
                ctx.t("goals.col.due"), value=targets.default_due_date(today), format="DD.MM.YYYY", key="action_due"
            )
            if st.form_submit_button(ctx.t("goals.action.add"), type="primary", icon=":material/add_task:"):
                tile_, contributor = choices[chosen]
                run_intent(
                    ctx,
                    lambda: goal_actions.add_action(
                        ctx.actor,
                        contributor.measure_id,
                        text=text,
                        owner=owner,
                        due_date=due,
                        period_start=tile_.period_start,
                    ),
                    done=ctx.t("goals.action.added"),
                )

with tab_follow:
    # The click carries the version the previous render showed (kept per row), never one re-read
    # in the click's rerun; an action someone closed since stays selectable for that click, so
    # the refusal names who closed it instead of the click landing on another action.
    kept: dict[int, int] = st.session_state.get("action_seen", {})
    open_actions = [a for a in actions if a.status is ActionStatus.OPEN or a.id in kept]
    st.session_state["action_seen"] = {a.id: a.version for a in actions if a.status is ActionStatus.OPEN}
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
        seen = kept.get(action_id, by_id[action_id].version)
        if done_col.button(ctx.t("goals.action.done"), icon=":material/task_alt:", key="action_done"):
            run_intent(
                ctx,
                lambda: goal_actions.set_action_status(ctx.actor, action_id, ActionStatus.DONE, seen_version=seen),
                done=ctx.t("goals.action.marked_done"),
            )
        if cancel_col.button(ctx.t("goals.action.cancel"), icon=":material/block:", key="action_cancel"):
            run_intent(
                ctx,
                lambda: goal_actions.set_action_status(ctx.actor, action_id, ActionStatus.CANCELLED, seen_version=seen),
                done=ctx.t("goals.action.cancelled"),
            )
        with move_col:
            default_team = next((i for i, n in enumerate(teams) if ctx.team and n.id == ctx.team.id), 0)
            team_id = st.selectbox(
                ctx.t("goals.action.to_team"), [n.id for n in teams], index=default_team,
                format_func=lambda i: next(n.name for n in teams if n.id == i), key="move_team",
            )  # fmt: skip
            if st.button(ctx.t("goals.action.move"), icon=":material/lightbulb:", key="action_move"):
                run_intent(
                    ctx,
                    lambda: goal_actions.move_action_to_improvement(ctx.actor, action_id, team_id, seen_version=seen),
                    done=lambda card_id: ctx.t("goals.action.moved", card=card_id),
                )

with tab_values:
    st.caption(ctx.t("goals.values_help", period=goals_view.period_label(ctx, period, False)))
    frame = measures.values_frame(node.id, period)
    frame["unit_label"] = frame["unit_label"].map(lambda label: uom_text(label, ctx.lang))
    if frame.empty:
        st.info(ctx.t("goals.no_own_measures"))
    else:
        editable_table(
            ctx,
            f"values_{node.id}_{period.isoformat()}",
            frame,
            {
                "measure": st.column_config.TextColumn(ctx.t("goals.col.measure")),
                "unit_label": st.column_config.TextColumn(ctx.t("goals.col.unit")),
                "previous": st.column_config.NumberColumn(ctx.t("goals.col.previous"), format="localized"),
                "value": st.column_config.NumberColumn(ctx.t("goals.value"), format="localized"),
                "weight": st.column_config.NumberColumn(
                    ctx.t("goals.col.weight"), min_value=0, format="localized", help=ctx.t("goals.weight_help")
                ),
                "entered_by": st.column_config.TextColumn(ctx.t("goals.col.entered_by")),
            },
            save=lambda rows: measures.save_values(ctx.actor, node.id, rows),  # with the versions the person saw
            message=lambda saved: ctx.t("goals.values_saved.one" if saved == 1 else "goals.values_saved", count=saved),
            fixed_rows=True,
            column_order=["measure", "unit_label", "previous", "value", "weight", "entered_by"],
            disabled=["measure", "unit_label", "previous", "entered_by"],
            save_label=ctx.t("goals.save_values"),
            id_column="measure_id",
            doubts=lambda rows: goals_view.value_doubts(ctx, rows, frame),
        )
        history_expander(ctx, "history_measures", lambda: history.measure_values_history(node.id))

with tab_import:
    file_import(
        ctx,
        caption="goals.import_help",
        upload_key="measures_upload",
        button_key="import_measures",
        icon=None,
        run=lambda data, name: measures.import_measures(ctx.actor, data, name),
        done=lambda result: ctx.t("goals.imported.one" if result.rows == 1 else "goals.imported", count=result.rows),
    )

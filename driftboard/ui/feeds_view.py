"""Drawing fed numbers on the operations board: incoming beside produced, the team's robots, the
intake form, and the robots' master data."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from driftboard import clock
from driftboard.bounds import Bounds
from driftboard.i18n import fmt_day, fmt_number, fmt_percent, fmt_time, local_time
from driftboard.robots import RobotCounts, RobotLine
from driftboard.services import api_tokens, intake, plausibility, robots
from driftboard.services.feeds_board import FeedsView
from driftboard.services.operations_board import OperationsBoardView
from driftboard.status import Status
from driftboard.ui import credentials, day_counts
from driftboard.ui.board_parts import status_badge
from driftboard.ui.file_import import day_counts_import
from driftboard.ui.number_entry import number_entry, refused
from driftboard.ui.org_picker import org_picker
from driftboard.ui.page import PageContext, run_intent
from driftboard.ui.text import md_escape

# --------------------------------------------------------------------------- the board


def intake_table(ctx: PageContext, view: OperationsBoardView, fed: FeedsView) -> None:
    """Cases received beside cases produced, today and over the week so far, per task."""
    st.markdown(f"#### {ctx.t('feeds.intake.title')}")
    if not fed.received:
        st.caption(ctx.t("feeds.intake.none"))
        return
    day = view.board.day
    records = []
    for line in view.board.tasks:
        task_id = line.task.id
        produced_today = next((c.produced for c in line.days if c.date == day), None)
        produced_week = [c.produced for c in line.days if c.date <= day and c.produced is not None]
        records.append(
            {
                ctx.t("ops.col.task"): md_escape(line.task.name),
                ctx.t("feeds.col.received_today"): fmt_number(fed.received_on(task_id, day), ctx.lang),
                ctx.t("feeds.col.produced_today"): fmt_number(produced_today, ctx.lang),
                ctx.t("feeds.col.received_week"): fmt_number(fed.received_to(task_id, day), ctx.lang),
                ctx.t("feeds.col.produced_week"): fmt_number(sum(produced_week) if produced_week else None, ctx.lang),
            }
        )
    st.table(pd.DataFrame(records), hide_index=True)


def _share(ctx: PageContext, counts: RobotCounts, target: float, status: Status) -> str:
    goal = fmt_percent(target * 100, ctx.lang)
    if counts.total == 0:
        return status_badge(ctx, status, ctx.t("feeds.robot.no_cases", target=goal))
    share = fmt_percent((counts.share or 0) * 100, ctx.lang)
    text = ctx.t("feeds.robot.share", share=share, total=fmt_number(counts.total, ctx.lang), target=goal)
    return status_badge(ctx, status, text)


def _state(ctx: PageContext, robot: RobotLine) -> str:
    if robot.last_run_at is None:
        return status_badge(ctx, Status.GREY, ctx.t("feeds.robot.never"))
    if robot.up:
        return status_badge(ctx, Status.GREEN, ctx.t("feeds.robot.up"))
    last = local_time(robot.last_run_at)
    time = fmt_time(robot.last_run_at, ctx.lang)
    if last.date() == clock.today():
        return status_badge(ctx, Status.RED, ctx.t("feeds.robot.down", time=time))
    # Down since an earlier day (over a weekend, say): the time alone would read as today's.
    day = fmt_day(last.date(), ctx.lang)
    return status_badge(ctx, Status.RED, ctx.t("feeds.robot.down_day", day=day, time=time))


def robots_panel(ctx: PageContext, fed: FeedsView) -> None:
    """Each robot: up or down, today's and this week's share handled fully against its target,
    red/green by the board's rule. Nothing when the team has no robot."""
    if not fed.robots:
        return
    st.markdown(f"#### {ctx.t('feeds.robots.title')}")
    records = [
        {
            ctx.t("feeds.col.robot"): md_escape(robot.name),
            ctx.t("feeds.col.state"): _state(ctx, robot),
            ctx.t("feeds.col.today"): _share(ctx, robot.today, robot.target_share, robot.today_status),
            ctx.t("feeds.col.week"): _share(ctx, robot.week, robot.target_share, robot.week_status),
        }
        for robot in fed.robots
    ]
    st.table(pd.DataFrame(records), hide_index=True)


# --------------------------------------------------------------------------- intake entry


def intake_form(ctx: PageContext, team_id: int, view: OperationsBoardView, day: dt.date, today: dt.date) -> None:
    """Cases received per task on a day (typed), or a file with date, team, task, received."""
    day_counts.counts_form(
        ctx,
        view.tasks,
        day,
        today,
        form="intake_form",
        day_key="intake_day",
        caption="feeds.intake.help",
        load=lambda entry_day: intake.day_values(team_id, entry_day),
        widget="received",
        state_key=f"intake_seen_{team_id}",
        count=lambda v: v.received,
        submit="feeds.intake.save",
        save=lambda entry_day, entered, seen: intake.record_intake(ctx.actor, team_id, entry_day, entered, seen=seen),
        done=lambda entry_day, _: ctx.t("feeds.intake.saved", day=fmt_day(entry_day, ctx.lang)),
        doubts=plausibility.intake,
        look_key=f"intake_{team_id}",
    )
    day_counts_import(
        ctx, "intake", intake.import_intake, today, caption="feeds.intake.import", done="feeds.intake.imported"
    )


# --------------------------------------------------------------------------- master data


def robots_master(ctx: PageContext, team_id: int, tasks: dict[int, str]) -> None:
    """Create or change the team's robots: name, slug (what the API names), tasks, target."""
    st.caption(ctx.t("feeds.robots.master_help"))
    found = {r.id: r for r in robots.team_robots(team_id)}
    choices: list[int | None] = [None, *found]
    picked = st.selectbox(
        ctx.t("feeds.robot.pick"),
        choices,
        format_func=lambda i: ctx.t("feeds.robot.new") if i is None else found[i].name,
        key=f"robot_pick_{team_id}",
    )
    robot = found.get(picked) if picked is not None else None
    suffix = f"{team_id}_{picked or 'new'}"
    # The version the form was first drawn with travels with the save (re-read in the click's
    # rerun, someone else's change in between would never be noticed).
    seen_key = f"robot_seen_{picked}"
    seen_version = st.session_state.setdefault(seen_key, robot.version) if robot else None
    with st.form(f"robot_form_{suffix}"):
        name_col, slug_col = st.columns(2)
        name = name_col.text_input(
            ctx.t("feeds.robot.name"), value=robot.name if robot else "", max_chars=120, key=f"robot_name_{suffix}"
        )
        slug = slug_col.text_input(
            ctx.t("feeds.robot.slug"), value=robot.slug if robot else "", max_chars=60, key=f"robot_slug_{suffix}"
        )
        task_ids = st.multiselect(
            ctx.t("feeds.robot.tasks"),
            list(tasks),
            default=[t for t in (robot.task_ids if robot else ()) if t in tasks],
            format_func=tasks.get,
            key=f"robot_tasks_{suffix}",
        )
        # Only measures the person may write (and the robot's own link, which a save keeps).
        offered = robots.team_measures(team_id, actor=ctx.actor, current=robot.measure_id if robot else None)
        choices = {m.id: m.name for m in offered}
        measure_id = st.selectbox(
            ctx.t("feeds.robot.measure"),
            [None, *choices],
            index=[None, *choices].index(robot.measure_id) if robot and robot.measure_id in choices else 0,
            format_func=lambda i: ctx.t("feeds.robot.no_measure") if i is None else choices[i],
            key=f"robot_measure_{suffix}",
        )
        target_col, active_col = st.columns(2)
        target = number_entry(
            ctx,
            ctx.t("feeds.robot.target"),
            key=f"robot_target_{suffix}",
            current=round(robot.target_share * 100, 1) if robot else 75.0,
            bounds=Bounds(0, 100),
            container=target_col,
        )
        active = active_col.checkbox(
            ctx.t("feeds.robot.active"), value=robot.active if robot else True, key=f"robot_active_{suffix}"
        )
        saving = st.form_submit_button(ctx.t("feeds.robot.save"), type="primary", icon=":material/smart_toy:")
        if saving and not refused([target]):
            given = robots.RobotInput(
                name, slug.strip(), tuple(task_ids), float(target.value or 0) / 100, active, measure_id
            )
            saved = run_intent(
                ctx,
                lambda: robots.save_robot(
                    ctx.actor, team_id, given, robot_id=robot.id if robot else None, seen_version=seen_version
                ),
                done=ctx.t("feeds.robot.saved", name=md_escape(name.strip())),
                clear=(seen_key,),
            )
            if saved is None:  # refused (it names who changed it): a second click saves over the current
                st.session_state.pop(seen_key, None)


# --------------------------------------------------------------------------- API tokens


def api_tokens_section(ctx: PageContext, tree: list) -> None:
    """The API tokens beside the screen links: list, revoke, and make one for an org unit (its
    secret shown once)."""
    st.caption(ctx.t("feeds.tokens.help"))
    credentials.show_secret_once(ctx, "api_token_made", "feeds.tokens.made", ":material/key:")
    tokens = api_tokens.api_tokens()
    credentials.revocable_list(
        ctx,
        [
            {
                ctx.t("feeds.tokens.name"): token.name,
                ctx.t("feeds.tokens.unit"): token.unit_name,
                **credentials.usage_columns(ctx, token),
            }
            for token in tokens
        ],
        {token.id: f"{token.name} · {token.unit_name}" for token in tokens if token.revoked_at is None},
        name="api_token",
        pick="feeds.tokens.pick",
        icon=":material/key_off:",
        revoke=lambda token_id: api_tokens.revoke_api_token(ctx.actor, token_id),
        empty="feeds.tokens.none",
    )
    nodes = {node.slug: node for node in tree}
    with st.form("api_token_form"):
        name_col, unit_col = st.columns([3, 3])
        name = name_col.text_input(ctx.t("feeds.tokens.name"), key="api_token_name", max_chars=60)
        with unit_col:
            slug = org_picker(ctx, nodes, label="feeds.tokens.unit", key="api_token_unit")
        if st.form_submit_button(ctx.t("feeds.tokens.create"), type="primary", icon=":material/key:"):
            created = run_intent(ctx, lambda: api_tokens.create_api_token(ctx.actor, name, slug), rerun=False)
            if created is not None:
                st.session_state["api_token_made"] = created[1]
                st.session_state.pop("api_token_name", None)
                st.rerun()


def intake_measures_form(ctx: PageContext, team_id: int) -> None:
    """Which of the team's operational measures take their values from intake."""
    choices = intake.measure_choices(team_id)
    if not choices:
        return
    st.markdown(f"##### {ctx.t('feeds.intake.measures')}")
    st.caption(ctx.t("feeds.intake.measures_help"))
    names = {c.id: c.name for c in choices}
    with st.form(f"intake_measures_{team_id}"):
        picked = st.multiselect(
            ctx.t("feeds.intake.measures"),
            list(names),
            default=[c.id for c in choices if c.fed],
            format_func=names.get,
            key=f"intake_measures_pick_{team_id}",
            label_visibility="collapsed",
        )
        if st.form_submit_button(ctx.t("feeds.intake.measures_save"), icon=":material/link:"):
            run_intent(
                ctx,
                lambda: intake.set_intake_measures(ctx.actor, team_id, set(picked)),
                done=lambda changed: ctx.t("feeds.intake.measures_saved", changed=changed),
            )

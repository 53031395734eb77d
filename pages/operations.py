"""The operations board: today's plan, produced vs planned, red/green, holdings, changes."""

import datetime as dt

import streamlit as st

from driftboard import calendar, clock
from driftboard.bounds import Bounds
from driftboard.i18n import counted, fmt_day
from driftboard.imports import MAX_COUNT, MAX_PRODUCED
from driftboard.services import (
    escalations,
    history,
    holdings,
    operations_board,
    plausibility,
    prioritisation,
    production,
)
from driftboard.services.common import page_reads
from driftboard.services.feeds_board import load_feeds
from driftboard.status import Status
from driftboard.ui import (
    day_counts,
    decisions,
    escalation_view,
    feeds_view,
    kiosk,
    my_tasks,
    ops_screen,
    second_look,
    small_screens,
    standards_view,
    tiers_view,
)
from driftboard.ui import opsboard_view as view_parts
from driftboard.ui.file_import import day_counts_import
from driftboard.ui.history_view import history_expander
from driftboard.ui.number_entry import CONTAINER_PREFIX as NUMBER_ENTRY
from driftboard.ui.number_entry import NumberEntry, number_entry, refused
from driftboard.ui.page import run_intent, setup_team_page
from driftboard.ui.text import md_escape

# One read transaction for the page's run: one snapshot, each shared lookup made once.
with page_reads():
    ctx, team = setup_team_page("operations")
    if (level := tiers_view.asked(ctx)) is not None:  # ?unit= a department or unit: its board
        tiers_view.page(ctx, level)
        st.stop()

    today = clock.today()
    day = calendar.board_day(today)  # on a weekend the board shows the coming Monday
    interval = kiosk.refresh_interval(ctx)

    @st.fragment
    def live_board(screen: kiosk.Screen) -> None:
        """The shared screen, redrawn in place when what it shows changed (the stamp's poll) and
        for the day it is on (a screen left on overnight shows the new day), laid out to fit the
        screen (``ops_screen``)."""
        shown = kiosk.shown(ctx, "operations", team.id)
        _day, view, fed, _today, last_week = shown.data
        ops_screen.draw(
            ctx, screen, view, fed, last_week, kiosk.stamp(ctx, interval, shown, page="operations", target_id=team.id)
        )

    if ctx.kiosk:
        live_board(kiosk.screen())
        st.stop()

    day = st.sidebar.date_input(ctx.t("ops.board_day"), value=day, format="DD.MM.YYYY", key="board_day")
    meeting = st.sidebar.toggle(ctx.t("ops.meeting"), key="ops_meeting")
    view = operations_board.load_board(team.id, day)
    board = view.board

    def escalation_panel() -> None:
        """What the team handed up and the answers that came back today; the form to hand one up."""
        escalation_view.team_panel(ctx, escalations.team_escalations(team.id, day))
        with st.expander(ctx.t("esc.form"), icon=":material/north:"):
            escalation_view.raise_form(ctx, team, view)

    if meeting:
        exceptions = st.sidebar.toggle(ctx.t("ops.meeting.exceptions"), key="ops_exceptions")
        started = st.session_state.setdefault("meeting_started", dt.datetime.now(dt.UTC))
        minutes = operations_board.meeting_minutes(team.id)
        view_parts.header(
            ctx,
            view,
            team.name,
            lambda: kiosk.countdown(
                ctx.t("ops.meeting.left"), started + dt.timedelta(minutes=minutes), key="countdown"
            ),
        )
        if st.sidebar.button(ctx.t("ops.meeting.restart"), icon=":material/restart_alt:"):
            st.session_state["meeting_started"] = dt.datetime.now(dt.UTC)
            st.rerun()
        previous = calendar.previous_work_day(day)
        st.markdown(f"### 1 · {ctx.t('ops.meeting.yesterday', day=fmt_day(previous, ctx.lang))}")
        previous_board = operations_board.load_board(team.id, previous)
        view_parts.day_result(ctx, previous_board, previous, exceptions_only=exceptions)
        if calendar.week_start(previous) != calendar.week_start(day):  # Monday: the week closed on Friday
            view_parts.week_result(ctx, previous_board)
        st.markdown(f"### 2 · {ctx.t('ops.meeting.today')}")
        view_parts.roster(ctx, view, exceptions_only=exceptions)
        st.markdown(f"### 3 · {ctx.t('ops.meeting.holdings')}")
        view_parts.holdings_table(ctx, view, exceptions_only=True)
        st.markdown(f"### 4 · {ctx.t('ops.meeting.capacity')}")
        view_parts.capacity_warnings(ctx, view)
        escalation_panel()
        st.markdown(f"### 5 · {ctx.t('ops.meeting.decisions')}")
        st.caption(ctx.t("ops.meeting.decisions_help"))
        one, two, three = st.columns(3)
        if one.button(ctx.t("ops.decide.plan"), icon=":material/swap_horiz:", width="stretch", key="decide_plan"):
            st.session_state["decision"] = "plan"
        if two.button(ctx.t("ops.decide.action"), icon=":material/add_task:", width="stretch", key="decide_action"):
            st.session_state["decision"] = "action"
        if three.button(ctx.t("ops.decide.card"), icon=":material/lightbulb:", width="stretch", key="decide_card"):
            st.session_state["decision"] = "card"
        decisions.show(ctx, team, view, day)
        view_parts.plan_changes(ctx, view, limit=6)
        st.stop()

    def save_production(
        entry_day: dt.date, entered: dict[int, int], seen: dict[int, int | None]
    ) -> list[tuple[str, Status]]:
        """Record the day's production and return the new status of each task whose value changed."""
        if not production.record_production(ctx.actor, team.id, entry_day, entered, seen=seen):
            return []
        after = operations_board.load_board(team.id, day).board
        return [(line.task.name, line.status) for line in after.tasks if line.task.id in entered]

    def production_saved(entry_day: dt.date, statuses: list[tuple[str, Status]]) -> str:
        """What the save did, with the status each task has now (the board may be out of sight)."""
        if not statuses:
            return ctx.t("md.no_changes")
        changed = "; ".join(f"{name}: {ctx.t(f'status.{status.value}')}" for name, status in statuses)
        return ctx.t("ops.production_saved", day=fmt_day(entry_day, ctx.lang), statuses=changed)

    def production_form(tasks: list, *, mine: bool = False) -> dt.date:
        """The counts of ``tasks`` for a day (``mine``: a person's own tasks today, no day field)."""
        prefix = "mine" if mine else "production"
        return day_counts.counts_form(
            ctx,
            tasks,
            day,
            today,
            form=f"{prefix}_form",
            day_key=None,
            caption="" if mine else "ops.entry_help",
            load=lambda entry_day: production.day_values(team.id, entry_day),
            widget="mine" if mine else "produced",
            state_key=f"{prefix}_seen_{team.id}",
            count=lambda v: v.produced,
            submit="ops.save_production",
            save=save_production,
            done=production_saved,
            doubts=plausibility.production,
            look_key=f"{prefix}_{team.id}",
            pick_day=not mine,
        )

    def production_tab() -> None:
        if me is None:
            my_tasks.picker(ctx, view)
        entry_day = production_form(list(view.tasks))
        history_expander(ctx, "history_production", lambda: history.production_day_history(team.id, entry_day))

    view_parts.header(ctx, view, team.name)
    small_screens.skip_target(
        ctx.t("ops.skip_to_entry"),
        f'.st-key-my_tasks [class*="st-key-{NUMBER_ENTRY}mine_"] input, '
        f'[class*="st-key-{NUMBER_ENTRY}produced_"] input',
    )
    me = my_tasks.who(ctx, view)
    if me is not None:
        with st.container(key="my_tasks"):
            my_tasks.section(ctx, view, me, lambda tasks: production_form(tasks, mine=True))
    if day == calendar.work_days(day)[0]:  # Monday: the meeting also reviews the week closed on Friday
        last_week = operations_board.load_board(team.id, calendar.previous_work_day(day), result_only=True)
        view_parts.week_result(ctx, last_week)
    left, right = st.columns([3, 2], gap="medium")
    fed = load_feeds(team.id, day)
    with left:
        view_parts.production_table(ctx, view)
        feeds_view.intake_table(ctx, view, fed)
        view_parts.cumulated_chart(ctx, view)
    with right:
        view_parts.roster(ctx, view)
        view_parts.holdings_table(ctx, view)
        feeds_view.robots_panel(ctx, fed)
    bottom_left, bottom_right = st.columns([3, 2], gap="medium")
    with bottom_left:
        view_parts.plan_changes(ctx, view)
    with bottom_right:
        view_parts.capacity_warnings(ctx, view)
        escalation_panel()
    standards_view.task_links(ctx, team.id)

    st.divider()
    task_names = {t.id: t.name for t in view.tasks}

    def change_forms() -> None:
        if view.plan_status is None or view.plan_status.value != "published":
            st.info(ctx.t("ops.err.no_plan"))
            return
        sick_col, move_col, overtime_col = st.columns(3, gap="medium")
        with sick_col:
            decisions.sick_form(ctx, team, view, day)
        with move_col:
            decisions.move_form(ctx, team, view, day)
        with overtime_col:
            decisions.overtime_form(ctx, team, view, day)

    def import_form() -> None:
        day_counts_import(
            ctx, "production", production.import_production, today, caption="ops.import.help", done="ops.import.done"
        )

    def override_form() -> None:
        with st.form("override_form"):
            st.caption(ctx.t("ops.override.help"))
            columns = st.columns(4)
            task_id = columns[0].selectbox(ctx.t("ops.col.task"), list(task_names), format_func=task_names.get)
            override_day = columns[1].date_input(
                ctx.t("ops.entry_day"), value=day, format="DD.MM.YYYY", key="override_day"
            )
            volume = number_entry(
                ctx, ctx.t("ops.override.volume"), key="override_volume", bounds=Bounds(0, MAX_PRODUCED), whole=True,
                required=True, container=columns[2],
            )  # fmt: skip
            reason_text = columns[3].text_input(ctx.t("ops.override.reason"), key="override_reason")
            save_col, remove_col = st.columns(2)
            if save_col.form_submit_button(ctx.t("ops.override.set"), type="primary") and not refused([volume]):
                run_intent(
                    ctx,
                    lambda: prioritisation.set_planned_volume(
                        ctx.actor, team.id, task_id, override_day, volume.value, reason_text
                    ),
                    done=ctx.t("ops.override.done"),
                    clear=("override_volume", "override_reason"),
                )
            if remove_col.form_submit_button(ctx.t("ops.override.remove")):
                run_intent(
                    ctx,
                    lambda: prioritisation.restore_planned_volume(ctx.actor, team.id, task_id, override_day),
                    done=ctx.t("ops.override.removed"),
                )

    def holdings_form() -> None:
        """Open cases, due today and over the service goal per task, for a day (or from a file)."""
        with st.form("holdings_form"):
            st.caption(ctx.t("ops.holdings.help"))
            holdings_day = st.date_input(
                ctx.t("ops.entry_day"), value=min(day, today), max_value=today, format="DD.MM.YYYY", key="holdings_day"
            )
            current = {line.task.id: line.holdings for line in board.tasks if line.holdings}
            entries: dict[int, tuple[NumberEntry, NumberEntry, NumberEntry]] = {}
            for task in view.tasks:
                known = current.get(task.id)
                name_col, open_col, due_col, over_col = st.columns([2, 1, 1, 1])
                name_col.markdown(f"**{md_escape(task.name)}**")
                entries[task.id] = tuple(  # type: ignore[assignment]
                    number_entry(
                        ctx, ctx.t(label), key=f"{prefix}_{task.id}", current=getattr(known, field, None),
                        bounds=Bounds(0, MAX_COUNT), whole=True, container=column,
                    )
                    for label, prefix, field, column in (
                        ("ops.holdings.open", "hold_open", "open_cases", open_col),
                        ("ops.holdings.due", "hold_due", "due_today", due_col),
                        ("ops.holdings.overdue", "hold_over", "overdue", over_col),
                    )
                )  # fmt: skip
            submitted = st.form_submit_button(ctx.t("ops.holdings.save"), type="primary", icon=":material/save:")
            if submitted and refused(e for cells in entries.values() for e in cells):
                submitted = False
            values = {
                task_id: (int(o.value), int(d.value or 0), int(v.value or 0))
                for task_id, (o, d, v) in entries.items()
                if o.value is not None
            }
            if submitted and not values:
                st.warning(ctx.t("ops.nothing_entered"))
                submitted = False
            if second_look.confirmed(
                ctx,
                f"holdings_{team.id}",
                submitted=submitted,
                entered=(holdings_day, values),
                doubts=lambda: second_look.questions(
                    ctx, plausibility.holdings(holdings_day, values), {t.id: md_escape(t.name) for t in view.tasks}
                ),
            ):
                run_intent(
                    ctx,
                    lambda: production.record_holdings(ctx.actor, team.id, holdings_day, values),
                    done=lambda n: ctx.t(
                        counted("ops.holdings.saved", n), day=fmt_day(holdings_day, ctx.lang), tasks=n
                    ),
                    clear=[f"{p}_{t.id}" for t in view.tasks for p in ("hold_open", "hold_due", "hold_over")],
                )
        day_counts_import(
            ctx,
            "holdings",
            holdings.import_holdings,
            today,
            caption="ops.holdings.import",
            done="ops.holdings.imported",
        )

    # A key keeps the chosen tab across the rerun after a save; only the open tab's content runs.
    tabs = st.tabs(
        [
            ctx.t("ops.tab.production"),
            ctx.t("feeds.tab.intake"),
            ctx.t("ops.tab.holdings"),
            ctx.t("ops.tab.change"),
            ctx.t("ops.tab.import"),
            ctx.t("ops.tab.override"),
        ],
        key="ops_tabs",
        on_change="rerun",
    )
    draws = (
        production_tab,
        lambda: feeds_view.intake_form(ctx, team.id, view, day, today),
        holdings_form,
        change_forms,
        import_form,
        override_form,
    )
    for tab, draw in zip(tabs, draws, strict=True):
        if tab.open:
            with tab:
                draw()

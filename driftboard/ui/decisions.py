"""Decisions at the board meeting, one click each: a plan change, an action, a new card.

The plan-change forms are also the "Change today's plan" tab of the operations board; every
decision goes through the same services and lands in the same logs as anywhere else.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from driftboard import targets
from driftboard.bounds import Bounds
from driftboard.domain import Period, PlanChangeKind
from driftboard.improvement import CardOrigin
from driftboard.services import actions, goalboard, improvement, operations_board, prioritisation
from driftboard.services.masterdata import TeamInfo
from driftboard.ui.number_entry import NumberEntry, number_entry, refused
from driftboard.ui.page import PageContext, run_intent

T = TypeVar("T")


def _decided(call: Callable[[], T]) -> Callable[[], T]:
    """The meeting's decision dialog closes once the decision is carried out."""

    def decide() -> T:
        result = call()
        st.session_state.pop("decision", None)
        return result

    return decide


def _carry_out(
    ctx: PageContext,
    button: str,
    icon: str,
    decision: Callable[[], T],
    *,
    done: Callable[[T], str],
    clear: Sequence[str],
    numbers: Sequence[NumberEntry] = (),
) -> None:
    """A plan-change form's button: once its number fields are fine, the decision is carried out
    and said, and the form's fields are cleared."""
    if st.form_submit_button(ctx.t(button), icon=icon) and not refused(numbers):
        run_intent(ctx, _decided(decision), done=done, clear=clear)


def sick_form(ctx: PageContext, team: TeamInfo, view: operations_board.OperationsBoardView, day: dt.date) -> None:
    people = dict(view.people)
    with st.form("sick_form"):
        st.markdown(f"**{ctx.t('ops.sick.title')}**")
        who = st.selectbox(ctx.t("ops.col.person"), list(people), format_func=people.get, key="sick_person")
        note = st.text_input(ctx.t("ops.note"), key="sick_note")
        _carry_out(
            ctx,
            "ops.sick.button",
            ":material/sick:",
            lambda: prioritisation.mark_sick(ctx.actor, team.id, who, day, note=note),
            done=lambda _: ctx.md("ops.sick.done", name=people[who]),
            clear=("sick_person", "sick_note"),
        )


def move_form(ctx: PageContext, team: TeamInfo, view: operations_board.OperationsBoardView, day: dt.date) -> None:
    away = {line.person_id for line in view.board.roster if line.absence is not None and not line.tasks}
    people = {pid: name for pid, name in view.people if pid not in away}  # the absent have no hours to move
    task_names = {t.id: t.name for t in view.tasks}
    with st.form("move_form"):
        st.markdown(f"**{ctx.t('ops.move.title')}**")
        candidates = {p.person_id: p for w in view.board.warnings for step in w.steps for p in step.candidates}
        options = {**people, **{pid: f"{c.name} ({c.team_name})" for pid, c in candidates.items() if pid not in people}}
        who = st.selectbox(ctx.t("ops.col.person"), list(options), format_func=options.get, key="move_person")
        source = st.selectbox(
            ctx.t("ops.move.from"),
            [None, *task_names],
            format_func=lambda t: ctx.t("ops.unplanned") if t is None else task_names[t],
            key="move_from",
        )
        destination = st.selectbox(ctx.t("ops.move.to"), list(task_names), format_func=task_names.get, key="move_to")
        hours = number_entry(ctx, ctx.t("ops.hours"), key="move_hours", bounds=Bounds(0.25, 24), required=True)
        reason = st.selectbox(
            ctx.t("ops.col.why"),
            [k for k in PlanChangeKind if k not in (PlanChangeKind.SICKNESS, PlanChangeKind.OVERTIME)],
            format_func=lambda k: ctx.t(f"change.{k.value}"),
            key="move_reason",
        )
        note = st.text_input(ctx.t("ops.note"), key="move_note")
        _carry_out(
            ctx,
            "ops.move.button",
            ":material/swap_horiz:",
            lambda: prioritisation.move_person(
                ctx.actor,
                team.id,
                who,
                day,
                to_task_id=destination,
                hours=hours.value,
                from_task_id=source,
                kind=reason,
                note=note,
            ),
            done=lambda _: ctx.t("ops.move.done"),
            clear=("move_person", "move_from", "move_to", "move_hours", "move_reason", "move_note"),
            numbers=[hours],
        )


def overtime_form(ctx: PageContext, team: TeamInfo, view: operations_board.OperationsBoardView, day: dt.date) -> None:
    people = dict(view.people)
    task_names = {t.id: t.name for t in view.tasks}
    with st.form("overtime_form"):
        st.markdown(f"**{ctx.t('ops.overtime.title')}**")
        who = st.selectbox(ctx.t("ops.col.person"), list(people), format_func=people.get, key="ot_person")
        destination = st.selectbox(ctx.t("ops.move.to"), list(task_names), format_func=task_names.get, key="ot_task")
        hours = number_entry(ctx, ctx.t("ops.hours"), key="ot_hours", bounds=Bounds(0.25, 8), required=True)
        note = st.text_input(ctx.t("ops.note"), key="ot_note")
        _carry_out(
            ctx,
            "ops.overtime.button",
            ":material/more_time:",
            lambda: prioritisation.add_overtime(
                ctx.actor, team.id, who, day, task_id=destination, hours=hours.value, note=note
            ),
            done=lambda _: ctx.md("ops.overtime.done", name=people[who]),
            clear=("ot_person", "ot_task", "ot_hours", "ot_note"),
            numbers=[hours],
        )


def _action_form(ctx: PageContext, team: TeamInfo, day: dt.date) -> None:
    period = targets.previous_period(day, Period.WEEK)
    tiles = [t for t in goalboard.goal_board(team.id, period) if not t.rolled_up]
    behind = [t for t in tiles if targets.takes_action(t.verdict)]
    if not behind:
        st.info(ctx.t("goals.action.only_behind" if tiles else "goals.no_measures"))
        return
    with st.form("meeting_action"):
        by_id = {t.contributors[0].measure_id: t for t in behind}
        measure_id = st.selectbox(
            ctx.t("goals.col.measure"),
            list(by_id),
            format_func=lambda i: f"{by_id[i].name} · {ctx.t(f'verdict.{by_id[i].verdict.value}')}",
        )
        text = st.text_area(ctx.t("goals.col.action"), max_chars=1000)
        owner = st.text_input(ctx.t("goals.col.owner"), value=ctx.actor.name)
        due = st.date_input(ctx.t("goals.col.due"), value=targets.default_due_date(day), format="DD.MM.YYYY")
        if st.form_submit_button(ctx.t("goals.action.add"), type="primary"):
            run_intent(
                ctx,
                _decided(
                    lambda: actions.add_action(
                        ctx.actor, measure_id, text=text, owner=owner, due_date=due, period_start=period
                    )
                ),
                done=ctx.t("goals.action.added"),
            )


# The meeting card form's idempotency key: made when the form is drawn, sent with the submit
# and dropped after a success, so a submit the browser sends twice creates one card.
MEETING_CARD_KEY = "meeting_card_key"


def _card_form(ctx: PageContext, team: TeamInfo) -> None:
    form_key = st.session_state.setdefault(MEETING_CARD_KEY, uuid.uuid4().hex)
    with st.form("meeting_card"):
        title = st.text_input(ctx.t("card.title"), max_chars=200)
        problem = st.text_area(ctx.t("card.problem"))
        if st.form_submit_button(ctx.t("imp.create"), type="primary"):
            run_intent(
                ctx,
                _decided(
                    lambda: improvement.create_card(
                        ctx.actor,
                        team.id,
                        title=title,
                        problem=problem,
                        proposer_id=ctx.person_id,
                        origin_kind=CardOrigin.MEETING,
                        idempotency_key=form_key,
                    )
                ),
                done=ctx.md("imp.created", title=title),
                clear=(MEETING_CARD_KEY,),
            )


def show(ctx: PageContext, team: TeamInfo, view: operations_board.OperationsBoardView, day: dt.date) -> None:
    """Draw the decision the meeting chose (if any) as a dialog."""
    decision = st.session_state.get("decision")
    if decision == "plan":

        @st.dialog(ctx.t("ops.decide.plan"), width="large", on_dismiss=lambda: st.session_state.pop("decision", None))
        def plan_dialog() -> None:
            left, right = st.columns(2)
            with left:
                sick_form(ctx, team, view, day)
            with right:
                move_form(ctx, team, view, day)

        plan_dialog()
    elif decision == "action":

        @st.dialog(ctx.t("ops.decide.action"), on_dismiss=lambda: st.session_state.pop("decision", None))
        def action_dialog() -> None:
            _action_form(ctx, team, day)

        action_dialog()
    elif decision == "card":

        @st.dialog(ctx.t("ops.decide.card"), on_dismiss=lambda: st.session_state.pop("decision", None))
        def card_dialog() -> None:
            _card_form(ctx, team)

        card_dialog()

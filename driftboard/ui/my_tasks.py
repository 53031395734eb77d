"""A team member's own tasks today, first on the operations page: how a person records their
production on a phone at the desk.

Who "me" is: ``?me=`` in the address (a person's id or name, so a bookmark opens straight on
their tasks), else the person signed in or acting. Their tasks are the ones the day's plan gives
them on this team's board (a person lent in from another team too); each has one number field
and its status today and for the week, so a tap on the field, the digits and a tap on "Save"
record it without scrolling sideways or opening a tab."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from driftboard.i18n import fmt_number
from driftboard.opsboard import TaskInfo
from driftboard.services.operations_board import OperationsBoardView
from driftboard.ui.board_parts import status_badge
from driftboard.ui.opsboard_view import cell_text
from driftboard.ui.page import PageContext
from driftboard.ui.text import md_escape

ME = "me"  # the query parameter


def people_on_board(view: OperationsBoardView) -> dict[int, str]:
    """The team's people and the people working on its board today (lent in)."""
    return {**dict(view.people), **{line.person_id: line.name for line in view.board.roster}}


def who(ctx: PageContext, view: OperationsBoardView) -> tuple[int, str] | None:
    """The person whose tasks come first: ``?me=`` (id or name), else who is at the keyboard. An
    unknown ``?me=`` is said, and the page shows the whole team."""
    people = people_on_board(view)
    asked = str(st.query_params.get(ME) or "").strip()
    if asked:
        by_name = {name.casefold(): person_id for person_id, name in people.items()}
        person_id = int(asked) if asked.isdigit() else by_name.get(asked.casefold())
        if person_id in people:
            return person_id, people[person_id]
        st.warning(ctx.md("mine.unknown", me=asked), icon=":material/person_off:")
        return None
    person_id = ctx.person_id or ctx.actor.person_id
    return (person_id, people[person_id]) if person_id in people else None


def my_tasks(view: OperationsBoardView, person_id: int) -> list[TaskInfo]:
    """The tasks the day's plan gives ``person_id`` on this board, in the board's order."""
    line = next((line for line in view.board.roster if line.person_id == person_id), None)
    names = {name for name, _hours in line.tasks} if line else set()
    return [task for task in view.tasks if task.name in names]


def section(
    ctx: PageContext,
    view: OperationsBoardView,
    me: tuple[int, str],
    form: Callable[[list[TaskInfo]], Any],
) -> None:
    """ "My tasks today": each task's status today and for the week, then ``form`` (one field per
    task) — or why there is nothing to record."""
    person_id, name = me
    st.markdown(f"#### {ctx.t('mine.title', name=md_escape(name))}")
    line = next((line for line in view.board.roster if line.person_id == person_id), None)
    tasks = my_tasks(view, person_id)
    if not tasks:
        absent = line is not None and line.absence is not None
        st.info(ctx.t("mine.absent" if absent else "mine.none"), icon=":material/event_busy:")
        return
    shown = {task.id for task in tasks}
    rows = []
    for task_line in (t for t in view.board.tasks if t.task.id in shown):
        cell = task_line.cell(view.board.day)
        # Today's cell says its status before the first count too ("– / 24, not started").
        got = "–" if cell is None or cell.produced is None else fmt_number(cell.produced, ctx.lang)
        today = status_badge(ctx, cell.status, f"{got}/{fmt_number(cell.planned, ctx.lang)}") if cell else "–"
        produced = task_line.cum_produced if any(c.produced is not None for c in task_line.days) else None
        rows.append(
            {
                ctx.t("ops.col.task"): md_escape(task_line.task.name),
                ctx.t("ops.today"): today,
                ctx.t("ops.col.week"): cell_text(ctx, task_line.cum_planned, produced, task_line.status, False),
            }
        )
    st.table(pd.DataFrame(rows), hide_index=True)
    form(tasks)


def picker(ctx: PageContext, view: OperationsBoardView) -> None:
    """Choose yourself: the page then opens on your tasks, and its address is the bookmark."""
    people = dict(sorted(people_on_board(view).items(), key=lambda item: item[1].casefold()))

    def chosen() -> None:
        person_id = st.session_state.get("mine_picker")
        if person_id is not None:
            st.query_params[ME] = str(person_id)

    st.selectbox(
        ctx.t("mine.pick"),
        list(people),
        index=None,
        format_func=people.get,
        placeholder=ctx.t("mine.pick_placeholder"),
        key="mine_picker",
        on_change=chosen,
        help=ctx.t("mine.pick_help"),
    )

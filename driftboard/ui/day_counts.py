"""The form of counts per task on a day (production, intake): one number per task, and the
value and version each cell showed, so a save sends only the cells the person changed, each
checked against what the person saw."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import streamlit as st

from driftboard import calendar
from driftboard.ui.page import PageContext, run_intent
from driftboard.ui.text import md_escape

V = TypeVar("V")  # a stored count with its ``version`` (production.ProductionValue, intake.IntakeValue)
R = TypeVar("R")  # what a save returns


def seen_cells(
    tasks: Iterable[Any],
    day: dt.date,
    current: Mapping[int, V],
    *,
    widget: str,
    state_key: str,
    count: Callable[[V], int],
) -> dict[int, V | None]:
    """Fill the cells ``{widget}_{task id}`` and return what each shows (value and version).

    A cell keeps the value its render showed until the person changes it, so a save can tell
    the cells they changed from those someone else changed meanwhile; an untouched cell takes
    the current value on the next render."""
    shown_day, before = st.session_state.get(state_key, (day, {}))
    seen: dict[int, V | None] = {}
    for task in tasks:
        cell = f"{widget}_{task.id}"
        now = current.get(task.id)
        if task.id in before and cell in st.session_state:
            shown, value = before[task.id], st.session_state[cell]
            if value not in (count(shown) if shown else None, count(now) if now else None):
                # The person's own edit: it saves against what they saw (typed for another day
                # just picked, against that day's current value).
                seen[task.id] = shown if shown_day == day else now
                continue
        st.session_state[cell] = count(now) if now else None
        seen[task.id] = now
    st.session_state[state_key] = (day, seen)
    return seen


def count_inputs(ctx: PageContext, tasks: list[Any], *, widget: str) -> dict[int, int | None]:
    """One whole-number cell per task, four to a row."""
    columns = st.columns(min(4, max(1, len(tasks))))
    return {
        task.id: columns[i % len(columns)].number_input(
            md_escape(task.name),
            min_value=0,
            step=1,
            placeholder=ctx.t("ops.not_registered"),
            key=f"{widget}_{task.id}",
        )
        for i, task in enumerate(tasks)
    }


def changed_cells(
    values: Mapping[int, int | None], seen: Mapping[int, Any], count: Callable[[Any], int]
) -> tuple[dict[int, int], dict[int, int | None]]:
    """Only the cells the person changed, each with the version its render showed."""
    entered = {
        task_id: int(n)
        for task_id, n in values.items()
        if n is not None and (seen.get(task_id) is None or n != count(seen[task_id]))
    }
    return entered, {task_id: seen[task_id].version if seen.get(task_id) else None for task_id in entered}


def counts_form(
    ctx: PageContext,
    tasks: list[Any],
    day: dt.date,
    today: dt.date,
    *,
    form: str,
    day_key: str | None,
    caption: str,
    load: Callable[[dt.date], Mapping[int, V]],
    widget: str,
    state_key: str,
    count: Callable[[V], int],
    submit: str,
    save: Callable[[dt.date, dict[int, int], dict[int, int | None]], R],
    done: Callable[[dt.date, R], str],
) -> dt.date:
    """The form ``form``: the day the counts are for, one cell per task (``load`` fills them),
    and a button that sends ``save`` only the cells the person changed, with the versions they
    saw. Returns the day picked.

    Counts are entered for a day that has happened: never later than today, and on a weekend or
    a future board day the last work day up to today."""
    with st.form(form):
        latest = min(day, today)
        entry_day = st.date_input(
            ctx.t("ops.entry_day"),
            value=latest if calendar.is_work_day(latest) else calendar.previous_work_day(latest),
            max_value=today,
            format="DD.MM.YYYY",
            key=day_key,
        )
        st.caption(ctx.t(caption))
        seen = seen_cells(tasks, entry_day, load(entry_day), widget=widget, state_key=state_key, count=count)
        values = count_inputs(ctx, tasks, widget=widget)
        if st.form_submit_button(ctx.t(submit), type="primary", icon=":material/save:"):
            entered, versions = changed_cells(values, seen, count)
            if not entered:
                st.warning(ctx.t("ops.nothing_entered"))
            else:
                run_intent(
                    ctx,
                    lambda: save(entry_day, entered, versions),
                    done=lambda result: done(entry_day, result),
                )
    return entry_day

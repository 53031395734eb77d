"""The form of counts per task on a day (production, intake): one number per task, and the
value and version each cell showed, so a save sends only the cells the person changed, each
checked against what the person saw.

A cell starts empty with the stored count as its placeholder ("now: 7"), so a tap and a digit
replace the count instead of appending to it (7 → 76); an empty cell keeps what is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import streamlit as st

from driftboard import calendar
from driftboard.bounds import Bounds
from driftboard.imports import MAX_PRODUCED
from driftboard.plausibility import Doubt
from driftboard.ui import second_look
from driftboard.ui.number_entry import NumberEntry, number_entry, refused
from driftboard.ui.page import PageContext, run_intent
from driftboard.ui.text import md_escape

V = TypeVar("V")  # a stored count with its ``version`` (production.ProductionValue, intake.IntakeValue)
R = TypeVar("R")  # what a save returns


def seen_cells(
    tasks: Iterable[Any], day: dt.date, current: Mapping[int, V], *, widget: str, state_key: str
) -> dict[int, V | None]:
    """What each cell ``{widget}_{task id}`` stands for (stored value and version): a cell the
    person typed into keeps what the page showed when they typed (for the same day), so a save
    can tell their change from one someone else made meanwhile; an empty cell takes the current
    value."""
    shown_day, before = st.session_state.get(state_key, (day, {}))
    seen: dict[int, V | None] = {}
    for task in tasks:
        typed = str(st.session_state.get(f"{widget}_{task.id}") or "").strip()
        seen[task.id] = (
            before.get(task.id) if typed and shown_day == day and task.id in before else current.get(task.id)
        )
    st.session_state[state_key] = (day, seen)
    return seen


def count_inputs(
    ctx: PageContext,
    tasks: list[Any],
    *,
    widget: str,
    seen: Mapping[int, V | None],
    count: Callable[[V], int],
) -> dict[int, NumberEntry]:
    """One whole-number cell per task, four to a row, each saying the count it holds now."""
    columns = st.columns(min(4, max(1, len(tasks))))
    return {
        task.id: number_entry(
            ctx,
            md_escape(task.name),
            key=f"{widget}_{task.id}",
            current=count(shown) if (shown := seen.get(task.id)) is not None else None,
            bounds=Bounds(0, MAX_PRODUCED),
            whole=True,
            placeholder=ctx.t("ops.not_registered"),
            container=columns[i % len(columns)],
        )
        for i, task in enumerate(tasks)
    }


def changed_cells(
    entries: Mapping[int, NumberEntry], seen: Mapping[int, Any], count: Callable[[Any], int]
) -> tuple[dict[int, int], dict[int, int | None]]:
    """Only the cells the person typed a new count into, each with the version its render showed."""
    entered = {
        task_id: int(entry.value)
        for task_id, entry in entries.items()
        if entry.typed
        and entry.value is not None
        and (seen.get(task_id) is None or entry.value != count(seen[task_id]))
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
    doubts: Callable[[dt.date, dict[int, int]], Mapping[int, Doubt]],
    look_key: str,
    pick_day: bool = True,
) -> dt.date:
    """The form ``form``: the day the counts are for, one cell per task (``load`` fills them),
    and a button that sends ``save`` only the cells the person changed, with the versions they
    saw. Returns the day picked.

    Counts are entered for a day that has happened: never later than today, and on a weekend or
    a future board day the last work day up to today. A cell starts empty with the stored count
    as its placeholder ("now: 7"), so typing replaces the count instead of appending to it (7 →
    76), and an empty cell keeps it (``pick_day=False``: no day field, the counts are for the
    day the board shows or, later than today, the last work day). A refused cell is said and
    nothing saved; a count far outside the plausible (``doubts``) is asked about first, with a
    "Save anyway" button (``{look_key}_anyway``). After a save the cells start empty again,
    saying the new counts."""
    with st.form(form):
        latest = min(day, today)
        entry_day = latest if calendar.is_work_day(latest) else calendar.previous_work_day(latest)
        if pick_day:
            entry_day = st.date_input(
                ctx.t("ops.entry_day"), value=entry_day, max_value=today, format="DD.MM.YYYY", key=day_key
            )
        if caption:
            st.caption(ctx.t(caption))
        seen = seen_cells(tasks, entry_day, load(entry_day), widget=widget, state_key=state_key)
        entries = count_inputs(ctx, tasks, widget=widget, seen=seen, count=count)
        submitted = st.form_submit_button(ctx.t(submit), type="primary", icon=":material/save:")
        if submitted and refused(entries.values()):
            submitted = False
        entered, versions = changed_cells(entries, seen, count)
        if submitted and not entered:
            st.warning(ctx.t("ops.nothing_entered"))
            submitted = False
        names = {task.id: md_escape(task.name) for task in tasks}
        if second_look.confirmed(
            ctx,
            look_key,
            submitted=submitted,
            entered=(entry_day, entered),
            doubts=lambda: second_look.questions(ctx, doubts(entry_day, entered), names),
        ):
            run_intent(
                ctx,
                lambda: save(entry_day, entered, versions),
                done=lambda result: done(entry_day, result),
                clear=[f"{widget}_{task.id}" for task in tasks],
            )
    return entry_day

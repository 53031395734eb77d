"""The form cells of counts per task on a day (production, intake): one number per task, and
the value and version each cell showed, so a save sends only the cells the person changed,
each checked against what the person saw."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import streamlit as st

from driftboard.ui.page import PageContext
from driftboard.ui.text import md_escape

V = TypeVar("V")  # a stored count with its ``version`` (production.ProductionValue, intake.IntakeValue)


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

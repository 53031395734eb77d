"""An editable table that saves all-or-nothing through a service and never drops edits.

Every grid of the product (master data, measures, the week plan, absences, competences,
measure values) uses it: one revision counter, one save button, one way to say what happened,
and one guard that keeps every key typed into it (``grid_keys``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import pandas as pd
import streamlit as st

from driftboard.domain import ConflictError, DomainError
from driftboard.services.common import SaveSummary
from driftboard.ui import second_look
from driftboard.ui.grid_keys import keystroke_guard
from driftboard.ui.page import PageContext, flash, show_domain_error

HIDDEN_COLUMNS = ("id", "version", "org_unit_id", "person_id", "measure_id")
EMPTY_CELL = ""  # a missing value shows as an empty cell, never as Streamlit's default "None"


class SaveResult(Protocol):
    @property
    def changed(self) -> bool: ...


def summary_text(ctx: PageContext, summary: SaveSummary) -> str:
    """``2 added, 1 changed, 0 removed`` in the viewer's language."""
    return ctx.t("md.summary", added=summary.added, updated=summary.updated, removed=summary.removed)


def summary_message(ctx: PageContext, summary: SaveSummary) -> str:
    return ctx.t("md.saved", summary=summary_text(ctx, summary))


def name_and_slug(ctx: PageContext) -> dict[str, Any]:
    """The name and slug columns of a master-data table (tasks, teams, measures), both required,
    within the lengths the database keeps."""
    col = st.column_config
    return {
        "name": col.TextColumn(ctx.t("col.name"), required=True, max_chars=120),
        "slug": col.TextColumn(ctx.t("col.slug"), required=True, max_chars=60),
    }


def localized_numbers(column_config: Mapping[str, Any]) -> dict[str, Any]:
    """Number columns without a format of their own write numbers as the browser's language does
    ("7,50" in a Danish browser instead of "7.50"): Streamlit's grid cannot take the page's language,
    only the browser's. A column's ``step`` still sets its decimals."""
    localized = {}
    for name, config in column_config.items():
        options = config.get("type_config", {}) if isinstance(config, Mapping) else {}
        if options.get("type") == "number" and not options.get("format"):
            config = {**config, "type_config": {**options, "format": "localized"}}
        localized[name] = config
    return localized


def editable_table(
    ctx: PageContext,
    key: str,
    frame: pd.DataFrame,
    column_config: Mapping[str, Any],
    *,
    save: Callable[[Sequence[dict[str, Any]]], Any],
    message: Callable[[Any], str] | None = None,
    fixed_rows: bool = False,
    column_order: Sequence[str] | None = None,
    disabled: Sequence[str] = (),
    save_label: str | None = None,
    id_column: str = "id",
    doubts: Callable[[Sequence[dict[str, Any]]], Sequence[str]] | None = None,
    caption: str | None = None,
) -> None:
    """A data editor plus a save button, under its ``caption`` (how to use it) when it has one.
    A refused save shows why and keeps every edit on screen; a conflict also offers to load the
    current values (the user decides). ``save`` returns a result with ``changed`` (or a count of
    changes); ``message`` says what it did (default: the counts). A save that changed nothing
    keeps the editor as it is, so an edit still arriving from the browser is not lost.

    A frame with a ``version`` column (rows by ``id_column``) is saved with the versions the
    person saw (``seen_versions``), so a colleague's save in between is refused, not overwritten.
    ``doubts`` (the rows about to be saved → questions, "… — save anyway?") asks before a save of
    numbers far outside the plausible; "Save anyway" saves exactly those rows."""
    if caption:
        st.caption(caption)
    revision = st.session_state.setdefault(f"{key}_rev", 0)
    # While the person edits, the grid keeps the rows the editing began from: every edited cell
    # reruns the page, and a re-read that differs (a colleague saved meanwhile) would give
    # Streamlit a new editor and silently drop the person's edits. The save is then checked
    # against what they saw and a colleague's change is refused by name, never overwritten.
    if has_pending_edits(key) and f"{key}_frame" in st.session_state:
        frame = st.session_state[f"{key}_frame"]
    else:
        st.session_state[f"{key}_frame"] = frame
    seen = None
    if "version" in frame.columns and id_column in frame.columns:
        seen = seen_versions(key, dict(zip(frame[id_column], frame["version"], strict=True)))
    keystroke_guard(key)  # keys typed faster than the grid opens its editor are kept, in order
    edited = st.data_editor(
        frame,
        key=f"{key}_editor_{revision}",
        column_config=localized_numbers(column_config),
        column_order=list(column_order or [c for c in frame.columns if c not in HIDDEN_COLUMNS]),
        disabled=list(disabled),
        num_rows="fixed" if fixed_rows else "dynamic",
        hide_index=True,
        width="stretch",
        placeholder=EMPTY_CELL,
    )
    clicked = st.button(save_label or ctx.t("md.save"), key=f"{key}_save", type="primary", icon=":material/save:")
    rows = edited.to_dict("records")
    if seen is not None:
        rows = [{**r, "version": seen.get(r.get(id_column), r.get("version"))} for r in rows]
    if doubts is not None:
        clicked = second_look.confirmed(
            ctx, key, submitted=clicked, entered=rows, doubts=lambda: doubts(rows), in_form=False
        )
    if clicked:
        try:
            result: SaveResult | int = save(rows)
        except ConflictError as error:
            show_domain_error(ctx, error)
            st.session_state[f"{key}_conflict"] = True
        except DomainError as error:
            show_domain_error(ctx, error)
        else:
            if not (result.changed if hasattr(result, "changed") else result):
                st.info(ctx.t("md.no_changes"))
                return
            st.session_state[f"{key}_rev"] = revision + 1
            flash(message(result) if message else summary_message(ctx, result))  # type: ignore[arg-type]
            st.rerun()
    if st.session_state.get(f"{key}_conflict") and st.button(
        ctx.t("md.reload"), key=f"{key}_reload", icon=":material/refresh:"
    ):
        st.session_state[f"{key}_conflict"] = False
        st.session_state[f"{key}_rev"] = revision + 1
        st.rerun()


def has_pending_edits(key: str) -> bool:
    """Whether the person has edited the table ``key`` since it was last drawn afresh (after a
    save or a reload)."""
    revision = st.session_state.get(f"{key}_rev", 0)
    state = st.session_state.get(f"{key}_editor_{revision}")
    return bool(state and (state.get("edited_rows") or state.get("added_rows") or state.get("deleted_rows")))


def seen_versions(key: str, shown: Mapping[Any, int | None]) -> dict[Any, int | None]:
    """The row versions (by id) a save of the table ``key`` is checked against: what the
    person's page showed before this run, not what this run re-read. While the person is
    editing, that stays the versions the table showed when the editing began — every edited
    cell reruns the page and re-reads the rows, and taking those would hide a colleague's save
    made in the meantime (a stale grid would then overwrite it)."""
    store = f"{key}_seen"
    seen = {**shown, **st.session_state.get(store, {})}
    if store not in st.session_state or not has_pending_edits(key):
        st.session_state[store] = dict(shown)
    return seen

"""An editable table that saves all-or-nothing through a service and never drops edits."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from driftboard.domain import ConflictError, DomainError
from driftboard.services.common import SaveSummary
from driftboard.ui.page import PageContext, flash, show_domain_error

HIDDEN_COLUMNS = ("id", "version", "org_unit_id")


def editable_table(
    ctx: PageContext,
    key: str,
    frame: pd.DataFrame,
    column_config: Mapping[str, Any],
    *,
    save: Callable[[Sequence[dict[str, Any]]], SaveSummary],
    fixed_rows: bool = False,
) -> None:
    """A data editor plus a save button. A refused save shows why and keeps every edit on
    screen; a conflict also offers to load the current values (the user decides)."""
    revision = st.session_state.setdefault(f"{key}_rev", 0)
    edited = st.data_editor(
        frame,
        key=f"{key}_editor_{revision}",
        column_config=dict(column_config),
        column_order=[c for c in frame.columns if c not in HIDDEN_COLUMNS],
        num_rows="fixed" if fixed_rows else "dynamic",
        hide_index=True,
        width="stretch",
    )
    if st.button(ctx.t("md.save"), key=f"{key}_save", type="primary", icon=":material/save:"):
        try:
            summary = save(edited.to_dict("records"))
        except ConflictError as error:
            show_domain_error(ctx, error)
            st.session_state[f"{key}_conflict"] = True
        except DomainError as error:
            show_domain_error(ctx, error)
        else:
            if not summary.changed:
                st.info(ctx.t("md.no_changes"))
                return
            st.session_state[f"{key}_rev"] = revision + 1
            flash(
                ctx.t(
                    "md.saved",
                    summary=ctx.t("md.summary", added=summary.added, updated=summary.updated, removed=summary.removed),
                )
            )
            st.rerun()
    if st.session_state.get(f"{key}_conflict") and st.button(
        ctx.t("md.reload"), key=f"{key}_reload", icon=":material/refresh:"
    ):
        st.session_state[f"{key}_conflict"] = False
        st.session_state[f"{key}_rev"] = revision + 1
        st.rerun()

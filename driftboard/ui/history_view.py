"""Changes from the audit log drawn for people: a table in the viewer's language, and the
history expander a card, a plan or a production day shows below its form."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from driftboard import history
from driftboard.history import Change
from driftboard.ui.page import PageContext


def changes_frame(ctx: PageContext, changes: list[Change]) -> pd.DataFrame:
    """When, who, what and the change, each said in the viewer's language."""
    return pd.DataFrame(
        [
            {
                ctx.t("history.col.when"): history.when_text(c, ctx.lang),
                ctx.t("history.col.who"): c.actor,
                ctx.t("history.col.what"): history.what_text(c, ctx.lang),
                ctx.t("history.col.change"): history.change_text(c, ctx.lang),
            }
            for c in changes
        ],
        columns=[ctx.t(k) for k in ("history.col.when", "history.col.who", "history.col.what", "history.col.change")],
    )


def change_label(ctx: PageContext, change: Change) -> str:
    """One line naming a change, for a picker and a confirmation."""
    return " · ".join(
        (history.when_text(change, ctx.lang), change.actor, history.what_text(change, ctx.lang),
         history.change_text(change, ctx.lang))
    )  # fmt: skip


def history_expander(ctx: PageContext, key: str, changes: Callable[[], list[Change]]) -> None:
    """A row's recent changes, folded away below its form (plain text: no markdown in names).
    Read only while the expander is open: opening it reruns the page (``key`` keeps it open
    across reruns), so a page run that does not show the history does not read the log."""
    expander = st.expander(ctx.t("history.row"), icon=":material/history:", key=key, on_change="rerun")
    if not expander.open:
        return
    with expander:
        shown = changes()
        if not shown:
            st.caption(ctx.t("history.none"))
        else:
            st.dataframe(changes_frame(ctx, shown), hide_index=True, width="stretch")

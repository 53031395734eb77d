"""The second look in the UI: a number far outside the plausible (``driftboard.plausibility``) is
not saved on the first click; the page says "766 against a plan of 24 — save anyway?" and a
"Save anyway" button saves exactly what was asked about. An import saves such rows and lists
them where the import was made."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import streamlit as st

from driftboard.i18n import counted
from driftboard.plausibility import Doubt, RowDoubt

if TYPE_CHECKING:
    from driftboard.ui.page import PageContext


def questions(ctx: PageContext, doubts: Mapping[object, Doubt], names: Mapping[object, str]) -> list[str]:
    """ "Mortgage payout: 766 against a plan of 24 — save anyway?" for each doubt, by the name of
    what it is about (markdown: names come escaped)."""
    return [ctx.t("num.ask", what=names[key], doubt=doubt.text(ctx.lang)) for key, doubt in doubts.items()]


def confirmed(
    ctx: PageContext,
    key: str,
    *,
    submitted: bool,
    entered: object,
    doubts: Callable[[], Sequence[str]],
    in_form: bool = True,
) -> bool:
    """Whether to save ``entered`` now. On a submit with nothing doubtful: yes. With doubts
    (``doubts()``: the questions, in the viewer's language): no; the questions are shown with a
    "Save anyway" button (``{key}_anyway``, a form submit button ``in_form``), which on the next
    run says yes for exactly what was asked about. Something else entered meanwhile is asked
    about afresh."""
    asked_key = f"{key}_asked"
    asked: tuple[str, list[str]] | None = st.session_state.get(asked_key)
    box = st.container()
    button = st.form_submit_button if in_form else st.button
    anyway = asked is not None and button(ctx.t("num.save_anyway"), key=f"{key}_anyway", icon=":material/done_all:")
    fingerprint = repr(entered)
    if anyway and asked is not None and asked[0] == fingerprint:
        st.session_state.pop(asked_key)
        return True
    if not (submitted or anyway):
        for question in asked[1] if asked else ():
            box.warning(question, icon=":material/help:")
        return False
    found = list(doubts())
    if not found:
        st.session_state.pop(asked_key, None)
        return True
    st.session_state[asked_key] = (fingerprint, found)
    for question in found:
        box.warning(question, icon=":material/help:")
    if asked is None:  # asked for the first time: the button was not drawn yet
        button(ctx.t("num.save_anyway"), key=f"{key}_anyway", icon=":material/done_all:")
    return False


def imported(ctx: PageContext, key: str, said: str, doubts: Sequence[RowDoubt]) -> str:
    """What an import did (``said``, for the toast); its rows to look at again are kept for
    ``import_doubts`` to show under the import until the next one."""
    st.session_state[f"{key}_doubts"] = [
        ctx.t("num.row_doubt", row=d.row, field=d.field, doubt=d.text(ctx.lang)) for d in doubts
    ]
    return said


def import_doubts(ctx: PageContext, key: str) -> None:
    """The saved rows of the last import that deserve a second look, if any."""
    texts = st.session_state.get(f"{key}_doubts")
    if texts:
        lines = "\n".join(f"- {text}" for text in texts)
        said = ctx.t(counted("num.import_doubts", len(texts)), count=len(texts))
        st.warning(f"{said}\n\n{lines}", icon=":material/help:")

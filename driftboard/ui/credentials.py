"""The credentials an administrator hands out and takes back (role grants, screen links, API
tokens): one list with a revoke button, the same usage columns, and a new secret shown once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

import streamlit as st

from driftboard.i18n import fmt_date, fmt_time
from driftboard.ui.page import PageContext, run_intent


class Used(Protocol):
    """A credential that records when it was made, last used and revoked."""

    @property
    def created_at(self) -> dt.datetime: ...
    @property
    def last_used_at(self) -> dt.datetime | None: ...
    @property
    def revoked_at(self) -> dt.datetime | None: ...


def _stamp(ctx: PageContext, value: dt.datetime | None) -> str:
    return f"{fmt_date(value.date(), ctx.lang)} {fmt_time(value, ctx.lang)}" if value else ctx.t("access.never")


def usage_columns(ctx: PageContext, credential: Used) -> dict[str, str]:
    """Made, last used ("never" until then) and revoked (empty while live), in local time."""
    return {
        ctx.t("access.col.created"): _stamp(ctx, credential.created_at),
        ctx.t("access.col.last_used"): _stamp(ctx, credential.last_used_at),
        ctx.t("access.col.revoked"): _stamp(ctx, credential.revoked_at) if credential.revoked_at else "",
    }


def revocable_list(
    ctx: PageContext,
    records: Sequence[Mapping[str, str]],
    live: Mapping[int, str],
    *,
    name: str,
    pick: str,
    icon: str,
    revoke: Callable[[int], object],
    empty: str,
) -> None:
    """The credentials as a table (``records``, one per credential; the catalogue key ``empty``
    says there are none), then a pick of the ``live`` ones (id: label) and a button that revokes
    the picked one. The widgets are keyed ``{name}_pick`` and ``revoke_{name}``."""
    if not records:
        st.caption(ctx.t(empty))
        return
    st.dataframe(list(records), hide_index=True, width="stretch")
    if not live:
        return
    pick_col, revoke_col = st.columns([4, 1], vertical_alignment="bottom")
    picked = pick_col.selectbox(ctx.t(pick), list(live), format_func=live.get, key=f"{name}_pick")
    if revoke_col.button(ctx.t("access.revoke"), icon=icon, key=f"revoke_{name}"):
        run_intent(ctx, lambda: revoke(picked), done=ctx.t("access.revoked"))


def show_secret_once(ctx: PageContext, state_key: str, said: str, icon: str) -> None:
    """The secret a create left in ``state_key``, on the run after it only: only its hash is
    stored, so it cannot be shown again."""
    made = st.session_state.pop(state_key, None)
    if made:
        st.success(ctx.t(said), icon=icon)
        st.code(made, language=None)

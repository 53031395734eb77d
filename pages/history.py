"""Recent changes of a unit, read from the audit log, with undo for leaders."""

import datetime as dt

import streamlit as st

from driftboard import clock
from driftboard.history import Board
from driftboard.services import history
from driftboard.ui.history_view import change_label, changes_frame
from driftboard.ui.org_picker import org_picker
from driftboard.ui.page import run_intent, setup_org_page
from driftboard.ui.text import md_escape

ctx, tree = setup_org_page("history")
nodes = {node.id: node for node in tree}
default = ctx.team.id if ctx.team and ctx.team.id in nodes else tree[0].id
st.title(ctx.t("page.history"))
today = clock.today()
unit_col, person_col, board_col, from_col, to_col = st.columns([3, 2, 2, 1.4, 1.4])
with unit_col:
    org_id = org_picker(ctx, nodes, label="history.unit", key="history_unit", default=default)
since = from_col.date_input(
    ctx.t("history.from"), value=today - dt.timedelta(days=7), format="DD.MM.YYYY", key="history_from"
)
until = to_col.date_input(ctx.t("history.to"), value=None, format="DD.MM.YYYY", key="history_to")
board = board_col.selectbox(
    ctx.t("history.board"),
    [None, *Board],
    format_func=lambda b: ctx.t(f"history.board.{b.value}") if b else ctx.t("history.all_boards"),
    key="history_board",
)
everyone = history.recent_changes(org_id, board=board, since=since, until=until)
chosen = st.session_state.get("history_person")
person = person_col.selectbox(  # who changed this org unit's rows then (never another unit's people)
    ctx.t("history.person"),
    [None, *sorted({c.actor for c in everyone} | ({chosen} if chosen else set()))],
    format_func=lambda p: p or ctx.t("history.anyone"),
    key="history_person",
)
st.caption(ctx.t("history.intro", unit=md_escape(nodes[org_id].name)))

changes = everyone if person is None else history.recent_changes(org_id, person=person, board=board, since=since,
                                                                   until=until)  # fmt: skip
if not changes:
    st.info(ctx.t("history.none"))
    st.stop()
st.dataframe(changes_frame(ctx, changes), hide_index=True, width="stretch")

undoable = {c.id: c for c in changes if c.undoable}
if undoable:
    pick_col, button_col = st.columns([5, 1], vertical_alignment="bottom")
    change_id = pick_col.selectbox(
        ctx.t("history.undo_pick"),
        list(undoable),
        format_func=lambda i: change_label(ctx, undoable[i]),
        key="undo_pick",
    )
    if button_col.button(ctx.t("history.undo"), icon=":material/undo:", key="undo"):
        run_intent(
            ctx,
            lambda: history.undo_change(ctx.actor, change_id),
            done=lambda change: ctx.t("history.undone", change=change_label(ctx, change)),
        )

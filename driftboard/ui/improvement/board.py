"""The PDCA kanban: drag or buttons to move a card (a move over a WIP limit waits for "Move
anyway"), the new-card form, the standards wall and the shared screen."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import streamlit as st

from driftboard.domain import ConflictError, DomainError, Stage
from driftboard.i18n import fmt_date
from driftboard.improvement import (
    BOARD_STAGES,
    SIDE_STAGES,
    is_scored,
    move_needs_confirmation,
    move_targets,
    next_stage,
    offers_ownership,
    over_limit,
    standards_since,
)
from driftboard.services import improvement, improvement_board
from driftboard.services.improvement_board import CardView, ImprovementBoardView
from driftboard.ui.board_parts import clip
from driftboard.ui.improvement.card import (
    card_line,
    link,
    open_card,
    origin_text,
    seen_versions,
    stage_label,
    suggestions_for,
    take,
)
from driftboard.ui.kanban import kanban
from driftboard.ui.page import PageContext, flash, run_intent, show_domain_error
from driftboard.ui.text import md_escape

TABS_KEY = "imp_tab"  # the selected tab's label (tabs that run only the open tab's content)
PENDING_MOVE = "pending_move"  # a move over a WIP limit, waiting for "Move anyway"
NEW_CARD_PREFILL = "imp_new_card_prefill"  # form values to put in before the form is drawn
NEW_CARD_ORIGIN = "imp_new_card_origin"  # where the prefilled card comes from (kind + params)
CREATED_CARD = "created_card"
# The new-card form's idempotency key: made when the form is drawn, sent with the submit and
# renewed after a success, so a submit the browser sends twice creates one card.
NEW_CARD_KEY = "imp_new_card_key"


def card_meta(ctx: PageContext, c: CardView) -> str:
    owner = c.owner or ctx.t("card.no_owner")
    scores = f" · {ctx.t('card.scores', impact=c.impact, effort=c.effort)}" if is_scored(c.impact, c.effort) else ""
    return f"#{c.id} · {owner}{scores}"


def move(
    ctx: PageContext, view: ImprovementBoardView, card_id: int, to: Stage, seen: int, *, confirmed: bool = False
) -> None:
    """Validate and write a move; a move over a WIP limit waits for confirmation."""
    if not confirmed and move_needs_confirmation(to, view.counts, view.wip_limits):
        st.session_state[PENDING_MOVE] = {"card_id": card_id, "to": to.value, "version": seen}
        st.rerun()  # the confirmation is drawn at the top of the page
    title = next((c.title for c in view.cards if c.id == card_id), "")
    try:
        improvement.move_card(ctx.actor, card_id, to, seen_version=seen)
    except ConflictError as error:
        show_domain_error(ctx, error)
        now = improvement_board.card(card_id)
        st.info(
            ctx.t(
                "card.now",
                title=md_escape(now.title),
                stage=stage_label(ctx, now.stage),
                owner=md_escape(now.owner or "–"),
            )
        )
        return
    except DomainError as error:
        show_domain_error(ctx, error)
        return
    flash(ctx.md("card.moved", title=title, stage=stage_label(ctx, to)))
    st.rerun()


def pending_move(ctx: PageContext, view: ImprovementBoardView) -> None:
    """A move over a WIP limit: "Move anyway" or "No, keep it"."""
    pending = st.session_state.get(PENDING_MOVE)
    if not pending or pending["card_id"] not in {c.id for c in view.cards}:
        return
    to = Stage(pending["to"])
    st.warning(
        ctx.t("card.wip_confirm", stage=stage_label(ctx, to), count=view.counts[to], limit=view.wip_limits.get(to)),
        icon=":material/warning:",
    )
    yes, no = st.columns([1, 5])
    if yes.button(ctx.t("card.wip_yes"), type="primary", key="wip_yes"):
        st.session_state.pop(PENDING_MOVE)
        move(ctx, view, pending["card_id"], to, pending["version"], confirmed=True)
    if no.button(ctx.t("card.wip_no"), key="wip_no"):
        st.session_state.pop(PENDING_MOVE)
        st.rerun()


def board_data(
    ctx: PageContext, board: ImprovementBoardView, *, person_id: int | None = None
) -> tuple[list[dict], list[dict]]:  # type: ignore[type-arg]
    """Columns and cards as the kanban component draws them."""
    columns = [
        {
            "stage": s.value,
            "label": stage_label(ctx, s),
            "count": board.counts[s],
            "limit": board.wip_limits.get(s),
            "over": over_limit(board.counts[s], board.wip_limits.get(s)),
            "side": s in SIDE_STAGES,
        }
        for s in (*BOARD_STAGES, *SIDE_STAGES)
    ]
    items = [
        {
            "id": c.id,
            "version": c.version,
            "stage": c.stage.value,
            "title": c.title,
            "owner": c.owner,
            "meta": card_meta(ctx, c),
            "can_take": offers_ownership(c.owner_id, person_id),
        }
        for c in board.cards
    ]
    return columns, items


def drag_board(ctx: PageContext, view: ImprovementBoardView, team_id: int) -> None:
    """The kanban: drag to move, click to open, "Take ownership" on each card someone else owns.
    The version each intent carries is the one the component drew."""
    cards = {c.id: c for c in view.cards}
    columns, items = board_data(ctx, view, person_id=ctx.person_id)
    events = kanban(
        columns,
        items,
        key=f"kanban_{team_id}",
        take_label=ctx.t("card.take"),
        move_to_label=ctx.t("card.move_to"),
        stages_label=ctx.t("imp.show_stage"),
    )
    if events.move and events.move.get("card_id") in cards:
        move(ctx, view, int(events.move["card_id"]), Stage(events.move["to"]), int(events.move["version"]))
    if events.take and events.take.get("card_id") in cards:
        take(ctx, cards[int(events.take["card_id"])], int(events.take["version"]))
    if events.open and events.open.get("card_id") in cards:
        open_card(int(events.open["card_id"]))
    st.caption(ctx.t("imp.drag_help"))


def button_board(ctx: PageContext, view: ImprovementBoardView) -> None:
    """The same board with a "move to" control on each card: for touch screens and keyboards."""
    seen = seen_versions(view.cards, "board")
    for group in (BOARD_STAGES, SIDE_STAGES):
        for column, stage in zip(st.columns(len(group)), group, strict=True):
            with column:
                limit = view.wip_limits.get(stage)
                count = f"{view.counts[stage]} / {limit}" if limit else str(view.counts[stage])
                flag = " :red[:material/warning:]" if over_limit(view.counts[stage], limit) else ""
                st.markdown(f"**{stage_label(ctx, stage)}** · {count}{flag}")
                for c in (c for c in view.cards if c.stage is stage):
                    with st.container(border=True):
                        _button_card(ctx, view, c, seen[c.id])


def _button_card(ctx: PageContext, view: ImprovementBoardView, c: CardView, seen: int) -> None:
    st.markdown(f"**{md_escape(c.title)}**")
    st.caption(md_escape(card_meta(ctx, c)))
    choices = move_targets(c.stage)
    following = next_stage(c.stage)
    target = st.selectbox(
        ctx.t("card.move_to"),
        choices,
        index=choices.index(following) if following else 0,
        format_func=lambda s: stage_label(ctx, s),
        key=f"move_to_{c.id}",
        label_visibility="collapsed",
    )
    if st.button(ctx.t("card.move"), key=f"move_{c.id}", icon=":material/arrow_forward:", width="stretch"):
        move(ctx, view, c.id, target, seen)
    if offers_ownership(c.owner_id, ctx.person_id) and st.button(
        ctx.t("card.take"), key=f"own_{c.id}", width="stretch"
    ):
        take(ctx, c, seen)
    st.button(ctx.t("card.open"), key=f"open_{c.id}", width="stretch", on_click=open_card, args=(c.id,))


def new_card(ctx: PageContext, team_id: int, cards: dict[int, CardView]) -> None:
    """The new-card form (prefilled from the Pareto chart when asked) and, after a card is
    created, the cards in other teams that may describe the same problem."""
    prefill = st.session_state.pop(NEW_CARD_PREFILL, None)
    if prefill:  # before the widgets exist: a widget's value can only be set before it is drawn
        st.session_state.update(prefill)
    pending_origin = st.session_state.get(NEW_CARD_ORIGIN)
    form_key = st.session_state.setdefault(NEW_CARD_KEY, uuid.uuid4().hex)
    with st.expander(ctx.t("imp.new_card"), expanded=bool(st.session_state.get("new_title"))):
        with st.form("new_card"):
            if pending_origin:
                st.caption(md_escape(origin_text(ctx, pending_origin.get("kind"), pending_origin.get("params"))))
            title = st.text_input(ctx.t("card.title"), key="new_title", max_chars=200)
            problem = st.text_area(ctx.t("card.problem"), key="new_problem")
            idea = st.text_area(ctx.t("card.idea"), key="new_idea")
            submitted = st.form_submit_button(ctx.t("imp.create"), type="primary", icon=":material/add:")
        if submitted:
            origin = pending_origin or {}
            new_id = run_intent(
                ctx,
                lambda: improvement.create_card(
                    ctx.actor,
                    team_id,
                    title=title,
                    problem=problem,
                    idea=idea,
                    proposer_id=ctx.person_id,
                    origin_kind=origin.get("kind"),
                    origin_params=origin.get("params"),
                    idempotency_key=form_key,
                ),
                rerun=False,
            )
            if new_id is not None:
                st.session_state[CREATED_CARD] = new_id
                for key in ("new_title", "new_problem", "new_idea", NEW_CARD_ORIGIN, NEW_CARD_KEY):
                    st.session_state.pop(key, None)
                flash(ctx.md("imp.created", title=title))
                st.rerun()
    created = st.session_state.get(CREATED_CARD)
    if created in cards:
        suggestions = suggestions_for(ctx, created)
        if suggestions:
            st.warning(
                ctx.t("imp.duplicates_found", title=md_escape(cards[created].title)), icon=":material/content_copy:"
            )
            for other, score in suggestions:
                left, right = st.columns([5, 1])
                left.markdown(card_line(ctx, other, score))
                if right.button(ctx.t("card.link"), key=f"link_new_{other.id}"):
                    st.session_state.pop(CREATED_CARD, None)
                    link(ctx, created, other.id)


def standards_wall(ctx: PageContext, team_id: int, today: dt.date) -> None:
    wall = improvement_board.standards(team_id, standards_since(today))
    if not wall:
        st.info(ctx.t("imp.no_standards"))
    for c in wall:
        with st.container(border=True):
            day = fmt_date(c.standard_at.date(), ctx.lang) if c.standard_at else ""
            st.markdown(f"**{md_escape(c.title)}** · {day}")
            st.markdown(md_escape(c.new_standard))
            st.caption(ctx.t("imp.standard_by", owner=md_escape(c.owner or "–")))


# --------------------------------------------------------------------------- the shared screen


def live_board(ctx: PageContext, board: ImprovementBoardView, team_name: str, today: dt.date, stamp: Any) -> None:
    """The shared screen: the kanban without edit controls, and the newest standards."""
    left, right = st.columns([6.3, 1.3], vertical_alignment="center")
    left.markdown(f"## {md_escape(team_name)} · {ctx.t('page.improvement')}")
    with right:
        stamp()
    columns, items = board_data(ctx, board)
    kanban(
        columns,
        items,
        key=f"kanban_kiosk_{board.team_id}",
        readonly=True,
        more_label=ctx.t("kiosk.more", count="{count}"),
    )
    wall = improvement_board.standards(board.team_id, standards_since(today))[:3]
    if wall:
        st.markdown(f"### {ctx.t('imp.tab.standards')}")
        for column, c in zip(st.columns(3), wall, strict=False):
            with column, st.container(border=True):
                st.markdown(f"**{md_escape(clip(c.title, 60))}**")
                st.markdown(md_escape(clip(c.new_standard, 140)))  # three lines at most: the TV cannot scroll

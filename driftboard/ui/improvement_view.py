"""Drawing the improvement board (PDCA kanban, card dialog, matrix, standards, coordination,
Pareto) from the services' views. The rules live in ``driftboard.improvement``; every click
goes to one service call through ``run_intent``."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from driftboard import admin
from driftboard.domain import CardEventKind, ConflictError, DomainError, Stage
from driftboard.i18n import CATALOGUE, fmt_date, fmt_number, fmt_time, fmt_week
from driftboard.improvement import (
    BOARD_STAGES,
    SIDE_STAGES,
    CardOrigin,
    is_scored,
    jitter,
    move_needs_confirmation,
    move_targets,
    next_stage,
    offers_ownership,
    on_matrix,
    origin_kind,
    over_limit,
    pareto,
    quadrant,
    standards_since,
)
from driftboard.services import improvement, improvement_board, improvement_coordination, improvement_pareto, masterdata
from driftboard.services.improvement_board import CardView, ImprovementBoardView
from driftboard.ui.board_parts import tv_chart
from driftboard.ui.kanban import kanban
from driftboard.ui.maturity_view import maturity_origin_text
from driftboard.ui.page import PageContext, flash, run_intent, show_domain_error
from driftboard.ui.text import md_escape

TABS_KEY = "imp_tab"  # the selected tab's label (tabs that run only the open tab's content)
OPEN_CARD = "imp_open_card"  # the card whose dialog is open, until the person closes it
PENDING_MOVE = "pending_move"  # a move over a WIP limit, waiting for "Move anyway"
NEW_CARD_PREFILL = "imp_new_card_prefill"  # form values to put in before the form is drawn
NEW_CARD_ORIGIN = "imp_new_card_origin"  # where the prefilled card comes from (kind + params)
CREATED_CARD = "created_card"
# The new-card form's idempotency key: made when the form is drawn, sent with the submit and
# renewed after a success, so a submit the browser sends twice creates one card.
NEW_CARD_KEY = "imp_new_card_key"
SCORES = [1, 2, 3, 4, 5]
PAIRS_SHOWN = "imp_pairs_shown"  # how many likely duplicate pairs the coordination tab lists
PAIRS_PAGE = 20


def stage_label(ctx: PageContext, stage: Stage) -> str:
    return ctx.t(f"stage.{stage.value}")


def card_meta(ctx: PageContext, c: CardView) -> str:
    owner = c.owner or ctx.t("card.no_owner")
    scores = f" · {ctx.t('card.scores', impact=c.impact, effort=c.effort)}" if is_scored(c.impact, c.effort) else ""
    return f"#{c.id} · {owner}{scores}"


def card_line(ctx: PageContext, c: CardView, score: float | None = None) -> str:
    """One card as a markdown line (user text escaped): number, title, team, stage, similarity."""
    line = f"#{c.id} {md_escape(c.title)} · {md_escape(c.team_name)} · {stage_label(ctx, c.stage)}"
    return line if score is None else f"{line} ({fmt_number(score, ctx.lang)} %)"


def field_label(ctx: PageContext, field: str | None) -> str:
    """A card field as people call it (history shows ``a3_root_cause`` as "Root cause")."""
    if not field:
        return ""
    if field.startswith("a3_"):
        return ctx.t(f"a3.{field[3:]}")
    names = {"owner_id": "card.owner", "owner": "card.owner", "stage": "imp.stage", "needs_it_change": "card.needs_it"}
    key = names.get(field, f"card.{field}")
    return ctx.t(key) if key in CATALOGUE else field


def _iso_date(ctx: PageContext, value: Any, *, week: bool = False) -> str:
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return ""
    return fmt_week(day, ctx.lang) if week else fmt_date(day, ctx.lang)


def origin_text(ctx: PageContext, kind: str | None, params: dict[str, Any] | None, free_text: str = "") -> str:
    """Where a card came from (its ``origin_kind`` and ``origin_params``) in the viewer's
    language; cards without a known kind (imported, demo) show their free-text ``origin``."""
    params = params or {}
    match origin_kind(kind):
        case CardOrigin.PARETO:
            return ctx.t(
                "card.origin.pareto",
                category=params.get("category", ""),
                start=_iso_date(ctx, params.get("start")),
                end=_iso_date(ctx, params.get("end")),
            )
        case CardOrigin.GOAL_ACTION:
            return ctx.t(
                "card.origin.goal_action",
                id=params.get("action_id", ""),
                measure=params.get("measure", ""),
                org=params.get("org", ""),
                period=_iso_date(ctx, params.get("period_start"), week=True),
            ).strip()
        case CardOrigin.MEETING:
            return ctx.t("card.origin.ops_meeting")
        case CardOrigin.MATURITY:
            return maturity_origin_text(ctx, params)
    return free_text


def seen_versions(cards: Iterable[CardView], place: str) -> dict[int, int]:
    """The version of each card as the person saw it: the one drawn by the previous run.

    A click reruns the script, which reads the cards again; comparing against that fresh read
    could never notice someone else's change. So each render keeps the versions it drew (per
    place on the page) and the click sends the ones kept by the render before it."""
    kept: dict[int, int] = st.session_state.setdefault(f"imp_seen_{place}", {})
    shown = {c.id: kept.get(c.id, c.version) for c in cards}
    kept.update({c.id: c.version for c in cards})
    return shown


# --------------------------------------------------------------------------- intents


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


def take(ctx: PageContext, c: CardView, seen: int, *, close: bool = False) -> None:
    """The person at the keyboard takes ownership of the card."""
    person_id = ctx.person_id
    if person_id is None:
        st.error(ctx.t("card.err.who"), icon=":material/person:")
        return
    run_intent(
        ctx,
        lambda: improvement.take_ownership(ctx.actor, c.id, person_id, seen_version=seen),
        done=lambda _: _closed(ctx.md("card.taken", title=c.title), close),
    )


def _closed(message: str, close: bool = True) -> str:
    """After a successful save in the dialog: close it (the rerun shows the board)."""
    if close:
        st.session_state.pop(OPEN_CARD, None)
    return message


def open_card(card_id: int) -> None:
    st.session_state[OPEN_CARD] = card_id


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


# --------------------------------------------------------------------------- the card dialog


def card_dialog(ctx: PageContext, cards: dict[int, CardView]) -> None:
    """The open card (if any) as a dialog; it stays open across reruns until closed or saved."""
    card_id = st.session_state.get(OPEN_CARD)
    if card_id not in cards:
        st.session_state.pop(OPEN_CARD, None)
        return
    st.dialog(ctx.t("card.dialog_title"), width="large", on_dismiss=lambda: st.session_state.pop(OPEN_CARD, None))(
        _card_body
    )(ctx, cards[card_id])


def _card_body(ctx: PageContext, c: CardView) -> None:
    seen = seen_versions([c], "dialog")[c.id]
    st.markdown(f"### #{c.id} {md_escape(c.title)}")
    st.caption(
        ctx.t(
            "card.caption",
            stage=stage_label(ctx, c.stage),
            proposer=md_escape(c.proposer or "–"),
            owner=md_escape(c.owner or "–"),
        )
    )
    origin = origin_text(ctx, c.origin_kind, c.origin_params, c.origin)
    if origin:
        st.info(md_escape(origin), icon=":material/link:")
    if offers_ownership(c.owner_id, ctx.person_id) and st.button(
        ctx.t("card.take"), key=f"dialog_take_{c.id}", icon=":material/front_hand:"
    ):
        take(ctx, c, seen, close=True)
    tab_card, tab_a3, tab_history, tab_related = st.tabs(
        [ctx.t("card.tab.card"), ctx.t("card.tab.a3"), ctx.t("card.tab.history"), ctx.t("card.tab.related")]
    )
    with tab_card:
        _card_form(ctx, c, seen)
    with tab_a3, st.form(f"a3_form_{c.id}"):
        values = {
            f"a3_{f}": st.text_area(ctx.t(f"a3.{f}"), value=c.a3[f], height=80) for f in improvement_board.A3_FIELDS
        }
        if st.form_submit_button(ctx.t("card.save"), type="primary"):
            changes = {field: value for field, value in values.items() if value != c.a3[field[3:]]}
            run_intent(
                ctx,
                lambda: improvement.edit_card(ctx.actor, c.id, changes, seen_version=seen),
                done=lambda _: _closed(ctx.t("card.saved")),
            )
    with tab_history:
        _history(ctx, c)
    with tab_related:
        _related(ctx, c)


def _card_form(ctx: PageContext, c: CardView, seen: int) -> None:
    """Title, problem, idea, scores … Only what the person changed is sent; a score left empty
    means "not scored yet", a score chosen is saved (nothing set here is silently dropped)."""
    with st.form(f"card_form_{c.id}"):
        values: dict[str, Any] = {
            "title": st.text_input(ctx.t("card.title"), value=c.title, max_chars=200),
            "problem": st.text_area(ctx.t("card.problem"), value=c.problem),
            "idea": st.text_area(ctx.t("card.idea"), value=c.idea),
        }
        left, right = st.columns(2)
        values["impact"] = left.segmented_control(
            ctx.t("card.impact"), SCORES, default=c.impact, key=f"card_impact_{c.id}"
        )
        values["effort"] = right.segmented_control(
            ctx.t("card.effort"), SCORES, default=c.effort, key=f"card_effort_{c.id}"
        )
        values["new_standard"] = st.text_area(ctx.t("card.new_standard"), value=c.new_standard)
        values["rejection_reason"] = st.text_input(ctx.t("card.rejection_reason"), value=c.rejection_reason)
        values["needs_it_change"] = st.checkbox(ctx.t("card.needs_it"), value=c.needs_it_change)
        if st.form_submit_button(ctx.t("card.save"), type="primary", key=f"card_save_{c.id}"):
            changes = {field: value for field, value in values.items() if value != getattr(c, field)}
            run_intent(
                ctx,
                lambda: improvement.edit_card(ctx.actor, c.id, changes, seen_version=seen),
                done=lambda _: _closed(ctx.t("card.saved")),
            )


def _event_value(ctx: PageContext, value: str | None, *, stage: bool) -> str:
    """An event's old or new value; a stage is shown by its name in the viewer's language."""
    return stage_label(ctx, Stage(value)) if stage and value else (value or "")


def _history(ctx: PageContext, c: CardView) -> None:
    rows = []
    for e in improvement_board.history(c.id):
        moved = e.kind is CardEventKind.MOVED
        rows.append(
            {
                ctx.t("card.col.when"): f"{fmt_date(e.created_at.date(), ctx.lang)} {fmt_time(e.created_at, ctx.lang)}",
                ctx.t("card.col.who"): e.actor,
                ctx.t("card.col.what"): ctx.t(f"event.{e.kind.value}"),
                ctx.t("card.col.from"): _event_value(ctx, e.old_value, stage=moved),
                ctx.t("card.col.to"): _event_value(ctx, e.new_value, stage=moved or e.kind is CardEventKind.CREATED),
                ctx.t("card.col.field"): field_label(ctx, e.field),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    comment = st.text_area(ctx.t("card.comment"), key=f"comment_{c.id}")
    if st.button(ctx.t("card.add_comment"), key=f"comment_button_{c.id}"):
        run_intent(
            ctx,
            lambda: improvement.add_comment(ctx.actor, c.id, comment),
            done=lambda _: _closed(ctx.t("card.comment_added")),
        )


def _related(ctx: PageContext, c: CardView) -> None:
    related = improvement_board.related(c.id)
    for other in related:
        st.markdown(f"- {card_line(ctx, other)}")
    suggestions = suggestions_for(c.id)
    if suggestions:
        st.caption(ctx.t("card.duplicates"))
    elif not related:
        st.caption(ctx.t("card.no_related"))
    for other, score in suggestions:
        left, right = st.columns([4, 1])
        left.markdown(
            f"#{other.id} {md_escape(other.title)} · {md_escape(other.team_name)} ({fmt_number(score, ctx.lang)} %)"
        )
        if right.button(ctx.t("card.link"), key=f"link_{c.id}_{other.id}"):
            link(ctx, c.id, other.id)


def link(ctx: PageContext, card_id: int, other_id: int) -> None:
    run_intent(
        ctx,
        lambda: improvement.link_cards(ctx.actor, card_id, other_id),
        done=lambda _: _closed(ctx.t("card.linked")),
    )


# --------------------------------------------------------------------------- the board


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
    events = kanban(columns, items, key=f"kanban_{team_id}", take_label=ctx.t("card.take"))
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
                flash(ctx.t("imp.created", title=title))
                st.rerun()
    created = st.session_state.get(CREATED_CARD)
    if created in cards:
        suggestions = suggestions_for(created)
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


# --------------------------------------------------------------------------- the other tabs


def matrix(ctx: PageContext, view: ImprovementBoardView) -> None:
    """Cards waiting to be chosen by impact and effort; click a dot to open its card."""
    st.caption(ctx.t("imp.matrix_help"))
    candidates = [c for c in view.cards if on_matrix(c.stage)]
    scored = [c for c in candidates if is_scored(c.impact, c.effort)]
    if scored:
        _matrix_chart(ctx, scored)
    else:
        st.info(ctx.t("imp.matrix_empty"))
    if not candidates:
        return
    seen = seen_versions(candidates, "matrix")
    by_id = {c.id: c for c in candidates}
    with st.form("scores"):
        st.markdown(f"**{ctx.t('imp.set_scores')}**")
        card_id = st.selectbox(ctx.t("imp.card"), list(by_id), format_func=lambda i: f"#{i} {by_id[i].title}")
        left, right = st.columns(2)
        impact = left.slider(ctx.t("card.impact"), 1, 5, 3)
        effort = right.slider(ctx.t("card.effort"), 1, 5, 3)
        if st.form_submit_button(ctx.t("card.save"), type="primary"):
            run_intent(
                ctx,
                lambda: improvement.edit_card(
                    ctx.actor, card_id, {"impact": impact, "effort": effort}, seen_version=seen[card_id]
                ),
                done=ctx.t("card.saved"),
            )


def _matrix_chart(ctx: PageContext, scored: list[CardView]) -> None:
    points = []
    for c in scored:
        assert c.impact is not None and c.effort is not None
        dx, dy = jitter(c.id)
        points.append(
            {"id": c.id, "title": c.title, "effort": c.effort + dx, "impact": c.impact + dy,
             "quadrant": ctx.t(f"quadrant.{quadrant(c.impact, c.effort)}"), "stage": stage_label(ctx, c.stage)}
        )  # fmt: skip
    data = pd.DataFrame(points)
    labels = pd.DataFrame(
        [
            {"effort": 1.6, "impact": 5.35, "text": ctx.t("quadrant.quick_wins")},
            {"effort": 4.4, "impact": 5.35, "text": ctx.t("quadrant.big_projects")},
            {"effort": 1.6, "impact": 0.65, "text": ctx.t("quadrant.fill_ins")},
            {"effort": 4.4, "impact": 0.65, "text": ctx.t("quadrant.thankless")},
        ]
    )
    scale = alt.Scale(domain=[0.5, 5.5])
    pick = alt.selection_point(fields=["id"], name="pick")
    dots = (
        alt.Chart(data)
        .mark_circle(size=420, opacity=0.85)
        .encode(
            x=alt.X("effort:Q", scale=scale, title=ctx.t("card.effort")),
            y=alt.Y("impact:Q", scale=scale, title=ctx.t("card.impact")),
            color=alt.Color("stage:N", title=None),
            tooltip=[alt.Tooltip("title:N", title=ctx.t("card.title")), alt.Tooltip("quadrant:N", title="")],
        )
        .add_params(pick)
    )
    names = alt.Chart(data).mark_text(dy=-18, fontSize=13).encode(x="effort:Q", y="impact:Q", text="id:N")
    rules = alt.Chart(pd.DataFrame({"v": [3.0]})).mark_rule(strokeDash=[4, 4], color="#8a8a8a")
    quadrant_names = (
        alt.Chart(labels)
        .mark_text(fontSize=16, fontWeight="bold", color="#4a5563")
        .encode(x="effort:Q", y="impact:Q", text="text:N")
    )
    chart = alt.layer(dots, names, rules.encode(x="v:Q"), rules.encode(y="v:Q"), quadrant_names).properties(height=460)

    def picked() -> None:
        selection = st.session_state.get("matrix_chart")
        chosen = [p.get("id") for p in ((selection or {}).get("selection", {}).get("pick") or [])]
        if chosen:
            open_card(int(chosen[0]))

    st.altair_chart(tv_chart(chart), width="stretch", on_select=picked, key="matrix_chart")


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


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _suggestions(url: str, card_id: int, stamp: int) -> list[tuple[CardView, float]]:
    return improvement_coordination.duplicate_suggestions(card_id)


def suggestions_for(card_id: int) -> list[tuple[CardView, float]]:
    """Likely duplicates of a card in other teams, once per change stamp: the card dialog draws
    them on every rerun while it is open, and they compare the card with every active card."""
    return _suggestions(admin.database_url(), card_id, admin.data_stamp())


@st.cache_data(show_spinner=False, max_entries=32, ttl=3600)
def _coordination(url: str, unit_id: int, stamp: int) -> tuple[list[CardView], list[tuple[CardView, CardView, float]]]:
    """The unit's active cards and likely duplicate pairs, computed once per change stamp for
    every session (comparing hundreds of cards takes a while; nothing changes without a write)."""
    cards = improvement_coordination.active_cards(unit_id)
    return cards, improvement_coordination.duplicate_pairs(unit_id, cards=cards)


def coordination(ctx: PageContext, unit_id: int) -> None:
    """Active cards of every team in the unit; likely duplicate pairs first, to be linked (the
    most alike ``PAIRS_PAGE`` at a time, "Show more pairs" for the next ones)."""
    st.caption(ctx.t("imp.coordination_help"))
    cards, pairs = _coordination(admin.database_url(), unit_id, admin.data_stamp())
    if not pairs:
        st.success(ctx.t("imp.no_duplicates"))
    shown = st.session_state.get(PAIRS_SHOWN, PAIRS_PAGE)
    for a, b, score in pairs[:shown]:
        left, right = st.columns([5, 1])
        left.markdown(f"{card_line(ctx, a)}  \n↔ {card_line(ctx, b, score)}")
        if right.button(ctx.t("card.link"), key=f"link_pair_{a.id}_{b.id}"):
            link(ctx, a.id, b.id)
    if len(pairs) > shown:
        st.caption(ctx.t("imp.pairs_shown", shown=shown, total=len(pairs)))
        if st.button(ctx.t("imp.show_more_pairs"), key="imp_more_pairs", icon=":material/expand_more:"):
            st.session_state[PAIRS_SHOWN] = shown + PAIRS_PAGE
            st.rerun()
    st.dataframe(
        pd.DataFrame(
            [
                {
                    ctx.t("nav.team"): c.team_name,
                    "#": c.id,
                    ctx.t("card.title"): c.title,
                    ctx.t("imp.stage"): stage_label(ctx, c.stage),
                    ctx.t("card.owner"): c.owner or "",
                }
                for c in cards
            ]
        ),
        hide_index=True,
    )


def errors_and_pareto(ctx: PageContext, team_id: int, today: dt.date) -> None:
    """Register errors; the Pareto chart of a period; a card for a category with one click."""
    task_rows = masterdata.tasks_frame(team_id).query("active")
    tasks = dict(zip(task_rows["id"].astype(int), task_rows["name"], strict=True))
    _error_form(ctx, team_id, today, tasks)
    cols = st.columns(3)
    task_id = cols[0].selectbox(
        ctx.t("ops.col.task"),
        [None, *tasks],
        format_func=lambda t: ctx.t("imp.all_tasks") if t is None else tasks[t],
        key="pareto_task",
    )
    start = cols[1].date_input(
        ctx.t("imp.from"), value=today - dt.timedelta(weeks=8), format="DD.MM.YYYY", key="pareto_from"
    )
    end = cols[2].date_input(ctx.t("imp.to"), value=today, format="DD.MM.YYYY", key="pareto_to")
    rows = pareto(improvement_pareto.error_counts(team_id, start, end, task_id))
    if not rows:
        st.info(ctx.t("imp.no_errors"))
        return
    _pareto_chart(ctx, rows)
    st.caption(ctx.t("imp.pareto_help"))
    category = st.selectbox(ctx.t("imp.category"), [r.category for r in rows], key="pareto_category")
    row = next(r for r in rows if r.category == category)
    problem = ctx.t(
        "imp.pareto_problem",
        count=row.count,
        total=sum(r.count for r in rows),
        share=fmt_number(row.share_pct, ctx.lang, 0),
        category=category,
        period=f"{fmt_date(start, ctx.lang)}–{fmt_date(end, ctx.lang)}",
        task=tasks.get(task_id, ctx.t("imp.all_tasks")),
    )
    st.button(
        ctx.t("imp.card_from_pareto"),
        icon=":material/lightbulb:",
        key="pareto_card",
        on_click=_card_from_pareto,
        args=(ctx, category, problem, start, end),
    )


def _card_from_pareto(ctx: PageContext, category: str, problem: str, start: dt.date, end: dt.date) -> None:
    """Fill in the new-card form on the board tab (before its widgets are drawn) and go there."""
    st.session_state[NEW_CARD_PREFILL] = {
        "new_title": ctx.t("imp.pareto_title", category=category),
        "new_problem": problem,
        "new_idea": "",
    }
    st.session_state[NEW_CARD_ORIGIN] = {
        "kind": CardOrigin.PARETO.value,
        "params": {"category": category, "start": start.isoformat(), "end": end.isoformat()},
    }
    st.session_state[TABS_KEY] = ctx.t("imp.tab.board")
    flash(ctx.t("imp.prefilled"))


def _error_form(ctx: PageContext, team_id: int, today: dt.date, tasks: dict[int, str]) -> None:
    with st.form("register_errors"):
        st.markdown(f"**{ctx.t('imp.register')}**")
        cols = st.columns(4)
        task_id = cols[0].selectbox(
            ctx.t("ops.col.task"), [None, *tasks], format_func=lambda t: "–" if t is None else tasks[t]
        )
        day = cols[1].date_input(ctx.t("plan.date"), value=today, max_value=today, format="DD.MM.YYYY")
        category = cols[2].selectbox(
            ctx.t("imp.category"),
            improvement_pareto.error_categories(team_id),
            index=None,
            accept_new_options=True,
            placeholder=ctx.t("imp.category_new"),
        )
        count = cols[3].number_input(ctx.t("imp.count"), min_value=1, step=1, value=1)
        if st.form_submit_button(ctx.t("imp.register_button"), type="primary"):
            run_intent(
                ctx,
                lambda: improvement_pareto.register_errors(
                    ctx.actor, team_id, day=day, category=category or "", count=int(count), task_id=task_id
                ),
                done=ctx.t("imp.registered", count=int(count), category=category),
            )


def _pareto_chart(ctx: PageContext, rows: list[Any]) -> None:
    data = pd.DataFrame(
        [{"category": r.category, "count": r.count, "cumulative": r.cumulative_pct, "vital": r.vital_few} for r in rows]
    )
    order = data["category"].tolist()
    bars = (
        alt.Chart(data)
        .mark_bar(color="#1f5fae")
        .encode(
            x=alt.X("category:N", sort=order, title=None, axis=alt.Axis(labelAngle=-30, labelLimit=240)),
            y=alt.Y("count:Q", title=ctx.t("imp.count")),
            opacity=alt.condition("datum.vital", alt.value(1.0), alt.value(0.45)),
        )
    )
    line = (
        alt.Chart(data)
        .mark_line(color="#c62828", strokeWidth=3, point=True)
        .encode(
            x=alt.X("category:N", sort=order),
            y=alt.Y("cumulative:Q", title=ctx.t("imp.cumulative"), scale=alt.Scale(domain=[0, 100])),
        )
    )
    eighty = (
        alt.Chart(pd.DataFrame({"y": [80]}))
        .mark_rule(strokeDash=[6, 4], color="#f57c00", strokeWidth=2)
        .encode(y="y:Q")
    )
    chart = alt.layer(bars, alt.layer(line, eighty)).resolve_scale(y="independent").properties(height=380)
    st.altair_chart(tv_chart(chart), width="stretch")


# --------------------------------------------------------------------------- the shared screen


def live_board(ctx: PageContext, board: ImprovementBoardView, team_name: str, today: dt.date, stamp: Any) -> None:
    """The shared screen: the kanban without edit controls, and the newest standards."""
    left, right = st.columns([6.3, 1.3], vertical_alignment="center")
    left.markdown(f"## {md_escape(team_name)} · {ctx.t('page.improvement')}")
    with right:
        stamp()
    columns, items = board_data(ctx, board)
    kanban(columns, items, key=f"kanban_kiosk_{board.team_id}", readonly=True)
    wall = improvement_board.standards(board.team_id, standards_since(today))[:3]
    if wall:
        st.markdown(f"#### {ctx.t('imp.tab.standards')}")
        for column, c in zip(st.columns(3), wall, strict=False):
            with column, st.container(border=True):
                st.markdown(f"**{md_escape(c.title)}**")
                st.markdown(md_escape(c.new_standard))

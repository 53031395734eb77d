"""The card dialog: a card's fields, its A3, its history with comments, related cards and likely
duplicates in other teams; and the small pieces every part of the board shows a card with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st

from driftboard import admin
from driftboard.domain import CardEventKind, Stage
from driftboard.i18n import CATALOGUE, fmt_date, fmt_number, fmt_time, fmt_week
from driftboard.improvement import CardOrigin, offers_ownership, origin_kind
from driftboard.services import improvement, improvement_board, improvement_coordination, scope, standards
from driftboard.services.improvement_board import A3_FIELDS, CardView
from driftboard.ui.maturity_view import maturity_origin_text
from driftboard.ui.page import PageContext, run_intent
from driftboard.ui.text import md_escape

OPEN_CARD = "imp_open_card"  # the card whose dialog is open, until the person closes it
SCORES = [1, 2, 3, 4, 5]


def stage_label(ctx: PageContext, stage: Stage) -> str:
    return ctx.t(f"stage.{stage.value}")


def card_line(ctx: PageContext, c: CardView, score: float | None = None) -> str:
    """One card as a markdown line (user text escaped): number, title, team, stage, similarity."""
    line = f"#{c.id} {md_escape(c.title)} · {md_escape(c.team_name)} · {stage_label(ctx, c.stage)}"
    return line if score is None else f"{line} ({fmt_number(score, ctx.lang)} %)"


def seen_versions(cards: Iterable[CardView], place: str) -> dict[int, int]:
    """The version of each card as the person saw it: the one drawn by the previous run.

    A click reruns the script, which reads the cards again; comparing against that fresh read
    could never notice someone else's change. So each render keeps the versions it drew (per
    place on the page) and the click sends the ones kept by the render before it."""
    kept: dict[int, int] = st.session_state.setdefault(f"imp_seen_{place}", {})
    shown = {c.id: kept.get(c.id, c.version) for c in cards}
    kept.update({c.id: c.version for c in cards})
    return shown


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
        case CardOrigin.CONFIRMATION:
            return ctx.t("pc.origin", task=params.get("task", ""), day=_iso_date(ctx, params.get("day")))
    return free_text


# --------------------------------------------------------------------------- intents


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


def link(ctx: PageContext, card_id: int, other_id: int) -> None:
    run_intent(
        ctx,
        lambda: improvement.link_cards(ctx.actor, card_id, other_id),
        done=lambda _: _closed(ctx.t("card.linked")),
    )


def _closed(message: str, close: bool = True) -> str:
    """After a successful save in the dialog: close it (the rerun shows the board)."""
    if close:
        st.session_state.pop(OPEN_CARD, None)
    return message


def open_card(card_id: int) -> None:
    st.session_state[OPEN_CARD] = card_id


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _suggestions(url: str, card_id: int, stamp: int) -> list[tuple[CardView, float]]:
    with scope.trusted_reads():  # shared by every session; each narrows it to what it may see
        return improvement_coordination.duplicate_suggestions(card_id)


def suggestions_for(ctx: PageContext, card_id: int) -> list[tuple[CardView, float]]:
    """Likely duplicates of a card (one of the page's team) in other teams the person may see,
    once per change stamp: the card dialog draws them on every rerun while it is open, and they
    compare the card with every active card of the unit."""
    found = _suggestions(admin.database_url(), card_id, admin.data_stamp())
    return [(other, score) for other, score in found if ctx.sees(other.team_id)]


# --------------------------------------------------------------------------- the dialog


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
    made = standards.card_standards([c.id]).get(c.id) if c.stage is Stage.STANDARD else None
    if made is not None:  # the standard's version this card made (the library links back to the card)
        st.success(ctx.md("std.card_made", title=made[0], n=made[1]), icon=":material/menu_book:")
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
        values = {f"a3_{f}": st.text_area(ctx.t(f"a3.{f}"), value=c.a3[f], height=80) for f in A3_FIELDS}
        if st.form_submit_button(ctx.t("card.save"), type="primary"):
            _save(ctx, c, {field: value for field, value in values.items() if value != c.a3[field[3:]]}, seen)
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
            _save(ctx, c, {field: value for field, value in values.items() if value != getattr(c, field)}, seen)


def _save(ctx: PageContext, c: CardView, changes: dict[str, Any], seen: int) -> None:
    """Save what the person changed in one of the dialog's forms, and close the dialog."""
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
    suggestions = suggestions_for(ctx, c.id)
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

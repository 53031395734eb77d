"""Saying where a card came from, in the viewer's language, from its stored kind and parameters."""

from __future__ import annotations

from driftboard.domain import Actor
from driftboard.ui.improvement.card import origin_text
from driftboard.ui.page import PageContext


def _ctx(lang: str) -> PageContext:
    return PageContext(page="improvement", lang=lang, kiosk=False, team=None, teams=(), actor=Actor("tester"))


def test_a_card_from_a_goal_action_says_which_action_measure_and_week():
    params = {"action_id": 12, "measure": "Lead time", "org": "Mortgage", "period_start": "2026-11-23"}
    assert (
        origin_text(_ctx("en"), "goal_action", params) == "From goal-steering action #12: Lead time, Mortgage week 48"
    )
    assert origin_text(_ctx("da"), "goal_action", params).startswith("Fra målstyringshandling #12: Lead time, Mortgage")


def test_a_card_from_the_pareto_says_the_category_and_period_with_the_languages_dates():
    params = {"category": "Wrong property ID", "start": "2026-09-30", "end": "2026-11-25"}
    assert origin_text(_ctx("da"), "pareto", params) == "Fra fejl-Pareto: “Wrong property ID”, 30.09.2026–25.11.2026"


def test_cards_without_a_known_kind_show_their_free_text_origin():
    assert origin_text(_ctx("en"), None, None, "Imported from the old board") == "Imported from the old board"
    assert origin_text(_ctx("en"), "a_kind_from_a_newer_version", {}, "") == ""

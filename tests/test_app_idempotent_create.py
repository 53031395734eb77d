"""A create-card submit the browser sends twice (its confirmation never arrived) makes one card."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from driftboard.ui.improvement.board import NEW_CARD_KEY
from tests.conftest import ROOT
from tests.databases import Database

TITLE = "Shared calendar for signing meetings"


def _cards(demo_url) -> int:
    return next(Database(demo_url).query("select count(*) as n from improvement_cards where title = ?", [TITLE]))["n"]


def test_resubmitting_the_same_create_form_creates_one_card(demo_app, demo_url):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = "mortgage"
    at.run()
    at.switch_page("pages/improvement.py").run()
    form_key = at.session_state[NEW_CARD_KEY]
    for _ in range(2):  # the second time: the same form state, as a browser would resend it
        at.session_state[NEW_CARD_KEY] = form_key
        at.text_input(key="new_title").set_value(TITLE)
        next(b for b in at.button if b.label == "Create card").click().run()
        assert not at.exception, at.exception
    assert _cards(demo_url) == 1
    assert at.session_state[NEW_CARD_KEY] != form_key  # a new form after the success


def test_two_cards_from_two_forms(demo_app, demo_url):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = "mortgage"
    at.run()
    at.switch_page("pages/improvement.py").run()
    for _ in range(2):
        at.text_input(key="new_title").set_value(TITLE)
        next(b for b in at.button if b.label == "Create card").click().run()
        assert not at.exception, at.exception
    assert _cards(demo_url) == 2


def test_the_origin_of_a_prefilled_card_shows_a_category_as_typed_not_as_a_link(demo_app):
    """A card started from the Pareto chart names the error category; that text comes from
    people and is shown escaped (no live link in the new-card form)."""
    from driftboard.ui.improvement.board import NEW_CARD_ORIGIN

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = "mortgage"
    at.run()
    at.session_state[NEW_CARD_ORIGIN] = {
        "kind": "pareto",
        "params": {"category": "[Log in again](https://evil.example)", "start": "2026-11-01", "end": "2026-11-25"},
    }
    at.switch_page("pages/improvement.py").run()
    assert not at.exception, at.exception
    caption = next(c.value for c in at.caption if "Log in again" in c.value)
    assert "\\[Log in again\\]" in caption

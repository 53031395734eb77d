"""A create-card submit the browser sends twice (its confirmation never arrived) makes one card."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from driftboard.ui.improvement_view import NEW_CARD_KEY
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

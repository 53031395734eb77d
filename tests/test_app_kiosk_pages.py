"""A screen shows a board, never a form: ``?kiosk=1`` on a page that is not a board opens that
team's operations board, or a unit's goal board."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

FORMS = ["planning", "measures", "master_data", "unit_settings", "history"]


def _kiosk(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, val in {"kiosk": "1", "vw": "1920", "vh": "1080", **params}.items():
        at.query_params[key] = val
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("page", FORMS)
def test_kiosk_on_a_page_that_is_not_a_board_opens_the_teams_operations_board(demo_app, page):
    at = _kiosk(page, team="mortgage", lang="da")
    headings = [m.value for m in at.markdown if m.value.startswith("## ")]
    assert headings and "Driftstavle" in headings[0], headings
    assert not at.text_input and not at.number_input and not at.button and not at.date_input
    assert at.query_params["team"] == "mortgage" and at.query_params["kiosk"] == "1"


def test_kiosk_on_a_page_for_a_unit_opens_the_units_goal_board(demo_app):
    at = _kiosk("measures", unit="loan-service", lang="en")
    headings = [m.value for m in at.markdown if m.value.startswith("## ")]
    assert headings and "Goal-steering board" in headings[0], headings
    assert not at.text_input and not at.number_input and not at.button

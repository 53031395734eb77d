"""The master-data page: UI → driftboard → db, all-or-nothing, with clear errors."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.databases import Database

EMPTY_EDIT = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def _master_data(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = "mortgage"
    at.query_params["lang"] = lang
    at.session_state["admin_unlocked"] = True  # open mode: master data is admin work (the admin token)
    at.run()
    at.switch_page("pages/master_data.py").run()
    assert not at.exception
    return at


def _problems(at: AppTest):
    """The table of row errors the page shows (its last column is the problem)."""
    return next(d.value for d in at.dataframe if list(d.value.columns)[-1] == "Problem")


def _minutes(url) -> list[float]:
    db = Database(url)
    return [
        r["minutes_per_case"]
        for r in db.query(
            "select minutes_per_case from tasks t join org_units o on o.id = t.team_id where o.slug = 'mortgage' order by t.sort_order"
        )
    ]


def test_an_invalid_edit_shows_the_row_and_field_and_saves_nothing(demo_app, demo_url):
    before = _minutes(demo_url)
    at = _master_data()
    at.session_state["tasks_editor_0"] = {
        **EMPTY_EDIT,
        "edited_rows": {0: {"minutes_per_case": 50}, 1: {"minutes_per_case": -3}},
    }
    at.button(key="tasks_save").click().run()
    assert not at.exception
    assert "Nothing was saved" in at.error[0].value
    problems = _problems(at)
    assert problems.iloc[0].tolist() == [2, "minutes_per_case", "must be greater than 0"]
    assert _minutes(demo_url) == before


def test_a_valid_edit_is_saved_and_confirmed(demo_app, demo_url):
    at = _master_data()
    at.session_state["tasks_editor_0"] = {**EMPTY_EDIT, "edited_rows": {0: {"minutes_per_case": 50}}}
    at.button(key="tasks_save").click().run()
    assert not at.exception
    assert not at.error
    assert "1 changed" in at.toast[0].value
    assert _minutes(demo_url)[0] == 50


def test_errors_are_shown_in_danish(demo_app):
    at = _master_data("da")
    at.session_state["people_editor_0"] = {**EMPTY_EDIT, "edited_rows": {0: {"daily_hours": 30}}}
    at.button(key="people_save").click().run()
    assert "Intet blev gemt" in at.error[0].value
    assert _problems(at).iloc[0, 2] == "skal være mellem 0 og 24"

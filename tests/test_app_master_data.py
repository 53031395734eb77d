"""The master-data page: UI → driftboard → db, all-or-nothing, with clear errors."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from driftboard.services import masterdata
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


def _mortgage() -> int:
    """The id of the team the master-data page shows (its grids are keyed by team)."""
    return masterdata.find_team("mortgage").id


def test_an_invalid_edit_shows_the_row_and_field_and_saves_nothing(demo_app, demo_url):
    before = _minutes(demo_url)
    at = _master_data()
    at.session_state[f"tasks_{_mortgage()}_editor_0"] = {
        **EMPTY_EDIT,
        "edited_rows": {0: {"minutes_per_case": 50}, 1: {"minutes_per_case": -3}},
    }
    at.button(key=f"tasks_{_mortgage()}_save").click().run()
    assert not at.exception
    assert "Nothing was saved" in at.error[0].value
    problems = _problems(at)
    assert problems.iloc[0].tolist() == [2, "Minutes per case", "must be greater than 0"]  # the column's word
    assert _minutes(demo_url) == before


def test_a_valid_edit_is_saved_and_confirmed(demo_app, demo_url):
    at = _master_data()
    at.session_state[f"tasks_{_mortgage()}_editor_0"] = {**EMPTY_EDIT, "edited_rows": {0: {"minutes_per_case": 50}}}
    at.button(key=f"tasks_{_mortgage()}_save").click().run()
    assert not at.exception
    assert not at.error
    assert "1 changed" in at.toast[0].value
    assert _minutes(demo_url)[0] == 50


def test_errors_are_shown_in_danish(demo_app):
    at = _master_data("da")
    at.session_state[f"people_{_mortgage()}_editor_0"] = {**EMPTY_EDIT, "edited_rows": {0: {"daily_hours": 30}}}
    at.button(key=f"people_{_mortgage()}_save").click().run()
    assert "Intet blev gemt" in at.error[0].value
    assert _problems(at).iloc[0, 1:].tolist() == ["Daglige timer", "skal være mellem 0 og 24"]


def test_switching_team_with_unsaved_edits_shows_the_new_teams_people(demo_app):
    """Grids are keyed by team: edits in progress on one team's people never put that team's
    rows under another team's heading (nor save them there)."""
    at = _master_data()
    at.session_state[f"people_{_mortgage()}_editor_0"] = {**EMPTY_EDIT, "edited_rows": {0: {"daily_hours": 6}}}
    at.run()
    at.sidebar.selectbox(key="team_picker").set_value("home-coop").run()
    assert not at.exception, at.exception
    home_coop = masterdata.find_team("home-coop")
    names = set(masterdata.people_frame(home_coop.id)["name"])
    shown = next(d.value for d in at.dataframe if "name" in d.value.columns or "Name" in d.value.columns)
    assert set(shown["name"]) == names

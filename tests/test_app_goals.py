"""The goal-steering board in AppTest: entering values, adding and moving actions."""

from __future__ import annotations

import sqlite_utils
from streamlit.testing.v1 import AppTest

from db.engine import get_engine
from driftboard import targets
from driftboard.domain import Period
from driftboard.services import goals
from tests.conftest import DEMO_DAY, ROOT, sqlite_url

LAST_WEEK = targets.previous_period(DEMO_DAY, Period.WEEK)


def _board(unit: str = "mortgage") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["unit"] = unit
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/goals.py").run()
    assert not at.exception, at.exception
    return at


def _tile_text(at: AppTest, name: str) -> str:
    """The markdown of the tile whose heading is ``name`` (heading plus its verdict badge)."""
    return next(m.value for m in at.markdown if m.value.startswith(f"**{name}**"))


def test_a_leader_enters_this_weeks_values_and_the_tiles_change_status(demo_app, demo_path):
    engine = get_engine(sqlite_url(demo_path))
    mortgage = next(n for n in goals.org_tree(engine) if n.slug == "mortgage")
    tile = next(t for t in goals.goal_board(mortgage.id, LAST_WEEK, engine) if t.slug == "fte-saved")
    frame = goals.values_frame(mortgage.id, LAST_WEEK, engine)
    row = frame.index[frame["measure"].str.startswith("FTE")][0]

    at = _board()
    at.session_state[f"values_editor_{mortgage.id}_{LAST_WEEK.isoformat()}_0"] = {
        "edited_rows": {int(row): {"value": round(tile.target - 1, 2)}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="values_save").click().run()
    assert not at.exception
    assert "Behind" in _tile_text(at, "FTE saved by digitalisation and automation")

    at.session_state[f"values_editor_{mortgage.id}_{LAST_WEEK.isoformat()}_1"] = {
        "edited_rows": {int(row): {"value": round(tile.target + 1, 2)}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="values_save").click().run()
    assert "On track" in _tile_text(at, "FTE saved by digitalisation and automation")
    assert any("Saved 6 values" in s.value for s in at.success)  # the whole grid of 6 measures


def test_adding_an_action_to_a_behind_kpi(demo_app, demo_path):
    at = _board("loan-service")
    assert at.selectbox(key="action_measure").options  # offered for behind or breached measures only
    at.text_area(key="action_text").set_value("Weekly robot review with IT")
    at.text_input(key="action_owner").set_value("Birgitte Holm")
    next(b for b in at.button if b.label == "Add action").click().run()
    assert not at.exception
    actions = next(t.value for t in at.table if "Action" in t.value.columns)
    assert "Weekly robot review with IT" in actions["Action"].tolist()
    db = sqlite_utils.Database(demo_path)
    assert (
        next(db.query("select owner from actions where text = 'Weekly robot review with IT'"))["owner"]
        == "Birgitte Holm"
    )


def test_moving_an_action_to_the_improvement_board_creates_the_linked_card(demo_app, demo_path):
    at = _board("loan-service")
    action_id = at.selectbox(key="follow_action").value
    at.button(key="action_move").click().run()
    assert not at.exception
    db = sqlite_utils.Database(demo_path)
    action = next(db.query("select status, improvement_card_id from actions where id = ?", [action_id]))
    assert action["status"] == "moved" and action["improvement_card_id"]
    card = next(db.query("select origin, stage from improvement_cards where id = ?", [action["improvement_card_id"]]))
    assert f"#{action_id}" in card["origin"] and card["stage"] == "intake"
    assert any(f"#{action['improvement_card_id']}" in s.value for s in at.success)


def test_the_meeting_view_puts_what_is_behind_first_and_keeps_other_open_actions(demo_app):
    at = _board("loan-service")
    at.toggle(key="goals_meeting").set_value(True).run()
    assert not at.exception
    headings = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert headings[0] == "### Behind or breached"
    assert "### Other open actions" in headings
    assert headings.index("### Other open actions") < headings.index("### On track")

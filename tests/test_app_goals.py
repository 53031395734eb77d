"""The goal-steering board in AppTest: entering values, adding and moving actions."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.proto.Metric_pb2 import Metric
from streamlit.testing.v1 import AppTest

from db.engine import get_engine
from driftboard import targets
from driftboard.domain import Actor, Period
from driftboard.services import goalboard, measures, org
from tests.conftest import DEMO_DAY, ROOT
from tests.databases import Database, as_json

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


def test_a_leader_enters_this_weeks_values_and_the_tiles_change_status(demo_app, demo_url):
    engine = get_engine(demo_url)
    mortgage = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    tile = next(t for t in goalboard.goal_board(mortgage.id, LAST_WEEK, engine) if t.slug == "fte-saved")
    frame = measures.values_frame(mortgage.id, LAST_WEEK, engine)
    row = frame.index[frame["measure"].str.startswith("FTE")][0]

    at = _board()
    at.session_state[f"values_{mortgage.id}_{LAST_WEEK.isoformat()}_editor_0"] = {
        "edited_rows": {int(row): {"value": round(tile.target - 1, 2)}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key=f"values_{mortgage.id}_{LAST_WEEK.isoformat()}_save").click().run()
    assert not at.exception
    assert "Behind" in _tile_text(at, "FTE saved by digitalisation and automation")

    at.session_state[f"values_{mortgage.id}_{LAST_WEEK.isoformat()}_editor_1"] = {
        "edited_rows": {int(row): {"value": round(tile.target + 1, 2)}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key=f"values_{mortgage.id}_{LAST_WEEK.isoformat()}_save").click().run()
    assert "On track" in _tile_text(at, "FTE saved by digitalisation and automation")
    assert [s.value for s in at.toast] == ["Saved 1 value."]  # what changed, not the whole grid


def test_adding_an_action_to_a_behind_kpi(demo_app, demo_url):
    at = _board("loan-service")
    assert at.selectbox(key="action_measure").options  # offered for behind or breached measures only
    at.text_area(key="action_text").set_value("Weekly robot review with IT")
    at.text_input(key="action_owner").set_value("Birgitte Holm")
    next(b for b in at.button if b.label == "Add action").click().run()
    assert not at.exception
    actions = next(t.value for t in at.table if "Action" in t.value.columns)
    assert "Weekly robot review with IT" in actions["Action"].tolist()
    db = Database(demo_url)
    assert (
        next(db.query("select owner from actions where text = 'Weekly robot review with IT'"))["owner"]
        == "Birgitte Holm"
    )


def test_moving_an_action_to_the_improvement_board_creates_the_linked_card(demo_app, demo_url):
    at = _board("loan-service")
    action_id = at.selectbox(key="follow_action").value
    at.button(key="action_move").click().run()
    assert not at.exception
    db = Database(demo_url)
    action = next(db.query("select status, improvement_card_id from actions where id = ?", [action_id]))
    assert action["status"] == "moved" and action["improvement_card_id"]
    card = next(
        db.query(
            "select origin_kind, origin_params, stage from improvement_cards where id = ?",
            [action["improvement_card_id"]],
        )
    )
    assert card["origin_kind"] == "goal_action" and card["stage"] == "intake"
    assert as_json(card["origin_params"])["action_id"] == action_id
    assert any(f"#{action['improvement_card_id']}" in s.value for s in at.toast)


def test_the_meeting_view_puts_what_is_behind_first_and_keeps_other_open_actions(demo_app):
    at = _board("loan-service")
    at.toggle(key="goals_meeting").set_value(True).run()
    assert not at.exception
    headings = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert headings[0] == "### Behind or breached"
    assert "### Other open actions" in headings
    assert headings.index("### Other open actions") < headings.index("### On track")


def _summary(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if "behind or breached" in m.value and "measures" in m.value]


def test_a_week_without_values_is_grey_not_green(demo_app, monkeypatch):
    # A week later, the week to report on has no values yet.
    monkeypatch.setenv("DRIFTBOARD_NOW", f"{(DEMO_DAY + dt.timedelta(weeks=1)).isoformat()}T10:00")
    at = _board()
    [summary] = _summary(at)
    assert ":green-background" not in summary and ":gray-background" in summary
    assert "6 not registered" in summary
    at.toggle(key="goals_meeting").set_value(True).run()
    assert not at.exception
    headings = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert "### Not registered" in headings and "### On track" not in headings


def test_the_meeting_view_keeps_not_registered_apart_from_on_track(demo_app, demo_url):
    db = Database(demo_url)
    db.execute(
        "delete from measure_values where period_start = ? and measure_id in (select m.id from measures m "
        "join org_units o on o.id = m.org_unit_id where o.slug = 'mortgage' and m.slug = 'incoming-volume')",
        [LAST_WEEK.isoformat()],
    )
    at = _board()
    assert "1 not registered" in _summary(at)[0]
    at.toggle(key="goals_meeting").set_value(True).run()
    headings = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert headings.index("### Not registered") < headings.index("### On track")
    not_registered = at.markdown[[m.value for m in at.markdown].index("### Not registered") :]
    assert next(m.value for m in not_registered if m.value.startswith("**")).startswith("**Incoming volume**")


def _enter(engine, at: AppTest, slug: str, value: float, revision: int = 0) -> None:
    mortgage = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    frame = measures.values_frame(mortgage.id, LAST_WEEK, engine)
    name = next(t.name for t in goalboard.goal_board(mortgage.id, LAST_WEEK, engine) if t.slug == slug)
    row = int(frame.index[frame["measure"] == name][0])
    at.session_state[f"values_{mortgage.id}_{LAST_WEEK.isoformat()}_editor_{revision}"] = {
        "edited_rows": {row: {"value": value}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key=f"values_{mortgage.id}_{LAST_WEEK.isoformat()}_save").click().run()
    assert not at.exception, at.exception


def _delivery(engine):
    mortgage = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    return next(t for t in goalboard.goal_board(mortgage.id, LAST_WEEK, engine) if t.slug == "delivery-time")


def _metric_of(at: AppTest, name: str):  # type: ignore[no-untyped-def]
    """The metric of the tile headed ``name`` (tiles are drawn heading first, then the metric)."""
    tiles = [m.value for m in at.markdown if m.value.startswith("**")]
    return at.metric[tiles.index(next(t for t in tiles if t.startswith(f"**{name}**")))]


def test_a_falling_kpi_below_its_target_says_how_much_better_in_words(demo_app, demo_url):
    engine = get_engine(demo_url)
    target = _delivery(engine).target
    at = _board()
    _enter(engine, at, "delivery-time", round(target - 0.1, 2))
    metric = _metric_of(at, "Average delivery time to customers")
    gap = round(target, 2) - round(target - 0.1, 2)
    assert metric.proto.delta == f"{gap:.2f} better than target"
    assert (metric.proto.direction, metric.proto.color) == (Metric.MetricDirection.NONE, Metric.MetricColor.GREEN)
    assert "On track" in _tile_text(at, "Average delivery time to customers")


def test_a_value_just_behind_its_target_never_shows_a_gap_of_zero(demo_app, demo_url):
    engine = get_engine(demo_url)
    delivery = _delivery(engine)
    mortgage = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    rows = measures.measures_frame(mortgage.id, engine).to_dict("records")
    next(r for r in rows if r["slug"] == "delivery-time")["decimals"] = 0  # whole days on the board
    measures.save_measures(Actor("Henrik Lund"), mortgage.id, rows, engine=engine)
    at = _board()
    _enter(engine, at, "delivery-time", delivery.target + 0.004)  # lower is better: just behind
    metric = _metric_of(at, "Average delivery time to customers")
    assert "Behind" in _tile_text(at, "Average delivery time to customers")
    assert metric.proto.delta == "0.004 behind target"
    assert (metric.proto.direction, metric.proto.color) == (Metric.MetricDirection.NONE, Metric.MetricColor.RED)
    assert metric.value == f"{delivery.target:.0f} days"


def test_a_save_without_changes_says_so_and_keeps_an_edit_that_arrives_late(demo_app, demo_url):
    engine = get_engine(demo_url)
    at = _board()
    mortgage = next(n for n in org.org_tree(engine) if n.slug == "mortgage")
    # the cell's edit has not reached the server yet
    at.button(key=f"values_{mortgage.id}_{LAST_WEEK.isoformat()}_save").click().run()
    assert not at.toast
    assert [i.value for i in at.info if "No changes" in i.value] == ["No changes to save."]
    _enter(engine, at, "delivery-time", 3.9)  # the same editor (revision 0) now holds the edit
    assert [s.value for s in at.toast] == ["Saved 1 value."]
    assert _delivery(engine).value == 3.9


@pytest.mark.parametrize("lang, text", [("en", "Saved 1 value."), ("da", "Gemt 1 værdi.")])
def test_saving_one_value_is_said_in_the_singular(demo_app, demo_url, lang, text):
    engine = get_engine(demo_url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["unit"] = "mortgage"
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/goals.py").run()
    _enter(engine, at, "delivery-time", 3.9)
    assert [s.value for s in at.toast] == [text]


def test_reimporting_a_value_on_the_page_keeps_its_roll_up_weight_and_the_department_stays(demo_app, demo_url):
    """A re-import without a weight column used to wipe the weight: the department silently
    flipped from behind to on track."""
    from tests.databases import query

    engine = get_engine(demo_url)
    sql = (
        "select v.value, v.weight from measure_values v join measures m on m.id = v.measure_id "
        "join org_units o on o.id = m.org_unit_id where m.slug = 'delivery-time' and o.slug = 'mortgage' "
        "and v.period_start = ?"
    )
    [before] = query(engine, sql, LAST_WEEK)
    assert before["weight"]
    at = _board()
    content = f"period,unit,measure,value\n2026-W{LAST_WEEK.isocalendar()[1]},mortgage,delivery-time,4.2\n".encode()
    at.file_uploader(key="measures_upload").upload("values.csv", content)
    at.run()
    at.button(key="import_measures").click().run()
    assert not at.exception, at.exception
    assert any("1 value" in t.value for t in at.toast)
    assert query(engine, sql, LAST_WEEK) == [{"value": 4.2, "weight": before["weight"]}]

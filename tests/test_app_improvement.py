"""The improvement board in AppTest, with the non-drag controls (touch screens, keyboards)."""

from __future__ import annotations

import sqlite_utils
from streamlit.testing.v1 import AppTest

from db.engine import get_engine
from driftboard.services import improvement, masterdata
from tests.conftest import ROOT, sqlite_url

CARD = "Standard phrases for payout emails"


def _board(lang: str = "en", acting_as: str | None = None, person_id: int | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = "mortgage"
    at.query_params["lang"] = lang
    if acting_as:
        at.session_state["acting_as"] = acting_as
        at.session_state["acting_person_id"] = person_id
    at.run()
    at.switch_page("pages/improvement.py").run()
    at.segmented_control(key="board_mode").set_value("buttons").run()
    assert not at.exception, at.exception
    return at


def _card_id(demo_path, title: str = CARD) -> int:
    return next(sqlite_utils.Database(demo_path).query("select id from improvement_cards where title = ?", [title]))[
        "id"
    ]


def _person(demo_path, name: str) -> int:
    return next(sqlite_utils.Database(demo_path).query("select id from people where name = ?", [name]))["id"]


def test_creating_a_card_puts_it_in_intake_with_the_proposer(demo_app, demo_path):
    at = _board(acting_as="Jonas Vester", person_id=_person(demo_path, "Jonas Vester"))
    at.text_input(key="new_title").set_value("Shared calendar for signing meetings")
    at.text_area(key="new_problem").set_value("Customers call to book")
    next(b for b in at.button if b.label == "Create card").click().run()
    assert not at.exception
    row = next(
        sqlite_utils.Database(demo_path).query(
            "select c.stage, p.name from improvement_cards c join people p on p.id = c.proposer_id where c.title = 'Shared calendar for signing meetings'"
        )
    )
    assert row == {"stage": "intake", "name": "Jonas Vester"}
    assert any("is in Intake" in s.value for s in at.success)


def test_taking_ownership_with_one_click(demo_app, demo_path):
    card_id = _card_id(demo_path)
    at = _board(acting_as="Sofie Dahl", person_id=_person(demo_path, "Sofie Dahl"))
    at.button(key=f"own_{card_id}").click().run()
    assert not at.exception
    owner = next(
        sqlite_utils.Database(demo_path).query(
            "select p.name from improvement_cards c join people p on p.id = c.owner_id where c.id = ?", [card_id]
        )
    )
    assert owner["name"] == "Sofie Dahl"


def test_moving_a_card_with_the_move_to_control(demo_app, demo_path):
    card_id = _card_id(demo_path)
    at = _board()
    at.selectbox(key=f"move_to_{card_id}").set_value(improvement.Stage.PRIORITISATION)
    at.button(key=f"move_{card_id}").click().run()
    assert not at.exception
    assert (
        next(sqlite_utils.Database(demo_path).query("select stage from improvement_cards where id = ?", [card_id]))[
            "stage"
        ]
        == "prioritisation"
    )
    assert any("moved to Prioritisation" in s.value for s in at.success)


def test_a_refused_move_shows_why(demo_app, demo_path):
    card_id = _card_id(demo_path)
    at = _board("da")
    at.selectbox(key=f"move_to_{card_id}").set_value(improvement.Stage.PLAN)
    at.button(key=f"move_{card_id}").click().run()
    assert not at.exception
    assert "gevinst- og en indsatsscore" in at.error[0].value
    assert (
        next(sqlite_utils.Database(demo_path).query("select stage from improvement_cards where id = ?", [card_id]))[
            "stage"
        ]
        == "intake"
    )


def test_a_move_over_the_wip_limit_asks_first_and_moves_only_when_confirmed(demo_app, demo_path):
    db = sqlite_utils.Database(demo_path)
    db.execute("update org_units set wip_limits = '{\"check\": 1}' where slug = 'mortgage'")
    db.conn.commit()
    engine = get_engine(sqlite_url(demo_path))
    team = masterdata.find_team("mortgage", engine)
    card = next(
        c for c in improvement.board(team.id, engine).cards if c.title == "Signature on wrong page"
    )  # Plan, scored, owned
    at = _board()
    at.selectbox(key=f"move_to_{card.id}").set_value(improvement.Stage.CHECK)
    at.button(key=f"move_{card.id}").click().run()
    assert not at.exception
    assert "already holds 1 cards (limit 1)" in at.warning[0].value
    assert next(db.query("select stage from improvement_cards where id = ?", [card.id]))["stage"] == "plan"
    at.button(key="wip_yes").click().run()
    assert not at.exception
    assert next(db.query("select stage from improvement_cards where id = ?", [card.id]))["stage"] == "check"

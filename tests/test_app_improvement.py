"""The improvement board in AppTest, with the non-drag controls (touch screens, keyboards)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from db.engine import get_engine
from driftboard.domain import Actor
from driftboard.services import (
    improvement,
    improvement_board,
    improvement_coordination,
    improvement_pareto,
    masterdata,
)
from tests.conftest import ROOT
from tests.databases import Database, as_json

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


def _card_id(demo_url, title: str = CARD) -> int:
    return next(Database(demo_url).query("select id from improvement_cards where title = ?", [title]))["id"]


def _person(demo_url, name: str) -> int:
    return next(Database(demo_url).query("select id from people where name = ?", [name]))["id"]


def test_creating_a_card_puts_it_in_intake_with_the_proposer(demo_app, demo_url):
    at = _board(acting_as="Jonas Vester", person_id=_person(demo_url, "Jonas Vester"))
    at.text_input(key="new_title").set_value("Shared calendar for signing meetings")
    at.text_area(key="new_problem").set_value("Customers call to book")
    next(b for b in at.button if b.label == "Create card").click().run()
    assert not at.exception
    row = next(
        Database(demo_url).query(
            "select c.stage, p.name from improvement_cards c join people p on p.id = c.proposer_id where c.title = 'Shared calendar for signing meetings'"
        )
    )
    assert row == {"stage": "intake", "name": "Jonas Vester"}
    assert any("is in Intake" in s.value for s in at.toast)


def test_taking_ownership_with_one_click(demo_app, demo_url):
    card_id = _card_id(demo_url)
    at = _board(acting_as="Sofie Dahl", person_id=_person(demo_url, "Sofie Dahl"))
    at.button(key=f"own_{card_id}").click().run()
    assert not at.exception
    owner = next(
        Database(demo_url).query(
            "select p.name from improvement_cards c join people p on p.id = c.owner_id where c.id = ?", [card_id]
        )
    )
    assert owner["name"] == "Sofie Dahl"


def test_moving_a_card_with_the_move_to_control(demo_app, demo_url):
    card_id = _card_id(demo_url)
    at = _board()
    at.selectbox(key=f"move_to_{card_id}").set_value(improvement.Stage.PRIORITISATION)
    at.button(key=f"move_{card_id}").click().run()
    assert not at.exception
    assert (
        next(Database(demo_url).query("select stage from improvement_cards where id = ?", [card_id]))["stage"]
        == "prioritisation"
    )
    assert any("moved to Prioritisation" in s.value for s in at.toast)


def test_a_refused_move_shows_why(demo_app, demo_url):
    card_id = _card_id(demo_url)
    at = _board("da")
    at.selectbox(key=f"move_to_{card_id}").set_value(improvement.Stage.PLAN)
    at.button(key=f"move_{card_id}").click().run()
    assert not at.exception
    assert "gevinst- og en indsatsscore" in at.error[0].value
    assert (
        next(Database(demo_url).query("select stage from improvement_cards where id = ?", [card_id]))["stage"]
        == "intake"
    )


def test_a_move_over_the_wip_limit_asks_first_and_moves_only_when_confirmed(demo_app, demo_url):
    db = Database(demo_url)
    db.execute("update org_units set wip_limits = '{\"check\": 1}' where slug = 'mortgage'")
    engine = get_engine(demo_url)
    team = masterdata.find_team("mortgage", engine)
    card = next(
        c for c in improvement_board.board(team.id, engine).cards if c.title == "Signature on wrong page"
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


# --------------------------------------------------------------------------- Ready for Monday 9:00


def _stage(demo_url, card_id: int) -> str:
    return next(Database(demo_url).query("select stage from improvement_cards where id = ?", [card_id]))["stage"]


def _texts(at: AppTest) -> str:
    return " ".join(e.value for kind in (at.toast, at.error, at.info, at.warning, at.markdown) for e in kind)


def test_a_card_for_a_pareto_category_is_prefilled_created_and_says_where_it_came_from(demo_app, demo_url):
    at = _board()
    at.session_state["imp_tab"] = "Errors and Pareto"
    at.run()
    at.selectbox(key="pareto_category").set_value("Wrong property ID").run()
    at.button(key="pareto_card").click().run()
    assert not at.exception, at.exception
    assert at.text_input(key="new_title").value == "Reduce errors: Wrong property ID"  # back on the board tab
    assert "“Wrong property ID”" in at.text_area(key="new_problem").value
    assert any("filled in with the Pareto numbers" in s.value for s in at.toast)

    next(b for b in at.button if b.label == "Create card").click().run()
    assert not at.exception, at.exception
    row = next(
        Database(demo_url).query(
            "select id, stage, origin_kind, origin_params from improvement_cards where title = ?",
            ["Reduce errors: Wrong property ID"],
        )
    )
    assert (row["stage"], row["origin_kind"]) == ("intake", "pareto")
    assert as_json(row["origin_params"])["category"] == "Wrong property ID"
    assert any("is in Intake" in s.value for s in at.toast)

    danish = _board("da")
    danish.button(key=f"open_{row['id']}").click().run()
    assert not danish.exception
    origin = [i.value for i in danish.info if "Pareto" in i.value]
    assert origin and origin[0].startswith("Fra fejl") and "“Wrong property ID”" in origin[0]


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "To enter Plan the card needs an impact"), ("da", "For at komme i Planlæg skal kortet have")],
)
def test_a_refused_move_names_the_stage_in_the_viewers_language(demo_app, demo_url, lang, said):
    card_id = _card_id(demo_url)
    at = _board(lang)
    at.selectbox(key=f"move_to_{card_id}").set_value(improvement.Stage.PLAN)
    at.button(key=f"move_{card_id}").click().run()
    assert not at.exception
    assert said in at.error[0].value and "{" not in at.error[0].value
    assert _stage(demo_url, card_id) == "intake"


def test_taking_ownership_from_the_card_dialog(demo_app, demo_url):
    card_id = _card_id(demo_url)
    at = _board(acting_as="Sofie Dahl", person_id=_person(demo_url, "Sofie Dahl"))
    at.button(key=f"open_{card_id}").click().run()
    at.button(key=f"dialog_take_{card_id}").click().run()
    assert not at.exception, at.exception
    owner = next(
        Database(demo_url).query(
            "select p.name from improvement_cards c join people p on p.id = c.owner_id where c.id = ?", [card_id]
        )
    )
    assert owner["name"] == "Sofie Dahl"
    assert any(f"You own “{CARD}” now" in s.value for s in at.toast)
    assert f"own_{card_id}" not in [b.key for b in at.button]  # she owns it: no button left to take it


def test_scores_set_in_the_card_dialog_are_saved_and_let_the_card_enter_plan(demo_app, demo_url):
    card_id = _card_id(demo_url)
    at = _board(acting_as="Sofie Dahl", person_id=_person(demo_url, "Sofie Dahl"))
    at.button(key=f"own_{card_id}").click().run()
    at.button(key=f"open_{card_id}").click().run()
    at.segmented_control(key=f"card_impact_{card_id}").set_value(4)
    at.segmented_control(key=f"card_effort_{card_id}").set_value(2)
    at.button(key=f"card_save_{card_id}").click().run()
    assert not at.exception, at.exception
    scores = next(Database(demo_url).query("select impact, effort from improvement_cards where id = ?", [card_id]))
    assert scores == {"impact": 4, "effort": 2}
    assert any("Card saved." in s.value for s in at.toast)
    assert "impact 4, effort 2" in " ".join(c.value for c in at.caption)

    at.selectbox(key=f"move_to_{card_id}").set_value(improvement.Stage.PLAN)
    at.button(key=f"move_{card_id}").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert _stage(demo_url, card_id) == "plan"


def test_a_move_of_a_card_someone_changed_after_the_page_showed_it_is_refused(demo_app, demo_url):
    card_id = _card_id(demo_url)
    at = _board()
    at.selectbox(key=f"move_to_{card_id}").set_value(improvement.Stage.PRIORITISATION)
    engine = get_engine(demo_url)
    shown = improvement_board.card(card_id, engine)
    improvement.move_card(
        Actor("Anders Bech"), card_id, improvement.Stage.PARKED, seen_version=shown.version, engine=engine
    )

    at.button(key=f"move_{card_id}").click().run()
    assert not at.exception, at.exception
    assert "changed by Anders Bech" in at.error[0].value
    assert any("The card now" in i.value and "Parked" in i.value for i in at.info)
    assert _stage(demo_url, card_id) == "parked"


def test_a_move_on_the_board_runs_none_of_the_other_tabs(demo_app, demo_url, monkeypatch):
    calls: list[str] = []
    for module, name in (
        (improvement_coordination, "duplicate_pairs"),
        (improvement_coordination, "active_cards"),
        (improvement_board, "standards"),
        (improvement_pareto, "error_counts"),
        (improvement_pareto, "error_categories"),
    ):
        original = getattr(module, name)
        monkeypatch.setattr(
            module, name, lambda *a, _name=name, _original=original, **k: calls.append(_name) or _original(*a, **k)
        )
    card_id = _card_id(demo_url)
    at = _board()
    at.selectbox(key=f"move_to_{card_id}").set_value(improvement.Stage.PRIORITISATION)
    at.button(key=f"move_{card_id}").click().run()
    assert not at.exception and _stage(demo_url, card_id) == "prioritisation"
    assert calls == []
    at.session_state["imp_tab"] = "All teams"
    at.run()
    assert "duplicate_pairs" in calls and "error_counts" not in calls

"""The daily meeting's five-step agenda ends in decisions: each button opens its dialog, and
what the dialog saves is in the database and on the board afterwards."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from driftboard.ui.decisions import MEETING_CARD_KEY
from tests.conftest import ROOT
from tests.databases import Database

TITLE = "Checklist for the Monday payout queue"


def _meeting(team: str = "home-coop") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = team
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/operations.py").run()
    at.toggle(key="ops_meeting").set_value(True).run()
    assert not at.exception, at.exception
    return at


def _cards(url: str) -> list[dict]:
    return list(Database(url).query("select title, stage, origin_kind from improvement_cards where title = ?", [TITLE]))


def test_new_card_from_the_meeting_lands_in_intake_once_even_if_the_submit_arrives_twice(demo_app, demo_url):
    at = _meeting()
    at.button(key="decide_card").click().run()
    assert not at.exception, at.exception
    form_key = at.session_state[MEETING_CARD_KEY]
    for _ in range(2):  # the second time: the same form as a browser that never saw the reply resends it
        at.session_state["decision"] = "card"
        at.session_state[MEETING_CARD_KEY] = form_key
        at.run()
        next(i for i in at.text_input if i.label == "Title").set_value(TITLE)
        next(b for b in at.button if b.label == "Create card").click().run()
        assert not at.exception, at.exception
    assert _cards(demo_url) == [{"title": TITLE, "stage": "intake", "origin_kind": "ops_meeting"}]
    assert MEETING_CARD_KEY not in at.session_state or at.session_state[MEETING_CARD_KEY] != form_key
    assert any(TITLE in toast.value for toast in at.toast)


def test_the_change_the_plan_decision_records_a_sick_call(demo_app, demo_url):
    at = _meeting()
    at.button(key="decide_plan").click().run()
    assert not at.exception, at.exception
    person = at.selectbox(key="sick_person")
    name = person.options[0]
    next(b for b in at.button if b.label == person_button_label(at)).click().run()
    assert not at.exception, at.exception
    rows = list(Database(demo_url).query("select kind from absences where kind = 'sick'"))
    assert rows, "the sick call was not saved"
    assert any(name in toast.value for toast in at.toast)


def person_button_label(at: AppTest) -> str:
    return next(b.label for b in at.button if "sick" in b.label.lower())


def test_start_an_action_decision_saves_an_action_on_a_measure_behind(demo_app, demo_url):
    at = _meeting()
    at.button(key="decide_action").click().run()
    assert not at.exception, at.exception
    before = next(Database(demo_url).query("select count(*) as n from actions"))["n"]
    next(a for a in at.text_area if a.label == "Action").set_value("Pair new colleagues on payouts")
    next(b for b in at.button if b.label == "Add action").click().run()
    assert not at.exception, at.exception
    texts = [r["text"] for r in Database(demo_url).query("select text from actions")]
    assert len(texts) == before + 1 and "Pair new colleagues on payouts" in texts
    assert "decision" not in at.session_state  # the dialog closed

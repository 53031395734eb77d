"""The tiered meetings in the app: the team hands a gap up from its board, the department answers
on its board with people from another department, the answer is on the team's board; the
department takes an item on to the unit; the team closes an answered one; the department's
meeting view walks escalations, exceptions and its own KPIs; all of it in Danish too."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from driftboard.tiers import Answer
from tests.conftest import ROOT
from tests.databases import Database
from tests.test_i18n_pages import ENGLISH_ONLY, _from_catalogue, _labels, _texts, _unit_data

DEPARTMENT = "mortgage-home-loans"


def _open(lang: str = "en", **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/operations.py").run()
    assert not at.exception, at.exception
    return at


def _markdown(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def _escalations(url: str) -> list[dict]:
    return list(
        Database(url).query(
            "select id, team_id, org_unit_id, kind, status, hours, answer, answer_people, answer_hours "
            "from escalations order by id"
        )
    )


def _raise_gap(at: AppTest, note: str = "Land registry replies pile up") -> None:
    at.selectbox(key="esc_kind").set_value(next(o for o in at.selectbox(key="esc_kind").options if "gap" in o.lower()))
    task = at.selectbox(key="esc_task")
    task.set_value(next(o for o in task.options if "Land registry" in o))
    at.text_input(key="esc_hours").set_value("3")
    at.text_area(key="esc_note").set_value(note)
    next(b for b in at.button if b.label == "Escalate").click().run()
    assert not at.exception, at.exception


def test_a_team_escalates_a_gap_and_the_department_answers_with_people_from_another_department(demo_app, demo_url):
    team = _open(team="home-coop")
    _raise_gap(team)
    [row] = _escalations(demo_url)
    assert (row["kind"], row["status"], row["hours"]) == ("capacity_gap", "open", 3.0)
    assert any("Escalated" in toast.value for toast in team.toast)
    assert "Waiting for the department since" in _markdown(team)

    board = _open(unit=DEPARTMENT)
    assert "Home & co-op loans" in _markdown(board) and "Land registry replies pile up" in _markdown(board)
    people = board.multiselect(key=f"esc_people_{row['id']}")
    assert any("Car & consumer loans" in o for o in people.options), people.options
    lent = Database(demo_url).query("select id from people where name in ('Maja Skov', 'Julie Ebbesen') order by id")
    people.set_value([r["id"] for r in lent])
    board.text_input(key=f"esc_each_{row['id']}").set_value("1")
    next(b for b in board.button if b.label == "Send the answer").click().run()
    assert not board.exception, board.exception
    [answered] = _escalations(demo_url)
    assert (answered["status"], answered["answer"], answered["answer_people"], answered["answer_hours"]) == (
        "answered", "borrow", 2, 2.0,
    )  # fmt: skip
    logged = Database(demo_url).query("select team_id from plan_changes where kind in ('borrowed', 'needed_elsewhere')")
    assert len({r["team_id"] for r in logged}) == 3  # the borrowing team and both lending teams

    team = _open(team="home-coop")
    assert "Answered by the department: 2 people from" in _markdown(team)
    kiosk = _open(team="home-coop", kiosk="1")
    assert "Department: 2 people from Car & consumer loans +1, 2.0 h" in _markdown(kiosk)
    # the team has taken it in
    next(b for b in team.button if b.label == "Close").click().run()
    assert not team.exception, team.exception
    assert _escalations(demo_url)[0]["status"] == "closed"


def test_the_department_takes_an_item_to_the_unit_and_the_unit_answers_with_a_note(demo_app, demo_url):
    team = _open(team="home-coop")
    team.selectbox(key="esc_kind").set_value(next(o for o in team.selectbox(key="esc_kind").options if "Blocker" in o))
    team.text_area(key="esc_note").set_value("The land registry is down")
    next(b for b in team.button if b.label == "Escalate").click().run()
    [row] = _escalations(demo_url)
    board = _open(unit=DEPARTMENT)
    next(b for b in board.button if b.label == "Take it to the unit").click().run()
    assert not board.exception, board.exception
    assert _escalations(demo_url)[0]["status"] == "escalated"
    unit = _open(unit="loan-service")
    assert "The land registry is down" in _markdown(unit) and "Waiting for the unit since" in _markdown(unit)
    unit.segmented_control(key=f"esc_kind_{row['id']}").set_value(Answer.NOTE)
    unit.run()
    unit.text_area(key=f"esc_note_{row['id']}").set_value("IT is on it; work the backlog tomorrow")
    next(b for b in unit.button if b.label == "Send the answer").click().run()
    assert not unit.exception, unit.exception
    assert not unit.error, [e.value for e in unit.error]
    assert (_escalations(demo_url)[0]["status"], _escalations(demo_url)[0]["answer"]) == ("answered", "note")
    assert "Answered by the unit: IT is on it" in _markdown(_open(team="home-coop"))


def test_an_answer_without_people_is_refused_in_words_and_changes_nothing(demo_app, demo_url):
    _raise_gap(_open(team="home-coop"))
    [row] = _escalations(demo_url)
    board = _open(unit=DEPARTMENT)
    board.text_input(key=f"esc_each_{row['id']}").set_value("1")
    next(b for b in board.button if b.label == "Send the answer").click().run()
    assert any("Choose the people to lend" in e.value for e in board.error)
    assert _escalations(demo_url)[0]["status"] == "open"


def test_the_department_meeting_walks_escalations_then_exceptions_then_its_own_kpis(demo_app, demo_url):
    _raise_gap(_open(team="home-coop"))
    board = _open(unit=DEPARTMENT)
    board.toggle(key="tier_meeting").set_value(True).run()
    assert not board.exception, board.exception
    headings = [m.value for m in board.markdown if str(m.value).startswith("### ")]
    assert headings[:3] == ["### 1 · Escalations", "### 2 · The teams' exceptions", "### 3 · Our own KPIs"]


def test_the_department_screen_and_its_rotation(demo_app):
    screen = _open(unit=DEPARTMENT, kiosk="1", rotate="30")
    assert "Mortgage & Home Loans · Operations board" in _markdown(screen)
    escalations = _open(unit=DEPARTMENT, kiosk="1", show="escalations")
    assert "Mortgage & Home Loans · open escalations" in _markdown(escalations)


def test_an_unknown_department_is_said_and_nothing_else_is_shown(demo_app):
    at = _open(unit="nowhere-at-all")
    assert any("no department or unit" in e.value for e in at.error)
    assert "Operations board" not in _markdown(at)


@pytest.mark.parametrize("params", [{"unit": DEPARTMENT}, {"unit": "loan-service", "kiosk": "1"}])
def test_the_department_board_in_danish_says_only_catalogue_text(demo_app, demo_engine, params):
    _raise_gap(_open(team="home-coop"))
    at = _open("da", **params)
    at.toggle(key="tier_meeting").set_value(True).run() if "kiosk" not in params else None
    data = _unit_data(demo_engine)
    foreign = [x for x in _labels(at) if not _from_catalogue(x) and x not in data]
    assert foreign == []
    shown = _texts(at) + _labels(at)
    assert sorted({text for text in shown if text in ENGLISH_ONLY}) == []
    assert "Eskaleringer" in _markdown(at) or any("Eskaleringer" in x for x in _labels(at))


def test_unanswered_by_the_next_team_meeting_it_is_red_on_both_boards(demo_app, demo_url, monkeypatch):
    monkeypatch.setenv("DRIFTBOARD_NOW", "2026-11-25T09:05")
    _raise_gap(_open(team="home-coop"))
    monkeypatch.setenv("DRIFTBOARD_NOW", "2026-11-26T09:00")
    late = "Not answered by the team's meeting Thu 26.11 09:00"
    assert late in _markdown(_open(team="home-coop"))
    board = _open(unit=DEPARTMENT)
    assert late in _markdown(board)
    assert any(":red-background[:material/alarm: 1]" in str(row) for row in board.table[0].value.to_numpy().ravel())


def test_the_team_escalates_from_its_meeting_view(demo_app, demo_url):
    at = _open(team="home-coop")
    at.toggle(key="ops_meeting").set_value(True).run()
    assert not at.exception, at.exception
    _raise_gap(at, note="Raised at the 9 o'clock meeting")
    assert [r["kind"] for r in _escalations(demo_url)] == ["capacity_gap"]
    assert "Raised at the 9 o'clock meeting" in _markdown(at)

"""The home page and the team chooser of a large organisation: one unit and one department at a
time (the current team's to begin with), a search across all of them, never a wall of teams."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from db.engine import get_engine
from driftboard.domain import Actor, OrgLevel
from driftboard.services import org, unit_setup
from tests.conftest import ROOT

ADMIN = Actor("tester")


def _many_teams(url: str) -> None:
    """Two more units, each with a department of 15 teams and one of 5 (44 teams in all)."""
    engine = get_engine(url)
    for unit in ("Pension", "Payments"):
        unit_id = unit_setup.create_unit(
            ADMIN, unit, f"{unit} North", [f"{unit} team {i:02d}" for i in range(15)], engine=engine
        )
        slug = unit_setup.add_org_unit(ADMIN, OrgLevel.DEPARTMENT, f"{unit} South", unit_id, engine=engine)
        south = next(n.id for n in org.org_tree(engine) if n.slug == slug)
        for i in range(15, 20):
            unit_setup.add_org_unit(ADMIN, OrgLevel.TEAM, f"{unit} team {i:02d}", south, engine=engine)


def _home(team: str = "mortgage") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = team
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception, at.exception
    return at


def _teams_shown(at: AppTest) -> list[str]:
    return [m.value.strip("*") for m in at.markdown if m.value.startswith("**")]


def test_a_large_organisation_shows_one_unit_and_department_at_a_time(demo_app, demo_url):
    _many_teams(demo_url)
    at = _home("pension-team-03")
    assert _teams_shown(at) == [f"Pension team {i:02d}" for i in range(15)]
    units = at.selectbox(key="home_unit")
    assert units.options == ["Loan Service", "Pension", "Payments"]
    departments = next(w for w in at.segmented_control if w.key and w.key.startswith("home_department_"))
    assert departments.options == ["Pension North", "Pension South"] and departments.value == "Pension North"
    departments.set_value("Pension South").run()
    assert _teams_shown(at) == [f"Pension team {i:02d}" for i in range(15, 20)]
    loan_service = next(n.id for n in org.org_tree(get_engine(demo_url)) if n.name == "Loan Service")
    units.set_value(loan_service).run()
    assert not at.exception
    assert "Mortgage" in _teams_shown(at) and "Pension team 00" not in _teams_shown(at)
    at.text_input(key="team_search").set_value("team 1").run()  # a search looks in every unit
    assert set(_teams_shown(at)) == {f"{u} team {i:02d}" for u in ("Pension", "Payments") for i in range(10, 20)}
    links = [str(link.proto) for link in at.get("page_link")]
    assert any("team=payments-team-14" in link for link in links)


def test_the_team_chooser_names_each_teams_unit_and_department(demo_app, demo_url):
    _many_teams(demo_url)
    at = _home("payments-team-01")
    picker = at.selectbox(key="team_picker")
    assert picker.value == "payments-team-01"
    assert "Payments › Payments North › Payments team 01" in picker.options
    assert "Loan Service › Mortgage & Home Loans › Mortgage" in picker.options

"""The unit settings page: each save reaches the database, a team shows "inherited from <unit>"
until it overrides, a stale save is refused naming who changed it, and the job roles are the
unit's own list."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from db.engine import get_engine, read_session
from db.models import JobRole, OrgUnit, PlanningFactors
from driftboard.domain import Actor
from driftboard.services import masterdata, org_settings
from tests.conftest import ROOT

EMPTY_EDIT = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def _page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.session_state["admin_unlocked"] = True  # open mode: settings are admin work (the admin token)
    at.run()
    at.switch_page("pages/unit_settings.py").run()
    assert not at.exception
    return at


def _org(engine, slug: str) -> OrgUnit:
    with read_session(engine) as s:
        return s.scalar(select(OrgUnit).where(OrgUnit.slug == slug))


def _choose(at: AppTest, slug: str, engine) -> int:
    org_id = _org(engine, slug).id
    at.selectbox(key="settings_org").set_value(org_id).run()
    assert not at.exception
    return org_id


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_a_team_inherits_the_units_tolerance_until_it_overrides_it(demo_app, demo_url):
    engine = get_engine(demo_url)
    at = _page()
    unit = _choose(at, "loan-service", engine)
    at.text_input(key=f"set_{unit}_status_tolerance_pct").set_value("5")
    _button(at, "Save settings").click().run()
    assert not at.exception and not at.error
    assert _org(engine, "loan-service").status_tolerance_pct == 5.0

    team = _choose(at, "mortgage", engine)
    assert at.text_input(key=f"set_{team}_status_tolerance_pct").placeholder == "now: 5"
    assert "inherited from Loan Service" in _captions(at)
    at.toggle(key=f"own_{team}_status_tolerance_pct").set_value(True)
    at.text_input(key=f"set_{team}_status_tolerance_pct").set_value("2.5")
    at.time_input(key=f"set_{team}_meeting_time").set_value(dt.time(9, 30))
    at.toggle(key=f"own_{team}_meeting_time").set_value(True)
    _button(at, "Save settings").click().run()
    assert not at.exception and not at.error
    mortgage = _org(engine, "mortgage")
    assert (mortgage.status_tolerance_pct, mortgage.meeting_time) == (2.5, dt.time(9, 30))
    assert mortgage.language is None  # untouched settings stay inherited
    assert "set by Mortgage" in _captions(at)


def test_the_escalation_order_and_the_card_move_rule_are_saved_in_the_chosen_order(demo_app, demo_url):
    engine = get_engine(demo_url)
    at = _page()
    unit = _choose(at, "loan-service", engine)
    at.multiselect(key=f"set_{unit}_escalation_order").set_value(["overtime", "borrow_unit", "temporary_staff"])
    at.selectbox(key=f"set_{unit}_card_moves").set_value("owner")
    at.selectbox(key=f"set_{unit}_today_rule").set_value("end_of_day")
    at.text_input(key=f"set_{unit}_wip_limits_do").set_value("6")
    _button(at, "Save settings").click().run()
    assert not at.exception and not at.error
    saved = _org(engine, "loan-service")
    assert saved.escalation_order == ["overtime", "borrow_unit", "temporary_staff"]
    assert (saved.card_moves, saved.today_rule, saved.wip_limits["do"]) == ("owner", "end_of_day", 6)


def test_a_stale_settings_save_is_refused_naming_who_changed_them(demo_app, demo_url):
    engine = get_engine(demo_url)
    at = _page()
    unit = _choose(at, "loan-service", engine)
    view = org_settings.settings_view(unit, engine)
    org_settings.save_settings(
        Actor("Birgitte Holm"), unit, {"meeting_minutes": 15}, seen_version=view.version, engine=engine
    )
    at.text_input(key=f"set_{unit}_refresh_seconds").set_value("30")
    _button(at, "Save settings").click().run()
    assert any("Birgitte Holm" in e.value for e in at.error)
    assert _org(engine, "loan-service").refresh_seconds == 60


def test_a_department_gets_planning_factors_of_its_own(demo_app, demo_url):
    engine = get_engine(demo_url)
    at = _page()
    dept = _choose(at, "mortgage-home-loans", engine)
    assert "inherited from Loan Service" in _captions(at)
    at.toggle(key=f"fown_{dept}_customer_facing_hours").set_value(True)
    at.text_input(key=f"factor_{dept}_customer_facing_hours").set_value("5.5")
    _button(at, "Save planning factors").click().run()
    assert not at.exception and not at.error
    with read_session(engine) as s:
        row = s.scalar(select(PlanningFactors).where(PlanningFactors.org_unit_id == dept))
    assert (row.customer_facing_hours, row.daily_hours) == (5.5, None)
    team = masterdata.find_team("mortgage", engine)
    assert masterdata.team_factors(team.id, engine).customer_facing_hours == 5.5
    frame = masterdata.factors_frame(team.unit_id, engine)
    assert "Mortgage & Home Loans" in set(frame["org_unit"])  # the master-data grid shows departments too


def test_job_roles_are_added_on_the_settings_page(demo_app, demo_url):
    engine = get_engine(demo_url)
    at = _page()
    unit = _org(engine, "loan-service").id
    key = f"job_roles_{unit}"
    at.session_state[f"{key}_editor_0"] = {
        **EMPTY_EDIT,
        "added_rows": [{"name_da": "Sagsbehandler", "name_en": "Case handler", "active": True}],
    }
    at.run()
    next(b for b in at.button if b.key == f"{key}_save").click().run()
    assert not at.exception and not at.error
    with read_session(engine) as s:
        role = s.scalar(select(JobRole).where(JobRole.unit_id == unit, JobRole.name_da == "Sagsbehandler"))
    assert role is not None and role.key == "sagsbehandler"


def test_the_people_grid_offers_the_units_job_roles_and_edits_the_leader_flags(demo_app, demo_url):
    engine = get_engine(demo_url)
    unit = _org(engine, "loan-service").id
    roles = org_settings.job_roles_frame(unit, engine).to_dict("records")
    org_settings.save_job_roles(
        Actor("setup"), unit, [*roles, {"name_da": "Sagsbehandler", "name_en": "Case handler"}], engine=engine
    )
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = "mortgage"
    at.query_params["lang"] = "da"
    at.session_state["admin_unlocked"] = True
    at.run()
    at.switch_page("pages/master_data.py").run()
    team = masterdata.find_team("mortgage", engine)
    people = masterdata.people_frame(team.id, engine)
    row = int(people.index[people["name"] == "Anders Bech"][0])
    at.session_state[f"people_{team.id}_editor_0"] = {
        **EMPTY_EDIT,
        "edited_rows": {row: {"job_role": "sagsbehandler", "board_leader": True}},
    }
    at.run()
    next(b for b in at.button if b.key == f"people_{team.id}_save").click().run()
    assert not at.exception and not at.error
    anders = masterdata.people_frame(team.id, engine).set_index("name").loc["Anders Bech"]
    assert (anders["job_role"], bool(anders["board_leader"]), bool(anders["team_leader"])) == (
        "sagsbehandler",
        True,
        False,
    )

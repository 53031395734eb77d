"""The recent-changes page and the administrators' users-and-screens page, every button pressed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from db.engine import get_engine, read_session
from db.models import Production
from driftboard.domain import Actor, Role
from driftboard.services import masterdata, production, users
from tests.conftest import DEMO_DAY, ROOT

DAY = DEMO_DAY + dt.timedelta(days=1)


def _page(script: str, *, admin: bool = False, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = "car-consumer"
    at.query_params["lang"] = lang
    if admin:
        at.session_state["admin_unlocked"] = True
    at.run()
    at.switch_page(script).run()
    assert not at.exception, at.exception
    return at


def _button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def test_a_leader_sees_who_changed_production_and_undoes_it(demo_app, demo_url):
    engine = get_engine(demo_url)
    team = masterdata.find_team("car-consumer", engine)
    task = int(masterdata.tasks_frame(team.id, engine)["id"].iloc[0])
    production.record_production(Actor("Bo Hansen"), team.id, DAY, {task: 70}, engine=engine)
    production.record_production(Actor("Bo Hansen"), team.id, DAY, {task: 77}, engine=engine)

    at = _page("pages/history.py", lang="da")
    table = at.dataframe[0].value
    first = table.iloc[0]
    assert first["Hvem"] == "Bo Hansen"
    assert first["Hvad"].startswith("Produktion · ")
    assert first["Ændring"] == "produceret: 70 → 77"
    at.selectbox(key="history_person").set_value("Bo Hansen").run()
    assert set(at.dataframe[0].value["Hvem"]) == {"Bo Hansen"}
    _button(at, "undo").click().run()
    assert not at.exception
    with read_session(engine) as s:
        assert s.scalar(select(Production.produced).where(Production.task_id == task, Production.date == DAY)) == 70
    assert any(t.value.startswith("Fortrudt:") for t in at.toast)


def test_the_access_page_is_for_administrators_only(demo_app):
    at = _page("pages/access.py")
    assert any("Only an administrator" in w.value for w in at.warning)
    assert not at.button


def test_an_administrator_grants_and_revokes_a_role(demo_app, demo_url):
    engine = get_engine(demo_url)
    at = _page("pages/access.py", admin=True)
    at.text_input(key="grant_email").set_value("Lea@Example.com")
    at.selectbox(key="grant_role").set_value(Role.LEADER)
    at.selectbox(key="grant_unit").set_value("car-consumer")
    next(b for b in at.button if b.label == "Grant the role").click().run()
    assert not at.exception
    grant = next(g for g in users.grants_table(engine) if g.email == "lea@example.com")
    assert grant.role is Role.LEADER
    at.selectbox(key="grant_pick").set_value(grant.grant_id)
    _button(at, "revoke_grant").click().run()
    assert not at.exception
    assert all(g.email != "lea@example.com" for g in users.grants_table(engine))


def test_an_administrator_makes_a_screen_link_sees_it_once_and_revokes_it(demo_app, demo_url):
    engine = get_engine(demo_url)
    at = _page("pages/access.py", admin=True)
    at.selectbox(key="screen_team").set_value("car-consumer")
    at.text_input(key="screen_label").set_value("TV by the coffee machine")
    next(b for b in at.button if b.label == "Make a screen link").click().run()
    assert not at.exception
    url = at.code[0].value
    assert "team=car-consumer" in url and "screen=" in url
    secret = url.split("screen=")[1]
    team = masterdata.find_team("car-consumer", engine)
    assert users.screen_team(secret, engine) == team.id
    at.run()
    assert not at.code  # shown once
    link = next(link for link in users.screen_links(engine) if link.label == "TV by the coffee machine")
    at.selectbox(key="link_pick").set_value(link.id)
    _button(at, "revoke_link").click().run()
    assert not at.exception
    assert users.screen_team(secret, engine) is None

"""Review fixes in the feeds features (real databases): the intake history loader's writes are
in the audit log, the robot form offers and the robot service accepts only measures the
actor may write, and one goal-board measure is fed by at most one robot."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from db.engine import get_engine, read_session
from db.models import AuditEntry, Measure, Task
from db.models.feeds import Intake
from driftboard.domain import AccessDenied, Actor, AuditAction, DomainError, Role
from driftboard.i18n import t
from driftboard.services import intake, intake_history, masterdata
from driftboard.services import robots as robot_services
from tests.conftest import DEMO_DAY, ROOT
from tests.test_feeds import _at_once

ANNA = Actor("Anna Leader")
MONDAY = DEMO_DAY - dt.timedelta(days=2)


def _team(engine, slug: str = "mortgage"):
    team = masterdata.find_team(slug, engine)
    with read_session(engine) as s:
        tasks = s.execute(select(Task.id, Task.slug).where(Task.team_id == team.id).order_by(Task.id)).all()
    return team, {slug: task_id for task_id, slug in tasks}


# --------------------------------------------------------------------------- intake history


def test_loading_intake_history_over_a_typed_value_keeps_it_in_the_audit_log(demo_engine):
    team, tasks = _team(demo_engine)
    payout = tasks["mortgage-payout"]
    intake.record_intake(ANNA, team.id, MONDAY, {payout: 20}, engine=demo_engine)
    with read_session(demo_engine) as s:
        typed = s.scalar(select(Intake).where(Intake.task_id == payout, Intake.date == MONDAY))
    loader = Actor("History Loader")
    changed = intake_history.load_intake_history(
        loader, team.id, {payout: {MONDAY: 35, MONDAY - dt.timedelta(days=400): 7}}, engine=demo_engine
    )
    assert changed == 2
    with read_session(demo_engine) as s:
        row = s.scalar(select(Intake).where(Intake.task_id == payout, Intake.date == MONDAY))
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "intake", AuditEntry.actor == "History Loader")
        ).all()
        gone = s.scalars(
            select(AuditEntry.entity_id).where(AuditEntry.entity == "intake", AuditEntry.action == AuditAction.DELETE)
        ).all()
    # The typed row is changed in place (no unaudited delete): the audit log has what it held.
    assert (row.id, row.received, row.recorded_by) == (typed.id, 35, "History Loader")
    assert any(
        (e.entity_id, e.action, e.field, e.old_value, e.new_value)
        == (typed.id, AuditAction.UPDATE, "received", "20", "35")
        for e in entries
    )
    assert gone == []
    # Loading the same history again changes nothing and writes no audit entry.
    assert intake_history.load_intake_history(loader, team.id, {payout: {MONDAY: 35}}, engine=demo_engine) == 0


# --------------------------------------------------------------------------- robots: measures the actor may write


def _team_admin(engine, slug: str = "home-coop") -> Actor:
    team = masterdata.find_team(slug, engine)
    return Actor("Tea Admin", grants=frozenset({(team.id, Role.ADMIN)}))


def _measure_orgs(engine, ids) -> dict[int, int]:
    with read_session(engine) as s:
        return dict(s.execute(select(Measure.id, Measure.org_unit_id).where(Measure.id.in_(ids))).all())


def test_a_team_admin_is_offered_and_may_link_only_measures_it_may_write(demo_engine):
    team, _ = _team(demo_engine, "home-coop")
    admin = _team_admin(demo_engine)
    every = robot_services.team_measures(team.id, demo_engine)
    orgs = _measure_orgs(demo_engine, [m.id for m in every])
    assert set(orgs.values()) > {team.id}  # the department's and unit's measures are in the chain
    offered = robot_services.team_measures(team.id, demo_engine, actor=admin)
    assert offered and {orgs[m.id] for m in offered} == {team.id}
    above = next(m for m in every if orgs[m.id] != team.id)

    [robot] = robot_services.team_robots(team.id, demo_engine)
    linked = robot_services.RobotInput(robot.name, robot.slug, robot.task_ids, robot.target_share, measure_id=above.id)
    with pytest.raises(AccessDenied) as info:
        robot_services.save_robot(
            admin, team.id, linked, robot_id=robot.id, seen_version=robot.version, engine=demo_engine
        )
    assert info.value.message_key == "feeds.err.robot_measure_not_yours"
    assert above.name in t(info.value.message_key, "da", **info.value.params)
    assert robot_services.team_robots(team.id, demo_engine)[0].measure_id == robot.measure_id

    # A unit leader links it; the team admin may still change the robot and keeps the link.
    unit_leader = Actor("Uma Unit", grants=frozenset({(orgs[above.id], Role.LEADER), (team.id, Role.ADMIN)}))
    saved_id = robot_services.save_robot(
        unit_leader, team.id, linked, robot_id=robot.id, seen_version=robot.version, engine=demo_engine
    )
    [robot] = robot_services.team_robots(team.id, demo_engine)
    assert (saved_id, robot.measure_id) == (robot.id, above.id)
    kept = robot_services.RobotInput(robot.name, robot.slug, robot.task_ids, 0.8, measure_id=above.id)
    robot_services.save_robot(admin, team.id, kept, robot_id=robot.id, seen_version=robot.version, engine=demo_engine)
    assert robot_services.team_robots(team.id, demo_engine)[0].target_share == pytest.approx(0.8)
    current = robot_services.team_measures(team.id, demo_engine, actor=admin, current=above.id)
    assert above.id in {m.id for m in current}


def test_the_robot_form_offers_a_signed_in_team_admin_only_the_teams_measures(demo_app, demo_url):
    engine = get_engine(demo_url)
    team, _ = _team(engine, "home-coop")
    [robot] = robot_services.team_robots(team.id, engine)
    every = robot_services.team_measures(team.id, engine)
    orgs = _measure_orgs(engine, [m.id for m in every])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"cookie_secret": "test", "redirect_uri": "http://localhost:8501/oauth2callback"}
    at.user = {
        "is_logged_in": True,
        "email": "tea@bank.dk",
        "name": "Tea Admin",
        "groups": ["driftboard:admin:home-coop"],
    }
    at.query_params["team"] = "home-coop"
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/master_data.py").run()
    assert not at.exception, at.exception
    at.selectbox(key=f"robot_pick_{team.id}").set_value(robot.id).run()
    box = at.selectbox(key=f"robot_measure_{team.id}_{robot.id}")
    offered = {m.name: m.id for m in every if m.name in box.options}
    assert offered and {orgs[i] for i in offered.values()} == {team.id}
    assert {m.name for m in every if orgs[m.id] != team.id}.isdisjoint(box.options)
    assert box.value == robot.measure_id  # its own link is offered and kept
    at.text_input(key=f"robot_target_{team.id}_{robot.id}").set_value("80")
    next(b for b in at.button if b.label == "Save robot").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    saved = robot_services.team_robots(team.id, engine)[0]
    assert (saved.target_share, saved.measure_id) == (pytest.approx(0.8), robot.measure_id)
    assert any("Robot" in x.value and "saved" in x.value for x in [*at.toast, *at.success])


# --------------------------------------------------------------------------- robots: one robot per measure


def _robot(name: str, slug: str, task_ids, measure_id: int | None) -> robot_services.RobotInput:
    return robot_services.RobotInput(name, slug, tuple(task_ids), 0.5, measure_id=measure_id)


def test_a_measure_fed_by_a_robot_is_refused_to_a_second_robot_naming_the_first(demo_engine):
    team, tasks = _team(demo_engine, "home-coop")
    [first] = robot_services.team_robots(team.id, demo_engine)
    assert first.measure_id is not None  # the demo's land-registry robot feeds "robot-share"
    payout = [tasks["home-loan-payout"]]
    with pytest.raises(DomainError) as info:
        robot_services.save_robot(
            ANNA, team.id, _robot("Payout robot", "payout-robot", payout, first.measure_id), engine=demo_engine
        )
    assert info.value.message_key == "feeds.err.measure_fed_by_robot"
    for lang in ("en", "da"):
        assert first.name in t(info.value.message_key, lang, **info.value.params)
    assert [r.slug for r in robot_services.team_robots(team.id, demo_engine)] == [first.slug]  # nothing saved

    # Made without a measure, then linked: refused the same way; another measure is fine.
    second_id = robot_services.save_robot(
        ANNA, team.id, _robot("Payout robot", "payout-robot", payout, None), engine=demo_engine
    )
    second = next(r for r in robot_services.team_robots(team.id, demo_engine) if r.id == second_id)
    with pytest.raises(DomainError) as info:
        robot_services.save_robot(
            ANNA,
            team.id,
            _robot("Payout robot", "payout-robot", payout, first.measure_id),
            robot_id=second.id,
            seen_version=second.version,
            engine=demo_engine,
        )
    assert info.value.message_key == "feeds.err.measure_fed_by_robot"
    # The first robot keeps its own link when it is saved again.
    again = robot_services.RobotInput(first.name, first.slug, first.task_ids, 0.7, measure_id=first.measure_id)
    robot_services.save_robot(ANNA, team.id, again, robot_id=first.id, seen_version=first.version, engine=demo_engine)
    # Once the first robot lets go of the measure, the second may take it.
    first = next(r for r in robot_services.team_robots(team.id, demo_engine) if r.id == first.id)
    measure_id = first.measure_id
    off = robot_services.RobotInput(first.name, first.slug, first.task_ids, 0.7, measure_id=None)
    robot_services.save_robot(ANNA, team.id, off, robot_id=first.id, seen_version=first.version, engine=demo_engine)
    robot_services.save_robot(
        ANNA,
        team.id,
        _robot("Payout robot", "payout-robot", payout, measure_id),
        robot_id=second.id,
        seen_version=second.version,
        engine=demo_engine,
    )
    linked = {r.slug: r.measure_id for r in robot_services.team_robots(team.id, demo_engine)}
    assert linked == {first.slug: None, "payout-robot": measure_id}


def test_two_robots_linked_to_one_measure_at_once_only_one_gets_it(demo_engine):
    team, tasks = _team(demo_engine, "home-coop")
    [first] = robot_services.team_robots(team.id, demo_engine)
    measure_id = first.measure_id
    payout = [tasks["home-loan-payout"]]

    def link(robot_id: int | None, n: int, to: int | None):
        return lambda: robot_services.save_robot(
            ANNA, team.id, _robot(f"Robot {n}", f"robot-{n}", payout, to), robot_id=robot_id, engine=demo_engine
        )

    off = robot_services.RobotInput(first.name, first.slug, first.task_ids, first.target_share, measure_id=None)
    robot_services.save_robot(ANNA, team.id, off, robot_id=first.id, seen_version=first.version, engine=demo_engine)
    made = [link(None, n, None)() for n in (1, 2)]
    for _ in range(5):  # a few rounds: the two saves must overlap for the race to show
        outcomes = _at_once(link(made[0], 1, measure_id), link(made[1], 2, measure_id))
        assert sorted(type(o).__name__ for o in outcomes) == ["DomainError", "int"], outcomes
        assert next(o for o in outcomes if isinstance(o, DomainError)).message_key == "feeds.err.measure_fed_by_robot"
        fed = [r.id for r in robot_services.team_robots(team.id, demo_engine) if r.measure_id == measure_id]
        assert len(fed) == 1
        link(fed[0], made.index(fed[0]) + 1, None)()  # let go for the next round

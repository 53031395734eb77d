"""Intake and robots in the services (real databases): recording, conflicts, imports, the
robots' up/down and share against target; and on the operations board in AppTest: typing
intake, seeing it beside produced, and the robots."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from db.engine import get_engine, read_session
from db.models import AuditEntry, Task
from db.models.feeds import Intake
from driftboard import imports, robots
from driftboard.domain import Actor, ConflictError, DomainError, ProductionSource, ValidationError
from driftboard.i18n import t
from driftboard.services import intake, masterdata
from driftboard.services import robots as robot_services
from driftboard.services.common import BatchResult
from driftboard.status import Status
from driftboard.ui.text import md_escape
from tests.conftest import DEMO_DAY, ROOT

ANNA = Actor("Anna Leader")
BO = Actor("Bo Member")
MONDAY = DEMO_DAY - dt.timedelta(days=2)


def _team(engine, slug: str = "mortgage"):
    team = masterdata.find_team(slug, engine)
    with read_session(engine) as s:
        tasks = s.execute(select(Task.id, Task.slug).where(Task.team_id == team.id).order_by(Task.id)).all()
    return team, {slug: task_id for task_id, slug in tasks}


def _audit(engine) -> int:
    with read_session(engine) as s:
        return s.scalar(select(func.count(AuditEntry.id)))


# --------------------------------------------------------------------------- intake


def test_intake_is_recorded_replaced_and_a_stale_value_is_refused(demo_engine):
    team, tasks = _team(demo_engine)
    payout = tasks["mortgage-payout"]
    assert intake.record_intake(ANNA, team.id, MONDAY, {payout: 20}, engine=demo_engine) == 1
    seen = intake.day_values(team.id, MONDAY, demo_engine)[payout]
    assert intake.record_intake(ANNA, team.id, MONDAY, {payout: 20}, engine=demo_engine) == 0  # same again
    assert intake.record_intake(BO, team.id, MONDAY, {payout: 22}, seen={payout: seen.version}, engine=demo_engine)
    with pytest.raises(ConflictError) as info:  # Anna saves on what she saw before Bo's change
        intake.record_intake(ANNA, team.id, MONDAY, {payout: 25}, seen={payout: seen.version}, engine=demo_engine)
    assert info.value.changed_by == "Bo Member"
    assert intake.day_values(team.id, MONDAY, demo_engine)[payout].received == 22
    with pytest.raises(ValidationError):
        intake.record_intake(ANNA, team.id, MONDAY, {payout: -1}, engine=demo_engine)
    with pytest.raises(DomainError):  # a task of another team
        _, other = _team(demo_engine, "home-coop")
        intake.record_intake(ANNA, team.id, MONDAY, {other["home-loan-payout"]: 1}, engine=demo_engine)


def test_an_intake_file_is_all_or_nothing_and_a_second_import_changes_nothing(demo_engine):
    _, tasks = _team(demo_engine)
    good = f"dato;team;opgave;modtaget\n{MONDAY};mortgage;mortgage-payout;31\n{MONDAY};Mortgage;land-registry;12\n"
    result = intake.import_intake(ANNA, good.encode(), "intake.csv", today=DEMO_DAY, engine=demo_engine)
    assert (result.rows, result.changed) == (2, 2)
    audit = _audit(demo_engine)
    again = intake.import_intake(ANNA, good.encode(), "intake.csv", today=DEMO_DAY, engine=demo_engine)
    assert (again.rows, again.changed, again.unchanged) == (2, 0, 2)
    assert _audit(demo_engine) == audit
    bad = f"date,team,task,received\n{MONDAY},mortgage,mortgage-payout,99\n{MONDAY},mortgage,nope,1\n2030-01-01,mortgage,land-registry,x\n"
    with pytest.raises(ValidationError) as info:
        intake.import_intake(ANNA, bad.encode(), "intake.csv", today=DEMO_DAY, engine=demo_engine)
    assert {(e.row, e.field) for e in info.value.errors} >= {(3, "task"), (4, "received"), (4, "date")}
    with read_session(demo_engine) as s:
        row = s.scalar(select(Intake).where(Intake.task_id == tasks["mortgage-payout"], Intake.date == MONDAY))
    assert (row.received, row.source) == (31, ProductionSource.IMPORT)


def test_the_file_import_and_the_api_share_one_validation():
    teams = {"mortgage": imports.TeamLookup(1, {"pay-out": 7})}
    file_table = imports.read_table(b"date,team,task,received\n2026-11-24,mortgage,pay-out,-2\n", "x.csv")
    api_table = imports.table_from_rows([{"date": "2026-11-24", "team": "mortgage", "task": "pay-out", "received": -2}])
    from_file = imports.validate_intake(file_table, teams, DEMO_DAY)[1]
    from_api = imports.validate_intake(api_table, teams, DEMO_DAY)[1]
    assert [(e.row, e.field, e.code) for e in from_file] == [(e.row, e.field, e.code) for e in from_api]
    assert from_file and from_file[0].code == "v.nonneg"


# --------------------------------------------------------------------------- robots


def test_share_status_follows_the_boards_rule():
    assert robots.share_status(robots.RobotCounts(75, 25, 0), 0.75) is Status.GREEN  # exactly on target
    assert robots.share_status(robots.RobotCounts(74, 25, 1), 0.75) is Status.RED
    assert robots.share_status(robots.RobotCounts(74, 26, 0), 0.75, tolerance_pct=5) is Status.GREEN
    assert robots.share_status(robots.RobotCounts(), 0.75) is Status.GREY  # no cases: never red or green
    now = dt.datetime(2026, 11, 25, 9, 0)
    assert robots.is_up(now - dt.timedelta(minutes=30), now, 30)
    assert not robots.is_up(now - dt.timedelta(minutes=31), now, 30)
    assert not robots.is_up(None, now, 30)


def test_a_robot_is_made_fed_and_judged_up_down_and_against_its_target(demo_engine, monkeypatch):
    team, tasks = _team(demo_engine)
    robot = robot_services.RobotInput("Payout bot", "payout-bot", (tasks["mortgage-payout"],), 0.8)
    robot_id = robot_services.save_robot(ANNA, team.id, robot, engine=demo_engine)
    with pytest.raises(DomainError) as info:  # the slug is the API's name for it: one per robot
        robot_services.save_robot(ANNA, team.id, robot, engine=demo_engine)
    assert info.value.message_key == "feeds.err.slug_taken"
    ran = dt.datetime(2026, 11, 25, 8, 40)
    rows = [
        {"date": MONDAY.isoformat(), "handled": 90, "handed_over": 10, "failed": 0, "last_run_at": "2026-11-23T16:00"},
        {"date": DEMO_DAY.isoformat(), "handled": 7, "handed_over": 3, "failed": 0, "last_run_at": ran.isoformat()},
    ]
    result = robot_services.record_robot_runs(
        ANNA, "payout-bot", imports.table_from_rows(rows), today=DEMO_DAY, engine=demo_engine
    )
    assert (result.rows, result.changed) == (2, 2)
    again = robot_services.record_robot_runs(
        ANNA, "payout-bot", imports.table_from_rows(rows), today=DEMO_DAY, engine=demo_engine
    )
    assert again.changed == 0

    [line] = robot_services.robot_board(team.id, DEMO_DAY, demo_engine, now=ran + dt.timedelta(minutes=10))
    assert (line.id, line.up, line.today.handled, line.week.total) == (robot_id, True, 7, 110)
    assert line.today_status is Status.RED  # 70 % against 80 %
    assert line.week_status is Status.GREEN  # 97 of 110 = 88 %
    assert line.tasks == ("Pay out mortgage loans",)
    monkeypatch.setenv("DRIFTBOARD_ROBOT_DOWN_MINUTES", "5")
    [line] = robot_services.robot_board(team.id, DEMO_DAY, demo_engine, now=ran + dt.timedelta(minutes=10))
    assert not line.up

    changed = robot_services.RobotInput("Payout bot", "payout-bot", (), 0.8, active=False)
    seen = robot_services.team_robots(team.id, demo_engine)[0].version
    robot_services.save_robot(ANNA, team.id, changed, robot_id=robot_id, seen_version=seen, engine=demo_engine)
    assert robot_services.robot_board(team.id, DEMO_DAY, demo_engine) == []  # inactive robots leave the board
    with pytest.raises(ConflictError):
        robot_services.save_robot(ANNA, team.id, changed, robot_id=robot_id, seen_version=seen, engine=demo_engine)


def test_bad_robot_runs_are_refused_with_every_reason(demo_engine):
    rows = [
        {"date": DEMO_DAY.isoformat(), "handled": -1, "handed_over": 0, "failed": 0},
        {"date": DEMO_DAY.isoformat(), "handled": 1, "handed_over": 0, "failed": 0, "last_run_at": "soon"},
        {"date": "2030-01-01", "handled": 1, "handed_over": 0, "failed": 0},
    ]
    with pytest.raises(ValidationError) as info:
        robot_services.record_robot_runs(
            ANNA, "land-registry-robot", imports.table_from_rows(rows), today=DEMO_DAY, engine=demo_engine
        )
    assert {(e.row, e.field) for e in info.value.errors} == {(2, "handled"), (3, "last_run_at"), (4, "date")}


def test_the_demo_has_the_land_registry_robot_at_75_percent(demo_engine):
    team, _ = _team(demo_engine, "home-coop")
    [line] = robot_services.robot_board(team.id, DEMO_DAY, demo_engine)
    assert (line.slug, line.target_share, line.up) == ("land-registry-robot", 0.75, True)
    assert line.week.total > 100 and line.today.total > 0


# --------------------------------------------------------------------------- the board in AppTest


def _board(team: str, tab: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = team
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/operations.py").run()
    if tab is not None:
        at.session_state["ops_tabs"] = t(tab, "en")
        at.run()
    assert not at.exception, at.exception
    return at


def _table(at: AppTest, column: str):
    return next(x.value for x in at.table if column in x.value.columns)


def test_a_member_types_intake_and_sees_it_beside_produced(demo_app, demo_url):
    engine = get_engine(demo_url)
    team, tasks = _team(engine, "mortgage")
    at = _board("mortgage", tab="feeds.tab.intake")
    at.text_input(key=f"received_{tasks['mortgage-payout']}").set_value("41")
    next(b for b in at.button if b.label == "Save intake").click().run()
    assert not at.exception, at.exception
    assert intake.day_values(team.id, DEMO_DAY, engine)[tasks["mortgage-payout"]].received == 41
    table = _table(at, "In today")
    row = table[table["Task"] == "Pay out mortgage loans"].iloc[0]
    assert row["In today"] == "41"
    assert "Produced today" in table.columns
    assert any("Intake saved" in x.value for x in at.toast)


def test_the_board_shows_the_robot_up_and_against_its_target(demo_app, demo_url):
    at = _board("home-coop")
    robots_table = _table(at, "Robot")
    row = robots_table.iloc[0]
    assert row["Robot"] == md_escape("Land-registry robot")
    assert "up" in row["Running"]
    assert "target 75%" in row["Today"] and ":green-background" in row["This week"]
    # the kiosk (a fragment AppTest does not run) is checked in tests/browser/test_feeds_browser.py


# --------------------------------------------------------------------------- the command line


def _cli(capsys, *args: str, db: str) -> str:
    from driftboard import cli

    assert cli.main(["--database", db, *args]) == 0
    return capsys.readouterr().out


def test_token_create_list_revoke_and_import_intake_on_the_command_line(demo_engine, capsys, tmp_path):
    from driftboard.services import api_tokens

    db = demo_engine.url.render_as_string(hide_password=False)
    out = _cli(capsys, "token", "create", "Core banking", "--unit", "loan-service", db=db)
    secret = out.strip().splitlines()[-1]
    caller = api_tokens.api_caller(secret, demo_engine)
    assert caller is not None and caller.actor.name == "Core banking (API)"
    with read_session(demo_engine) as s:  # only the hash is stored
        from db.models import AccessToken

        assert secret not in {t.token_hash for t in s.scalars(select(AccessToken))}
    listed = _cli(capsys, "token", "list", db=db)
    assert "Core banking\tloan-service\tlive" in listed and "never" not in listed  # its use was noted
    token_id = listed.split("\t", 1)[0]
    _cli(capsys, "token", "revoke", token_id, db=db)
    assert api_tokens.api_caller(secret, demo_engine) is None
    assert "revoked" in _cli(capsys, "token", "list", db=db)

    path = tmp_path / "intake.csv"
    path.write_text(f"date,team,task,received\n{MONDAY},mortgage,land-registry,9\n", encoding="utf-8")
    assert "1 intake rows: 1 changed" in _cli(capsys, "import", "intake", str(path), db=db)
    assert "1 intake rows: 0 changed, 1 unchanged" in _cli(capsys, "import", "intake", str(path), db=db)


# --------------------------------------------------------------------------- settings pages in AppTest


def _admin_page(script: str, team: str = "home-coop") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["team"] = team
    at.query_params["lang"] = "en"
    at.session_state["admin_unlocked"] = True  # open mode: admin pages need the admin token
    at.run()
    at.switch_page(script).run()
    assert not at.exception, at.exception
    return at


def test_an_administrator_makes_an_api_token_sees_it_once_and_revokes_it(demo_app, demo_url):
    from driftboard.services import api_tokens

    engine = get_engine(demo_url)
    at = _admin_page("pages/access.py")
    at.text_input(key="api_token_name").set_value("Core banking")
    at.selectbox(key="api_token_unit").set_value("loan-service")
    next(b for b in at.button if b.label == "Create token").click().run()
    assert not at.exception, at.exception
    secret = at.code[0].value
    caller = api_tokens.api_caller(secret, engine)
    assert caller is not None and caller.actor.name == "Core banking (API)"
    at.run()
    assert not at.code  # shown once
    token = next(x for x in api_tokens.api_tokens(engine) if x.name == "Core banking")
    at.selectbox(key="api_token_pick").set_value(token.id)
    next(b for b in at.button if b.key == "revoke_api_token").click().run()
    assert not at.exception
    assert api_tokens.api_caller(secret, engine) is None


def test_an_administrator_changes_the_robots_target_and_adds_a_robot(demo_app, demo_url):
    engine = get_engine(demo_url)
    team, tasks = _team(engine, "home-coop")
    [robot] = robot_services.team_robots(team.id, engine)
    at = _admin_page("pages/master_data.py")
    at.selectbox(key=f"robot_pick_{team.id}").set_value(robot.id).run()
    at.text_input(key=f"robot_target_{team.id}_{robot.id}").set_value("80")
    next(b for b in at.button if b.label == "Save robot").click().run()
    assert not at.exception, at.exception
    saved = robot_services.team_robots(team.id, engine)[0]
    assert saved.target_share == pytest.approx(0.8) and saved.measure_id == robot.measure_id is not None

    at.selectbox(key=f"robot_pick_{team.id}").set_value(None).run()
    at.text_input(key=f"robot_name_{team.id}_new").set_value("Payout robot")
    at.text_input(key=f"robot_slug_{team.id}_new").set_value("Payout Robot")  # not a slug
    at.multiselect(key=f"robot_tasks_{team.id}_new").set_value([tasks["home-loan-payout"]])
    next(b for b in at.button if b.label == "Save robot").click().run()
    assert any("is not a slug" in e.value for e in at.error)
    assert len(robot_services.team_robots(team.id, engine)) == 1
    at.text_input(key=f"robot_slug_{team.id}_new").set_value("payout-robot")
    next(b for b in at.button if b.label == "Save robot").click().run()
    assert not at.exception, at.exception
    added = next(r for r in robot_services.team_robots(team.id, engine) if r.slug == "payout-robot")
    assert (added.name, added.task_ids, added.target_share) == ("Payout robot", (tasks["home-loan-payout"],), 0.75)


def test_the_robot_feeds_its_share_to_the_goal_board_measure(demo_engine):
    from db.models import Measure, MeasureValue

    team, _ = _team(demo_engine, "home-coop")
    [robot] = robot_services.team_robots(team.id, demo_engine)
    with read_session(demo_engine) as s:
        measure = s.get(Measure, robot.measure_id)
    assert measure.slug == "robot-share"  # the demo's "Home loans fully processed by the robot"
    runs = [{"date": DEMO_DAY.isoformat(), "handled": 10, "handed_over": 10, "failed": 0}]
    robot_services.record_robot_runs(
        ANNA, "land-registry-robot", imports.table_from_rows(runs), today=DEMO_DAY, engine=demo_engine
    )
    [line] = robot_services.robot_board(team.id, DEMO_DAY, demo_engine)
    with read_session(demo_engine) as s:
        value = s.scalar(
            select(MeasureValue.value).where(MeasureValue.measure_id == measure.id, MeasureValue.period_start == MONDAY)
        )
    assert value == pytest.approx(round(line.week.share * 100, 1))
    audit = _audit(demo_engine)
    robot_services.record_robot_runs(
        ANNA, "land-registry-robot", imports.table_from_rows(runs), today=DEMO_DAY, engine=demo_engine
    )
    assert _audit(demo_engine) == audit  # the same runs again: neither runs nor the measure change


# --------------------------------------------------------------------------- intake as an operational measure


def _week_value(engine, measure_id: int, start: dt.date) -> float | None:
    from db.models import MeasureValue

    with read_session(engine) as s:
        return s.scalar(
            select(MeasureValue.value).where(MeasureValue.measure_id == measure_id, MeasureValue.period_start == start)
        )


def _intake_sum(engine, team_id: int, start: dt.date) -> int:
    with read_session(engine) as s:
        return s.scalar(
            select(func.sum(Intake.received))
            .join(Task, Task.id == Intake.task_id)
            .where(Task.team_id == team_id, Intake.date >= start, Intake.date <= start + dt.timedelta(days=6))
        )


def test_an_operational_measure_takes_the_weeks_intake(demo_engine):
    team, tasks = _team(demo_engine, "mortgage")
    [choice] = [c for c in intake.measure_choices(team.id, demo_engine) if c.name == "Incoming volume"]
    assert not choice.fed
    last_week = MONDAY - dt.timedelta(days=7)
    assert intake.set_intake_measures(ANNA, team.id, {choice.id}, engine=demo_engine) > 0  # filled from history
    assert _week_value(demo_engine, choice.id, last_week) == _intake_sum(demo_engine, team.id, last_week)
    intake.record_intake(BO, team.id, MONDAY, {tasks["mortgage-payout"]: 500}, engine=demo_engine)
    assert _week_value(demo_engine, choice.id, MONDAY) == _intake_sum(demo_engine, team.id, MONDAY)
    with pytest.raises(DomainError):  # a KPI (or another team's measure) cannot take intake
        intake.set_intake_measures(ANNA, team.id, {choice.id + 10_000}, engine=demo_engine)
    intake.set_intake_measures(ANNA, team.id, set(), engine=demo_engine)
    assert not [c for c in intake.measure_choices(team.id, demo_engine) if c.fed]


def test_a_leader_links_intake_to_a_measure_on_the_master_data_page(demo_app, demo_url):
    engine = get_engine(demo_url)
    team, _ = _team(engine, "home-coop")
    [choice] = [c for c in intake.measure_choices(team.id, engine) if c.name == "Incoming volume"]
    at = _admin_page("pages/master_data.py")
    at.multiselect(key=f"intake_measures_pick_{team.id}").set_value([choice.id])
    next(b for b in at.button if b.label == "Save measures fed by intake").click().run()
    assert not at.exception, at.exception
    assert [c.id for c in intake.measure_choices(team.id, engine) if c.fed] == [choice.id]
    assert any("measure values filled from intake" in x.value for x in at.toast)


def test_a_team_scoped_api_token_posts_runs_of_a_robot_feeding_a_unit_measure(demo_engine):
    """The token may write its team's robot runs; the share it feeds to a department's or unit's
    measure follows from them, so it is written on the token's behalf, not refused."""
    from db.models import Measure, MeasureValue
    from driftboard.services import api_tokens

    team, _ = _team(demo_engine, "home-coop")
    [robot] = robot_services.team_robots(team.id, demo_engine)
    choices = robot_services.team_measures(team.id, demo_engine)
    with read_session(demo_engine) as s:
        above = next(c.id for c in choices if s.get(Measure, c.id).org_unit_id != team.id)
    admin = Actor("setup")
    changed = robot_services.RobotInput(robot.name, robot.slug, robot.task_ids, robot.target_share, measure_id=above)
    robot_services.save_robot(
        admin, team.id, changed, robot_id=robot.id, seen_version=robot.version, engine=demo_engine
    )
    secret = api_tokens.create_api_token(admin, "Robot platform", "home-coop", engine=demo_engine)[1]
    caller = api_tokens.api_caller(secret, demo_engine)
    runs = [{"date": DEMO_DAY.isoformat(), "handled": 9, "handed_over": 1, "failed": 0}]
    result = robot_services.record_robot_runs(
        caller.actor, robot.slug, imports.table_from_rows(runs), today=DEMO_DAY, engine=demo_engine
    )
    assert result.changed == 1
    [line] = robot_services.robot_board(team.id, DEMO_DAY, demo_engine)
    with read_session(demo_engine) as s:
        value = s.scalar(
            select(MeasureValue).where(MeasureValue.measure_id == above, MeasureValue.period_start == MONDAY)
        )
    assert value.value == pytest.approx(round(line.week.share * 100, 1))
    assert value.entered_by == "Robot platform (API)"


def test_a_last_run_before_year_one_in_utc_or_in_the_future_is_a_row_reason(demo_engine):
    """The pinned clock says 10:00 in Copenhagen (09:00 UTC): 09:04 UTC is within the clock skew
    allowed; 09:50 without an offset (local time sent as UTC) would keep a stopped robot up."""
    runs = [
        {"date": DEMO_DAY.isoformat(), "handled": 1, "handed_over": 0, "failed": 0, "last_run_at": "2026-11-25T09:04"},
        {"date": MONDAY.isoformat(), "handled": 1, "handed_over": 0, "failed": 0,
         "last_run_at": "0001-01-01T00:00+01:00"},
        {"date": (MONDAY + dt.timedelta(days=1)).isoformat(), "handled": 1, "handed_over": 0, "failed": 0,
         "last_run_at": "2026-11-25T09:50"},
    ]  # fmt: skip
    with pytest.raises(ValidationError) as info:
        robot_services.record_robot_runs(
            ANNA, "land-registry-robot", imports.table_from_rows(runs), today=DEMO_DAY, engine=demo_engine
        )
    reasons = {(e.row, e.field, e.code) for e in info.value.errors}
    assert reasons == {(3, "last_run_at", "v.moment"), (4, "last_run_at", "v.moment_future")}
    future = next(e for e in info.value.errors if e.code == "v.moment_future")
    assert "2026-11-25T09:50 is in the future" in future.text("en")
    ok = robot_services.record_robot_runs(
        ANNA, "land-registry-robot", imports.table_from_rows(runs[:1]), today=DEMO_DAY, engine=demo_engine
    )
    assert ok.rows == 1


def _at_once(*calls) -> list[object]:
    """Run the calls in two threads released together; each one's result or exception."""
    import threading

    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            outcomes[i] = calls[i]()
        except Exception as error:  # noqa: BLE001 - the test asserts there is none
            outcomes[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_first_posts_of_a_robots_day_at_once_both_succeed(demo_engine):
    from db.models.feeds import Robot, RobotRun

    day = DEMO_DAY + dt.timedelta(days=1)  # no runs yet
    tomorrow = day.isoformat()

    def post(handled: int):
        rows = [{"date": tomorrow, "handled": handled, "handed_over": 0, "failed": 0}]
        table = imports.table_from_rows(rows)
        return lambda: robot_services.record_robot_runs(
            ANNA, "land-registry-robot", table, today=day, engine=demo_engine
        )

    outcomes = _at_once(post(5), post(6))
    assert all(isinstance(o, BatchResult) for o in outcomes), outcomes
    with read_session(demo_engine) as s:
        handled = s.scalars(
            select(RobotRun.handled).join(Robot).where(Robot.slug == "land-registry-robot", RobotRun.date == day)
        ).all()
    assert len(handled) == 1 and handled[0] in (5, 6)


def test_two_tasks_intake_at_once_sums_both_into_the_fed_measure(demo_engine):
    team, tasks = _team(demo_engine, "mortgage")
    [choice] = [c for c in intake.measure_choices(team.id, demo_engine) if c.name == "Incoming volume"]
    intake.set_intake_measures(ANNA, team.id, {choice.id}, engine=demo_engine)
    first, second = list(tasks.values())[:2]

    def record(task_id: int, day: dt.date, n: int):
        return lambda: intake.record_intake(BO, team.id, day, {task_id: n}, engine=demo_engine)

    for n in range(4):  # a few rounds: the two writes must overlap for the race to show
        day = MONDAY + dt.timedelta(days=n % 3)
        outcomes = _at_once(record(first, day, 400 + n), record(second, day, 500 + n))
        assert outcomes == [1, 1], outcomes
        assert _week_value(demo_engine, choice.id, MONDAY) == _intake_sum(demo_engine, team.id, MONDAY)


def test_a_stale_robot_save_in_a_second_session_is_refused_naming_who(demo_app, demo_url):
    engine = get_engine(demo_url)
    team, _ = _team(engine, "home-coop")
    [robot] = robot_services.team_robots(team.id, engine)
    first, second = _admin_page("pages/master_data.py"), _admin_page("pages/master_data.py")
    for at in (first, second):
        at.selectbox(key=f"robot_pick_{team.id}").set_value(robot.id).run()
    second.text_input(key=f"robot_target_{team.id}_{robot.id}").set_value("80")
    next(b for b in second.button if b.label == "Save robot").click().run()
    assert not second.exception and not second.error
    assert robot_services.team_robots(team.id, engine)[0].target_share == pytest.approx(0.8)
    with read_session(engine) as s:
        who = s.scalar(select(AuditEntry.actor).where(AuditEntry.entity == "robots").order_by(AuditEntry.id.desc()))

    first.text_input(key=f"robot_target_{team.id}_{robot.id}").set_value("70")
    next(b for b in first.button if b.label == "Save robot").click().run()
    assert not first.exception, first.exception
    assert any(f"changed by {who}" in e.value for e in first.error), [e.value for e in first.error]
    assert robot_services.team_robots(team.id, engine)[0].target_share == pytest.approx(0.8)  # nothing overwritten
    next(b for b in first.button if b.label == "Save robot").click().run()  # having seen the refusal: saves
    assert not first.error
    assert robot_services.team_robots(team.id, engine)[0].target_share == pytest.approx(0.7)


def test_the_feeds_rows_and_fields_have_names_and_intake_is_tilgang_in_danish():
    """A conflict message and the history view name the feeds' tables and columns in the viewer's
    language (``entity.<table>``, ``field.<column>``), never the raw column name."""
    from driftboard.i18n import CATALOGUE

    tables = ("intake", "robots", "robot_runs", "robot_tasks", "intake_measures")
    columns = ("received", "target_share", "handled", "handed_over", "failed", "measure_id", "last_run_at")
    for key in [f"entity.{n}" for n in tables] + [f"field.{n}" for n in columns]:
        assert CATALOGUE[key]["en"] and CATALOGUE[key]["da"], key
    danish = " ".join(entry["da"] for entry in CATALOGUE.values()).lower()
    assert "indgang" not in danish and "fødes ind" not in danish and "fodrer" not in danish
    assert t("feeds.tab.intake", "da") == "Indtast tilgang"


def test_an_empty_batch_of_rows_is_one_reason_not_every_column_missing():
    with pytest.raises(imports.ImportFileError) as info:
        imports.table_from_rows([])
    assert [(e.field, e.code) for e in info.value.errors] == [("rows", "v.empty_file")]


def test_a_member_imports_an_intake_file_on_the_board_and_a_bad_one_changes_nothing(demo_app, demo_url):
    engine = get_engine(demo_url)
    team, tasks = _team(engine, "mortgage")
    payout = tasks["mortgage-payout"]
    at = _board("mortgage", tab="feeds.tab.intake")
    good = f"date,team,task,received\n{MONDAY.isoformat()},mortgage,mortgage-payout,77\n".encode()
    at.file_uploader(key="intake_upload").upload("intake.csv", good)
    at.run()
    at.button(key="import_intake").click().run()
    assert not at.exception, at.exception
    assert intake.day_values(team.id, MONDAY, engine)[payout].received == 77
    assert any("1 rows imported: 1 changed, 0 unchanged." in x.value for x in at.toast)

    before, audit = intake.week_values(team.id, [MONDAY, DEMO_DAY], engine), _audit(engine)
    bad = (
        f"date,team,task,received\n{MONDAY.isoformat()},mortgage,mortgage-payout,12\n"
        f"{MONDAY.isoformat()},mortgage,no-such-task,4\n{DEMO_DAY.isoformat()},mortgage,mortgage-payout,-1\n"
    ).encode()
    at.file_uploader(key="intake_upload").upload("intake.csv", bad)
    at.run()
    at.button(key="import_intake").click().run()
    assert not at.exception, at.exception
    assert "Nothing was saved" in at.error[0].value
    problems = next(d.value for d in at.dataframe if list(d.value.columns)[-1] == "Problem")
    assert [tuple(r[:2]) for r in problems.values.tolist()] == [(3, "task"), (4, "received")]
    assert intake.week_values(team.id, [MONDAY, DEMO_DAY], engine) == before and _audit(engine) == audit


@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_robot_down_since_an_earlier_day_names_the_day(lang, monkeypatch):
    """Monday 9:00: a robot last heard of on Friday evening is not 'down since 18:05' (today's
    18:05 has not come yet) but down since Friday."""
    from driftboard.domain import Actor as Person
    from driftboard.robots import RobotCounts, RobotLine
    from driftboard.ui import feeds_view
    from driftboard.ui.page import PageContext

    monkeypatch.setenv("DRIFTBOARD_NOW", "2026-11-30T09:00")  # Monday
    ctx = PageContext(page="operations", lang=lang, kiosk=True, team=None, teams=(), actor=Person("TV"))

    def line(last_run_utc: dt.datetime) -> RobotLine:
        nothing = RobotCounts()
        return RobotLine(1, "robot", "Robot", (), 0.75, False, last_run_utc, nothing, nothing, Status.GREY, Status.GREY)

    friday = feeds_view._state(ctx, line(dt.datetime(2026, 11, 27, 17, 5)))  # 18:05 in Copenhagen
    today = feeds_view._state(ctx, line(dt.datetime(2026, 11, 30, 7, 40)))  # 08:40
    if lang == "en":
        assert "down since Fri 27.11 18:05" in friday and "down since 08:40" in today
    else:
        assert "nede siden fre. 27.11 kl. 18.05" in friday and "nede siden 08.40" in today

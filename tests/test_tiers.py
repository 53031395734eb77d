"""Meetings above the team, against a real database: the department's and unit's board says what
the teams' boards say, summed; an escalation goes up, is answered (a cross-department borrow on
both teams' plans) and comes back down, and turns red when the team's next meeting passes
unanswered; roles and units apart."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db.engine import get_engine, read_session
from db.models import Escalation, OrgUnit, Person, PlanChange
from driftboard import generate, tiers
from driftboard.domain import AccessDenied, Actor, DomainError, PlanEvent, Role
from driftboard.services import escalations, history, operations_board, tier_board
from driftboard.status import Status
from driftboard.tiers import Answer, EscalationKind, EscalationStatus
from tests.conftest import DEMO_DAY, TESTER

AT_0905 = f"{DEMO_DAY.isoformat()}T09:05"
AT_0935 = f"{DEMO_DAY.isoformat()}T09:35"
NEXT_0900 = f"{(DEMO_DAY + dt.timedelta(days=1)).isoformat()}T09:00"


def _ids(engine) -> dict[str, int]:
    with read_session(engine) as s:
        return dict(s.execute(select(OrgUnit.slug, OrgUnit.id)).all())


def _person(engine, name: str) -> int:
    with read_session(engine) as s:
        return s.scalar(select(Person.id).where(Person.name == name))


def _teams_boards_rows(engine, org_id: int, day: dt.date) -> dict[int, tiers.TeamRow]:
    """Each team's row made from its own board (``load_board``), the way the team sees it."""
    view = tier_board.load_tier_board(org_id, day, engine)
    rows = {}
    for row in view.rows:
        board = operations_board.load_board(row.team_id, day, engine).board
        made = tiers.team_row(
            board, name=row.name, slug=row.slug, department=row.department, team_id=row.team_id,
            robots_down=row.robots_down,
        )  # fmt: skip
        rows[row.team_id] = made
    return rows


def _same_as_the_teams(engine, org_id: int, day: dt.date) -> tier_board.TierBoardView:
    view = tier_board.load_tier_board(org_id, day, engine)
    own = _teams_boards_rows(engine, org_id, day)
    assert {r.team_id: r for r in view.rows} == own
    summed = tiers.totals(list(own.values()))
    assert view.totals == summed
    assert view.totals.planned == sum(r.planned for r in own.values())
    return view


def test_the_unit_and_department_boards_say_what_the_teams_boards_say_summed_on_the_demo(demo_engine):
    ids = _ids(demo_engine)
    unit = _same_as_the_teams(demo_engine, ids["loan-service"], DEMO_DAY)
    assert unit.totals.teams == 4 and unit.totals.gap_hours > 0 and unit.totals.overdue > 0
    department = _same_as_the_teams(demo_engine, ids["mortgage-home-loans"], DEMO_DAY)
    assert {r.slug for r in department.rows} == {"mortgage", "home-coop"}
    # worst first: behind before not registered before on plan
    ranks = [tiers._RANK[r.today] for r in unit.rows]
    assert ranks == sorted(ranks)
    assert department.meeting == dt.time(9, 30) and unit.meeting == dt.time(10, 0)


def test_a_board_of_generated_teams_equals_their_boards_summed(db_url):
    engine = get_engine(db_url)
    generate.generate(engine, teams=12, years=1, seed=3, today=DEMO_DAY, actor=TESTER, progress=None)
    with read_session(engine) as s:
        unit_id = s.scalar(select(OrgUnit.id).where(OrgUnit.level == "unit").order_by(OrgUnit.id))
    view = _same_as_the_teams(engine, unit_id, DEMO_DAY - dt.timedelta(days=1))
    assert view.totals.teams >= 10
    assert view.totals.planned > 0 and view.totals.produced > 0


def test_a_gap_goes_up_at_905_is_answered_at_935_with_a_cross_department_borrow(demo_engine, monkeypatch):
    ids = _ids(demo_engine)
    home, department = ids["home-coop"], ids["mortgage-home-loans"]
    member = Actor("Ida Rask", grants=frozenset({(home, Role.MEMBER)}))
    head = Actor("Birgit Holm", grants=frozenset({(department, Role.LEADER)}))
    board = operations_board.load_board(home, DEMO_DAY, demo_engine).board
    gap = max(board.warnings, key=lambda w: w.gap_hours)

    monkeypatch.setenv("DRIFTBOARD_NOW", AT_0905)
    esc_id = escalations.raise_escalation(
        member, home, EscalationKind.CAPACITY_GAP, "Land registry replies pile up", hours=gap.gap_hours,
        task_id=gap.task.id, engine=demo_engine,
    )  # fmt: skip
    waiting = escalations.open_escalations(department, demo_engine)
    assert [(e.id, e.status, e.level_name, e.late) for e in waiting] == [
        (esc_id, EscalationStatus.OPEN, "Mortgage & Home Loans", False)
    ]
    row = next(r for r in tier_board.load_tier_board(department, DEMO_DAY, demo_engine).rows if r.team_id == home)
    assert (row.waiting, row.late) == (1, 0)

    monkeypatch.setenv("DRIFTBOARD_NOW", AT_0935)
    assert escalations.open_escalations(department, demo_engine)[0].age_minutes == 30
    maja, julie = _person(demo_engine, "Maja Skov"), _person(demo_engine, "Julie Ebbesen")  # another department
    seen = waiting[0].version
    escalations.answer_escalation(
        head, esc_id, Answer.BORROW, lend=[(maja, 2.0), (julie, 1.5)], note="Consumer Loans helps",
        seen_version=seen, engine=demo_engine,
    )  # fmt: skip
    answered = escalations.team_escalations(home, DEMO_DAY, demo_engine)
    assert [(e.status, e.answer, e.answer_people, e.answer_hours, e.lenders) for e in answered] == [
        (EscalationStatus.ANSWERED, Answer.BORROW, 2, 3.5, ("Car & consumer loans", "Customer contact & follow-up"))
    ]
    with read_session(demo_engine) as s:
        logged = s.execute(
            select(PlanChange.team_id, PlanChange.params).where(
                PlanChange.date == DEMO_DAY, PlanChange.author == head.name
            )
        ).all()
    events = sorted(
        (team, params["event"], params["name"] if "name" in params else params["person"]) for team, params in logged
    )
    assert events == sorted(
        [
            (home, PlanEvent.BORROW.value, "Maja Skov"),
            (home, PlanEvent.BORROW.value, "Julie Ebbesen"),
            (ids["car-consumer"], PlanEvent.LENT.value, "Maja Skov"),
            (ids["contact-follow-up"], PlanEvent.LENT.value, "Julie Ebbesen"),
        ]
    )
    roster = operations_board.load_board(home, DEMO_DAY, demo_engine).board.roster
    assert {"Maja Skov", "Julie Ebbesen"} <= {r.name for r in roster if r.borrowed_from}
    assert escalations.open_escalations(department, demo_engine) == []
    # the team takes it in: closed, still on today's board, gone tomorrow
    escalations.close_escalation(member, esc_id, seen_version=answered[0].version, engine=demo_engine)
    assert [e.status for e in escalations.team_escalations(home, DEMO_DAY, demo_engine)] == [EscalationStatus.CLOSED]
    assert escalations.team_escalations(home, DEMO_DAY + dt.timedelta(days=1), demo_engine) == []


def test_unanswered_by_the_teams_next_meeting_it_turns_red_on_both_boards_and_the_unit_answers(
    demo_engine, monkeypatch
):
    ids = _ids(demo_engine)
    home, department, unit = ids["home-coop"], ids["mortgage-home-loans"], ids["loan-service"]
    member = Actor("Ida Rask", grants=frozenset({(home, Role.MEMBER)}))
    monkeypatch.setenv("DRIFTBOARD_NOW", AT_0905)
    esc_id = escalations.raise_escalation(
        member, home, EscalationKind.BLOCKER, "The land registry is down", engine=demo_engine
    )
    monkeypatch.setenv("DRIFTBOARD_NOW", AT_0935)
    assert not escalations.team_escalations(home, DEMO_DAY, demo_engine)[0].late
    monkeypatch.setenv("DRIFTBOARD_NOW", NEXT_0900)
    tomorrow = DEMO_DAY + dt.timedelta(days=1)
    late = escalations.team_escalations(home, tomorrow, demo_engine)
    assert [(e.id, e.late, e.due) for e in late] == [(esc_id, True, dt.datetime.combine(tomorrow, dt.time(9, 0)))]
    row = next(r for r in tier_board.load_tier_board(department, tomorrow, demo_engine).rows if r.team_id == home)
    assert (row.waiting, row.late) == (1, 1)
    assert tier_board.load_tier_board(department, tomorrow, demo_engine).rows[0].team_id == home  # late first
    # the department takes it to the unit; a unit leader answers with overtime hours
    head = Actor("Birgit Holm", grants=frozenset({(department, Role.LEADER)}))
    escalations.escalate_to_unit(head, esc_id, seen_version=late[0].version, engine=demo_engine)
    moved = escalations.open_escalations(unit, demo_engine)
    assert [(e.status, e.level_name) for e in moved] == [(EscalationStatus.ESCALATED, "Loan Service")]
    with pytest.raises(AccessDenied):  # with the unit now: the department's leader no longer answers it
        escalations.answer_escalation(head, esc_id, Answer.NOTE, note="ok", engine=demo_engine)
    boss = Actor("Unit head", grants=frozenset({(unit, Role.LEADER)}))
    escalations.answer_escalation(boss, esc_id, Answer.OVERTIME, hours=6, engine=demo_engine)
    done = escalations.team_escalations(home, tomorrow, demo_engine)[0]
    assert (done.status, done.answer, done.answer_hours, done.answer_level, done.late) == (
        EscalationStatus.ANSWERED, Answer.OVERTIME, 6, tiers.OrgLevel.UNIT, False,
    )  # fmt: skip
    with pytest.raises(DomainError) as again:
        escalations.answer_escalation(boss, esc_id, Answer.NOTE, note="twice", engine=demo_engine)
    assert again.value.message_key == "esc.err.not_waiting"


def test_roles_and_units_apart(demo_engine):
    ids = _ids(demo_engine)
    home, mortgage = ids["home-coop"], ids["mortgage"]
    viewer = Actor("Visitor", grants=frozenset({(home, Role.VIEWER)}))
    with pytest.raises(AccessDenied):
        escalations.raise_escalation(viewer, home, EscalationKind.BLOCKER, "x", engine=demo_engine)
    other_team = Actor("Mortgage member", grants=frozenset({(mortgage, Role.MEMBER)}))
    with pytest.raises(AccessDenied):
        escalations.raise_escalation(other_team, home, EscalationKind.BLOCKER, "x", engine=demo_engine)
    member = Actor("Ida Rask", grants=frozenset({(home, Role.MEMBER)}))
    esc_id = escalations.raise_escalation(member, home, EscalationKind.IMPROVEMENT, "New scanner", engine=demo_engine)
    team_leader = Actor("Lone Winther", grants=frozenset({(home, Role.LEADER)}))  # the team's own leader
    with pytest.raises(AccessDenied):
        escalations.answer_escalation(team_leader, esc_id, Answer.NOTE, note="yes", engine=demo_engine)
    other_department = Actor("Other head", grants=frozenset({(ids["consumer-loans-service"], Role.LEADER)}))
    with pytest.raises(AccessDenied):
        escalations.answer_escalation(other_department, esc_id, Answer.NOTE, note="yes", engine=demo_engine)
    with read_session(demo_engine) as s:
        assert s.get(Escalation, esc_id).status is EscalationStatus.OPEN  # refusals change nothing
    with pytest.raises(DomainError) as empty:
        escalations.raise_escalation(member, home, EscalationKind.CAPACITY_GAP, "short", engine=demo_engine)
    assert empty.value.message_key == "esc.err.hours"
    with pytest.raises(DomainError) as no_note:
        escalations.raise_escalation(member, home, EscalationKind.BLOCKER, "  ", engine=demo_engine)
    assert no_note.value.message_key == "esc.err.note"


def test_every_step_is_in_the_history_and_an_unanswered_escalation_can_be_undone(demo_engine):
    ids = _ids(demo_engine)
    home, department = ids["home-coop"], ids["mortgage-home-loans"]
    member = Actor("Ida Rask", grants=frozenset({(home, Role.MEMBER)}))
    head = Actor("Birgit Holm", grants=frozenset({(department, Role.LEADER)}))
    first = escalations.raise_escalation(member, home, EscalationKind.KPI_ACTION, "NPS action", engine=demo_engine)
    escalations.answer_escalation(head, first, Answer.NOTE, note="Agreed at the unit", engine=demo_engine)
    steps = history.row_history("escalations", first, engine=demo_engine)
    assert {c.field for c in steps} >= {None, "status", "answer", "answered_by"}
    second = escalations.raise_escalation(member, home, EscalationKind.BLOCKER, "Printer", engine=demo_engine)
    insert = next(c for c in history.row_history("escalations", second, engine=demo_engine) if c.field is None)
    assert insert.undoable
    history.undo_change(head, insert.id, engine=demo_engine)
    assert [e.id for e in escalations.open_escalations(department, demo_engine)] == []


def test_the_next_meeting_is_the_teams_next_work_days_meeting():
    friday = dt.datetime(2026, 11, 27, 9, 5)
    assert tiers.answer_due(friday, dt.time(9, 0)) == dt.datetime(2026, 11, 30, 9, 0)
    assert not tiers.is_late(EscalationStatus.OPEN, friday, dt.datetime(2026, 11, 30, 8, 59), dt.time(9, 0))
    assert tiers.is_late(EscalationStatus.ESCALATED, friday, dt.datetime(2026, 11, 30, 9, 0), dt.time(9, 0))
    assert not tiers.is_late(EscalationStatus.ANSWERED, friday, dt.datetime(2026, 12, 3, 9, 0), dt.time(9, 0))


def test_a_team_row_says_not_started_when_today_is_planned_but_nothing_due(demo_engine):
    ids = _ids(demo_engine)
    board = operations_board.load_board(ids["mortgage"], DEMO_DAY, demo_engine).board
    row = tiers.team_row(board, name="m", slug="m", department="d", team_id=ids["mortgage"])
    assert row.today is Status.NOT_STARTED  # 10:00, nothing entered today yet


def test_a_department_screen_rotates_board_goal_board_escalations():
    from driftboard.ui.kiosk import _tier_rotation

    params = {"unit": "mortgage-home-loans", "kiosk": "1", "rotate": "30", "team": "mortgage"}
    goals, seconds = _tier_rotation(params, "tiers", 30)
    assert (goals, seconds) == ("/goals?unit=mortgage-home-loans&kiosk=1&rotate=30", 30)
    escalations_url, _ = _tier_rotation(params, "goals", 30)
    assert escalations_url == "/operations?unit=mortgage-home-loans&kiosk=1&rotate=30&show=escalations"
    back, _ = _tier_rotation({**params, "show": "escalations"}, "tiers", 30)
    assert back == "/operations?unit=mortgage-home-loans&kiosk=1&rotate=30"

"""Week-plan intents as one transaction each: copy last week, absences that free planned hours,
capacity after planning factors — against the demo unit on a real SQLite file."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from db.engine import read_session
from db.models import Assignment, PlanChange, WeekPlan
from driftboard import calendar
from driftboard.domain import AbsenceKind, Actor, DomainError, PlanEvent, ValidationError
from driftboard.i18n import t
from driftboard.services import (
    absences,
    capacity,
    masterdata,
    operations_board,
    plan_grid,
    prioritisation,
    unit_setup,
    weekplan,
)
from tests.conftest import DEMO_DAY, TESTER

LEADER = Actor("Lone Winther")
MON = calendar.week_start(DEMO_DAY)
NEXT = MON + dt.timedelta(weeks=1)


def _team(engine, slug="home-coop"):
    return masterdata.find_team(slug, engine)


def _plans(engine, team_id, monday):
    year, week, _ = monday.isocalendar()
    with read_session(engine) as s:
        return s.scalar(
            select(func.count(WeekPlan.id)).where(
                WeekPlan.team_id == team_id, WeekPlan.iso_year == year, WeekPlan.iso_week == week
            )
        )


def test_two_leaders_copying_last_week_at_once_give_one_plan_and_one_refusal_naming_who(demo_engine):
    team = _team(demo_engine)
    monday = NEXT  # on a Wednesday the demo has not planned next week yet
    assert _plans(demo_engine, team.id, monday) == 0
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def copy(name: str) -> None:
        barrier.wait()
        try:
            outcomes[name] = weekplan.copy_previous_week(Actor(name), team.id, monday, engine=demo_engine)
        except DomainError as error:
            outcomes[name] = error

    threads = [threading.Thread(target=copy, args=(name,)) for name in ("Lone Winther", "Kasper Møller")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refusals = [o for o in outcomes.values() if isinstance(o, DomainError)]
    successes = {name: o for name, o in outcomes.items() if isinstance(o, tuple)}
    assert len(successes) == 1 and len(refusals) == 1
    (winner, (copied, _)), refusal = next(iter(successes.items())), refusals[0]
    assert refusal.message_key == "plan.err.exists" and refusal.params["who"] == winner
    assert _plans(demo_engine, team.id, monday) == 1
    with read_session(demo_engine) as s:
        plan_id = s.scalar(
            select(WeekPlan.id).where(WeekPlan.team_id == team.id, WeekPlan.iso_week == monday.isocalendar()[1])
        )
        assert s.scalar(select(func.count(Assignment.id)).where(Assignment.week_plan_id == plan_id)) == copied


def test_a_copy_committed_while_another_copy_is_under_way_is_refused_not_taken_as_unchanged(demo_engine, monkeypatch):
    """PostgreSQL at READ COMMITTED: B looked (no plan), A's copy commits, then B saves the same
    rows. B is refused naming A; before, B found A's identical plan and reported a copy too."""
    if demo_engine.dialect.name == "sqlite":
        pytest.skip("SQLite admits one writer at a time: A cannot commit while B's copy is under way")
    team = _team(demo_engine)
    b_looked, a_done = threading.Event(), threading.Event()
    check = weekplan._check_assignments

    def paused(monday, assignments):  # type: ignore[no-untyped-def]
        if threading.current_thread().name == "B":  # B has looked for a plan and found none
            b_looked.set()
            assert a_done.wait(30)
        return check(monday, assignments)

    monkeypatch.setattr(weekplan, "_check_assignments", paused)
    outcome: list[object] = []

    def copy_b() -> None:
        try:
            outcome.append(weekplan.copy_previous_week(Actor("Kasper Møller"), team.id, NEXT, engine=demo_engine))
        except DomainError as error:
            outcome.append(error)

    b = threading.Thread(target=copy_b, name="B")
    b.start()
    assert b_looked.wait(30)
    copied, _ = weekplan.copy_previous_week(LEADER, team.id, NEXT, engine=demo_engine)
    a_done.set()
    b.join(60)
    assert copied > 0
    assert isinstance(outcome[0], DomainError), outcome
    assert outcome[0].message_key == "plan.err.exists" and outcome[0].params["who"] == LEADER.name
    assert _plans(demo_engine, team.id, NEXT) == 1


def test_copy_last_week_copies_the_plan_not_last_weeks_sick_day(demo_engine):
    team = _team(demo_engine)
    view = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    worker = next(r for r in view.board.roster if r.tasks and not r.absence)
    planned_hours = sum(h for _, h in worker.tasks)
    prioritisation.mark_sick(LEADER, team.id, worker.person_id, DEMO_DAY, engine=demo_engine)
    monday = NEXT
    weekplan.copy_previous_week(LEADER, team.id, monday, engine=demo_engine)
    copied = plan_grid.grid_frame(team.id, monday, demo_engine)
    column = plan_grid.DAY_COLUMNS[DEMO_DAY.weekday()]
    hours = copied.loc[copied["person"] == worker.name, column].fillna(0).sum()
    assert hours == pytest.approx(planned_hours)  # last week's sick day is not copied


def test_an_absence_in_a_published_week_takes_the_hours_off_the_plan_and_logs_it(demo_engine):
    team = _team(demo_engine)
    view = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    worker = next(r for r in view.board.roster if r.tasks and not r.absence)
    task_name = worker.tasks[0][0]
    before = next(line for line in view.board.tasks if line.task.name == task_name).cell(DEMO_DAY).planned
    freed = absences.record_absences(
        LEADER,
        team.id,
        [absences.AbsenceInput(worker.person_id, DEMO_DAY, AbsenceKind.TRAINING, 7.5)],
        engine=demo_engine,
    )
    assert freed == pytest.approx(sum(h for _, h in worker.tasks))
    after = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    line = next(r for r in after.board.roster if r.person_id == worker.person_id)
    assert line.tasks == () and line.absence.kind == "training"  # not "task 7.5 h · training 7.5 h"
    assert next(t for t in after.board.tasks if t.task.name == task_name).cell(DEMO_DAY).planned < before
    newest = after.changes[0]
    assert newest.params["event"] == PlanEvent.ABSENCE and newest.params["person"] == worker.name


def test_a_half_day_absence_takes_off_only_the_hours_beyond_the_rest_of_the_day(demo_engine):
    team = _team(demo_engine)
    view = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    worker = next(r for r in view.board.roster if r.tasks and not r.absence and sum(h for _, h in r.tasks) >= 7.5)
    absences.record_absences(
        LEADER,
        team.id,
        [absences.AbsenceInput(worker.person_id, DEMO_DAY, AbsenceKind.VACATION, 3.5)],
        engine=demo_engine,
    )
    after = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    line = next(r for r in after.board.roster if r.person_id == worker.person_id)
    assert sum(h for _, h in line.tasks) == pytest.approx(4.0)


def test_saving_the_absence_table_frees_hours_in_the_same_transaction(demo_engine):
    team = _team(demo_engine)
    view = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    worker = next(r for r in view.board.roster if r.tasks and not r.absence)
    rows = absences.absences_frame(team.id, MON, demo_engine).to_dict("records")
    rows.append({"id": None, "person": worker.name, "date": DEMO_DAY, "kind": "vacation", "hours": 7.5, "note": ""})
    result = absences.save_absences(LEADER, team.id, MON, rows, engine=demo_engine)
    assert result.changed and result.summary.added == 1 and result.freed_hours > 0
    again = absences.save_absences(
        LEADER, team.id, MON, absences.absences_frame(team.id, MON, demo_engine).to_dict("records"), engine=demo_engine
    )
    assert not again.changed and again.freed_hours == 0


def test_saving_an_unchanged_grid_changes_nothing(demo_engine):
    team = _team(demo_engine)
    info = weekplan.plan_info(team.id, MON, demo_engine)
    rows = plan_grid.grid_frame(team.id, MON, demo_engine).to_dict("records")
    result = plan_grid.save_grid(LEADER, team.id, MON, rows, seen_version=info.version, engine=demo_engine)
    assert not result.changed
    assert weekplan.plan_info(team.id, MON, demo_engine).version == info.version
    with read_session(demo_engine) as s:
        assert s.scalar(select(func.count(PlanChange.id)).where(PlanChange.team_id == team.id)) == len(
            operations_board.load_board(team.id, DEMO_DAY, demo_engine).changes
        )


def test_capacity_counts_a_team_leader_who_runs_the_board_at_the_board_leaders_load(demo_engine):
    team = _team(demo_engine)
    people = masterdata.people_frame(team.id, demo_engine)
    monday = NEXT + dt.timedelta(weeks=2)
    before = capacity.capacity_summary(team.id, monday, demo_engine)[0].available
    leader = people[people["team_leader"]].iloc[0]
    rows = people.to_dict("records")
    for row in rows:
        row["board_leader"] = row["id"] == leader["id"]  # the leader runs the board instead
    masterdata.save_people(LEADER, team.id, rows, engine=demo_engine)
    after = capacity.capacity_summary(team.id, monday, demo_engine)[0].available
    # the leader now adds 7.5 × 0.8 × 0.75 × 0.9 = 4.05 h; the former board leader gains 25 %
    assert after > before
    assert after - before == pytest.approx(4.05 + 7.5 * 0.8 * 0.25 * 0.9, abs=0.01)


def test_over_capacity_days_are_flagged(demo_engine):
    team = _team(demo_engine)
    monday = NEXT + dt.timedelta(weeks=3)
    people = masterdata.people_frame(team.id, demo_engine)
    task = masterdata.tasks_frame(team.id, demo_engine).iloc[0]["name"]
    rows = [{"person": name, "task": task, "d0": 12.0} for name in people["name"]]
    plan_grid.save_grid(LEADER, team.id, monday, rows, seen_version=None, engine=demo_engine)
    days = capacity.capacity_summary(team.id, monday, demo_engine)
    assert days[0].over and not days[1].over


def _one_row_grid(engine, team, hours: float) -> list[dict]:
    person = masterdata.people_frame(team.id, engine).iloc[0]["name"]
    task = masterdata.tasks_frame(team.id, engine).iloc[0]["name"]
    return [{"person": person, "task": task, "d0": hours}]


def test_a_page_that_showed_no_plan_does_not_replace_a_plan_made_meanwhile(demo_engine):
    team = _team(demo_engine)
    monday = NEXT
    assert weekplan.plan_info(team.id, monday, demo_engine).version is None  # both pages show no plan
    plan_grid.save_grid(
        Actor("Kasper Møller"), team.id, monday, _one_row_grid(demo_engine, team, 7.5),
        seen_version=weekplan.NO_PLAN, engine=demo_engine,
    )  # fmt: skip
    with pytest.raises(DomainError) as info:
        plan_grid.save_grid(
            LEADER, team.id, monday, _one_row_grid(demo_engine, team, 2.0),
            seen_version=weekplan.NO_PLAN, engine=demo_engine,
        )  # fmt: skip
    assert info.value.message_key == "plan.err.exists" and info.value.params["who"] == "Kasper Møller"
    grid = plan_grid.grid_frame(team.id, monday, demo_engine)
    assert grid["d0"].fillna(0).sum() == 7.5  # Kasper's plan stands


def test_two_leaders_creating_the_same_weeks_plan_at_once_give_one_plan_and_one_refusal_naming_who(demo_engine):
    team = _team(demo_engine)
    monday = NEXT + dt.timedelta(weeks=1)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def save(name: str, hours: float) -> None:
        rows = _one_row_grid(demo_engine, team, hours)
        barrier.wait()
        try:
            outcomes[name] = plan_grid.save_grid(
                Actor(name), team.id, monday, rows, seen_version=weekplan.NO_PLAN, engine=demo_engine
            )
        except DomainError as error:
            outcomes[name] = error

    threads = [threading.Thread(target=save, args=a) for a in (("Lone Winther", 3.0), ("Kasper Møller", 5.0))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refusals = [o for o in outcomes.values() if isinstance(o, DomainError)]
    winners = [name for name, o in outcomes.items() if not isinstance(o, DomainError)]
    assert len(refusals) == 1 and len(winners) == 1, outcomes
    assert refusals[0].message_key == "plan.err.exists" and refusals[0].params["who"] == winners[0]
    assert _plans(demo_engine, team.id, monday) == 1
    assert plan_grid.grid_frame(team.id, monday, demo_engine)["d0"].fillna(0).sum() == {"Lone Winther": 3.0}.get(
        winners[0], 5.0
    )


# --------------------------------------------------------------------------- under an organisation


def _add_person(engine, team_id: int, name: str) -> None:
    rows = masterdata.people_frame(team_id, engine).to_dict("records")
    like = rows[0] if rows else {"daily_hours": 7.4, "active": True}
    new = {**like, "id": None, "name": name, "employee_id": None, "team_leader": False, "board_leader": False}
    masterdata.save_people(TESTER, team_id, [*rows, new], engine=engine)


def _nordbank_with_payouts(engine) -> int:
    """Loan Service and a second unit, Pension Service (team Payouts), under one organisation;
    returns the Payouts team's id."""
    unit_setup.create_unit(TESTER, "Pension Service", "Pensions", ["Payouts"], engine=engine)
    unit_setup.create_organisation(TESTER, "Nordbank", ["loan-service", "pension-service"], engine=engine)
    return _team(engine, "payouts").id


def test_under_an_organisation_the_grid_plans_only_people_of_the_teams_own_unit(demo_engine):
    payouts = _nordbank_with_payouts(demo_engine)
    _add_person(demo_engine, payouts, "Ebba Nordlys")
    team = _team(demo_engine)
    task = masterdata.tasks_frame(team.id, demo_engine).iloc[0]["name"]
    with pytest.raises(ValidationError) as info:  # Ebba of another unit is no borrowing candidate
        plan_grid.save_grid(
            LEADER, team.id, NEXT, [{"person": "Ebba Nordlys", "task": task, "d0": 3.0}], seen_version=None,
            engine=demo_engine,
        )  # fmt: skip
    assert [(e.field, e.code) for e in info.value.errors] == [("person", "v.unknown")]
    assert _plans(demo_engine, team.id, NEXT) == 0
    # A person of another team of the same unit may still be planned (borrowed).
    other = next(t for t in masterdata.list_teams(demo_engine) if t.unit_name == "Loan Service" and t.id != team.id)
    borrowed = masterdata.people_frame(other.id, demo_engine).iloc[0]["name"]
    plan_grid.save_grid(
        LEADER, team.id, NEXT, [{"person": borrowed, "task": task, "d0": 3.0}], seen_version=None, engine=demo_engine
    )
    assert plan_grid.grid_frame(team.id, NEXT, demo_engine)["person"].tolist() == [borrowed]


def test_two_people_of_the_unit_with_the_same_name_are_refused_with_a_row_error(demo_engine):
    _nordbank_with_payouts(demo_engine)
    team = _team(demo_engine)
    other = next(t for t in masterdata.list_teams(demo_engine) if t.unit_name == "Loan Service" and t.id != team.id)
    _add_person(demo_engine, team.id, "Ebba Nordlys")
    _add_person(demo_engine, other.id, "Ebba Nordlys")
    task = masterdata.tasks_frame(team.id, demo_engine).iloc[0]["name"]
    rows = [{"person": "Ebba Nordlys", "task": task, "d0": 3.0}]
    with pytest.raises(ValidationError) as info:
        plan_grid.save_grid(LEADER, team.id, NEXT, rows, seen_version=None, engine=demo_engine)
    error = info.value.errors[0]
    assert (error.row, error.field, error.code) == (1, "person", "v.ambiguous_person")
    for lang in ("en", "da"):
        assert "Ebba Nordlys" in t(error.code, lang, **dict(error.params)) and "{" not in t(
            error.code, lang, **dict(error.params)
        )
    assert _plans(demo_engine, team.id, NEXT) == 0

"""The operations board composed from plain rows (no database)."""

import datetime as dt

from driftboard import opsboard
from driftboard.opsboard import AbsenceRow, AssignmentRow, HoldingsRow, OverrideRow, TaskInfo
from driftboard.planning import PersonDay, PlanningFactors
from driftboard.status import Status, TodayRule

MON = dt.date(2026, 11, 23)
WED = MON + dt.timedelta(days=2)
FACTORS = PlanningFactors()
DOCS = TaskInfo(1, "Documents", minutes_per_case=30, service_goal_days=3, expected_daily_volume=12)
PAYOUT = TaskInfo(2, "Payout", minutes_per_case=20, service_goal_days=2, expected_daily_volume=40)


def _assign(person, task, day, hours, team=1, name=None):
    return AssignmentRow(person, name or f"P{person}", team, f"T{team}", task, day, hours)


def _board(**overrides):
    args = dict(
        day=WED,
        team_id=1,
        tasks=[DOCS, PAYOUT],
        assignments=[
            *(_assign(10, 1, MON + dt.timedelta(days=i), 7.5) for i in range(5)),  # 6 cf h → 12 docs
            *(_assign(11, 2, MON + dt.timedelta(days=i), 7.5) for i in range(5)),  # 6 cf h → 18 payouts
        ],
        production={(1, MON): 12, (1, MON + dt.timedelta(days=1)): 11, (2, MON): 18},
        overrides=[],
        holdings=[HoldingsRow(2, WED, open_cases=80, due_today=40, overdue=5)],
        absences=[AbsenceRow(12, "Sick Person", WED, "sick", 7.5)],
        team_people=[(10, "P10"), (11, "P11"), (12, "Sick Person")],
        competent_counts={1: 3, 2: 1},
        unit_people={
            2: [
                PersonDay(11, "P11", 1, "T1", 7.5, 0, 7.5, 0, "expert"),
                PersonDay(20, "Helper", 2, "T2", 7.5, 0, 4.0, 0, "competent"),
            ]
        },
        factors=FACTORS,
        now=dt.datetime.combine(WED, dt.time(12, 0)),  # mid-day: 4 of 7.5 working hours gone
    )
    args.update(overrides)
    return opsboard.build_operations_board(**args)


def test_planned_volume_comes_from_customer_facing_hours():
    board = _board()
    docs = board.tasks[0]
    assert [c.planned for c in docs.days] == [12] * 5


def test_cumulated_figures_and_status_cover_the_days_that_are_over():
    docs, payout = _board().tasks
    assert (docs.cum_planned, docs.cum_produced, docs.status) == (24, 23, Status.RED)
    assert docs.cell(WED).status is Status.NONE  # today, not yet registered
    assert payout.cell(MON + dt.timedelta(days=1)).status is Status.GREY  # Tuesday missing
    assert payout.status is Status.GREY


def test_entering_todays_production_counts_today_pro_rated_to_the_hour():
    board = _board(production={(1, MON): 12, (1, MON + dt.timedelta(days=1)): 11, (1, WED): 14})
    docs = board.tasks[0]
    # 12 planned today × 4/7.5 of the day gone = 6 due by noon
    assert (docs.cum_planned, docs.cum_produced, docs.status) == (24 + 6, 37, Status.GREEN)


def test_at_the_end_of_the_day_the_whole_plan_is_due():
    board = _board(
        production={(1, MON): 12, (1, MON + dt.timedelta(days=1)): 11, (1, WED): 6},
        now=dt.datetime.combine(WED, dt.time(16, 0)),
    )
    docs = board.tasks[0]
    assert (docs.cum_planned, docs.cum_produced, docs.status) == (36, 29, Status.RED)


def test_monday_morning_before_anything_is_produced_the_team_is_not_started():
    board = _board(day=MON, production={}, holdings=[], now=dt.datetime.combine(MON, dt.time(9, 0)))
    assert [t.status for t in board.tasks] == [Status.NOT_STARTED, Status.NOT_STARTED]
    assert board.status is Status.NOT_STARTED
    assert board.tasks[0].cell(MON).planned == 12  # the plan is on the board beside the status


def test_the_first_entry_at_ten_past_nine_is_judged_against_the_plan_so_far():
    at_9_10 = dt.datetime.combine(MON, dt.time(9, 10))
    board = _board(day=MON, production={(1, MON): 2}, holdings=[], now=at_9_10)
    docs = board.tasks[0]
    # 12 × 70/450 of the day = 1.87 → 1 case due; 2 produced is on plan, not "behind 2/12"
    assert (docs.cum_planned, docs.status) == (1, Status.GREEN)
    assert board.status is Status.GREEN  # the other task has nothing entered: not started


def test_end_of_day_rule_judges_today_only_after_the_working_day():
    at_9_10 = dt.datetime.combine(MON, dt.time(9, 10))
    board = _board(day=MON, production={(1, MON): 2}, holdings=[], now=at_9_10, today_rule=TodayRule.END_OF_DAY)
    assert board.tasks[0].status is Status.NOT_STARTED
    evening = _board(
        day=MON, production={(1, MON): 2}, holdings=[], now=dt.datetime.combine(MON, dt.time(15, 30)),
        today_rule=TodayRule.END_OF_DAY,
    )  # fmt: skip
    assert evening.tasks[0].status is Status.RED and evening.tasks[1].status is Status.GREY


def test_a_weekend_shows_nothing_due_for_the_coming_week():
    saturday = MON - dt.timedelta(days=2)
    board = _board(day=MON, production={}, holdings=[], now=dt.datetime.combine(saturday, dt.time(10, 0)))
    assert board.status is Status.NOT_STARTED


def test_an_override_replaces_the_planned_volume_and_carries_its_reason():
    board = _board(overrides=[OverrideRow(1, MON, 8, "cases at risk")])
    cell = board.tasks[0].cell(MON)
    assert (cell.planned, cell.override_reason, cell.status) == (8, "cases at risk", Status.GREEN)


def test_team_status_is_red_when_any_task_is_red():
    assert _board().status is Status.RED


def test_capacity_warning_lists_the_escalation_steps_in_order_with_candidates():
    board = _board(escalation_order=["overtime", "borrow_unit", "temporary_staff"])
    [warning] = board.warnings
    assert warning.task.id == 2
    # 45 cases × 20 min = 15 h needed, 6 h planned
    assert warning.gap_hours == 9.0
    assert [s.key for s in warning.steps] == ["overtime", "borrow_unit", "temporary_staff"]
    assert [c.name for c in warning.steps[0].candidates] == ["P11"]
    assert [(c.name, c.hours) for c in warning.steps[1].candidates] == [("Helper", 3.5)]


def test_no_capacity_warnings_without_a_published_plan():
    assert _board(assignments=[], has_plan=False).warnings == ()


def test_competence_flags_name_tasks_below_the_rule():
    flags = _board().competence_flags
    assert [t.task.id for t in flags] == [2]


def test_roster_shows_work_then_absence_and_borrowed_people():
    board = _board(assignments=[_assign(10, 1, WED, 7.5), _assign(30, 2, WED, 3, team=2, name="Borrowed")])
    lines = {r.name: r for r in board.roster}
    assert lines["P10"].tasks == (("Documents", 7.5),)
    assert lines["Borrowed"].borrowed_from == "T2"
    assert lines["Sick Person"].absence.kind == "sick"
    assert board.roster[-1].name == "Sick Person"

"""Operations-board services against the demo unit on a real SQLite file."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from db.engine import read_session
from db.models import AuditEntry, PlanChange
from driftboard.domain import AbsenceKind, Actor, ConflictError, DomainError, PlanChangeKind, ValidationError
from driftboard.services import (
    absences,
    capacity,
    masterdata,
    operations_board,
    plan_grid,
    prioritisation,
    production,
    weekplan,
)
from driftboard.status import Status
from driftboard.ui.opsboard_view import change_text
from tests.conftest import DEMO_DAY
from tests.databases import Database

LEADER = Actor("Lone Winther")
MON = DEMO_DAY - dt.timedelta(days=DEMO_DAY.weekday())


def _team(engine, slug="home-coop"):
    return masterdata.find_team(slug, engine)


def _red_task(view):
    return next(line for line in view.board.tasks if line.status is Status.RED)


def test_entering_production_turns_a_red_task_green(demo_engine):
    team = _team(demo_engine, "car-consumer")
    view = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    line = _red_task(view)
    today_plan = line.cell(DEMO_DAY).planned
    needed = line.cum_planned + today_plan - line.cum_produced
    production.record_production(Actor("Maja Skov"), team.id, DEMO_DAY, {line.task.id: needed}, engine=demo_engine)
    after = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    updated = next(t for t in after.board.tasks if t.task.id == line.task.id)
    assert updated.status is Status.GREEN
    # at 10:00 today's plan is at most partly due: the task reaches what is due
    assert updated.cum_produced >= updated.cum_planned


def test_a_missing_registration_shows_grey(demo_engine):
    team = _team(demo_engine)
    view = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    # the demo leaves one task of this team unregistered on the work day before today
    assert any(line.cell(DEMO_DAY - dt.timedelta(days=1)).status is Status.GREY for line in view.board.tasks)


def test_marking_someone_sick_frees_their_hours_and_logs_it(demo_engine):
    team = _team(demo_engine)
    view = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    worker = next(r for r in view.board.roster if r.tasks and not r.absence)
    prioritisation.mark_sick(LEADER, team.id, worker.person_id, DEMO_DAY, note="called at 8", engine=demo_engine)
    after = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    line = next(r for r in after.board.roster if r.person_id == worker.person_id)
    assert line.tasks == () and line.absence.kind == "sick"
    newest = after.changes[0]
    assert newest.kind is PlanChangeKind.SICKNESS and newest.note == "called at 8"
    assert newest.params["event"] == "sick" and newest.params["person"] == worker.name
    assert newest.author == "Lone Winther"


def test_the_log_stores_the_event_and_every_viewer_reads_it_in_their_language(demo_engine):
    """A Danish kiosk must not show English because an English-speaking leader clicked."""
    team = _team(demo_engine)
    view = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    worker = next(r for r in view.board.roster if r.tasks and not r.absence)
    task_name = worker.tasks[0][0]
    prioritisation.mark_sick(LEADER, team.id, worker.person_id, DEMO_DAY, engine=demo_engine)
    newest = operations_board.load_board(team.id, DEMO_DAY, demo_engine).changes[0]
    danish, english = change_text(newest, "da"), change_text(newest, "en")
    assert danish.startswith(f"{worker.name} er syg; frigivet: {task_name}") and " t" in danish
    assert english.startswith(f"{worker.name} is sick; freed: {task_name}")
    with read_session(demo_engine) as s:
        stored = s.scalar(select(PlanChange.description).order_by(PlanChange.id.desc()).limit(1))
    assert stored == ""  # no sentence in any language is stored


def test_a_person_already_sick_cannot_be_marked_sick_again(demo_engine):
    team = _team(demo_engine)
    view = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    worker = next(r for r in view.board.roster if r.tasks and not r.absence)
    prioritisation.mark_sick(LEADER, team.id, worker.person_id, DEMO_DAY, engine=demo_engine)
    count = len(operations_board.load_board(team.id, DEMO_DAY, demo_engine).changes)
    with pytest.raises(DomainError) as refused:
        prioritisation.mark_sick(LEADER, team.id, worker.person_id, DEMO_DAY, engine=demo_engine)
    assert refused.value.message_key == "ops.err.already_sick"
    assert len(operations_board.load_board(team.id, DEMO_DAY, demo_engine).changes) == count


def test_moving_hours_changes_the_plan_and_the_planned_volume(demo_engine):
    team = _team(demo_engine)
    view = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    worker = next(r for r in view.board.roster if r.tasks and not r.absence)
    source_name, hours = worker.tasks[0]
    source = next(t for t in view.tasks if t.name == source_name)
    target = next(t for t in view.tasks if t.name != source_name)
    before = next(line for line in view.board.tasks if line.task.id == target.id).cell(DEMO_DAY).planned
    prioritisation.move_person(
        LEADER,
        team.id,
        worker.person_id,
        DEMO_DAY,
        to_task_id=target.id,
        hours=hours,
        from_task_id=source.id,
        engine=demo_engine,
    )
    after = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    assert next(line for line in after.board.tasks if line.task.id == target.id).cell(DEMO_DAY).planned > before
    assert after.changes[0].kind is PlanChangeKind.VOLUME_HIGH
    with pytest.raises(DomainError):  # the hours are gone from the source task now
        prioritisation.move_person(
            LEADER,
            team.id,
            worker.person_id,
            DEMO_DAY,
            to_task_id=target.id,
            hours=hours,
            from_task_id=source.id,
            engine=demo_engine,
        )


def test_borrowing_from_another_team_is_logged_on_both_boards(demo_engine):
    home, mortgage = _team(demo_engine), _team(demo_engine, "mortgage")
    people = masterdata.people_frame(mortgage.id, demo_engine).set_index("name")
    lender = int(people.loc["Mette Kjær", "id"])  # 5.5 of her 7.5 h planned today: 2 h free
    task = operations_board.load_board(home.id, DEMO_DAY, demo_engine).tasks[0]
    prioritisation.move_person(LEADER, home.id, lender, DEMO_DAY, to_task_id=task.id, hours=2, engine=demo_engine)
    home_view = operations_board.load_board(home.id, DEMO_DAY, demo_engine)
    assert home_view.changes[0].kind is PlanChangeKind.BORROWED
    assert any(r.borrowed_from == "Mortgage" for r in home_view.board.roster)
    assert (
        operations_board.load_board(mortgage.id, DEMO_DAY, demo_engine).changes[0].kind
        is PlanChangeKind.NEEDED_ELSEWHERE
    )


def test_overtime_is_capped_per_person_per_week(demo_engine):
    team = _team(demo_engine)
    view = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    worker = next(r for r in view.board.roster if r.tasks and not r.absence)
    task = view.tasks[0]
    prioritisation.add_overtime(
        LEADER, team.id, worker.person_id, DEMO_DAY, task_id=task.id, hours=1.5, engine=demo_engine
    )
    with pytest.raises(DomainError) as info:
        prioritisation.add_overtime(
            LEADER, team.id, worker.person_id, DEMO_DAY, task_id=task.id, hours=1, engine=demo_engine
        )
    assert info.value.message_key == "ops.err.overtime_cap"
    assert "0.5" in info.value.message


def test_planned_volume_override_needs_a_reason_and_shows_on_the_board(demo_engine):
    team = _team(demo_engine)
    task = operations_board.load_board(team.id, DEMO_DAY, demo_engine).tasks[0]
    with pytest.raises(DomainError):
        prioritisation.set_planned_volume(LEADER, team.id, task.id, DEMO_DAY, 5, "  ", engine=demo_engine)
    prioritisation.set_planned_volume(LEADER, team.id, task.id, DEMO_DAY, 5, "cases at risk", engine=demo_engine)
    cell = operations_board.load_board(team.id, DEMO_DAY, demo_engine).board.tasks[0].cell(DEMO_DAY)
    assert (cell.planned, cell.override_reason) == (5, "cases at risk")
    prioritisation.restore_planned_volume(LEADER, team.id, task.id, DEMO_DAY, engine=demo_engine)
    assert (
        operations_board.load_board(team.id, DEMO_DAY, demo_engine).board.tasks[0].cell(DEMO_DAY).override_reason
        is None
    )


# --------------------------------------------------------------------------- import


def _csv(rows: list[str]) -> bytes:
    return ("date,team,task,produced\n" + "\n".join(rows) + "\n").encode()


def _production(url) -> list[tuple]:
    return [
        tuple(r.values()) for r in Database(url).query("select task_id, date, produced from production order by 1, 2")
    ]


def test_a_good_file_is_imported_and_replaces_earlier_values(demo_engine, demo_url):
    data = _csv(
        [
            f"{MON.isoformat()},home-coop,home-loan-documents,3",
            f"{MON.strftime('%d-%m-%Y')},Home & co-op loans,Pay out home and co-op loans,41",
        ]
    )
    result = production.import_production(Actor("import"), data, "day.csv", today=DEMO_DAY, engine=demo_engine)
    assert (result.rows, result.added, result.replaced) == (2, 0, 2)
    board = operations_board.load_board(_team(demo_engine).id, DEMO_DAY, demo_engine).board
    assert board.tasks[0].cell(MON).produced == 3
    with read_session(demo_engine) as s:
        entries = s.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "production", AuditEntry.field == "produced", AuditEntry.actor == "import"
            )
        ).all()
    assert sorted(e.new_value for e in entries) == ["3", "41"]
    assert all(e.old_value not in (None, e.new_value) for e in entries)  # the replaced value is kept


@pytest.mark.parametrize(
    "line, field, code",
    [
        ("2026-11-23,nowhere,home-loan-documents,3", "team", "v.unknown_team_choices"),
        ("2026-11-23,home-coop,car-loan-applications,3", "task", "v.unknown_task_choices"),
        ("2026-11-23,home-coop,home-loan-documents,-3", "produced", "v.nonneg"),
        ("2026-11-23,home-coop,home-loan-documents,2.5", "produced", "num.err.whole"),
        ("2026-13-23,home-coop,home-loan-documents,3", "date", "v.date"),
        ("2030-01-01,home-coop,home-loan-documents,3", "date", "v.future_date"),
        ("2026-11-23,home-coop,home-loan-documents,7", "task", "v.duplicate_row"),
    ],
)
def test_any_bad_row_rejects_the_whole_file_with_row_numbers(demo_engine, demo_url, line, field, code):
    before = _production(demo_url)
    data = _csv(["2026-11-23,home-coop,home-loan-documents,5", line])
    with pytest.raises(ValidationError) as info:
        production.import_production(Actor("import"), data, "bad.csv", today=DEMO_DAY, engine=demo_engine)
    [error] = info.value.errors
    assert (error.row, error.field, error.code) == (3, field, code)
    assert _production(demo_url) == before


def test_xlsx_files_are_read_with_dates_and_numbers(demo_engine):
    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Team", "Task", "Produced"])
    sheet.append([dt.datetime(2026, 11, 24), "home-coop", "home-loan-documents", 17])
    buffer = io.BytesIO()
    book.save(buffer)
    result = production.import_production(
        Actor("import"), buffer.getvalue(), "x.xlsx", today=DEMO_DAY, engine=demo_engine
    )
    assert result.rows == 1
    board = operations_board.load_board(_team(demo_engine).id, DEMO_DAY, demo_engine).board
    assert board.tasks[0].cell(MON + dt.timedelta(days=1)).produced == 17


def test_a_file_without_the_columns_or_of_another_type_is_refused(demo_engine):
    with pytest.raises(ValidationError) as info:
        production.import_production(
            Actor("i"), b"day,count\n2026-11-23,3\n", "x.csv", today=DEMO_DAY, engine=demo_engine
        )
    assert {e.field for e in info.value.errors} == {"date", "team", "task", "produced"}
    with pytest.raises(ValidationError):
        production.import_production(Actor("i"), b"%PDF", "x.pdf", today=DEMO_DAY, engine=demo_engine)


# --------------------------------------------------------------------------- week planning


def test_a_published_plan_changes_only_with_a_reason_which_is_logged(demo_engine):
    team = _team(demo_engine)
    info = weekplan.plan_info(team.id, MON, demo_engine)
    rows = plan_grid.grid_frame(team.id, MON, demo_engine).to_dict("records")
    rows[0]["d0"] = 1.0
    with pytest.raises(DomainError):
        plan_grid.save_grid(LEADER, team.id, MON, rows, seen_version=info.version, engine=demo_engine)
    plan_grid.save_grid(
        LEADER, team.id, MON, rows, seen_version=info.version, reason="Course moved", engine=demo_engine
    )
    newest = operations_board.load_board(team.id, DEMO_DAY, demo_engine).changes[0]
    assert newest.note == "Course moved" and newest.params["event"] == "plan_edited"
    assert change_text(newest, "da") == "Den offentliggjorte plan blev ændret. Course moved"


def test_a_stale_plan_is_not_overwritten(demo_engine):
    team = _team(demo_engine)
    info = weekplan.plan_info(team.id, MON, demo_engine)
    rows = plan_grid.grid_frame(team.id, MON, demo_engine).to_dict("records")
    theirs = [dict(r) for r in rows]
    theirs[0]["d0"] = 2.0
    plan_grid.save_grid(
        Actor("Kasper Møller"), team.id, MON, theirs, seen_version=info.version, reason="a", engine=demo_engine
    )
    with pytest.raises(ConflictError) as conflict:
        plan_grid.save_grid(LEADER, team.id, MON, rows, seen_version=info.version, reason="b", engine=demo_engine)
    assert conflict.value.changed_by == "Kasper Møller"


def test_assigning_someone_not_competent_warns_but_saves(demo_engine):
    team = _team(demo_engine)
    monday = MON + dt.timedelta(weeks=3)
    rows = [{"person": "Signe Lauridsen", "task": "Draft co-operative housing loan documents", "d0": 7.5}]
    saved = plan_grid.save_grid(LEADER, team.id, monday, rows, seen_version=None, engine=demo_engine)
    assert saved.changed and [(w.person, w.date) for w in saved.not_competent] == [("Signe Lauridsen", monday)]
    assert plan_grid.grid_frame(team.id, monday, demo_engine).iloc[0]["d0"] == 7.5


def test_copy_last_week_skips_fully_absent_days_and_stays_a_draft(demo_engine):
    team = _team(demo_engine)
    monday = MON + dt.timedelta(weeks=2)
    plan_grid.save_grid(
        LEADER,
        team.id,
        monday - dt.timedelta(weeks=1),
        [{"person": "Ida Rask", "task": "Draft home loan documents", "d0": 7.5, "d1": 7.5}],
        seen_version=None,
        engine=demo_engine,
    )
    ida = int(masterdata.people_frame(team.id, demo_engine).set_index("name").loc["Ida Rask", "id"])
    absences.record_absences(
        LEADER, team.id, [absences.AbsenceInput(ida, monday, AbsenceKind.VACATION, 7.5)], engine=demo_engine
    )
    copied, skipped = weekplan.copy_previous_week(LEADER, team.id, monday, engine=demo_engine)
    assert (copied, skipped) == (1, 1)
    assert weekplan.plan_info(team.id, monday, demo_engine).status.value == "draft"
    with pytest.raises(DomainError):
        weekplan.copy_previous_week(LEADER, team.id, monday, engine=demo_engine)


def test_capacity_summary_applies_the_planning_factors(demo_engine):
    team = _team(demo_engine)
    days = capacity.capacity_summary(team.id, MON, demo_engine)
    assert len(days) == 5
    # 7 case handlers (one board leader, two part-timers), minus absences, at most 6 of 7.5 h, less 10 %
    assert all(0 < d.available <= 7 * 6 * 0.9 for d in days)
    assert all(d.planned > 0 for d in days)


# --------------------------------------------------------------------------- a person's hours


def _day_hours(url, person_id: int) -> float:
    rows = Database(url).query(
        "select coalesce(sum(hours), 0) as h from assignments where person_id = ? and date = ?",
        [person_id, DEMO_DAY.isoformat()],
    )
    return float(next(iter(rows))["h"])


def _daily_hours(url, person_id: int) -> float:
    return float(
        next(iter(Database(url).query("select daily_hours from people where id = ?", [person_id])))["daily_hours"]
    )


def test_a_move_from_unplanned_hours_gives_a_person_no_more_than_their_free_hours(demo_engine, demo_url):
    team = _team(demo_engine)
    view = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    worker = next(r for r in view.board.roster if r.tasks and not r.absence)
    free = _daily_hours(demo_url, worker.person_id) - _day_hours(demo_url, worker.person_id)
    before = _day_hours(demo_url, worker.person_id)
    with pytest.raises(DomainError) as info:
        prioritisation.move_person(
            LEADER, team.id, worker.person_id, DEMO_DAY, to_task_id=view.tasks[0].id, hours=free + 1,
            engine=demo_engine,
        )  # fmt: skip
    assert info.value.message_key == "ops.err.more_than_free"
    assert info.value.params["person"] == worker.name
    assert info.value.params["free"] == pytest.approx(max(0.0, free))
    assert _day_hours(demo_url, worker.person_id) == before  # nothing changed
    # moving hours between the person's own tasks is not limited by free hours
    first_task = next(t for t in view.tasks if t.name == worker.tasks[0][0])
    other = next(t for t in view.tasks if t.id != first_task.id)
    prioritisation.move_person(
        LEADER, team.id, worker.person_id, DEMO_DAY, to_task_id=other.id, from_task_id=first_task.id,
        hours=worker.tasks[0][1], engine=demo_engine,
    )  # fmt: skip
    assert _day_hours(demo_url, worker.person_id) == pytest.approx(before)


def test_borrowing_a_colleague_for_more_hours_than_they_have_free_is_refused(demo_engine, demo_url):
    """A colleague with 7.5 h free was borrowed for 15 h, and the day's planned volume jumped."""
    home = _team(demo_engine, "home-coop")
    mortgage = _team(demo_engine, "mortgage")
    lender_view = operations_board.load_board(mortgage.id, DEMO_DAY, demo_engine)
    colleague = next(r for r in lender_view.board.roster if not r.absence)
    task = operations_board.load_board(home.id, DEMO_DAY, demo_engine).tasks[0]
    free = _daily_hours(demo_url, colleague.person_id) - _day_hours(demo_url, colleague.person_id)
    changes_before = len(list(Database(demo_url).query("select id from plan_changes")))
    with pytest.raises(DomainError) as info:
        prioritisation.move_person(
            LEADER, home.id, colleague.person_id, DEMO_DAY, to_task_id=task.id, hours=free + 7.5, engine=demo_engine
        )
    assert info.value.message_key == "ops.err.more_than_free"
    assert len(list(Database(demo_url).query("select id from plan_changes"))) == changes_before
    if free >= 0.25:  # what they have free can be borrowed
        prioritisation.move_person(
            LEADER, home.id, colleague.person_id, DEMO_DAY, to_task_id=task.id, hours=free, engine=demo_engine
        )
        assert _day_hours(demo_url, colleague.person_id) == pytest.approx(_daily_hours(demo_url, colleague.person_id))


def test_an_absent_person_is_given_neither_moved_hours_nor_overtime(demo_engine, demo_url):
    team = _team(demo_engine)
    view = operations_board.load_board(team.id, DEMO_DAY, demo_engine)
    worker = next(r for r in view.board.roster if r.tasks and not r.absence)
    prioritisation.mark_sick(LEADER, team.id, worker.person_id, DEMO_DAY, note="", engine=demo_engine)
    task = view.tasks[0]
    with pytest.raises(DomainError) as moved:
        prioritisation.move_person(
            LEADER, team.id, worker.person_id, DEMO_DAY, to_task_id=task.id, hours=1, engine=demo_engine
        )
    with pytest.raises(DomainError) as overtime:
        prioritisation.add_overtime(
            LEADER, team.id, worker.person_id, DEMO_DAY, task_id=task.id, hours=1, engine=demo_engine
        )
    assert moved.value.message_key == overtime.value.message_key == "ops.err.person_absent"
    assert _day_hours(demo_url, worker.person_id) == 0

"""Master data services: all-or-nothing saves, clear row errors, conflicts, history."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.engine import read_session
from db.models import AuditEntry, Task
from driftboard.domain import Actor, ConflictError, ValidationError
from driftboard.services import masterdata

LEADER = Actor("Henrik Lund")


def _team(demo_engine, slug="mortgage"):
    return next(t for t in masterdata.list_teams(demo_engine) if t.slug == slug)


def _task_count(engine) -> int:
    with read_session(engine) as s:
        return s.scalar(select(func.count(Task.id)))


def test_teams_are_listed_with_department_unit_and_counts(demo_engine):
    teams = masterdata.list_teams(demo_engine)
    assert [t.slug for t in teams] == ["mortgage", "home-coop", "car-consumer", "contact-follow-up"]
    mortgage = teams[0]
    assert (mortgage.department, mortgage.unit_name, mortgage.people, mortgage.tasks) == (
        "Mortgage & Home Loans",
        "Loan Service",
        8,
        4,
    )


def test_one_invalid_row_saves_nothing_and_names_row_and_field(demo_engine):
    team = _team(demo_engine)
    rows = masterdata.tasks_frame(team.id, demo_engine).to_dict("records")
    rows[0]["minutes_per_case"] = 50  # a valid change …
    rows[2]["minutes_per_case"] = 0  # … and an invalid one
    rows.append({"name": "New task", "slug": "Bad Slug", "minutes_per_case": 5, "service_goal_days": 2})
    before = _task_count(demo_engine)
    with pytest.raises(ValidationError) as info:
        masterdata.save_tasks(LEADER, team.id, rows, engine=demo_engine)
    assert {(e.row, e.field, e.code) for e in info.value.errors} == {
        (3, "minutes_per_case", "v.positive"),
        (5, "slug", "v.slug"),
    }
    assert _task_count(demo_engine) == before
    assert masterdata.tasks_frame(team.id, demo_engine).iloc[0]["minutes_per_case"] == 35


def test_a_valid_table_is_saved_in_one_go_and_recorded(demo_engine):
    team = _team(demo_engine)
    rows = masterdata.tasks_frame(team.id, demo_engine).to_dict("records")
    rows[0]["minutes_per_case"] = 40
    rows.append(
        {
            "name": "Valuation reports",
            "slug": "valuation",
            "minutes_per_case": 15,
            "service_goal_days": 3,
            "expected_daily_volume": 8,
        }
    )
    summary = masterdata.save_tasks(LEADER, team.id, rows, engine=demo_engine)
    assert (summary.added, summary.updated, summary.removed) == (1, 1, 0)
    frame = masterdata.tasks_frame(team.id, demo_engine)
    assert frame.iloc[0]["minutes_per_case"] == 40
    assert "valuation" in frame["slug"].tolist()
    with read_session(demo_engine) as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.field == "minutes_per_case").order_by(AuditEntry.id.desc())
        ).first()
    assert (entry.actor, entry.old_value, entry.new_value) == ("Henrik Lund", "35.0", "40.0")


def test_a_stale_row_is_refused_naming_who_changed_which_field(demo_engine):
    team = _team(demo_engine)
    seen_by_mette = masterdata.tasks_frame(team.id, demo_engine).to_dict("records")
    seen_by_anders = masterdata.tasks_frame(team.id, demo_engine).to_dict("records")
    seen_by_anders[1]["expected_daily_volume"] = 33
    masterdata.save_tasks(Actor("Anders Bech"), team.id, seen_by_anders, engine=demo_engine)

    seen_by_mette[1]["minutes_per_case"] = 11
    with pytest.raises(ConflictError) as info:
        masterdata.save_tasks(Actor("Mette Kjær"), team.id, seen_by_mette, engine=demo_engine)
    assert info.value.changed_by == "Anders Bech"
    assert info.value.changed_fields == ["expected_daily_volume"]
    current = masterdata.tasks_frame(team.id, demo_engine).iloc[1]
    assert (current["expected_daily_volume"], current["minutes_per_case"]) == (33, 10)


def test_a_task_with_production_cannot_be_deleted(demo_engine):
    team = _team(demo_engine)
    rows = masterdata.tasks_frame(team.id, demo_engine).to_dict("records")[1:]
    with pytest.raises(ValidationError) as info:
        masterdata.save_tasks(LEADER, team.id, rows, engine=demo_engine)
    assert info.value.errors[0].code == "v.in_use"
    assert len(masterdata.tasks_frame(team.id, demo_engine)) == 4


def test_a_persons_job_role_must_be_one_of_the_units_own(demo_engine):
    team = _team(demo_engine)
    rows = masterdata.people_frame(team.id, demo_engine).to_dict("records")
    rows[0]["job_role"] = "wizard"
    with pytest.raises(ValidationError) as info:
        masterdata.save_people(LEADER, team.id, rows, engine=demo_engine)
    assert info.value.errors[0].field == "job_role"


def test_planning_factors_inherit_from_the_unit_and_are_validated(demo_engine):
    team = _team(demo_engine)
    rows = masterdata.factors_frame(team.unit_id, demo_engine).to_dict("records")
    team_row = next(r for r in rows if r["org_unit_id"] == team.id)
    team_row["customer_facing_hours"] = 5.5
    masterdata.save_planning_factors(LEADER, team.unit_id, rows, engine=demo_engine)
    factors = masterdata.team_factors(team.id, demo_engine)
    assert (factors.daily_hours, factors.customer_facing_hours, factors.board_leader_load_pct) == (7.5, 5.5, 75)

    rows = masterdata.factors_frame(team.unit_id, demo_engine).to_dict("records")
    next(r for r in rows if r["org_unit_id"] == team.id)["customer_facing_hours"] = 8
    with pytest.raises(ValidationError) as info:
        masterdata.save_planning_factors(LEADER, team.unit_id, rows, engine=demo_engine)
    assert info.value.errors[0].code == "v.cf_exceeds_daily"


def test_the_units_own_factors_may_not_be_left_empty(demo_engine):
    team = _team(demo_engine)
    rows = masterdata.factors_frame(team.unit_id, demo_engine).to_dict("records")
    rows[0]["daily_hours"] = None
    with pytest.raises(ValidationError) as info:
        masterdata.save_planning_factors(LEADER, team.unit_id, rows, engine=demo_engine)
    assert (info.value.errors[0].field, info.value.errors[0].code) == ("daily_hours", "v.required")


def test_teams_can_be_renamed_and_moved_but_slugs_stay_unique(demo_engine):
    team = _team(demo_engine)
    rows = masterdata.teams_frame(team.unit_id, demo_engine).to_dict("records")
    rows[0]["name"] = "Mortgage loans"
    rows[0]["department"] = "Consumer Loans & Service"
    masterdata.save_teams(LEADER, team.unit_id, rows, engine=demo_engine)
    moved = _team(demo_engine)
    assert (moved.name, moved.department) == ("Mortgage loans", "Consumer Loans & Service")

    rows = masterdata.teams_frame(team.unit_id, demo_engine).to_dict("records")
    rows[1]["slug"] = rows[0]["slug"]
    with pytest.raises(ValidationError):
        masterdata.save_teams(LEADER, team.unit_id, rows, engine=demo_engine)

"""Recent changes come from the audit log, in the viewer's language; a leader undoes a change,
the undo is itself recorded, and an undo over a newer change is refused like any stale save."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db.engine import read_session
from db.models import AuditEntry, Production
from driftboard import history as pure
from driftboard.domain import AccessDenied, Actor, AuditAction, ConflictError, DomainError, Role
from driftboard.services import history, masterdata, production
from tests.conftest import DEMO_DAY

BO = Actor("Bo Hansen")
DAY = DEMO_DAY + dt.timedelta(days=1)


def _team_task(engine) -> tuple[int, int]:
    team = masterdata.find_team("car-consumer", engine)
    return team.id, int(masterdata.tasks_frame(team.id, engine)["id"].iloc[0])


def _produced(engine, task: int) -> int | None:
    with read_session(engine) as s:
        return s.scalar(select(Production.produced).where(Production.task_id == task, Production.date == DAY))


def _latest(engine, team_id: int) -> pure.Change:
    return history.recent_changes(team_id, limit=1, engine=engine)[0]


def test_recent_changes_of_a_team_name_who_changed_what_in_the_viewers_language(demo_engine):
    team_id, task = _team_task(demo_engine)
    production.record_production(BO, team_id, DAY, {task: 70}, engine=demo_engine)
    production.record_production(Actor("Lone Winther"), team_id, DAY, {task: 1234}, engine=demo_engine)
    change = _latest(demo_engine, team_id)
    assert (change.actor, change.entity, change.field, change.board) == (
        "Lone Winther",
        "production",
        "produced",
        pure.Board.OPERATIONS,
    )
    assert pure.change_text(change, "da") == "produceret: 70 → 1.234"
    assert pure.change_text(change, "en") == "produced: 70 → 1,234"
    assert pure.what_text(change, "da").startswith("Produktion · ")
    # the filters: by person and board; another team's unit scope does not include it
    assert all(c.actor == "Bo Hansen" for c in history.recent_changes(team_id, person="Bo Hansen", engine=demo_engine))
    goals = history.recent_changes(team_id, board=pure.Board.GOALS, engine=demo_engine)
    assert all(c.board is pure.Board.GOALS for c in goals)
    other = masterdata.find_team("home-coop", demo_engine)
    assert all(c.entity_id != change.entity_id or c.entity != "production" for c in
               history.recent_changes(other.id, limit=50, engine=demo_engine))  # fmt: skip


def test_a_leader_undoes_an_update_and_the_undo_is_recorded(demo_engine):
    team_id, task = _team_task(demo_engine)
    production.record_production(BO, team_id, DAY, {task: 70}, engine=demo_engine)
    production.record_production(BO, team_id, DAY, {task: 77}, engine=demo_engine)
    change = _latest(demo_engine, team_id)
    leader = Actor("Lea Leader", grants=frozenset({(team_id, Role.LEADER)}))
    history.undo_change(leader, change.id, engine=demo_engine)
    assert _produced(demo_engine, task) == 70
    undo = _latest(demo_engine, team_id)
    assert (undo.actor, undo.field, undo.old_value, undo.new_value) == ("Lea Leader", "produced", "77", "70")


def test_undoing_an_insert_removes_the_row(demo_engine):
    team_id, task = _team_task(demo_engine)
    production.record_production(BO, team_id, DAY, {task: 70}, engine=demo_engine)
    change = _latest(demo_engine, team_id)
    assert change.action is AuditAction.INSERT
    history.undo_change(BO, change.id, engine=demo_engine)
    assert _produced(demo_engine, task) is None
    assert _latest(demo_engine, team_id).action is AuditAction.DELETE


def test_an_undo_after_a_newer_change_is_refused_and_names_who(demo_engine):
    team_id, task = _team_task(demo_engine)
    production.record_production(BO, team_id, DAY, {task: 70}, engine=demo_engine)
    production.record_production(BO, team_id, DAY, {task: 77}, engine=demo_engine)
    first_update = _latest(demo_engine, team_id)
    production.record_production(Actor("Lone Winther"), team_id, DAY, {task: 80}, engine=demo_engine)
    with pytest.raises(ConflictError) as refused:
        history.undo_change(BO, first_update.id, engine=demo_engine)
    assert refused.value.changed_by == "Lone Winther"
    assert _produced(demo_engine, task) == 80


def test_a_member_may_not_undo(demo_engine):
    team_id, task = _team_task(demo_engine)
    production.record_production(BO, team_id, DAY, {task: 70}, engine=demo_engine)
    production.record_production(BO, team_id, DAY, {task: 77}, engine=demo_engine)
    change = _latest(demo_engine, team_id)
    member = Actor("Mia Member", grants=frozenset({(team_id, Role.MEMBER)}))
    with pytest.raises(AccessDenied):
        history.undo_change(member, change.id, engine=demo_engine)
    assert _produced(demo_engine, task) == 77


def test_a_removal_cannot_be_undone(demo_engine):
    team_id, task = _team_task(demo_engine)
    production.record_production(BO, team_id, DAY, {task: 70}, engine=demo_engine)
    history.undo_change(BO, _latest(demo_engine, team_id).id, engine=demo_engine)
    removal = _latest(demo_engine, team_id)
    assert not removal.undoable
    with pytest.raises(DomainError) as refused:
        history.undo_change(BO, removal.id, engine=demo_engine)
    assert refused.value.message_key == "history.err.not_undoable"


def test_a_rows_history_lists_its_changes_newest_first(demo_engine):
    team_id, task = _team_task(demo_engine)
    production.record_production(BO, team_id, DAY, {task: 70}, engine=demo_engine)
    production.record_production(BO, team_id, DAY, {task: 77}, engine=demo_engine)
    with read_session(demo_engine) as s:
        row_id = s.scalar(select(Production.id).where(Production.task_id == task, Production.date == DAY))
        assert s.scalar(select(AuditEntry.id).where(AuditEntry.entity_id == row_id)) is not None
    changes = history.row_history("production", row_id, engine=demo_engine)
    assert [c.action for c in changes] == [AuditAction.UPDATE, AuditAction.INSERT]


def test_publishing_a_plan_is_told_in_the_viewers_language():
    assert pure.field_name("published_by", "da") == "offentliggjort af"
    assert pure.field_name("published_at", "en") == "published at"


def test_a_moved_team_is_told_by_the_names_of_its_departments_never_their_ids(demo_engine):
    """'placed under: Loans → Mortgages', in both languages; the undo still puts it back."""
    from db.models import OrgUnit
    from driftboard.domain import OrgLevel
    from driftboard.services import unit_setup
    from tests.conftest import TESTER

    with read_session(demo_engine) as s:
        team = s.scalar(select(OrgUnit).where(OrgUnit.slug == "car-consumer"))
        old_parent = s.get(OrgUnit, team.parent_id)
        new_parent = s.scalar(select(OrgUnit).where(OrgUnit.level == OrgLevel.DEPARTMENT, OrgUnit.id != team.parent_id))
        team_id, old_name, new_name, old_id = team.id, old_parent.name, new_parent.name, old_parent.id
        unit_id = old_parent.parent_id
    unit_setup.move_org_unit(TESTER, team_id, new_parent.id, engine=demo_engine)
    change = next(c for c in history.recent_changes(unit_id, limit=20, engine=demo_engine) if c.field == "parent_id")
    assert pure.change_text(change, "en") == f"placed under: {old_name} → {new_name}"
    assert pure.change_text(change, "da") == f"placeret under: {old_name} → {new_name}"
    history.undo_change(TESTER, change.id, engine=demo_engine)
    with read_session(demo_engine) as s:
        assert s.get(OrgUnit, team_id).parent_id == old_id

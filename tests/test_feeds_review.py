"""Review fixes in the feeds features (real databases): the intake history loader's writes are
in the audit log, the robot form offers and the robot service accepts only measures the
actor may write, and one goal-board measure is fed by at most one robot."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from db.engine import read_session
from db.models import AuditEntry, Task
from db.models_feeds import Intake
from driftboard.domain import Actor, AuditAction
from driftboard.services import intake, intake_history, masterdata
from tests.conftest import DEMO_DAY

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

"""The engine, sessions, audit log, migrations and database-level integrity."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from db import migrate
from db.engine import get_engine, read_session, write_session
from db.models import AuditEntry, Base, ImprovementCard, OrgUnit, Production, Task
from driftboard.domain import Actor, AuditAction, DomainError, OrgLevel, ProductionSource, Stage
from tests import databases

ALICE = Actor("Alice")


def _team_with_task(engine) -> tuple[int, int]:
    with write_session(ALICE, engine) as s:
        unit = OrgUnit(level=OrgLevel.UNIT, name="U", slug="u")
        s.add(unit)
        s.flush()
        dept = OrgUnit(level=OrgLevel.DEPARTMENT, name="D", slug="d", parent_id=unit.id)
        s.add(dept)
        s.flush()
        team = OrgUnit(level=OrgLevel.TEAM, name="T", slug="t", parent_id=dept.id)
        s.add(team)
        s.flush()
        task = Task(team_id=team.id, name="Task", slug="task", minutes_per_case=10, service_goal_days=2)
        s.add(task)
        s.flush()
        return team.id, task.id


@pytest.mark.sqlite_only
def test_sqlite_connections_get_wal_foreign_keys_and_a_busy_timeout(engine):
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_the_default_database_is_a_file_under_data(monkeypatch, tmp_path):
    from db.engine import database_url

    monkeypatch.delenv("DRIFTBOARD_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    assert database_url() == f"sqlite:///{tmp_path / 'data' / 'driftboard.db'}"
    monkeypatch.setenv("DRIFTBOARD_DATABASE_URL", "postgresql+psycopg://x@localhost/db")
    assert database_url() == "postgresql+psycopg://x@localhost/db"


def test_write_transactions_begin_immediate_so_concurrent_writers_wait_not_fail(engine):
    _, task_id = _team_with_task(engine)
    errors: list[Exception] = []
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=i) for i in range(40)]

    def writer(offset: int) -> None:
        try:
            for day in days[offset::4]:
                with write_session(Actor(f"w{offset}"), engine) as s:
                    # read-then-write in one transaction: the pattern that deadlocks with a
                    # deferred BEGIN ("database is locked") when two writers overlap
                    s.scalar(select(Production.id).where(Production.task_id == task_id))
                    s.add(
                        Production(
                            task_id=task_id, date=day, produced=1, source=ProductionSource.MANUAL, recorded_by="w"
                        )
                    )
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with read_session(engine) as s:
        assert len(s.scalars(select(Production.id)).all()) == len(days)


def test_every_write_is_audited_with_the_actor_field_old_and_new(engine):
    _, task_id = _team_with_task(engine)
    with write_session(Actor("Bob", user_id=7), engine) as s:
        s.get(Task, task_id).minutes_per_case = 12
    with read_session(engine) as s:
        entries = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "tasks", AuditEntry.entity_id == task_id)
            .order_by(AuditEntry.id)
        ).all()
    assert [e.action for e in entries] == [AuditAction.INSERT, AuditAction.UPDATE]
    assert entries[0].actor == "Alice"
    update = entries[1]
    assert (update.field, update.old_value, update.new_value, update.actor, update.actor_user_id) == (
        "minutes_per_case",
        "10.0",
        "12",
        "Bob",
        7,
    )
    assert update.row_version == 2


def test_writes_need_an_actor_and_read_sessions_cannot_write(engine):
    with pytest.raises(TypeError), write_session(None, engine):  # type: ignore[arg-type]
        pass
    with pytest.raises(RuntimeError, match="read session"), read_session(engine) as s:
        s.add(OrgUnit(level=OrgLevel.UNIT, name="X", slug="x"))
        s.flush()


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO production (task_id, date, produced, source, recorded_by, version, created_at, updated_at) VALUES ({task}, '2026-01-01', -1, 'manual', 'x', 1, '2026-01-01', '2026-01-01')",
        "INSERT INTO production (task_id, date, produced, source, recorded_by, version, created_at, updated_at) VALUES ({task}, '2026-01-01', 1, 'telepathy', 'x', 1, '2026-01-01', '2026-01-01')",
        "INSERT INTO production (task_id, date, produced, source, recorded_by, version, created_at, updated_at) VALUES (9999, '2026-01-01', 1, 'manual', 'x', 1, '2026-01-01', '2026-01-01')",
        "INSERT INTO improvement_cards (team_id, title, problem, idea, stage, impact, a3_background, a3_current_state, a3_goal, a3_root_cause, a3_countermeasures, a3_plan, a3_follow_up, new_standard, rejection_reason, origin, needs_it_change, stage_changed_at, version, created_at, updated_at) VALUES ({team}, 't', '', '', 'intake', 6, '', '', '', '', '', '', '', '', '', '', FALSE, '2026-01-01', 1, '2026-01-01', '2026-01-01')",
        "INSERT INTO absences (person_id, date, kind, hours, note, version, created_at, updated_at) VALUES (1, '2026-01-01', 'sick', -2, '', 1, '2026-01-01', '2026-01-01')",
        "UPDATE tasks SET minutes_per_case = 0",
    ],
    ids=["negative-volume", "unknown-source", "missing-task", "impact-6", "negative-hours", "zero-minutes"],
)
def test_the_database_itself_refuses_invalid_rows(engine, statement):
    team_id, task_id = _team_with_task(engine)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text(statement.format(task=task_id, team=team_id)))


def test_one_production_row_per_task_and_day(engine):
    _, task_id = _team_with_task(engine)
    with pytest.raises(DomainError, match="collides") as refused, write_session(ALICE, engine) as s:
        for _ in range(2):
            s.add(
                Production(
                    task_id=task_id,
                    date=dt.date(2026, 1, 5),
                    produced=1,
                    source=ProductionSource.MANUAL,
                    recorded_by="a",
                )
            )
    # The database refused the second row; the person is told in words, never the raw error.
    assert isinstance(refused.value.__cause__, IntegrityError)
    assert refused.value.message_key == "error.collided"


def test_named_constraints_survive_in_the_migrated_schema(engine):
    checks = {c["name"] for c in inspect(engine).get_check_constraints("production")}
    uniques = {c["name"] for c in inspect(engine).get_unique_constraints("production")}
    assert "ck_production_produced_nonneg" in checks
    assert "uq_production_task_id_date" in uniques
    names = {ix["name"] for ix in inspect(engine).get_indexes("plan_changes")}
    assert "ix_plan_changes_team_date" in names


def test_migrated_schema_equals_the_models(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


@pytest.mark.database
def test_an_empty_database_is_brought_to_head_and_then_left_alone(tmp_path):
    url = databases.new_url(tmp_path, "new")
    engine = get_engine(url)
    assert migrate.current_revision(engine) is None
    assert migrate.upgrade(engine) is True
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert migrate.upgrade(engine) is False
    databases.drop(url)


def test_stage_enum_values_are_what_the_database_stores(engine):
    team_id, _ = _team_with_task(engine)
    with write_session(ALICE, engine) as s:
        s.add(ImprovementCard(team_id=team_id, title="x", stage=Stage.PLAN))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT stage FROM improvement_cards").scalar() == "plan"

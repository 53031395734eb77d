"""Two writers at the same moment, on SQLite and on PostgreSQL: separate processes released
together by a barrier. Whatever the timing, a caller sees a result or a named ``ConflictError``,
never SQLAlchemy's ``StaleDataError`` or ``IntegrityError``."""

from __future__ import annotations

import multiprocessing
import sys
import threading
import types
from typing import Any

import pytest
from sqlalchemy import select

from db import migrate
from db.engine import get_engine, write_session
from db.maintenance import data_stamp
from db.models import ImprovementCard, Task
from driftboard.domain import Actor, ConflictError, Stage
from driftboard.services import improvement, masterdata, production
from tests import databases
from tests.conftest import DEMO_DAY

SPAWN = multiprocessing.get_context("spawn")  # a fresh interpreter: no pooled connection shared


def _race(target: Any, *jobs: tuple[Any, ...]) -> list[str]:
    """Run ``target(barrier, *job)`` in one process per job and return what each reported."""
    barrier, results = SPAWN.Barrier(len(jobs)), SPAWN.Queue()
    processes = [SPAWN.Process(target=target, args=(barrier, results, *job)) for job in jobs]
    # A spawned child re-runs the parent's __main__ module; after an AppTest in the same worker
    # that is a page script (app.py), which cannot run outside Streamlit. The targets live in
    # this module, so the children need no __main__ at all.
    parent_main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        for process in processes:
            process.start()
    finally:
        sys.modules["__main__"] = parent_main
    outcomes: list[str] = []
    for process in processes:
        process.join(timeout=120)
        if process.exitcode != 0:  # died before reporting (e.g. an import error in the child)
            outcomes.append(f"raw:process exited with {process.exitcode}")
    while len(outcomes) < len(jobs):
        outcomes.append(results.get(timeout=10))
    return outcomes


def _move(barrier: Any, results: Any, url: str, name: str, card_id: int, seen: int, to: str) -> None:
    barrier.wait()
    try:
        improvement.move_card(Actor(name), card_id, Stage(to), seen_version=seen, engine=get_engine(url))
        results.put(f"moved:{name}")
    except ConflictError as error:
        results.put(f"conflict:{error.changed_by}:{','.join(error.changed_fields)}")
    except Exception as error:  # noqa: BLE001 - reported to the test, which fails on it
        results.put(f"raw:{type(error).__name__}: {error}")


def _record(barrier: Any, results: Any, url: str, team_id: int, task_id: int, produced: int) -> None:
    barrier.wait()
    try:
        production.record_production(
            Actor(f"p{produced}"), team_id, DEMO_DAY, {task_id: produced}, engine=get_engine(url)
        )
        results.put(f"saved:{produced}")
    except Exception as error:  # noqa: BLE001 - reported to the test, which fails on it
        results.put(f"raw:{type(error).__name__}: {error}")


def _migrate(barrier: Any, results: Any, url: str) -> None:
    barrier.wait()
    try:
        migrate.upgrade(get_engine(url))
        results.put("ok")
    except Exception as error:  # noqa: BLE001 - reported to the test, which fails on it
        results.put(f"raw:{type(error).__name__}: {error}")


def test_two_processes_moving_the_same_card_one_moves_the_other_is_told_who(demo_engine, demo_url):
    with demo_engine.connect() as conn:
        card = conn.execute(
            select(ImprovementCard.id, ImprovementCard.version).where(
                ImprovementCard.title == "Standard phrases for payout emails"
            )
        ).one()
    outcomes = _race(
        _move,
        (demo_url, "Anders Bech", card.id, card.version, Stage.PRIORITISATION.value),
        (demo_url, "Jonas Vester", card.id, card.version, Stage.PARKED.value),
    )
    moved = [o.split(":")[1] for o in outcomes if o.startswith("moved:")]
    conflicts = [o for o in outcomes if o.startswith("conflict:")]
    assert len(moved) == 1 and len(conflicts) == 1, outcomes
    _, who, fields = conflicts[0].split(":")
    assert who == moved[0] and "stage" in fields.split(",")  # names who moved it, and what changed
    moves = databases.query(demo_engine, "select * from card_events where card_id = ? and kind = 'moved'", card.id)
    assert len(moves) == 1


def test_two_processes_saving_a_new_task_day_both_succeed_and_the_last_write_wins(demo_engine, demo_url):
    team = masterdata.find_team("mortgage", demo_engine)
    with demo_engine.connect() as conn:
        task_id = conn.scalar(select(Task.id).where(Task.team_id == team.id).order_by(Task.id).limit(1))
    assert not databases.query(
        demo_engine, "select * from production where task_id = ? and date = ?", task_id, DEMO_DAY
    )
    outcomes = _race(_record, (demo_url, team.id, task_id, 11), (demo_url, team.id, task_id, 22))
    assert sorted(outcomes) == ["saved:11", "saved:22"], outcomes
    rows = databases.query(
        demo_engine, "select produced from production where task_id = ? and date = ?", task_id, DEMO_DAY
    )
    assert len(rows) == 1 and rows[0]["produced"] in (11, 22)


@pytest.mark.skipif(not databases.is_postgres(), reason="SQLite admits one writer at a time: writes cannot overlap")
def test_the_change_stamp_moves_when_a_write_that_began_earlier_commits_later(demo_engine):
    """The old stamp (newest audit-log id) stood still here: the early writer's id is lower than
    the one a kiosk had already seen, so the kiosk kept a board without the early write."""
    team = masterdata.find_team("mortgage", demo_engine)
    flushed, release = threading.Event(), threading.Event()

    def early_writer() -> None:
        with write_session(Actor("early"), demo_engine) as s:
            task = s.scalars(select(Task).where(Task.team_id == team.id).order_by(Task.id)).first()
            task.expected_daily_volume += 1
            s.flush()  # audit-log id taken now …
            flushed.set()
            release.wait(timeout=30)  # … commit later

    thread = threading.Thread(target=early_writer)
    thread.start()
    assert flushed.wait(timeout=30)
    with write_session(Actor("late"), demo_engine) as s:
        task = s.scalars(select(Task).where(Task.team_id == team.id).order_by(Task.id.desc())).first()
        task.expected_daily_volume += 1
    seen_by_kiosk = data_stamp(demo_engine)
    release.set()
    thread.join(timeout=30)
    assert data_stamp(demo_engine) > seen_by_kiosk


def test_every_committed_write_moves_the_stamp_and_a_failed_one_does_not(demo_engine):
    before = data_stamp(demo_engine)
    with write_session(Actor("x"), demo_engine) as s:
        s.scalars(select(Task)).first().expected_daily_volume += 1
    after = data_stamp(demo_engine)
    assert after == before + 1
    with pytest.raises(RuntimeError), write_session(Actor("x"), demo_engine) as s:
        s.scalars(select(Task)).first().expected_daily_volume += 1
        s.flush()
        raise RuntimeError("rolled back")
    with write_session(Actor("x"), demo_engine):
        pass  # nothing written
    assert data_stamp(demo_engine) == after


@pytest.mark.database
@pytest.mark.skipif(not databases.is_postgres(), reason="replicas share a PostgreSQL server, not a SQLite file")
def test_two_replicas_migrating_one_empty_database_at_once_both_start(tmp_path):
    url = databases.new_url(tmp_path, "replicas")
    assert _race(_migrate, (url,), (url,)) == ["ok", "ok"]
    engine = get_engine(url)
    assert migrate.current_revision(engine) == migrate.head_revision()
    databases.drop(url)

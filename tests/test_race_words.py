"""Writers released together by a barrier, on SQLite and on PostgreSQL: whatever the timing,
every loser is told in words who or what won (a catalogue key), never a raw database error,
and nothing a winner was told was saved is lost.

Threads, not processes: each writer has its own connection and transaction, and the database
does the locking; SQLite admits one writer at a time, PostgreSQL lets them overlap."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from db.engine import get_engine
from db.models import MeasureValue, OrgUnit, Person
from driftboard.domain import Actor, ConflictError, DomainError
from driftboard.i18n import CATALOGUE
from driftboard.services import master_workbook, masterdata, measures
from tests.conftest import DEMO_DAY
from tests.test_unit_setup import filled  # noqa: F401  (fixture)

WRITERS = 4


def together(n: int, call: Callable[[int], Any]) -> list[tuple[str, Any]]:
    """Run ``call(i)`` for i in 0..n-1, released at once; outcome i, writer i's, is ("ok",
    result), ("conflict", ConflictError), ("refused", DomainError) or ("raw", any other exception)."""
    barrier = threading.Barrier(n)
    outcomes: dict[int, tuple[str, Any]] = {}
    lock = threading.Lock()

    def run(i: int) -> None:
        barrier.wait()
        try:
            outcome: tuple[str, Any] = ("ok", call(i))
        except ConflictError as error:
            outcome = ("conflict", error)
        except DomainError as error:
            outcome = ("refused", error)
        except Exception as error:  # noqa: BLE001 - the test fails on it, naming it
            outcome = ("raw", error)
        with lock:
            outcomes[i] = outcome

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(outcomes) == n, "a writer did not finish"
    return [outcomes[i] for i in range(n)]


def raw(outcomes: list[tuple[str, Any]]) -> list[str]:
    return [f"{type(e).__name__}: {e}" for kind, e in outcomes if kind == "raw"]


def test_leaders_saving_the_first_value_of_a_week_at_once_one_saves_the_others_are_told_who(demo_engine, demo_url):
    """On PostgreSQL 19 of 30 losers got a raw IntegrityError and the goal board the generic
    error box; KPI saves took no turn on a first value, unlike production."""
    mortgage = masterdata.find_team("mortgage", demo_engine)
    period = DEMO_DAY  # this week: no value yet
    rows = measures.values_frame(mortgage.id, period, demo_engine).to_dict("records")
    row = next(r for r in rows if r["value"] is None or r["value"] != r["value"])  # no value yet
    leaders = [f"Leader {i}" for i in range(WRITERS)]  # sign-in off: every actor is trusted

    def save(i: int) -> int:
        mine = {**row, "value": 1.5 + i, "version": None}  # each saw no value
        return measures.save_values(Actor(leaders[i]), mortgage.id, [mine], engine=get_engine(demo_url))

    outcomes = together(WRITERS, save)
    assert raw(outcomes) == []
    saved = [i for i, (kind, _) in enumerate(outcomes) if kind == "ok"]
    conflicts = [e for kind, e in outcomes if kind == "conflict"]
    assert len(saved) == 1 and len(conflicts) == WRITERS - 1, outcomes
    with demo_engine.connect() as conn:
        stored = conn.execute(
            select(MeasureValue.value, MeasureValue.entered_by).where(
                MeasureValue.measure_id == row["measure_id"], MeasureValue.period_start == row["period_start"]
            )
        ).all()
    assert len(stored) == 1
    value, winner = stored[0]
    assert winner in leaders and value == 1.5 + leaders.index(winner)  # the one told "saved" is what is stored
    assert all(c.changed_by == winner for c in conflicts)  # every loser is told who, not "someone (it)"


def test_one_workbook_imported_by_several_admins_at_once_is_applied_once_and_nobody_sees_a_raw_error(
    engine,
    filled,  # noqa: F811
):
    """On PostgreSQL 17 of 20 losers got a raw IntegrityError and one a KeyError."""
    data = filled.read_bytes()
    outcomes = together(WRITERS, lambda i: master_workbook.import_master_data(Actor(f"admin {i}"), data, engine=engine))
    assert raw(outcomes) == []
    refused = [e for kind, e in outcomes if kind in ("refused", "conflict")]
    assert all(e.message_key in CATALOGUE for e in refused if isinstance(e, DomainError) and e.message_key)
    results = [r for kind, r in outcomes if kind == "ok"]
    assert results and sum(1 for r in results if r.changed) == 1  # applied once; the others found it done
    with engine.connect() as conn:
        slugs = conn.scalars(select(OrgUnit.slug)).all()
        people = conn.scalars(select(Person.employee_id).where(Person.employee_id.is_not(None))).all()
    assert len(slugs) == len(set(slugs)) and len(people) == len(set(people))
    assert not master_workbook.import_master_data(Actor("admin 0"), data, engine=engine).changed

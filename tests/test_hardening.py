"""Hardening found by probing (issue #11): imports that cannot lock others out or read numbers
1000x wrong, a busy database said plainly, markdown from people shown as typed, clamped kiosk
timers, restore and crash durability."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading

import pytest
from sqlalchemy import func, select, update
from streamlit.testing.v1 import AppTest

from db import engine as db_engine
from db.engine import get_engine, read_session, write_session
from db.models import Measure, OrgUnit, Task, User
from driftboard import admin
from driftboard.domain import Actor, DomainError, MeasureKind, ValidationError
from driftboard.services import measures, production, users
from tests import databases
from tests.conftest import DEMO_DAY, ROOT

ACTOR = Actor("import")


def _codes(info: pytest.ExceptionInfo[ValidationError]) -> list[tuple[int, str, str]]:
    return [(e.row, e.field, e.code) for e in info.value.errors]


# --------------------------------------------------------------------------- imports: numbers


def test_a_danish_measure_file_reads_thousands_and_decimal_commas_and_refuses_ambiguous_dots(demo_engine):
    good = "periode;enhed;måling;værdi\n2026-W47;mortgage;fte-saved;1.234,5\n".encode()
    assert measures.import_measures(ACTOR, good, "m.csv", engine=demo_engine).rows == 1
    value = databases.value(demo_engine, "select max(value) from measure_values")
    assert value == 1234.5
    ambiguous = "periode;enhed;måling;værdi\n2026-W46;mortgage;fte-saved;1.234\n".encode()
    with pytest.raises(ValidationError) as info:
        measures.import_measures(ACTOR, ambiguous, "m.csv", engine=demo_engine)
    assert _codes(info) == [(2, "value", "num.err.ambiguous")]
    assert "1234" in info.value.errors[0].text("en") and "1,234" in info.value.errors[0].text("en")


def test_a_comma_file_with_a_decimal_comma_is_read_the_danish_way(demo_engine):
    data = b'period,unit,measure,value\n2026-W47,mortgage,fte-saved,"2,5"\n2026-W46,mortgage,fte-saved,1.234\n'
    with pytest.raises(ValidationError) as info:
        measures.import_measures(ACTOR, data, "m.csv", engine=demo_engine)
    assert _codes(info) == [(3, "value", "num.err.ambiguous")]


def test_production_counts_read_a_thousands_dot_as_the_only_whole_reading_and_refuse_absurd_numbers(demo_engine):
    """A count cannot be 1.234 cases: in a count column "1.234" has one reading, 1234 (issue
    #22; it is still refused where a decimal is possible, above)."""
    data = "dato;team;opgave;produceret\n2026-11-20;car-consumer;{task};1.234\n2026-11-19;car-consumer;{task};10000000000000000000\n"
    task = databases.value(
        demo_engine, "select t.slug from tasks t join org_units o on o.id = t.team_id where o.slug = 'car-consumer'"
    )
    with pytest.raises(ValidationError) as info:
        production.import_production(
            ACTOR, data.format(task=task).encode(), "p.csv", today=DEMO_DAY, engine=demo_engine
        )
    assert _codes(info) == [(3, "produced", "v.range")]
    good = f"dato;team;opgave;produceret\n2026-11-20;car-consumer;{task};1.234\n".encode()
    production.import_production(ACTOR, good, "p.csv", today=DEMO_DAY, engine=demo_engine)
    assert databases.value(demo_engine, "select max(produced) from production") == 1234


# --------------------------------------------------------------------------- imports: bad files


@pytest.mark.parametrize(
    "data, name, code",
    [
        (bytes(range(256)) * 20, "random.csv", "v.not_text"),
        (b"%PDF-1.7\n\x00\x01\x02", "report.csv", "v.not_text"),
        (b"PK\x03\x04not really a workbook", "book.xlsx", "v.bad_xlsx"),
        (b"date,team,task,produced\n" + b"2026-11-20,a,b,1\n" * 3, "p.csv", "v.too_many_rows"),
    ],
)
def test_a_bad_file_gets_one_reason_never_a_traceback(demo_engine, monkeypatch, data, name, code):
    monkeypatch.setenv("DRIFTBOARD_IMPORT_MAX_ROWS", "2")
    with pytest.raises(ValidationError) as info:
        production.import_production(ACTOR, data, name, today=DEMO_DAY, engine=demo_engine)
    assert [e.code for e in info.value.errors] == [code]
    assert info.value.errors[0].text("da")  # said in both languages


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(demo_engine, monkeypatch):
    monkeypatch.setenv("DRIFTBOARD_IMPORT_MAX_BYTES", "1000")
    with pytest.raises(ValidationError) as info:
        measures.import_measures(ACTOR, b"x" * 1001, "m.csv", engine=demo_engine)
    assert [e.code for e in info.value.errors] == ["v.file_too_large"]


def test_an_import_is_checked_before_the_write_lock_and_refused_when_a_task_moved_meanwhile(demo_engine, monkeypatch):
    with read_session(demo_engine) as s:
        task = s.scalars(
            select(Task).join(OrgUnit, OrgUnit.id == Task.team_id).where(OrgUnit.slug == "car-consumer")
        ).first()
        other = s.scalar(select(OrgUnit.id).where(OrgUnit.slug != "car-consumer", OrgUnit.level == "team"))
    data = f"date,team,task,produced\n2026-11-20,car-consumer,{task.slug},12\n".encode()
    real = production.imports.validate_production

    def validate_while_someone_moves_the_task(*args, **kwargs):
        result = real(*args, **kwargs)
        with write_session(Actor("admin"), demo_engine) as s:  # would deadlock if the import held the lock
            s.execute(update(Task).where(Task.id == task.id).values(team_id=other))
        return result

    monkeypatch.setattr(production.imports, "validate_production", validate_while_someone_moves_the_task)
    with pytest.raises(DomainError) as info:
        production.import_production(ACTOR, data, "p.csv", today=DEMO_DAY, engine=demo_engine)
    assert info.value.message_key == "imports.err.changed"


# --------------------------------------------------------------------------- busy database


@pytest.mark.database
@pytest.mark.sqlite_only
def test_a_locked_database_is_a_clear_busy_error_not_a_traceback(tmp_path, monkeypatch):
    import sqlite3

    monkeypatch.setattr(db_engine, "SQLITE_BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "busy.db"
    engine = get_engine(f"sqlite:///{path}")
    admin.init_db(engine)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DomainError) as info, write_session(ACTOR, engine) as s:
            s.add(OrgUnit(name="Unit", slug="unit", level="unit"))
        assert info.value.message_key == "error.busy"
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# --------------------------------------------------------------------------- kiosk timers


def _kiosk_timers(refresh: str, rotate: str) -> tuple[int, int | None]:
    def script() -> None:
        import streamlit as st

        from driftboard.services.masterdata import TeamInfo
        from driftboard.ui import kiosk
        from driftboard.ui.page import PageContext

        team = TeamInfo(
            id=0, slug="t", name="T", unit_name="U", language="en", people=0, tasks=0, department="D", unit_id=0
        )
        ctx = PageContext(page="operations", lang="en", kiosk=True, team=team, teams=(team,), actor=None)  # type: ignore[arg-type]
        st.write(kiosk.refresh_interval(ctx), kiosk.rotation(ctx, "operations")[1])

    at = AppTest.from_function(script)
    at.query_params.update({"kiosk": "1", "refresh": refresh, "rotate": rotate})
    at.run()
    assert not at.exception, at.exception
    numbers = [int(n) if n != "None" else None for n in re.findall(r"\w+", at.markdown[0].value)]
    return numbers[0], numbers[1]


@pytest.mark.parametrize(
    "refresh, rotate, expected",
    [("3000000", "99999999999", (3600, 3600)), ("0", "1", (5, 10)), ("30", "20", (30, 20))],
)
def test_kiosk_refresh_and_rotation_are_clamped(refresh, rotate, expected):
    assert _kiosk_timers(refresh, rotate) == expected


# --------------------------------------------------------------------------- markdown from people

PAYLOAD = "[Log in again](https://evil.example) **bold** _x_ # h"
UNIT_PAYLOAD = "[L](https://evil.dk)"  # a measure's unit label holds 20 characters
LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\((?!\))")


def _rendered_text(at: AppTest) -> list[str]:
    texts = [
        e.value
        for kind in ("markdown", "caption", "error", "warning", "info", "success", "toast")
        for e in getattr(at, kind)
    ]
    texts += [getattr(t, "label", "") for t in at.tabs]
    texts += [str(e.label) for e in at.get("metric")] + [str(e.proto.body) for e in at.get("metric")]
    return [t for t in texts if isinstance(t, str)]


def test_markdown_and_links_typed_by_people_show_as_text_on_every_page(demo_engine, demo_app):
    with write_session(Actor("attacker"), demo_engine) as s:
        s.execute(update(OrgUnit).values(name=OrgUnit.name + " " + PAYLOAD))
        s.execute(update(Measure).values(unit_label=UNIT_PAYLOAD))
        s.execute(update(Task).values(name=Task.name + " " + PAYLOAD))
    pages = [
        ("app.py", {}),
        ("pages/operations.py", {"team": "car-consumer"}),
        ("pages/goals.py", {"unit": "car-consumer"}),
        ("pages/goals.py", {"unit": "car-consumer", "kiosk": "1", "vw": "1920", "vh": "1080"}),
        ("pages/improvement.py", {"team": "car-consumer"}),
        ("pages/planning.py", {"team": "car-consumer"}),
        ("pages/master_data.py", {"team": "car-consumer"}),
        ("pages/measures.py", {}),
        ("app.py", {"team": PAYLOAD}),
        ("pages/goals.py", {"unit": PAYLOAD}),
    ]
    shown = 0
    for script, params in pages:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params.update(params)
        at.run()
        if script != "app.py":
            at.switch_page(script).run()
        assert not at.exception, (script, at.exception)
        live = [t for t in _rendered_text(at) if LINK.search(t)]
        assert not live, (script, params, live)
        shown += sum("evil" in t for t in _rendered_text(at))
    assert shown >= 5, "the payload reached the pages' markdown (else this test proves nothing)"


# --------------------------------------------------------------------------- restore and durability


def _cli(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DRIFTBOARD_DATABASE_URL": db, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "driftboard", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=180
    )


def test_restore_brings_back_a_backup_and_keeps_what_it_replaces(demo_url, tmp_path):
    backup = tmp_path / ("b.db" if not databases.is_postgres() else "b.dump")
    assert _cli("backup", str(backup), db=demo_url).returncode == 0
    engine = get_engine(demo_url)
    before = databases.value(engine, "select count(*) from production")
    with write_session(ACTOR, engine) as s:
        s.execute(update(OrgUnit).where(OrgUnit.slug == "car-consumer").values(name="Renamed after the backup"))
    stamp_before_restore = databases.value(engine, "select value from change_stamp where id = 1")
    refused = _cli("restore", str(backup), db=demo_url)
    assert refused.returncode == 1 and "--force" in refused.stderr
    done = _cli("restore", str(backup), "--force", "--backup-dir", str(tmp_path / "kept"), db=demo_url)
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "kept").iterdir()), "the replaced data was backed up"
    db_engine.dispose_engines()
    engine = get_engine(demo_url)
    assert (
        databases.value(engine, "select name from org_units where slug = 'car-consumer'") != "Renamed after the backup"
    )
    assert databases.value(engine, "select count(*) from production") == before
    # The backup's own stamp is older: a cache keyed on a stamp seen before must not match.
    assert databases.value(engine, "select value from change_stamp where id = 1") > stamp_before_restore
    assert _cli("check", db=demo_url).returncode == 0


_BURST = """
import datetime as dt, sys
from db.engine import get_engine, read_session
from db.models import Task
from driftboard.domain import Actor
from driftboard.services import production
engine = get_engine(sys.argv[1])
from sqlalchemy import select
with read_session(engine) as s:
    task = s.scalars(select(Task)).first()
day = dt.date(2020, 1, 1)
for i in range(100000):
    production.record_production(Actor("burst"), task.team_id, day + dt.timedelta(days=i), {task.id: i % 1000}, engine=engine)
    print(i, flush=True)
"""


def test_writes_acknowledged_before_a_sigkill_survive_and_the_database_checks_clean(demo_url):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _BURST, demo_url], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    acknowledged: list[int] = []
    assert child.stdout is not None
    timer = threading.Timer(120, child.kill)
    timer.start()
    for line in child.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) >= 150:
            os.kill(child.pid, signal.SIGKILL)  # mid-burst: the next write is in flight
            break
    timer.cancel()
    child.wait()
    assert child.returncode == -signal.SIGKILL
    engine = get_engine(demo_url)
    days = {
        str(d)[:10]
        for d in databases.query(engine, "select date from production where recorded_by = 'burst'")
        for d in [d["date"]]
    }
    import datetime as dt

    missing = [i for i in acknowledged if (dt.date(2020, 1, 1) + dt.timedelta(days=i)).isoformat() not in days]
    assert not missing
    result = _cli("check", db=demo_url)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------- text lengths


def _unit_id(engine) -> int:  # type: ignore[no-untyped-def]
    with read_session(engine) as s:
        return s.scalar(select(OrgUnit.id).where(OrgUnit.slug == "loan-service"))


def test_a_measure_name_or_unit_longer_than_its_column_is_refused_by_name_in_the_grid(demo_engine):
    unit = _unit_id(demo_engine)
    frame = measures.measures_frame(unit, engine=demo_engine)
    rows = frame.to_dict("records")
    rows[0]["name"] = "N" * 10_000
    rows[0]["unit_label"] = "[a link](https://example.com) and far more text"
    with pytest.raises(ValidationError) as info:
        measures.save_measures(Actor("leader"), unit, rows, engine=demo_engine)
    assert ("name", "error.text_too_long") in [(e.field, e.code) for e in info.value.errors]
    assert ("unit_label", "error.text_too_long") in [(e.field, e.code) for e in info.value.errors]
    assert measures.measures_frame(unit, engine=demo_engine).equals(frame)  # nothing saved


def test_a_measure_defined_in_one_call_refuses_a_name_longer_than_its_column(demo_engine):
    unit = _unit_id(demo_engine)
    with read_session(demo_engine) as s:
        count = s.scalar(select(func.count(Measure.id)))
    with pytest.raises(DomainError) as info:
        measures.define_measure(
            Actor("leader"),
            measures.MeasureInput(org_unit_id=unit, name="x" * 121, slug="long", kind=MeasureKind.OPERATIONAL),
            engine=demo_engine,
        )
    assert info.value.message_key == "error.text_too_long" and info.value.params["limit"] == 120
    with read_session(demo_engine) as s:
        assert s.scalar(select(func.count(Measure.id))) == count


def test_a_user_whose_name_is_too_long_is_refused_not_cut(demo_engine):
    with pytest.raises(DomainError) as info:
        users.create_user(Actor("setup"), username="ida@example.dk", display_name="Ida " * 100, engine=demo_engine)
    assert info.value.message_key == "error.text_too_long" and info.value.params["field"] == "display_name"
    with read_session(demo_engine) as s:
        assert s.scalar(select(func.count(User.id)).where(User.username == "ida@example.dk")) == 0

"""``python -m driftboard``: each command against a real database (SQLite or PostgreSQL), in a subprocess."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests import databases
from tests.conftest import DEMO_DAY, ROOT


def run(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DRIFTBOARD_DATABASE_URL": db, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "driftboard", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


def _count(url: str, table: str) -> int:
    engine = create_engine(url)
    try:
        return databases.value(engine, f"select count(*) from {table}")
    finally:
        engine.dispose()


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        return {t: databases.value(engine, f"select count(*) from {t}") for t in databases.table_names(engine)}
    finally:
        engine.dispose()


@pytest.mark.database
def test_seed_loads_the_demo_unit_and_refuses_to_overwrite_without_replace(tmp_path):
    db = databases.new_url(tmp_path, "cli")
    first = run("seed", "--date", DEMO_DAY.isoformat(), db=db)
    assert first.returncode == 0, first.stderr
    assert "Loan Service" in first.stdout
    people = _count(db, "people")

    again = run("seed", db=db)
    assert again.returncode == 1
    assert "--replace" in again.stderr
    assert _count(db, "people") == people

    replaced = run("seed", "--replace", "--date", DEMO_DAY.isoformat(), "--backup-dir", str(tmp_path / "bk"), db=db)
    assert replaced.returncode == 0, replaced.stderr
    backups = list((tmp_path / "bk").glob("before-seed-*"))
    assert len(backups) == 1
    restored = databases.restore(backups[0], tmp_path, "restored")
    assert _count(restored, "people") == people
    databases.drop(restored)
    databases.drop(db)


def test_backup_is_a_consistent_copy_with_the_same_rows(demo_url, tmp_path):
    target = tmp_path / "backup.db"
    result = run("backup", str(target), db=demo_url)
    assert result.returncode == 0, result.stderr
    copy = databases.restore(target, tmp_path, "copy")
    assert _counts(copy) == _counts(demo_url)
    databases.drop(copy)

    refused = run("backup", str(target), db=demo_url)
    assert refused.returncode == 1 and "already exists" in refused.stderr


def test_backup_while_another_connection_holds_a_write_transaction(demo_engine, demo_url, tmp_path):
    with demo_engine.connect() as writer, writer.begin() as transaction:
        writer.execute(text("UPDATE tasks SET expected_daily_volume = 999"))
        result = run("backup", str(tmp_path / "live.db"), db=demo_url)
        transaction.rollback()
    assert result.returncode == 0, result.stderr
    copy = create_engine(databases.restore(tmp_path / "live.db", tmp_path, "live"))
    volumes = {row["expected_daily_volume"] for row in databases.query(copy, "select * from tasks")}
    copy.dispose()
    assert 999 not in volumes  # the snapshot holds committed data only


def test_export_writes_one_csv_per_table(demo_engine, demo_url, tmp_path):
    out = tmp_path / "export"
    result = run("export", str(out), db=demo_url)
    assert result.returncode == 0, result.stderr
    tables = databases.table_names(demo_engine)
    assert {p.stem for p in out.glob("*.csv")} == set(tables) - {"alembic_version"}
    with (out / "tasks.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 16 and "minutes_per_case" in rows[0]


def test_check_passes_on_a_healthy_database_and_fails_on_a_broken_one(demo_engine, demo_url):
    ok = run("check", db=demo_url)
    assert ok.returncode == 0, ok.stderr

    databases.break_rules(
        demo_engine,
        "UPDATE production SET task_id = 9999 WHERE id = 1",
        "UPDATE tasks SET minutes_per_case = 0 WHERE id = 2",
        drop=(("tasks", "ck_tasks_minutes_positive"),),
    )
    broken = run("check", db=demo_url)
    assert broken.returncode == 1
    assert "production" in broken.stderr and "tasks" in broken.stderr
    assert "ck_tasks_minutes_positive" in broken.stderr


@pytest.mark.database
def test_init_db_creates_the_schema_and_is_idempotent(tmp_path):
    db = databases.new_url(tmp_path, "fresh")
    assert "migrated" in run("init-db", db=db).stdout
    assert "up to date" in run("init-db", db=db).stdout
    engine = create_engine(db)
    assert "org_units" in databases.table_names(engine)
    engine.dispose()
    databases.drop(db)


def test_every_command_has_help_and_bad_arguments_fail(tmp_path):
    for command in ("init-db", "seed", "backup", "export", "check"):
        result = run(command, "--help", db=f"sqlite:///{tmp_path / 'x.db'}")
        assert result.returncode == 0 and "usage:" in result.stdout
    bad = run("seed", "--date", "28/11/2026", db=f"sqlite:///{tmp_path / 'x.db'}")
    assert bad.returncode == 2 and "ISO date" in bad.stderr


def test_import_production_from_csv_and_xlsx(demo_engine, demo_url, tmp_path):
    from openpyxl import Workbook

    good = tmp_path / "good.csv"
    good.write_text("date,team,task,produced\n23-11-2026,mortgage,mortgage-payout,19\n", encoding="utf-8")
    result = run("import", "production", str(good), db=demo_url)
    assert result.returncode == 0, result.stderr
    assert "1 rows" in result.stdout and "1 replaced" in result.stdout
    assert (
        databases.value(
            demo_engine,
            "select produced from production p join tasks t on t.id = p.task_id where t.slug = 'mortgage-payout' and p.date = '2026-11-23'",
        )
        == 19
    )

    book = Workbook()
    book.active.append(["date", "team", "task", "produced"])
    book.active.append(["2026-11-24", "Mortgage", "Pay out mortgage loans", 21])
    xlsx = tmp_path / "good.xlsx"
    book.save(xlsx)
    result = run("import", "production", str(xlsx), db=demo_url)
    assert result.returncode == 0, result.stderr


def test_an_imported_row_far_from_the_plan_is_saved_and_printed_for_a_second_look(demo_engine, demo_url, tmp_path):
    data = tmp_path / "typo.csv"
    data.write_text("date,team,task,produced\n2026-11-25,mortgage,mortgage-documents,766\n", encoding="utf-8")
    result = run("import", "production", str(data), db=demo_url)
    assert result.returncode == 0, result.stderr
    assert "row 2 (produced): 766 against a plan of 24: saved, check that it is right" in result.stdout
    produced = "select produced from production p join tasks t on t.id = p.task_id where t.slug = 'mortgage-documents'"
    assert databases.value(demo_engine, f"{produced} and p.date = '2026-11-25'") == 766


def test_import_production_rejects_a_bad_file_listing_every_row(demo_engine, demo_url, tmp_path):
    from openpyxl import Workbook

    before = databases.query(demo_engine, "select * from production order by id")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,team,task,produced\n23-11-2026,mortgage,mortgage-payout,19\n24-11-2026,mortgage,nope,3\n2026-11-24,mortgage,mortgage-payout,-1\n",
        encoding="utf-8",
    )
    result = run("import", "production", str(bad), db=demo_url)
    assert result.returncode == 1
    assert "row 3, task" in result.stderr and "row 4, produced" in result.stderr

    book = Workbook()
    book.active.append(["date", "team", "task", "produced"])
    book.active.append(["2026-11-24", "mortgage", "mortgage-payout", 2.5])
    xlsx = tmp_path / "bad.xlsx"
    book.save(xlsx)
    result = run("import", "production", str(xlsx), db=demo_url)
    assert result.returncode == 1 and "row 2, Sheet.produced: must be a whole number" in result.stderr
    assert databases.query(demo_engine, "select * from production order by id") == before

    missing = run("import", "production", str(tmp_path / "nothing.csv"), db=demo_url)
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_import_measures(demo_url, tmp_path):
    good = tmp_path / "m.csv"
    good.write_text("period,unit,measure,value\n2026-W47,mortgage,fte-saved,1.5\n", encoding="utf-8")
    result = run("import", "measures", str(good), db=demo_url)
    assert result.returncode == 0, result.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("period,unit,measure,value\n2026-W47,mortgage,fte-saved,x\n", encoding="utf-8")
    result = run("import", "measures", str(bad), db=demo_url)
    assert result.returncode == 1 and "row 2, value: must be a number" in result.stderr


@pytest.mark.database
def test_a_bad_url_or_password_is_one_clear_line_without_the_password(tmp_path):
    bad = run("check", db="nosuchdriver://someone@somewhere/db")
    assert bad.returncode == 1 and bad.stderr.strip().count("\n") == 0
    assert "database URL is not valid" in bad.stderr
    if databases.is_postgres():
        url = make_url(os.environ[databases.SERVER_ENV]).set(password="wrong-secret-123")
        refused = run("check", db=url.render_as_string(hide_password=False))
        assert refused.returncode == 1 and refused.stderr.strip().count("\n") == 0, refused.stderr
        assert "password authentication failed" in refused.stderr
        assert "wrong-secret-123" not in refused.stderr + refused.stdout

"""``python -m driftboard``: each command against a real SQLite file, in a subprocess."""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import sqlite_utils

from tests.conftest import DEMO_DAY, ROOT, sqlite_url


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DRIFTBOARD_DATABASE_URL": sqlite_url(db), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "driftboard", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


def test_seed_loads_the_demo_unit_and_refuses_to_overwrite_without_replace(tmp_path):
    db = tmp_path / "cli.db"
    first = run("seed", "--date", DEMO_DAY.isoformat(), db=db)
    assert first.returncode == 0, first.stderr
    assert "Loan Service" in first.stdout
    people = sqlite_utils.Database(db)["people"].count

    again = run("seed", db=db)
    assert again.returncode == 1
    assert "--replace" in again.stderr
    assert sqlite_utils.Database(db)["people"].count == people

    replaced = run("seed", "--replace", "--date", DEMO_DAY.isoformat(), "--backup-dir", str(tmp_path / "bk"), db=db)
    assert replaced.returncode == 0, replaced.stderr
    backups = list((tmp_path / "bk").glob("before-seed-*.db"))
    assert len(backups) == 1 and sqlite_utils.Database(backups[0])["people"].count == people


def test_backup_is_a_consistent_copy_with_the_same_rows(demo_path, tmp_path):
    target = tmp_path / "backup.db"
    result = run("backup", str(target), db=demo_path)
    assert result.returncode == 0, result.stderr
    source, copy = sqlite_utils.Database(demo_path), sqlite_utils.Database(target)
    assert copy.table_names() == source.table_names()
    assert {t: copy[t].count for t in copy.table_names()} == {t: source[t].count for t in source.table_names()}

    refused = run("backup", str(target), db=demo_path)
    assert refused.returncode == 1 and "already exists" in refused.stderr


def test_backup_while_another_connection_holds_a_write_transaction(demo_engine, demo_path, tmp_path):
    with demo_engine.connect():  # the app has opened the database (it is in WAL mode now)
        pass
    writer = sqlite3.connect(demo_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE tasks SET expected_daily_volume = 999")
    try:
        result = run("backup", str(tmp_path / "live.db"), db=demo_path)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.returncode == 0, result.stderr
    volumes = {row["expected_daily_volume"] for row in sqlite_utils.Database(tmp_path / "live.db")["tasks"].rows}
    assert 999 not in volumes  # the snapshot holds committed data only


def test_export_writes_one_csv_per_table(demo_path, tmp_path):
    out = tmp_path / "export"
    result = run("export", str(out), db=demo_path)
    assert result.returncode == 0, result.stderr
    tables = sqlite_utils.Database(demo_path).table_names()
    assert {p.stem for p in out.glob("*.csv")} == set(tables) - {"alembic_version"}
    with (out / "tasks.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 16 and "minutes_per_case" in rows[0]


def test_check_passes_on_a_healthy_database_and_fails_on_a_broken_one(demo_path):
    ok = run("check", db=demo_path)
    assert ok.returncode == 0, ok.stderr

    raw = sqlite3.connect(demo_path)  # foreign keys are off on a plain connection
    raw.execute("UPDATE production SET task_id = 9999 WHERE id = 1")
    raw.commit()
    raw.close()
    broken = run("check", db=demo_path)
    assert broken.returncode == 1
    assert "production" in broken.stderr and "tasks" in broken.stderr


def test_init_db_creates_the_schema_and_is_idempotent(tmp_path):
    db = tmp_path / "fresh.db"
    assert "migrated" in run("init-db", db=db).stdout
    assert "up to date" in run("init-db", db=db).stdout
    assert "org_units" in sqlite_utils.Database(db).table_names()


def test_every_command_has_help_and_bad_arguments_fail(tmp_path):
    for command in ("init-db", "seed", "backup", "export", "check"):
        result = run(command, "--help", db=tmp_path / "x.db")
        assert result.returncode == 0 and "usage:" in result.stdout
    bad = run("seed", "--date", "28/11/2026", db=tmp_path / "x.db")
    assert bad.returncode == 2 and "ISO date" in bad.stderr


def test_import_production_from_csv_and_xlsx(demo_path, tmp_path):
    from openpyxl import Workbook

    good = tmp_path / "good.csv"
    good.write_text("date,team,task,produced\n23-11-2026,mortgage,mortgage-payout,19\n", encoding="utf-8")
    result = run("import", "production", str(good), db=demo_path)
    assert result.returncode == 0, result.stderr
    assert "1 rows" in result.stdout and "1 replaced" in result.stdout
    db = sqlite_utils.Database(demo_path)
    assert (
        next(
            db.query(
                "select produced from production p join tasks t on t.id = p.task_id where t.slug = 'mortgage-payout' and p.date = '2026-11-23'"
            )
        )["produced"]
        == 19
    )

    book = Workbook()
    book.active.append(["date", "team", "task", "produced"])
    book.active.append(["2026-11-24", "Mortgage", "Pay out mortgage loans", 21])
    xlsx = tmp_path / "good.xlsx"
    book.save(xlsx)
    result = run("import", "production", str(xlsx), db=demo_path)
    assert result.returncode == 0, result.stderr


def test_import_production_rejects_a_bad_file_listing_every_row(demo_path, tmp_path):
    from openpyxl import Workbook

    before = list(sqlite_utils.Database(demo_path).query("select * from production order by id"))
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,team,task,produced\n23-11-2026,mortgage,mortgage-payout,19\n24-11-2026,mortgage,nope,3\n2026-11-24,mortgage,mortgage-payout,-1\n",
        encoding="utf-8",
    )
    result = run("import", "production", str(bad), db=demo_path)
    assert result.returncode == 1
    assert "row 3, task" in result.stderr and "row 4, produced" in result.stderr

    book = Workbook()
    book.active.append(["date", "team", "task", "produced"])
    book.active.append(["2026-11-24", "mortgage", "mortgage-payout", 2.5])
    xlsx = tmp_path / "bad.xlsx"
    book.save(xlsx)
    result = run("import", "production", str(xlsx), db=demo_path)
    assert result.returncode == 1 and "row 2, produced: must be a whole number" in result.stderr
    assert list(sqlite_utils.Database(demo_path).query("select * from production order by id")) == before

    missing = run("import", "production", str(tmp_path / "nothing.csv"), db=demo_path)
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_import_measures(demo_path, tmp_path):
    good = tmp_path / "m.csv"
    good.write_text("period,unit,measure,value\n2026-W47,mortgage,fte-saved,1.5\n", encoding="utf-8")
    result = run("import", "measures", str(good), db=demo_path)
    assert result.returncode == 0, result.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("period,unit,measure,value\n2026-W47,mortgage,fte-saved,x\n", encoding="utf-8")
    result = run("import", "measures", str(bad), db=demo_path)
    assert result.returncode == 1 and "row 2, value: must be a number" in result.stderr

"""Database administration: migrate, seed the demo unit, back up, export and check.

The CLI (``python -m driftboard``) and the app call these; nothing here prints.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, delete, func, select, text

from db import migrate
from db.engine import get_engine, is_sqlite, read_session, write_session
from db.models import AuditEntry, Base, OrgUnit, PlanningFactors
from driftboard import clock, demo
from driftboard.domain import Actor, DomainError, OrgLevel
from driftboard.services.masterdata import database_is_empty


@dataclass(frozen=True)
class SeedResult:
    summary: demo.DemoSummary
    backup: Path | None


def init_db(engine: Engine | None = None) -> bool:
    """Create or upgrade the schema to the newest migration; True when anything changed."""
    return migrate.upgrade(engine or get_engine())


def seed(
    actor: Actor,
    *,
    replace: bool = False,
    today: dt.date | None = None,
    engine: Engine | None = None,
    backup_dir: Path | None = None,
) -> SeedResult:
    """Load the demo unit. Refuses a database that holds data unless ``replace``; when replacing a
    SQLite file, a backup of the old data is taken first so nothing is lost by mistake."""
    engine = engine or get_engine()
    init_db(engine)
    saved: Path | None = None
    if not database_is_empty(engine):
        if not replace:
            raise DomainError("the database already holds data; use --replace to wipe it and load the demo unit")
        if is_sqlite(engine) and backup_dir is not None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            saved = backup(backup_dir / f"before-seed-{stamp}.db", engine)
        _wipe(actor, engine)
    summary = demo.load_demo(today or clock.today(), engine)
    return SeedResult(summary, saved)


def _wipe(actor: Actor, engine: Engine) -> None:
    with write_session(actor, engine) as s:
        for table in reversed(Base.metadata.sorted_tables):
            if table is OrgUnit.__table__:  # self-referencing: leaves first
                for level in (OrgLevel.TEAM, OrgLevel.DEPARTMENT, OrgLevel.UNIT):
                    s.execute(delete(table).where(table.c.level == level.value))
            else:
                s.execute(delete(table))


def ensure_ready(engine: Engine | None = None) -> demo.DemoSummary | None:
    """What the app does at start: migrate, and load the demo unit into an empty database.

    Returns the demo summary when it was loaded now, else None.
    """
    engine = engine or get_engine()
    init_db(engine)
    if database_is_empty(engine):
        return demo.load_demo(clock.today(), engine)
    return None


def backup(path: Path, engine: Engine | None = None) -> Path:
    """A consistent copy of the live database at ``path``.

    SQLite: ``VACUUM INTO`` (a transactionally consistent snapshot, safe while the app writes).
    PostgreSQL twin: ``pg_dump`` in custom format, which needs the client tools on PATH.
    """
    engine = engine or get_engine()
    path = Path(path)
    if path.exists():
        raise DomainError(f"{path} already exists; choose a new file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    if is_sqlite(engine):
        # VACUUM cannot run inside a transaction: use the raw connection, which is in
        # autocommit mode (the engine issues BEGIN itself only for SQLAlchemy transactions).
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("VACUUM INTO ?", (str(path),))
            cursor.close()
        finally:
            raw.close()
        return path
    if engine.dialect.name == "postgresql":
        if shutil.which("pg_dump") is None:
            raise DomainError("pg_dump is not installed; install the PostgreSQL client tools")
        url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        subprocess.run(["pg_dump", "--format=custom", f"--file={path}", url], check=True)
        return path
    raise DomainError(f"backup is not supported for {engine.dialect.name}")


def export_csv(directory: Path, engine: Engine | None = None) -> dict[str, int]:
    """Write one CSV per table (header + rows, UTF-8); returns row counts by table."""
    engine = engine or get_engine()
    directory.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with read_session(engine) as s:
        for table in Base.metadata.sorted_tables:
            result = s.execute(select(table).order_by(*table.primary_key.columns))
            with (directory / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(result.keys())
                n = 0
                for row in result:
                    writer.writerow(["" if v is None else v for v in row])
                    n += 1
            counts[table.name] = n
    return counts


def check(engine: Engine | None = None) -> list[str]:
    """Integrity problems found (empty when healthy): schema version, storage integrity, foreign
    keys, and domain rules the schema cannot express."""
    engine = engine or get_engine()
    problems: list[str] = []
    current, head = migrate.current_revision(engine), migrate.head_revision()
    if current != head:
        problems.append(f"schema is at revision {current or 'none'}, the code expects {head}; run init-db")
        return problems
    with engine.connect() as conn:
        if is_sqlite(engine):
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
            if result != ["ok"]:
                problems.extend(f"integrity: {r}" for r in result)
            for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(f"foreign key: {table} row {rowid} points to a missing {parent} row")
        else:  # PostgreSQL enforces foreign keys itself; check the server answers.
            conn.execute(text("SELECT 1"))
    with read_session(engine) as s:
        for unit in s.scalars(select(OrgUnit).where(OrgUnit.level == OrgLevel.UNIT)):
            factors = s.scalar(select(PlanningFactors).where(PlanningFactors.org_unit_id == unit.id))
            if factors is None or None in (factors.daily_hours, factors.customer_facing_hours):
                problems.append(f"unit {unit.slug!r} has no complete planning factors")
        orphans = s.scalar(
            select(func.count(OrgUnit.id)).where(OrgUnit.level != OrgLevel.UNIT, OrgUnit.parent_id.is_(None))
        )
        if orphans:
            problems.append(f"{orphans} department(s)/team(s) have no parent")
    return problems


def data_stamp(engine: Engine | None = None) -> int:
    """A number that changes whenever anything is written (the newest audit-log id): screens
    compare it to know whether their cached board is still current."""
    with read_session(engine) as s:
        return int(s.scalar(select(func.max(AuditEntry.id))) or 0)

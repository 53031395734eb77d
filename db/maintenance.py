"""Database maintenance below the services: wipe, back up, export, check, the change stamp.

``driftboard.admin`` (beside the CLI) and the app call these; nothing here prints.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import CheckConstraint, Connection, Engine, delete, exists, func, select, text

from db import migrate
from db.engine import DATA_STAMP, GOAL_STAMP, MASTER_STAMP, get_engine, is_sqlite, read_session, write_session
from db.models import Base, ChangeStamp, OrgUnit, PlanningFactors
from driftboard.domain import Actor, DomainError, OrgLevel


def wipe(actor: Actor, engine: Engine) -> None:
    """Remove every row (the schema stays); the caller takes a backup first."""
    with write_session(actor, engine) as s:
        for table in reversed(Base.metadata.sorted_tables):
            if table is ChangeStamp.__table__:  # the stamp keeps counting: screens must see the wipe
                continue
            if table is OrgUnit.__table__:  # self-referencing: leaves first
                for level in (OrgLevel.TEAM, OrgLevel.DEPARTMENT, OrgLevel.UNIT, OrgLevel.ORGANISATION):
                    s.execute(delete(table).where(table.c.level == level.value))
            else:
                s.execute(delete(table))


def backup(path: Path, engine: Engine | None = None) -> Path:
    """A consistent copy of the live database at ``path``.

    SQLite: ``VACUUM INTO`` (a transactionally consistent snapshot, safe while the app writes).
    PostgreSQL twin: ``pg_dump`` in custom format, which needs the client tools on PATH.
    """
    engine = engine or get_engine()
    path = Path(path)
    if path.exists():
        raise DomainError(
            f"{path} already exists; choose a new file name", message_key="admin.err.exists", path=str(path)
        )
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
        _pg_dump(engine, path)
        return path
    raise DomainError(
        f"backup is not supported for {engine.dialect.name}",
        message_key="admin.err.backup",
        dialect=engine.dialect.name,
    )


def _pg_dump(engine: Engine, path: Path) -> None:
    """``pg_dump`` in custom format (one consistent snapshot). The password travels in the
    environment (``PGPASSWORD``), never on the command line where ``ps`` would show it."""
    if shutil.which("pg_dump") is None:
        raise DomainError(
            "pg_dump is not installed; install the PostgreSQL client tools", message_key="admin.err.pg_dump"
        )
    url = engine.url
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    args = ["pg_dump", "--format=custom", f"--file={path}", f"--dbname={url.database}"]
    args += [f"--host={url.host}"] if url.host else []
    args += [f"--port={url.port}"] if url.port else []
    args += [f"--username={url.username}"] if url.username else []
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        path.unlink(missing_ok=True)
        reason = (done.stderr.strip().splitlines() or ["unknown error"])[-1].removeprefix("pg_dump: error: ")
        raise DomainError(f"pg_dump failed: {reason}", message_key="admin.err.backup_failed", reason=reason)


# A spreadsheet runs a cell starting with one of these as a formula (``=HYPERLINK(…)`` in a
# name): such text is written with a leading apostrophe, which the spreadsheet shows as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """``value`` as a CSV export writes it: empty for None, text that a spreadsheet would run as a
    formula behind an apostrophe, anything else as it is."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_csv(directory: Path, engine: Engine | None = None) -> dict[str, int]:
    """Write one CSV per table (header + rows, UTF-8), text escaped from formulas (``csv_cell``);
    returns row counts by table."""
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
                    writer.writerow([csv_cell(v) for v in row])
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
        else:
            problems.extend(_missing_constraints(conn))
        problems.extend(_rows_breaking_the_schema(conn))
    with read_session(engine) as s:
        for unit in s.scalars(select(OrgUnit).where(OrgUnit.level == OrgLevel.UNIT)):
            factors = s.scalar(select(PlanningFactors).where(PlanningFactors.org_unit_id == unit.id))
            if factors is None or None in (factors.daily_hours, factors.customer_facing_hours):
                problems.append(f"unit {unit.slug!r} has no complete planning factors")
        orphans = s.scalar(
            select(func.count(OrgUnit.id)).where(
                OrgUnit.level.not_in([OrgLevel.UNIT, OrgLevel.ORGANISATION]), OrgUnit.parent_id.is_(None)
            )
        )
        if orphans:
            problems.append(f"{orphans} department(s)/team(s) have no parent")
    return problems


def _rows_breaking_the_schema(conn: Connection) -> list[str]:
    """Rows a damaged or hand-edited database may hold although the schema forbids them: foreign
    keys pointing nowhere (SQLite with foreign keys off, PostgreSQL with triggers disabled) and
    check constraints (SQLite's ``ignore_check_constraints``, a constraint dropped by hand)."""
    problems: list[str] = []
    for table in Base.metadata.sorted_tables:
        pk = next(iter(table.primary_key.columns))
        for fk in table.foreign_key_constraints:
            parent = fk.referred_table
            referred = parent.alias("referred")  # an alias: the parent may be the table itself
            pairs = [(element.parent, referred.c[element.column.name]) for element in fk.elements]
            orphan = (
                select(pk)
                .where(*(child.is_not(None) for child, _ in pairs))
                .where(~exists().where(*(column == child for child, column in pairs)))
                .order_by(pk)
                .limit(20)
            )
            for row_id in conn.scalars(orphan):
                problems.append(f"foreign key: {table.name} row {row_id} points to a missing {parent.name} row")
        for constraint in table.constraints:
            if isinstance(constraint, CheckConstraint) and constraint.name:
                name = conn.dialect.identifier_preparer.format_constraint(constraint)
                broken = conn.scalar(select(func.count()).select_from(table).where(text(f"NOT ({constraint.sqltext})")))
                if broken:
                    problems.append(f"constraint {name.strip(chr(34))}: {broken} row(s) of {table.name} break it")
    return problems


def _missing_constraints(conn: Connection) -> list[str]:
    """PostgreSQL: constraints the models declare that the database lacks or never validated."""
    found = {
        (table, name): valid
        for table, name, valid in conn.execute(
            text(
                "SELECT c.conrelid::regclass::text, c.conname, c.convalidated FROM pg_constraint c "
                "JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema()"
            )
        )
    }
    problems = []
    for table in Base.metadata.sorted_tables:
        for constraint in table.constraints:
            if not constraint.name:
                continue
            name = conn.dialect.identifier_preparer.format_constraint(constraint).strip('"')
            valid = found.get((table.name, name))
            if valid is None:
                problems.append(f"constraint {name} on {table.name} is missing")
            elif not valid:
                problems.append(f"constraint {name} on {table.name} is not validated")
    return problems


def database_is_empty(engine: Engine | None = None) -> bool:
    """True when no org unit exists yet (a fresh installation)."""
    with read_session(engine) as s:
        return s.scalar(select(func.count(OrgUnit.id))) == 0


def data_stamp(engine: Engine | None = None) -> int:
    """A number that grows with every committed write, in commit order (see ``ChangeStamp``):
    screens compare it to know whether their cached board is still current."""
    return stamps(engine)[0]


class Stamps(NamedTuple):
    """The change stamps (``db.engine``): ``data`` moves with every write; ``goal`` stays when a
    write touched only the day's operations; ``master`` moves only with the org tree, its people
    and its tasks."""

    data: int
    goal: int
    master: int


def stamps(engine: Engine | None = None) -> Stamps:
    """The change stamps, in one query."""
    with read_session(engine) as s:
        found = {row.id: row.value for row in s.execute(select(ChangeStamp.id, ChangeStamp.value))}
    return Stamps(int(found.get(DATA_STAMP, 0)), int(found.get(GOAL_STAMP, 0)), int(found.get(MASTER_STAMP, 0)))


def restore(source: Path, engine: Engine | None = None) -> None:
    """Replace the database's contents with a ``backup`` (a SQLite file made by ``VACUUM INTO``,
    or a ``pg_dump`` custom-format file). The caller takes a backup of what is replaced first.

    SQLite: the backup is copied page by page into the live file with SQLite's online backup
    API, under its write lock, so a running app sees either the old or the restored database.
    """
    engine = engine or get_engine()
    source = Path(source)
    if not source.is_file():
        raise DomainError(f"{source} does not exist or is not a file", message_key="cli.err.no_file", path=str(source))
    before = max(stamps(engine))
    _restore(engine, source)
    # The backup brings its own, older stamp: move it past the replaced one, or screens and
    # caches keyed on a stamp they saw before would take the restored data for what they hold.
    restored = max(stamps(engine))
    with engine.begin() as conn:
        conn.execute(text("UPDATE change_stamp SET value = :value"), {"value": max(restored, before) + 1})


def _restore(engine: Engine, source: Path) -> None:
    if is_sqlite(engine):
        import sqlite3

        try:
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src:
                if src.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise sqlite3.DatabaseError("integrity check failed")
                raw = engine.raw_connection()
                try:
                    src.backup(raw.driver_connection)  # type: ignore[arg-type]
                finally:
                    raw.close()
        except sqlite3.DatabaseError as exc:
            raise DomainError(
                f"{source} is not a Driftboard backup: {exc}",
                message_key="admin.err.not_backup",
                path=str(source),
                reason=str(exc),
            ) from exc
        engine.dispose()  # pooled connections must not keep pages of the old file
        return
    if engine.dialect.name == "postgresql":
        _pg_restore(engine, source)
        return
    raise DomainError(
        f"restore is not supported for {engine.dialect.name}",
        message_key="admin.err.backup",
        dialect=engine.dialect.name,
    )


def _pg_restore(engine: Engine, source: Path) -> None:
    """``pg_restore --clean --if-exists`` in one transaction (all or nothing)."""
    if shutil.which("pg_restore") is None:
        raise DomainError(
            "pg_dump is not installed; install the PostgreSQL client tools", message_key="admin.err.pg_dump"
        )
    engine.dispose()
    url = engine.url
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    args = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", f"--dbname={url.database}"]
    args += [f"--host={url.host}"] if url.host else []
    args += [f"--port={url.port}"] if url.port else []
    args += [f"--username={url.username}"] if url.username else []
    done = subprocess.run([*args, str(source)], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["unknown error"])[-1].removeprefix("pg_restore: error: ")
        raise DomainError(
            f"{source} is not a Driftboard backup: {reason}",
            message_key="admin.err.not_backup",
            path=str(source),
            reason=reason,
        )

"""The test suite's databases, on SQLite or PostgreSQL (``DRIFTBOARD_TEST_DB``).

Each test gets its own database: on SQLite a file under the test's temp dir, on PostgreSQL a
database made from a template database (``CREATE DATABASE … TEMPLATE``) on the throw-away
server ``tests/pgcluster.py`` started for the run. Tests read rows through ``query`` (the
engine, never the file), so the same assertion runs on both.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool

from db.engine import dispose_engines

BACKEND_ENV = "DRIFTBOARD_TEST_DB"
SERVER_ENV = "DRIFTBOARD_TEST_PG_URL"  # the running test server's maintenance URL


def backend() -> str:
    name = os.environ.get(BACKEND_ENV, "sqlite").strip().lower() or "sqlite"
    if name not in ("sqlite", "postgresql"):
        raise RuntimeError(f"{BACKEND_ENV} must be sqlite or postgresql, not {name!r}")
    return name


def is_postgres() -> bool:
    return backend() == "postgresql"


def _server_url() -> str:
    url = os.environ.get(SERVER_ENV)
    if not url:
        raise RuntimeError(f"{SERVER_ENV} is not set: the PostgreSQL test server did not start")
    return url


def _admin(statement: str) -> None:
    engine = create_engine(_server_url(), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


def _pg_name(tag: str) -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    safe = re.sub(r"[^a-z0-9_]", "_", tag.lower())[:30]
    return f"{safe}_{worker}_{secrets.token_hex(4)}"


def new_url(folder: Path, tag: str) -> str:
    """The URL of a new, empty database (SQLite: a file in ``folder`` that does not exist yet)."""
    if not is_postgres():
        return f"sqlite:///{folder / f'{tag}.db'}"
    name = _pg_name(tag)
    _admin(f'CREATE DATABASE "{name}"')
    return make_url(_server_url()).set(database=name).render_as_string(hide_password=False)


def copy_of(template_url: str, folder: Path, tag: str) -> str:
    """A new database holding what ``template_url`` holds (nobody may be connected to it)."""
    if not is_postgres():
        target = folder / f"{tag}.db"
        shutil.copyfile(make_url(template_url).database, target)
        return f"sqlite:///{target}"
    name = _pg_name(tag)
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(template_url).database}"')
    return make_url(_server_url()).set(database=name).render_as_string(hide_password=False)


def freeze(url: str, folder: Path) -> str:
    """Make the database at ``url`` a template for ``copy_of``: close every connection to it
    (SQLite: a compact, consistent copy beside it)."""
    if not is_postgres():
        from db.maintenance import backup

        engine = create_engine(url)
        try:
            path = backup(folder / f"{Path(make_url(url).database).stem}-template.db", engine)
        finally:
            engine.dispose()
        dispose_engines()
        return f"sqlite:///{path}"
    dispose_engines()
    return url


def drop(url: str) -> None:
    """Remove a test's database (SQLite files go with the temp dir)."""
    if is_postgres():
        dispose_engines()
        _admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements ``engine`` sends inside the block (white space folded), BEGIN included."""
    sent: list[str] = []

    def hit(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        sent.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", hit)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", hit)


def query(engine: Engine, sql: str, *params: Any) -> list[dict[str, Any]]:
    """Rows of ``sql`` (``?`` placeholders) as dicts, read through ``engine`` on either database."""
    count = iter(range(len(params)))
    named = re.sub(r"\?", lambda _m: f":p{next(count)}", sql)
    with engine.connect() as conn:
        result = conn.execute(text(named), {f"p{i}": value for i, value in enumerate(params)})
        return [dict(row._mapping) for row in result]


def value(engine: Engine, sql: str, *params: Any) -> Any:
    """The first column of the first row of ``sql`` (None when there is no row)."""
    rows = query(engine, sql, *params)
    return next(iter(rows[0].values())) if rows else None


def table_names(engine: Engine) -> list[str]:
    from sqlalchemy import inspect

    return sorted(inspect(engine).get_table_names())


def restore(backup: Path, folder: Path, tag: str) -> str:
    """A database holding what ``python -m driftboard backup`` wrote to ``backup``."""
    if not is_postgres():
        return f"sqlite:///{backup}"
    import subprocess

    from tests.pgcluster import bin_dir

    url = new_url(folder, tag)
    parsed = make_url(url)
    env = {**os.environ, "PGPASSWORD": parsed.password or ""}
    subprocess.run(
        [str(bin_dir() / "pg_restore"), "--no-owner", "-h", parsed.host, "-p", str(parsed.port), "-U", parsed.username,
         "-d", parsed.database, str(backup)],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    return url


def break_rules(engine: Engine, *statements: str, drop: tuple[tuple[str, str], ...] = ()) -> None:
    """Run ``statements`` past the database's own guards, as a damaged or hand-edited database
    would hold them: SQLite with foreign keys and checks off; PostgreSQL as a replica (no
    foreign-key triggers), after dropping the ``(table, constraint)`` pairs in ``drop``."""
    if not is_postgres():
        raw = engine.raw_connection()  # autocommit (see db.engine): each statement stands alone
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA foreign_keys=OFF")
            cursor.execute("PRAGMA ignore_check_constraints=ON")
            for statement in statements:
                cursor.execute(statement)
        finally:
            raw.invalidate()  # never hand a connection with guards off back to the pool
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("SET session_replication_role = replica")
        for table, constraint in drop:
            conn.exec_driver_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{constraint}"')
        for statement in statements:
            conn.exec_driver_sql(statement)
        conn.commit()
        conn.invalidate()


class Database:
    """The corner of ``sqlite_utils.Database`` the tests use (``query``, ``execute``, a table's
    ``count`` and ``rows``), over any database URL, so one assertion reads either database."""

    def __init__(self, url: str) -> None:
        from db.engine import get_engine

        self.engine = get_engine(url)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        return iter(query(self.engine, sql, *params))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Result:
        """Run one statement in its own committed transaction."""
        count = iter(range(len(params)))
        named = re.sub(r"\?", lambda _m: f":p{next(count)}", sql)
        with self.engine.begin() as conn:
            result = conn.execute(text(named), {f"p{i}": v for i, v in enumerate(params)})
            rows = [tuple(r) for r in result] if result.returns_rows else []
        return _Result(rows)

    def table_names(self) -> list[str]:
        return table_names(self.engine)

    def __getitem__(self, table: str) -> _Table:
        return _Table(self.engine, table)


@dataclass
class _Result:
    rows: list[tuple[Any, ...]]

    def fetchone(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None


@dataclass
class _Table:
    engine: Engine
    name: str

    @property
    def count(self) -> int:
        return value(self.engine, f'select count(*) from "{self.name}"')

    @property
    def rows(self) -> Iterator[dict[str, Any]]:
        return iter(query(self.engine, f'select * from "{self.name}"'))


def as_json(raw: Any) -> Any:
    """A JSON column read with plain SQL: text on SQLite, already decoded on PostgreSQL."""
    import json

    return json.loads(raw) if isinstance(raw, str | bytes) else raw

"""The one engine factory and the read/write session helpers.

Every write goes down one path, ``write_session``: one transaction, an acting user, and the
audit log written from the flush itself so no service can forget it. On SQLite each connection
gets WAL, ``synchronous=NORMAL``, foreign keys and a busy timeout, and a write transaction
starts with ``BEGIN IMMEDIATE`` so two sessions never deadlock on a lock upgrade ("database is
locked"); reads use a plain deferred ``BEGIN``. PostgreSQL takes the same code path: its
``BEGIN`` needs nothing special, and the ``version`` column catches concurrent updates.
"""

from __future__ import annotations

import datetime as dt
import enum
import fcntl
import json
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, insert, inspect, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from db.models import AuditEntry, ChangeStamp
from driftboard.domain import Actor, AuditAction, ConflictError, DomainError, WriteCollided

__all__ = [  # Engine: the type callers above the services annotate with
    "DATA_STAMP",
    "GOAL_STAMP",
    "MASTER_STAMP",
    "MASTER_TABLES",
    "OPERATIONS_ONLY",
    "Engine",
    "database_url",
    "derived_write",
    "dispose_engines",
    "get_engine",
    "is_sqlite",
    "memo",
    "read_scope",
    "read_session",
    "take_turns",
    "unreachable",
    "write_session",
]

ENV_URL = "DRIFTBOARD_DATABASE_URL"
DEFAULT_SQLITE_PATH = Path("data") / "driftboard.db"
SQLITE_BUSY_TIMEOUT_MS = 15_000
_WRITE_OPTION = "driftboard_write"
_AUDIT_SKIP = {"version", "created_at", "updated_at"}

# The rows of ``change_stamp``: every write moves the data stamp; the goal stamp moves with
# every write except those that touch only the day's operations (below), so the goal boards'
# caches survive the stream of production and planning saves they do not show.
DATA_STAMP, GOAL_STAMP, MASTER_STAMP = 1, 2, 3
# The master-data stamp moves only with a write to what every page's team list and org tree are
# made of, so those stay cached while the day's data streams in.
MASTER_TABLES = frozenset({"org_units", "people", "tasks"})
OPERATIONS_ONLY = frozenset(
    {
        "production",
        "holdings",
        "planned_volume_overrides",
        "week_plans",
        "assignments",
        "absences",
        "plan_changes",
        "competences",
        "work_places",
        "improvement_cards",
        "card_events",
        "card_links",
        "error_registrations",
        "intake",
        "robot_runs",
        "maturity_assessments",
        "maturity_scores",
        "escalations",
    }
)

_engines: dict[str, Engine] = {}
# The read session a ``read_scope`` block shares with every ``read_session`` inside it.
_shared_reads: ContextVar[Session | None] = ContextVar("driftboard_shared_reads", default=None)
T = TypeVar("T")
_engines_lock = threading.Lock()

_log = logging.getLogger("driftboard.db")


def database_url() -> str:
    """The configured database URL: ``DRIFTBOARD_DATABASE_URL`` or the default SQLite file."""
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        return url
    return f"sqlite:///{DEFAULT_SQLITE_PATH.resolve()}"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def get_engine(url: str | None = None) -> Engine:
    """Return the process-wide engine for ``url`` (default: ``database_url()``), creating it once."""
    url = url or database_url()
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _create_engine(url)
            _engines[url] = engine
        return engine


def dispose_engines() -> None:
    """Close every pooled connection (tests and the CLI call this before removing files)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)

    database = parsed.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy (not the sqlite3 module) decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL is persistent in the file; switching needs an exclusive lock, so only ask once.
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(_WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


@contextmanager
def read_session(engine: Engine | None = None) -> Iterator[Session]:
    """A session for reading; it never commits (closing it ends the read transaction), and
    loaded objects stay readable after the block. Inside a ``read_scope`` on the same engine
    it is the scope's session: one transaction, one snapshot, for all of a page's reads."""
    engine = engine or get_engine()
    shared = _shared_reads.get()
    if shared is not None and shared.get_bind() is engine:
        yield shared
        return
    with Session(engine, expire_on_commit=False, autoflush=False) as session:
        session.info["read_only"] = True
        yield session


@contextmanager
def read_scope(engine: Engine | None = None) -> Iterator[None]:
    """One read session for every ``read_session`` in the block (a page's run): one BEGIN
    instead of one per service call, the reads see one snapshot, and ``memo`` lookups (the
    team's ancestry, its planning factors) are made once. A write in the block ends the read
    transaction when it commits, so what the page reads after it includes the write. Nested
    scopes join the outer one."""
    if _shared_reads.get() is not None:
        yield
        return
    with Session(engine or get_engine(), expire_on_commit=False, autoflush=False) as session:
        session.info["read_only"] = True
        token = _shared_reads.set(session)
        try:
            yield
        finally:
            _shared_reads.reset(token)


def memo(session: Session, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()`` once per read transaction of ``session`` (a lookup several services of one
    page make: the team's ancestry, its planning factors); computed afresh in a write session,
    which must see its own changes."""
    if not session.info.get("read_only"):
        return compute()
    cache = session.info.setdefault("memo", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _end_shared_reads() -> None:
    """A write committed: end the shared read transaction (a read session has nothing to
    commit) and forget its memos and loaded objects, so later reads see the write. The objects
    read before it stay as they were read (detached, as a closed read session leaves them):
    a query does not refresh an object already in the identity map."""
    shared = _shared_reads.get()
    if shared is not None:
        shared.info.pop("memo", None)
        shared.commit()
        shared.expunge_all()


@contextmanager
def derived_write(engine: Engine | None = None) -> Iterator[Connection]:
    """A transaction for derived data (a stored forecast: recomputable, nobody's entry): no
    acting user, no audit log, no change stamp, so keeping it invalidates no screen. It starts
    as a write (``BEGIN IMMEDIATE`` on SQLite) like ``write_session``."""
    engine = engine or get_engine()
    with engine.execution_options(**{_WRITE_OPTION: True}).begin() as connection:
        yield connection


@contextmanager
def write_session(actor: Actor, engine: Engine | None = None) -> Iterator[Session]:
    """One write transaction by ``actor``: commits on success, rolls back on any exception."""
    if not isinstance(actor, Actor):
        raise TypeError("write_session needs the acting user (an Actor)")
    engine = engine or get_engine()
    bind = engine.execution_options(**{_WRITE_OPTION: True})
    with Session(bind, expire_on_commit=False) as session:
        session.info["actor"] = actor
        try:
            with session.begin():
                yield session
            _end_shared_reads()
        except StaleDataError as exc:
            # A versioned UPDATE matched no row: someone changed or removed it meanwhile. Services
            # check versions under a row lock first; this keeps any path that does not from
            # handing SQLAlchemy's internal error to a caller, and names who changed the row.
            table = re.search(r"table '([^']+)'", str(exc))
            raise _stale_conflict(engine, table.group(1) if table else "row", session.info) from exc
        except IntegrityError as exc:
            # Services check what they can and take turns on rows that may not exist yet; a key
            # the database still refuses (a write that raced past every check) is said in words.
            _log.warning("write by %s refused by the database: %s", actor.name, exc.orig)
            raise WriteCollided(str(exc.orig)) from exc
        except OperationalError as exc:
            if not is_busy(exc):
                raise
            raise DomainError(
                "the database is busy; nothing was saved, try again in a moment", message_key="error.busy"
            ) from exc


def _stale_conflict(engine: Engine, table: str, info: dict[str, Any]) -> ConflictError:
    """The conflict a stale versioned write met, from the audit log: who changed which fields of
    the row of ``table`` this session was writing (its version as the flush saw it), after it
    was read."""
    versions = {key: v for key, v in info.get("versions", {}).items() if key[0] == table}
    with Session(engine) as reads:
        for (_, entity_id), version in versions.items():
            entries = reads.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == table, AuditEntry.entity_id == entity_id, AuditEntry.row_version > version)
                .order_by(AuditEntry.id)
            ).all()
            if entries:
                return ConflictError(
                    entity=table,
                    entity_id=entity_id,
                    changed_by=", ".join(dict.fromkeys(e.actor for e in entries)),
                    changed_fields=list(dict.fromkeys(e.field for e in entries if e.field)),
                    changed_at=entries[-1].at,
                )
    return ConflictError(entity=table, entity_id=next(iter(versions), (table, 0))[1])


@event.listens_for(Session, "before_flush")
def _remember_versions(session: Session, _flush_context: Any, _instances: Any) -> None:
    # The version each changed row had when this flush began: what a stale write was based on.
    if session.info.get("actor") is None:
        return
    versions = session.info.setdefault("versions", {})
    for obj in (*session.dirty, *session.deleted):
        version = inspect(obj).dict.get("version")
        if isinstance(version, int) and hasattr(obj, "__tablename__"):
            versions[(obj.__tablename__, obj.id)] = version


# SQLite: the busy timeout ran out. PostgreSQL: lock_not_available (lock_timeout, NOWAIT),
# deadlock_detected, and a statement cancelled by statement_timeout while it waited.
_BUSY_SQLSTATES = {"55P03", "40P01", "57014"}


def is_busy(exc: OperationalError) -> bool:
    """Whether a database error means "another writer holds the lock; try again"."""
    if getattr(exc.orig, "sqlstate", None) in _BUSY_SQLSTATES:
        return True
    text = str(exc.orig).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


def unreachable(exc: BaseException) -> str | None:
    """One line saying why the database cannot be opened (a URL SQLAlchemy cannot read, a server
    that refuses the connection or the password), naming neither URL nor password; None for any
    other error."""
    if isinstance(exc, ArgumentError | NoSuchModuleError):
        return "the database URL is not valid; expected e.g. postgresql+psycopg://user@host/db"
    if isinstance(exc, OperationalError) and exc.connection_invalidated is False and exc.statement is None:
        lines = [line.strip() for line in str(exc.orig).splitlines() if line.strip()]
        return f"cannot open the database: {lines[-1] if lines else 'no reason given'}"
    return None


@contextmanager
def one_process_at_a_time(engine: Engine, key: int) -> Iterator[None]:
    """Hold ``key`` across processes and servers for a whole block of transactions (seeding an
    empty database): PostgreSQL's session-level advisory lock on a connection of its own; for
    a SQLite file an exclusive lock on a file beside it. Whoever comes second waits, then sees
    what the first did."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                connection.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.lock-{key:x}", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)


def take_turns(session: Session, namespace: int, keys: Iterable[int]) -> bool:
    """Make write transactions touching the same ``keys`` run one after the other until commit,
    for rows that may not exist yet (nothing to lock with ``FOR UPDATE``): PostgreSQL
    transaction-level advisory locks, taken in key order so two writers never deadlock. SQLite
    needs nothing: ``BEGIN IMMEDIATE`` already admits one writer at a time. Returns whether
    turns were taken (what was read before may then be out of date)."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    for key in sorted(set(keys)):
        session.execute(text("SELECT pg_advisory_xact_lock(:namespace, :key)"), {"namespace": namespace, "key": key})
    return True


# --------------------------------------------------------------------------- audit log


def _to_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _row_json(obj: Any) -> str:
    mapper = inspect(obj).mapper
    data = {attr.key: _to_text(getattr(obj, attr.key)) for attr in mapper.column_attrs if attr.key not in _AUDIT_SKIP}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _audit_rows(session: Session) -> list[dict[str, Any]]:
    actor: Actor | None = session.info.get("actor")
    if actor is None:
        raise RuntimeError("writes must go through write_session(actor)")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows: list[dict[str, Any]] = []

    def add(obj: Any, action: AuditAction, **values: Any) -> None:
        rows.append(
            {
                "entity": obj.__tablename__,
                "entity_id": obj.id,
                "action": action,
                "actor": actor.name,
                "actor_user_id": actor.user_id,
                "row_version": getattr(obj, "version", None),
                "at": now,
                **values,
            }
        )

    for obj in session.new:
        if isinstance(obj, AuditEntry):
            continue
        add(obj, AuditAction.INSERT, field=None, old_value=None, new_value=_row_json(obj))
    for obj in session.deleted:
        add(obj, AuditAction.DELETE, field=None, old_value=_row_json(obj), new_value=None)
    for obj in session.dirty:
        state = inspect(obj)
        before = len(rows)
        for attr in state.mapper.column_attrs:
            if attr.key in _AUDIT_SKIP:
                continue
            history = state.attrs[attr.key].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if _to_text(old) == _to_text(new):
                continue
            add(obj, AuditAction.UPDATE, field=attr.key, old_value=_to_text(old), new_value=_to_text(new))
        if len(rows) == before and any(state.attrs[a.key].history.has_changes() for a in state.mapper.column_attrs):
            # Touched to bump its version (e.g. a plan whose assignments changed): record who.
            add(obj, AuditAction.UPDATE, field=None, old_value=None, new_value=None)
    return rows


@event.listens_for(Session, "after_flush")
def _write_audit_log(session: Session, _flush_context: Any) -> None:
    if session.info.get("read_only"):
        raise RuntimeError("a read session must not write")
    rows = _audit_rows(session)
    if rows:
        session.connection().execute(insert(AuditEntry.__table__), rows)
        session.info["wrote"] = True
        session.info.setdefault("wrote_tables", set()).update(row["entity"] for row in rows)


@event.listens_for(Session, "before_commit")
def _bump_change_stamp(session: Session) -> None:
    # The last statement before COMMIT, so the row lock it takes on PostgreSQL is held only for
    # the commit itself, and stamps are handed out in commit order.
    if session.info.get("actor") is None:
        return
    session.flush()
    tables = session.info.pop("wrote_tables", set())
    if session.info.pop("wrote", False):
        # Every write moves the data stamp; one that touched more than the day's operations
        # (anything a goal board shows, or a table not listed) moves the goal stamp too.
        # A write to the org tree, its people or its tasks moves the master-data stamp as well.
        ids = [DATA_STAMP] if tables <= OPERATIONS_ONLY else [DATA_STAMP, GOAL_STAMP]
        if tables & MASTER_TABLES:
            ids.append(MASTER_STAMP)
        session.connection().execute(
            update(ChangeStamp.__table__).where(ChangeStamp.id.in_(ids)).values(value=ChangeStamp.value + 1)
        )

"""Bring a database to the newest schema with Alembic; the app and the CLI call ``upgrade``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from db.engine import one_process_at_a_time

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


MIGRATION_LOCK = 0x44726966  # "Drif": the advisory lock replicas take turns on while migrating


def upgrade(engine: Engine) -> bool:
    """Migrate ``engine``'s database to head; return True when anything was applied.

    On PostgreSQL the migration holds a transaction-level advisory lock, so replicas starting
    together take turns: the first migrates, the others then find the schema at head."""
    if current_revision(engine) == head_revision():
        return False
    if engine.dialect.name == "sqlite":
        # Two processes migrating one new file both hold a read lock and both want to write:
        # SQLite refuses one at once ("database is locked"), whatever the busy timeout. They
        # take turns on a lock file beside the database instead, as servers starting together do.
        with one_process_at_a_time(engine, MIGRATION_LOCK):
            if current_revision(engine) == head_revision():
                return False
            return _upgrade(engine)
    return _upgrade(engine)


def _upgrade(engine: Engine) -> bool:
    config = alembic_config(engine)
    with _migrating(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            if MigrationContext.configure(connection).get_current_revision() == head_revision():
                return False
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate ``engine``'s database down to ``revision`` (tests of a migration's way back)."""
    config = alembic_config(engine)
    with _migrating(engine) as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """One transaction for a migration run. On SQLite foreign keys are off meanwhile (SQLite
    changes a constraint by rebuilding the table, and dropping a table others reference would
    fail) and checked before the commit, as SQLite's ALTER TABLE procedure prescribes."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # outside any transaction: inside one the pragma is a no-op
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the migration left {len(broken)} broken foreign key(s): {broken[:5]}")
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]

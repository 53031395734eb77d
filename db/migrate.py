"""Bring a database to the newest schema with Alembic; the app and the CLI call ``upgrade``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

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
    config = alembic_config(engine)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            if MigrationContext.configure(connection).get_current_revision() == head_revision():
                return False
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True

"""Administration beside the CLI: migrate, seed or replace the demo unit, and the database
maintenance in ``db.maintenance`` (backup, export, check, the change stamp).

The CLI (``python -m driftboard``) and the app call these; nothing here prints. It sits above
the services because loading the demo goes through them.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from db import maintenance, migrate
from db.engine import Engine, database_url, get_engine, is_sqlite, one_process_at_a_time
from db.maintenance import backup, check, data_stamp, database_is_empty, export_csv, stamps, wipe
from driftboard import clock, demo
from driftboard.domain import Actor, DomainError

__all__ = [
    "SeedResult",
    "backup",
    "check",
    "data_stamp",
    "database_url",
    "ensure_ready",
    "export_csv",
    "init_db",
    "restore",
    "seed",
    "stamps",
]


def restore(source: Path, *, force: bool, backup_dir: Path, engine: Engine | None = None) -> Path | None:
    """Bring back a ``backup``. A database that holds data is replaced only with ``force``, and
    only after a backup of it is written to ``backup_dir`` (returned). The schema is migrated
    afterwards, so a backup from an older version comes back at the newest schema."""
    engine = engine or get_engine()
    init_db(engine)
    kept = None
    if not database_is_empty(engine):
        if not force:
            raise DomainError(
                "the database holds data; add --force to replace it (a backup of it is taken first)",
                message_key="admin.err.restore_not_empty",
            )
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        suffix = ".db" if is_sqlite(engine) else ".dump"
        kept = backup(Path(backup_dir) / f"before-restore-{stamp}{suffix}", engine)
    maintenance.restore(Path(source), engine)
    init_db(engine)
    return kept


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
    """Load the demo unit. Refuses a database that holds data unless ``replace``; when replacing,
    a backup of the old data (SQLite file or ``pg_dump`` archive) is taken first so nothing is
    lost by mistake."""
    engine = engine or get_engine()
    init_db(engine)
    saved: Path | None = None
    if not database_is_empty(engine):
        if not replace:
            raise DomainError(
                "the database already holds data; use --replace to wipe it and load the demo unit",
                message_key="admin.err.not_empty",
            )
        if backup_dir is not None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            suffix = ".db" if is_sqlite(engine) else ".dump"  # a pg_dump archive: pg_restore reads it
            saved = backup(backup_dir / f"before-seed-{stamp}{suffix}", engine)
        wipe(actor, engine)
    summary = demo.load_demo(today or clock.today(), engine)
    return SeedResult(summary, saved)


def ensure_ready(engine: Engine | None = None) -> demo.DemoSummary | None:
    """What the app does at start: migrate, and, when ``DRIFTBOARD_DEMO=1``, load the demo unit
    into an empty database (``scripts/start.sh`` seeds it itself unless ``DRIFTBOARD_DEMO=0``).
    An empty installation otherwise opens the set-up page.

    Returns the demo summary when it was loaded now, else None.
    """
    engine = engine or get_engine()
    init_db(engine)
    if os.environ.get("DRIFTBOARD_DEMO") == "1":
        return seed_if_empty(engine=engine)
    return None


SEED_LOCK = 0x44656D6F  # "Demo": servers starting together take turns at seeding an empty database


def seed_if_empty(*, today: dt.date | None = None, engine: Engine | None = None) -> demo.DemoSummary | None:
    """Load the demo unit into an empty database, once, however many servers start together:
    they take turns, and whoever comes second finds the demo there and leaves it. Returns the
    summary when this call loaded it, else None."""
    engine = engine or get_engine()
    init_db(engine)
    with one_process_at_a_time(engine, SEED_LOCK):
        if not database_is_empty(engine):
            return None
        return demo.load_demo(today or clock.today(), engine)

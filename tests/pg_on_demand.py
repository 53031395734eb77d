"""A PostgreSQL database for a test that needs one beside SQLite (``migrate-data``, two app
servers on one database), in either pass: the PostgreSQL pass's own server, else a throw-away
cluster this process starts on first use (``tests/pgcluster.py``) and stops at exit. Without
PostgreSQL's binaries the test is skipped."""

from __future__ import annotations

import atexit
import os
import secrets

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from tests import databases, pgcluster

_cluster: pgcluster.Cluster | None = None


def server_url() -> str:
    """The maintenance URL of a running test server (started here when the pass has none)."""
    global _cluster
    if os.environ.get(databases.SERVER_ENV):
        return os.environ[databases.SERVER_ENV]
    if _cluster is None:
        try:
            pgcluster.bin_dir()
        except RuntimeError as exc:
            pytest.skip(str(exc))
        _cluster = pgcluster.start()
        atexit.register(_cluster.stop)
    return _cluster.url()


def _admin(statement: str) -> None:
    engine = create_engine(server_url(), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


def new_database(tag: str) -> str:
    """The URL (with its password) of a new, empty PostgreSQL database."""
    name = f"{tag}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{secrets.token_hex(4)}"
    _admin(f'CREATE DATABASE "{name}"')
    return make_url(server_url()).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    from db.engine import dispose_engines

    dispose_engines()
    _admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

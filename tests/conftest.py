"""Fixtures: a fresh SQLite file per test, migrated (and, where asked, holding the demo unit).

The demo unit is generated once per test session into a template file and copied for each test
that needs it, so every test still gets its own database file.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.engine import dispose_engines, get_engine  # noqa: E402
from driftboard import admin  # noqa: E402
from driftboard.domain import Actor  # noqa: E402

DEMO_DAY = dt.date(2026, 11, 25)  # a Wednesday: the current week has past and future days
TESTER = Actor("tester")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


DEMO_NOW = dt.datetime.combine(DEMO_DAY, dt.time(10, 0))  # mid-morning: today's work has begun


@pytest.fixture(autouse=True)
def _pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs at the same moment, so statuses that depend on the hour never flake."""
    monkeypatch.delenv("DRIFTBOARD_TODAY", raising=False)
    monkeypatch.setenv("DRIFTBOARD_NOW", DEMO_NOW.isoformat())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "driftboard.db"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    """A fresh, migrated, empty SQLite database."""
    engine = get_engine(sqlite_url(db_path))
    admin.init_db(engine)
    yield engine
    dispose_engines()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    engine = get_engine(sqlite_url(folder / "seeding.db"))
    admin.seed(TESTER, today=DEMO_DAY, engine=engine)
    template = admin.backup(folder / "demo.db", engine)
    dispose_engines()
    return template


@pytest.fixture
def demo_path(demo_template: Path, db_path: Path) -> Path:
    shutil.copyfile(demo_template, db_path)
    return db_path


@pytest.fixture
def demo_engine(demo_path: Path) -> Iterator[Engine]:
    """A fresh copy of the demo unit as of ``DEMO_DAY``."""
    engine = get_engine(sqlite_url(demo_path))
    yield engine
    dispose_engines()


@pytest.fixture
def demo_app(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the app (run in-process by AppTest) at a fresh demo database."""
    monkeypatch.setenv("DRIFTBOARD_DATABASE_URL", sqlite_url(demo_path))
    monkeypatch.chdir(ROOT)
    yield ROOT
    dispose_engines()


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")

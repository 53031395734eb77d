"""Fixtures: a fresh database per test, migrated (and, where asked, holding the demo unit).

The demo unit is generated once per test session into a template and copied for each test that
needs it, so every test still gets its own database. ``DRIFTBOARD_TEST_DB=postgresql`` runs the
suite on a throw-away PostgreSQL server started here (``tests/pgcluster.py``) instead of SQLite
files; tests marked ``sqlite_only``, the browser tests and the tests that touch no database
(``touches_database``) are skipped there.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.engine import dispose_engines, get_engine  # noqa: E402
from driftboard import admin  # noqa: E402
from driftboard.domain import Actor  # noqa: E402
from tests import databases  # noqa: E402

DEMO_DAY = dt.date(2026, 11, 25)  # a Wednesday: the current week has past and future days
TESTER = Actor("tester")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


DEMO_NOW = dt.datetime.combine(DEMO_DAY, dt.time(10, 0))  # mid-morning: today's work has begun


@pytest.fixture(scope="session", autouse=True)
def _installed_components_scanned_once() -> Iterator[None]:
    """Each new ``AppTest`` looks for installed custom components by reading the metadata of
    every installed package (a tenth of a second, hundreds of times a run); the installed
    packages do not change during a run, so the first answer serves them all."""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    found: list | None = None

    def once(max_workers: int | None = None) -> list:
        nonlocal found
        if found is None:
            found = scan(max_workers)
        return list(found)

    manifest_scanner.scan_component_manifests = once
    yield
    manifest_scanner.scan_component_manifests = scan


@pytest.fixture(autouse=True)
def _pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs at the same moment, so statuses that depend on the hour never flake."""
    monkeypatch.delenv("DRIFTBOARD_TODAY", raising=False)
    monkeypatch.setenv("DRIFTBOARD_NOW", DEMO_NOW.isoformat())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "driftboard.db"


SHARED_TEMPLATES = "DRIFTBOARD_TEST_TEMPLATES"


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], str]) -> str:
    """What ``make(folder)`` returns (a template database's URL), made once for the whole run:
    under xdist the first worker to ask makes it while the others wait on a lock, then every
    worker copies from the same template (one demo seeding a run, not one a worker). On SQLite,
    ``DRIFTBOARD_TEST_TEMPLATES`` names a folder shared with another pytest run: ``scripts/test.sh``
    runs the browser tests beside the SQLite pass, and they seed the demo once between them."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    if os.environ.get(SHARED_TEMPLATES) and not databases.is_postgres():
        base = Path(os.environ[SHARED_TEMPLATES])
    folder = base / name
    folder.mkdir(exist_ok=True)
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        made = folder / "url"
        if not made.exists():
            made.write_text(make(folder))
        return made.read_text()


def _empty(folder: Path) -> str:
    url = databases.new_url(folder, "empty")
    admin.init_db(get_engine(url))
    return databases.freeze(url, folder)


def _seeded(day: dt.date) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        url = databases.new_url(folder, "seeding")
        admin.seed(TESTER, today=day, engine=get_engine(url))
        return databases.freeze(url, folder)

    return make


@pytest.fixture(scope="session")
def empty_template_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated, empty database to copy from."""
    return made_once(tmp_path_factory, "empty-template", _empty)


@pytest.fixture
def db_url(empty_template_url: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, migrated, empty database."""
    url = databases.copy_of(empty_template_url, tmp_path, "driftboard")
    yield url
    databases.drop(url)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A fresh, migrated, empty database."""
    engine = get_engine(db_url)
    yield engine
    dispose_engines()


@pytest.fixture(scope="session")
def demo_template_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo unit as of ``DEMO_DAY``, seeded once for the run, to copy from."""
    return made_once(tmp_path_factory, "demo-template", _seeded(DEMO_DAY))


MONDAY = dt.date(2026, 11, 30)  # the Monday after DEMO_DAY: a new week, nothing produced yet


@pytest.fixture(scope="session")
def monday_template_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo unit as of ``MONDAY``, seeded once for the run (the Monday tests, page and TV)."""
    return made_once(tmp_path_factory, "monday-template", _seeded(MONDAY))


@pytest.fixture(scope="session")
def demo_template(demo_template_url: str) -> Path:
    """The demo template as a SQLite file (for tests that copy the file, e.g. the browser's)."""
    if databases.is_postgres():
        pytest.fail("demo_template is a SQLite file; use demo_url on PostgreSQL")
    return Path(demo_template_url.removeprefix("sqlite:///"))


@pytest.fixture
def demo_url(demo_template_url: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh copy of the demo unit as of ``DEMO_DAY``."""
    url = databases.copy_of(demo_template_url, tmp_path, "driftboard")
    yield url
    databases.drop(url)


@pytest.fixture
def demo_path(demo_template: Path, db_path: Path) -> Path:
    """A fresh copy of the demo as a SQLite file (``sqlite_only`` tests)."""
    shutil.copyfile(demo_template, db_path)
    return db_path


@pytest.fixture
def demo_engine(demo_url: str) -> Iterator[Engine]:
    """A fresh copy of the demo unit as of ``DEMO_DAY``."""
    engine = get_engine(demo_url)
    yield engine
    dispose_engines()


@pytest.fixture
def demo_app(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the app (run in-process by AppTest) at a fresh demo database."""
    monkeypatch.setenv("DRIFTBOARD_DATABASE_URL", demo_url)
    monkeypatch.chdir(ROOT)
    yield ROOT
    dispose_engines()


_cluster = None


def pytest_configure(config: pytest.Config) -> None:
    global _cluster
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    config.addinivalue_line("markers", "sqlite_only: pins SQLite itself (pragmas, the file); skipped on PostgreSQL")
    config.addinivalue_line("markers", "database: makes its own database (no database fixture); runs on both")
    # The controller starts one server before the xdist workers start; they inherit its URL.
    if databases.is_postgres() and not hasattr(config, "workerinput") and not os.environ.get(databases.SERVER_ENV):
        from tests import pgcluster

        _cluster = pgcluster.start()
        os.environ[databases.SERVER_ENV] = _cluster.url()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _cluster
    if _cluster is not None:
        _cluster.stop()
        _cluster = None


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist, called when it runs (``-n 2``)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """The browser tests go to one worker together and run one after another there (their waits
    leave the CPU to the other worker, and two Chromiums never compete); every other test is its
    own unit, handed to whichever worker is free. xdist's default hands out contiguous chunks,
    which left one worker with the browser tests and the AppTest modules after them while the
    other sat idle; its ``--dist loadgroup`` does the grouping by rewriting node ids, which
    pytest 9.2 ignores (pytest-dev/pytest-xdist#1386)."""
    if config.getoption("dist") != "load":  # another --dist asked for by name
        return None
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "browser" if nodeid.startswith("tests/browser/") else nodeid

    return BrowserTestsTogether(config, log)  # type: ignore[arg-type]


# The fixtures that hand a test a database. A test with none of them, and without the mark
# ``database`` (a test that makes its own), touches no database: the PostgreSQL pass would run it
# unchanged, so only the SQLite pass runs it, and checks there that it really opens none.
DATABASE_FIXTURES = frozenset(
    {"db_url", "engine", "demo_url", "demo_engine", "demo_app", "demo_path", "demo_template"}
    | {"demo_template_url", "empty_template_url", "monday_template_url"}
)
BROWSER = ROOT / "tests" / "browser"


def touches_database(item: pytest.Item) -> bool:
    """A database fixture, the mark, or a ``skipif`` (which may depend on the database the pass
    runs on, so the SQLite pass's check may never see the test run)."""
    return any(
        (
            DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())),
            item.get_closest_marker("database"),
            item.get_closest_marker("skipif"),
        )
    )


@pytest.fixture(autouse=True)
def _opens_no_database_unless_it_says_so(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """In the SQLite pass, a test counted as touching no database fails if it connects to one,
    makes one (``databases.new_url``, ``copy_of``) or asks which one the pass runs on
    (``is_postgres``): it would be skipped on PostgreSQL."""
    item = request.node
    if databases.is_postgres() or touches_database(item) or _in_browser_folder(item):
        yield
        return
    opened: list[str] = []
    for name in ("new_url", "copy_of", "is_postgres"):
        made = getattr(databases, name)
        monkeypatch.setattr(
            databases, name, lambda *a, _made=made, _name=name, **k: opened.append(_name) or _made(*a, **k)
        )

    def connected(*_args: object) -> None:
        opened.append("connect")

    event.listen(Engine, "engine_connect", connected)
    try:
        yield
    finally:
        event.remove(Engine, "engine_connect", connected)
    if opened:
        pytest.fail(
            f"{item.nodeid} opened a database ({', '.join(sorted(set(opened)))}) but takes no database fixture: "
            "mark it @pytest.mark.database, or the PostgreSQL pass skips it"
        )


# Typing at full speed into every grid is the browser test most sensitive to a busy CPU (a
# keystroke may land before the grid's editor has taken the one before): it runs last, after the
# other worker has usually finished the tests without a browser (a full run on 2026-12-07 lost a
# key once while both ran).
LAST = "tests/browser/test_grid_typing_browser.py"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--browser-tests",
        choices=("with", "only", "without"),
        default="with",
        help="run the browser tests with the others (default), only them, or without them "
        "(scripts/test.sh runs them beside the other passes)",
    )


def _in_browser_folder(item: pytest.Item) -> bool:
    return BROWSER in Path(item.fspath).parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    choice = config.getoption("browser_tests")
    if choice != "with":
        kept: dict[bool, list[pytest.Item]] = {True: [], False: []}
        for item in items:
            kept[_in_browser_folder(item) == (choice == "only")].append(item)
        config.hook.pytest_deselected(items=kept[False])
        items[:] = kept[True]
    items.sort(key=lambda item: item.nodeid.startswith(LAST))  # stable: the rest keep their order
    if not databases.is_postgres():
        return
    for item in items:
        if item.get_closest_marker("sqlite_only"):
            item.add_marker(pytest.mark.skip(reason="SQLite only"))
        elif _in_browser_folder(item):
            item.add_marker(pytest.mark.skip(reason="browser tests run on SQLite only"))
        elif not touches_database(item):
            item.add_marker(pytest.mark.skip(reason="touches no database: the SQLite pass runs it"))

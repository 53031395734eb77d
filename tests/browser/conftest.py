"""A real app server on a free port with its own demo database, and Debian's Chromium.

One Chromium serves all the browser tests of a worker (``scripts/test.sh`` runs them in a
process of their own, whole modules handed to two workers; a plain ``pytest -n 2`` keeps them on
one, see ``pytest_xdist_make_scheduler`` in ``tests/conftest.py``); each test gets its own browser
contexts (``page``, ``new_page``), which share no cookies, storage or cache with another test's.
A module whose tests need no fresh database (they only look, or write what no other test of the
module looks at) takes ``module_server``, one server for all of them; a test that needs a fresh
database, or stops its server, takes ``server``, its own."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

from tests.conftest import DEMO_DAY, ROOT, sqlite_url

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    db: Path
    process: subprocess.Popen  # type: ignore[type-arg]
    log: IO[str] | None = None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        if self.log is not None:
            self.log.close()


NOW = f"{DEMO_DAY.isoformat()}T10:00"


@pytest.fixture
def server(demo_template: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Start the app server (``streamlit run server.py``: app and API) on a fresh copy of the demo
    database. When the next test takes one too, its server is launched once this one is up."""
    running = _SPARE.take()
    if running is None:
        db = tmp_path / "browser.db"
        shutil.copyfile(demo_template, db)
        running = launch(db, tmp_path, now=NOW)
    try:
        wait_until_up(running)
        if "server" in getattr(_NEXT["item"], "fixturenames", ()):
            _SPARE.launch(demo_template, tmp_path_factory.mktemp("next-server"))
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def module_server(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Like ``server``, one for the whole module (a server start and its first page run cost
    seconds each): for tests that need no fresh database."""
    folder = tmp_path_factory.mktemp("module-server")
    db = folder / "browser.db"
    shutil.copyfile(demo_template, db)
    yield from serve(db, folder, now=NOW)


def launch(
    db: Path, folder: Path, *, now: str, script: str = "server.py", port: int | None = None, **env_extra: str
) -> Server:
    """Start a server on ``db`` with the clock pinned to ``now`` (and any further environment),
    logging to ``folder``, without waiting for it; ``script="app.py"`` runs the app without the
    API routes; ``port`` starts it where an earlier one ran (a restart)."""
    port = port or _free_port()
    env = {**os.environ, "DRIFTBOARD_DATABASE_URL": sqlite_url(db), "DRIFTBOARD_NOW": now, **env_extra}
    log = (folder / "server.log").open("a")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.headless", "true",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    return Server(f"http://127.0.0.1:{port}", db, process, log)


def wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    server.process.kill()
    raise RuntimeError("the app server did not start")


def serve(
    db: Path, tmp_path: Path, *, now: str, script: str = "server.py", port: int | None = None, **env_extra: str
) -> Iterator[Server]:
    """A server as ``launch`` starts it, up when this yields it and stopped when the test ends."""
    running = launch(db, tmp_path, now=now, script=script, port=port, **env_extra)
    try:
        wait_until_up(running)
        yield running
    finally:
        running.stop()


class _SpareServer:
    """The demo server for the next test that takes ``server``, launched while the test before it
    runs: its start (seconds) overlaps that test instead of delaying the next."""

    def __init__(self) -> None:
        self.server: Server | None = None

    def launch(self, template: Path, folder: Path) -> None:
        self.discard()
        db = folder / "browser.db"
        shutil.copyfile(template, db)
        self.server = launch(db, folder, now=NOW)

    def take(self) -> Server | None:
        spare, self.server = self.server, None
        return spare

    def discard(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


_SPARE = _SpareServer()
_NEXT: dict[str, pytest.Item | None] = {"item": None}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Note the test that runs next (``server`` launches its server ahead)."""
    _NEXT["item"] = nextitem
    return (yield)


ARTIFACTS = ROOT / "artifacts"

# True once no script run is under way, every chart on screen has drawn, and no element of the
# page has moved or changed size for ``quiet`` ms (state kept in the window: a reload starts over).
_SETTLED = """
(quiet) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .filter((c) => c.getClientRects().length);
  if (!app || !main || app.getAttribute('data-test-script-state') !== 'notRunning'
      || charts.some((c) => !c.querySelector('canvas, svg'))) {
    window.__settled = null;
    return false;
  }
  const key = main.scrollHeight + '|' + [...main.querySelectorAll('[data-testid="stElementContainer"]')]
    .map((e) => { const b = e.getBoundingClientRect(); return [b.top, b.left, b.width, b.height].join(); })
    .join(';');
  const now = performance.now();
  if (!window.__settled || window.__settled.key !== key) {
    window.__settled = { key, since: now };
    return false;
  }
  return now - window.__settled.since >= quiet;
}
"""


def track_scripts(page) -> None:  # type: ignore[no-untyped-def]
    """Keep ``page``'s script fetches under way, for ``settle`` (on the page object: this module
    is imported twice, as pytest's conftest and by the test modules). Streamlit fetches an
    element's code the first time the page draws one (the HTML element that brings the page's
    style, the grid, a custom component): until it has come, the element or its style is not
    there."""
    under_way: set = set()
    page.driftboard_scripts_under_way = under_way

    def started(request) -> None:  # type: ignore[no-untyped-def]
        if request.resource_type == "script":
            under_way.add(request)

    def ended(request) -> None:  # type: ignore[no-untyped-def]
        under_way.discard(request)

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)


def settle(page, quiet_ms: int = 750, timeout_ms: int = 60_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until the page has drawn and stopped moving: no run under way, its charts drawn, no
    element's code still being fetched (a page from ``new_page``), its layout unchanged for
    ``quiet_ms`` (instead of a fixed pause that is too long on a quiet machine and too short on a
    busy one). A reload meanwhile (a kiosk adding its screen size to the address) starts the
    wait over."""
    deadline = time.monotonic() + timeout_ms / 1000
    under_way = getattr(page, "driftboard_scripts_under_way", set())
    while True:
        try:
            page.wait_for_function(
                _SETTLED, arg=quiet_ms, polling=100, timeout=max(1, (deadline - time.monotonic()) * 1000)
            )
        except Exception as exc:
            if "context was destroyed" not in str(exc) or time.monotonic() > deadline:
                raise
            continue
        if not under_way:
            return
        while under_way:  # the code comes, then the quiet period starts over
            if time.monotonic() > deadline:
                raise TimeoutError(f"settle: scripts still being fetched: {[r.url for r in under_way]}")
            page.wait_for_timeout(50)
        with contextlib.suppress(Exception):  # a reload meanwhile starts over by itself
            page.evaluate("() => { window.__settled = null; }")


class _SharedChromium:
    """Playwright and one Chromium, started on first use and kept for the worker's next test."""

    def __init__(self) -> None:
        self.playwright = None
        self.browser = None

    def get(self):  # type: ignore[no-untyped-def]
        if self.browser is None or not self.browser.is_connected():
            self.stop()
            from playwright.sync_api import sync_playwright

            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        return self.browser

    def stop(self) -> None:
        if self.browser is not None:
            with contextlib.suppress(Exception):  # a crashed Chromium has nothing to close
                self.browser.close()
        if self.playwright is not None:
            self.playwright.stop()
        self.browser = self.playwright = None


_SHARED = _SharedChromium()


@pytest.fixture(autouse=True)
def _shared_chromium_stops_for_a_test_with_its_own(request: pytest.FixtureRequest) -> None:
    """A test that starts Playwright itself (``sync_playwright()``) cannot while another instance
    runs in the thread: the shared one is stopped before it (and started again when needed)."""
    if "chromium" not in request.fixturenames:
        _SHARED.stop()


@pytest.hookimpl(trylast=True)  # after the test's own fixtures closed their contexts
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """The shared Chromium stops after the last browser test (the worker may go on with others),
    a spare server when the next test does not take it."""
    if "server" not in getattr(nextitem, "fixturenames", ()):
        _SPARE.discard()
    if nextitem is None or Path(__file__).parent not in Path(nextitem.fspath).parents:
        _SHARED.stop()


@pytest.fixture
def chromium():  # type: ignore[no-untyped-def]
    """Debian's Chromium, shared by the worker's browser tests: open pages through ``new_page``."""
    pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (apt-get install chromium)")
    return _SHARED.get()


@pytest.fixture
def new_page(chromium):  # type: ignore[no-untyped-def]
    """``new_page(width, height, touch=False)``: a page in a browser context of its own (a person
    of their own; ``touch``: a phone's, touch events and the mobile viewport), closed when the
    test ends."""
    contexts = []

    def new(width: int = 1920, height: int = 1080, *, touch: bool = False):  # type: ignore[no-untyped-def]
        context = chromium.new_context(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch)
        contexts.append(context)
        page = context.new_page()
        track_scripts(page)
        return page

    yield new
    for context in contexts:
        with contextlib.suppress(Exception):  # already closed by the test
            context.close()


@pytest.fixture
def page(new_page):  # type: ignore[no-untyped-def]
    """A 1920×1080 page (a kiosk's TV)."""
    return new_page()

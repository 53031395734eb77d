"""A real app server on a free port with its own demo database, and Debian's Chromium."""

from __future__ import annotations

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

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@pytest.fixture
def server(demo_template: Path, tmp_path: Path) -> Iterator[Server]:
    """Start the app server (``streamlit run server.py``: app and API) on a fresh copy of the demo database."""
    db = tmp_path / "browser.db"
    shutil.copyfile(demo_template, db)
    yield from serve(db, tmp_path, now=f"{DEMO_DAY.isoformat()}T10:00")


def serve(
    db: Path, tmp_path: Path, *, now: str, script: str = "server.py", port: int | None = None, **env_extra: str
) -> Iterator[Server]:
    """A server on ``db`` with the clock pinned to ``now`` (and any further environment),
    stopped when the test ends; ``script="app.py"`` runs the app without the API routes;
    ``port`` starts it where an earlier one ran (a restart)."""
    port = port or _free_port()
    env = {**os.environ, "DRIFTBOARD_DATABASE_URL": sqlite_url(db), "DRIFTBOARD_NOW": now, **env_extra}
    log = (tmp_path / "server.log").open("a")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.headless", "true",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        raise RuntimeError("the app server did not start")
    running = Server(url, db, process)
    try:
        yield running
    finally:
        running.stop()
        log.close()


ARTIFACTS = ROOT / "artifacts"


@pytest.fixture
def page(server):  # type: ignore[no-untyped-def]
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (apt-get install chromium)")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1920, "height": 1080})
        yield context.new_page()
        context.close()
        browser.close()

"""Regenerate the README screenshots under docs/ (run after UI changes).

Starts the app on a free port with a fresh demo database and the clock pinned (a Wednesday at
10:00 for the boards; Monday 30.11 at 9:00, before anything is produced, for the meeting
shot), opens pages in Debian's Chromium through Playwright and saves PNGs. Needs `apt-get install chromium` and the
dev requirements (`pip install playwright`; Playwright's own browser download is not used).

    .venv/bin/python scripts/screenshots.py [--out docs]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
# (moment the clock is pinned to, the shots taken at it)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# (file, page, viewport, an element that shows the content has rendered)
BOARD_SHOTS = [
    ("operations-board.png", "/operations?team=home-coop&lang=en", (1920, 1080), '[data-testid="stTable"]'),
    ("goals-board.png", "/goals?unit=loan-service&lang=en", (1920, 1080), '[data-testid="stMetric"]'),
    ("improvement-board.png", "/improvement?team=contact-follow-up&lang=da", (1920, 1080), ".kanban .card"),
    (
        "kiosk-operations-da.png",
        "/operations?team=car-consumer&kiosk=1&lang=da",
        (1920, 1080),
        '[data-testid="stTable"]',
    ),
    ("maturity-kiosk.png", "/maturity?unit=loan-service&kiosk=1&lang=en", (1920, 1080), '[data-testid="stMetric"]'),
]
MONDAY_SHOTS = [
    ("monday-0900-after.png", "/operations?team=home-coop&lang=en", (1920, 1080), '[data-testid="stTable"]'),
]
# Thursday: the leader plans the coming week. A section of the page, from its heading to its chart.
PLANNING_SHOTS = [
    (
        "planning-forecast.png",
        "/planning?team=contact-follow-up&lang=en",
        (1500, 3200),
        '[data-testid="stVegaLiteChart"]',
        "Forecast intake → hours needed → hours planned",
    ),
]
SESSIONS = [("2026-11-25T10:00", BOARD_SHOTS), ("2026-11-30T09:00", MONDAY_SHOTS), ("2026-11-26T10:00", PLANNING_SHOTS)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the app did not start")


@contextmanager
def running_app(moment: str) -> Iterator[str]:
    """A fresh demo database generated for ``moment``'s day, the app serving it on a free port
    with the clock pinned to ``moment``; yields the base URL."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DRIFTBOARD_DATABASE_URL": f"sqlite:///{tmp}/screens.db", "DRIFTBOARD_NOW": moment}
        env.pop("DRIFTBOARD_TODAY", None)
        subprocess.run([sys.executable, "-m", "driftboard", "seed"], env=env, cwd=ROOT, check=True)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(port),
             "--server.headless", "true", "--server.fileWatcherType", "none"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            wait_healthy(base)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=20)


def shoot(browser: Browser, url: str, viewport: tuple[int, int], ready: str, path: Path) -> None:
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.goto(url)
    page.wait_for_selector(ready, timeout=60_000)
    page.wait_for_timeout(2500)  # let the charts finish drawing
    page.screenshot(path=str(path))
    page.close()
    print(f"wrote {path}")


def shoot_section(browser: Browser, url: str, viewport: tuple[int, int], chart: str, heading: str, path: Path) -> None:
    """From the ``heading`` text down to the first ``chart`` below it (a viewport tall enough
    that nothing scrolls, so the boxes are page coordinates)."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.goto(url)
    page.wait_for_selector(chart, timeout=180_000)
    page.wait_for_timeout(3000)
    top = page.get_by_text(heading).first.bounding_box()
    bottom = page.locator(chart).first.bounding_box()
    assert top and bottom
    height = bottom["y"] + bottom["height"] - top["y"] + 20
    page.screenshot(path=str(path), clip={"x": 0, "y": top["y"] - 10, "width": viewport[0], "height": height})
    page.close()
    print(f"wrote {path}")


def take(moment: str, shots: list[tuple], out: Path) -> None:
    with running_app(moment) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, path, viewport, ready, *section in shots:
            if section:
                shoot_section(browser, base + path, viewport, ready, section[0], out / name)
            else:
                shoot(browser, base + path, viewport, ready, out / name)
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for moment, shots in SESSIONS:
        take(moment, shots, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

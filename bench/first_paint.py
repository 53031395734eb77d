"""Benchmark: a shared screen's first paint in Chromium, beside a minimal Streamlit page.

From navigation to the first board number on the screen (the first table cell of the
operations board, a tile value of the goal board, a card of the improvement board), for a
kiosk URL without the screen's size in it, as a TV opens a bookmarked link. Four moments:

- **new TV, cold server**: the first load after the server started, in a browser with an empty
  cache (the worst case: a new screen right after an upgrade);
- **new TV**: the median of ``--runs`` loads, each in a new browser context (empty cache), the
  server warm;
- **TV reload**: the median of ``--runs`` loads in one browser whose cache holds the app's
  files, the server warm (a TV on the wall reloading or reconnecting: the everyday case);
- **TV after a restart**: that browser's first load after the server restarted on the same
  address (its cache warm, the server's empty).

``loads``: how many documents the browser loaded before the number showed (2 means the page
reloaded itself once before drawing the board).

A minimal page (a title and a line of text, its own server) is measured the same way in the
same run: the yardstick. ``--repo`` measures another checkout of the app (e.g. the commit before
a change) with this script.

    .venv/bin/python bench/first_paint.py --runs 10
    .venv/bin/python bench/first_paint.py --db sqlite:////work/bigdb/big.sqlite --team <slug>
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app_server import CHROMIUM_ARGS, DAY, ROOT, wait_healthy  # first: puts the project on the path
from playwright.sync_api import Browser, Page, sync_playwright
from screenshots import free_port

# What shows that a board has drawn its first number.
BOARDS = {
    "operations": ':is([data-testid="stTable"], .db-table) td',
    "goals": '.db-tile-value, :is([data-testid="stTable"], .db-table) td',
    "improvement": ".kanban .card .title",
}
MINIMAL = 'import streamlit as st\nst.title("Minimal")\nst.write("A line of text.")\n'


@dataclass(frozen=True)
class Paint:
    new_tv_cold_ms: float
    new_tv_ms: float
    reload_ms: float
    restart_ms: float
    loads: int


def _server(repo: Path, script: str, env: dict[str, str], port: int | None = None) -> tuple[subprocess.Popen, str]:
    port = port or free_port()
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)]
    command += ["--server.headless", "true", "--server.fileWatcherType", "none"]
    server = subprocess.Popen(command, env=env, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, timeout=120)
    return server, url


def _paint(page: Page, url: str, selector: str) -> tuple[float, int]:
    loads = []
    page.on("load", lambda: loads.append(1))
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator(selector).first.wait_for(timeout=120_000)
    took = (time.perf_counter() - start) * 1000
    page.goto("about:blank")
    return took, max(1, len(loads) - 1)  # the blank page's load is not the board's


def _new_tv(browser: Browser, url: str, selector: str, size: tuple[int, int]) -> tuple[float, int]:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        return _paint(context.new_page(), url, selector)
    finally:
        context.close()


def measure(
    browser: Browser, start: Callable[[int | None], tuple[subprocess.Popen, str]], path: str, selector: str,
    size: tuple[int, int], runs: int,
) -> Paint:  # fmt: skip
    """The four moments for one page; ``start(port)`` starts its server (a free port when None)."""
    server, url = start(None)
    tv = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        cold, loads = _new_tv(browser, url + path, selector, size)
        new_tv = [_new_tv(browser, url + path, selector, size)[0] for _ in range(runs)]
        page = tv.new_page()
        _paint(page, url + path, selector)  # the TV's cache now holds the app's files
        reloads = [_paint(page, url + path, selector)[0] for _ in range(runs)]
        server.terminate()
        server.wait(timeout=30)
        server, _ = start(int(url.rsplit(":", 1)[1]))
        restart, _ = _paint(page, url + path, selector)
    finally:
        tv.close()
        server.terminate()
    return Paint(cold, statistics.median(new_tv), statistics.median(reloads), restart, loads)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", type=Path, default=ROOT, help="the checkout to start (default: this one)")
    parser.add_argument("--db", help="database URL (default: a fresh demo SQLite database)")
    parser.add_argument("--team", default="car-consumer", help="the team the screen shows")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--size", default="1920x1080", help="the screen, WIDTHxHEIGHT")
    parser.add_argument("--boards", default=",".join(BOARDS), help="comma-separated: " + ", ".join(BOARDS))
    args = parser.parse_args(argv)
    size = tuple(int(n) for n in args.size.split("x"))
    folder = Path(tempfile.mkdtemp(prefix="first-paint-"))
    env = {**os.environ, "DRIFTBOARD_TODAY": DAY, "DRIFTBOARD_DATABASE_URL": args.db or f"sqlite:///{folder}/demo.db"}
    if args.db is None:
        for step in (["init-db"], ["seed", "--date", DAY]):
            subprocess.run([sys.executable, "-m", "driftboard", *step], env=env, cwd=args.repo, check=True)
    (folder / "minimal.py").write_text(MINIMAL)
    rows: list[tuple[str, Paint]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        minimal = functools.partial(_server, folder, "minimal.py", dict(os.environ))
        rows.append(("minimal page", measure(browser, lambda port: minimal(port=port), "/", "h1", size, args.runs)))
        app = functools.partial(_server, args.repo, "server.py", env)
        for board in args.boards.split(","):  # a fresh server per board: a cold first load
            path = f"/{board}?team={args.team}&kiosk=1&lang=en"
            rows.append((board, measure(browser, lambda port: app(port=port), path, BOARDS[board], size, args.runs)))
        browser.close()
    print(f"First paint, {args.size}, {args.runs} runs, {args.repo}, {env['DRIFTBOARD_DATABASE_URL']}")
    print("| page | new TV, cold server ms | new TV ms | TV reload ms | TV after a restart ms | documents |")
    print("|---|---|---|---|---|---|")
    for name, paint in rows:
        print(
            f"| {name} | {paint.new_tv_cold_ms:,.0f} | {paint.new_tv_ms:,.0f} | {paint.reload_ms:,.0f} "
            f"| {paint.restart_ms:,.0f} | {paint.loads} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

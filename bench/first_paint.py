"""Benchmark: a shared screen's first paint in Chromium, beside a minimal Streamlit page.

From navigation to the first board number on the screen (the first table cell of the
operations board, a tile value of the goal board, a card of the improvement board), for a
kiosk URL without the screen's size in it, as a TV opens a bookmarked link:

- **cold**: the first load after the server started (its caches empty);
- **warm**: the median of the following ``--runs`` loads, each in a new browser context (a TV
  reconnecting), the server warm;
- **loads**: how many documents the browser loaded before the number showed (2 means the page
  reloaded itself once before drawing the board).

A minimal page (a title and a line of text, its own server) is measured the same way in the
same run: the yardstick. ``--repo`` measures another checkout of the app (e.g. the commit before
a change) with this script.

    .venv/bin/python bench/first_paint.py --runs 10
    .venv/bin/python bench/first_paint.py --db sqlite:////work/bigdb/big.sqlite --team <slug>
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from app_server import CHROMIUM_ARGS, DAY, ROOT, wait_healthy  # first: puts the project on the path
from playwright.sync_api import Browser, sync_playwright
from screenshots import free_port

# What shows that a board has drawn its first number.
BOARDS = {
    "operations": '[data-testid="stTable"] td',
    "goals": '[data-testid="stMetricValue"], [data-testid="stTable"] td',
    "improvement": ".kanban .card .title",
}
MINIMAL = 'import streamlit as st\nst.title("Minimal")\nst.write("A line of text.")\n'


@dataclass(frozen=True)
class Paint:
    cold_ms: float
    warm_ms: float
    loads: int


def _server(repo: Path, script: str, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)]
    command += ["--server.headless", "true", "--server.fileWatcherType", "none"]
    server = subprocess.Popen(command, env=env, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, timeout=120)
    return server, url


def _paint(browser: Browser, url: str, selector: str, size: tuple[int, int]) -> tuple[float, int]:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    loads = []
    page.on("load", lambda: loads.append(1))
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator(selector).first.wait_for(timeout=120_000)
    took = (time.perf_counter() - start) * 1000
    context.close()
    return took, len(loads) or 1


def measure(browser: Browser, url: str, selector: str, size: tuple[int, int], runs: int) -> Paint:
    cold, loads = _paint(browser, url, selector, size)
    warm = [_paint(browser, url, selector, size)[0] for _ in range(runs)]
    return Paint(cold, statistics.median(warm), loads)


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
        server, url = _server(folder, "minimal.py", dict(os.environ))
        try:
            rows.append(("minimal page", measure(browser, url, "h1", size, args.runs)))
        finally:
            server.terminate()
        for board in args.boards.split(","):
            server, url = _server(args.repo, "server.py", env)  # a fresh server per board: a cold first load
            try:
                target = f"{url}/{board}?team={args.team}&kiosk=1&lang=en"
                rows.append((board, measure(browser, target, BOARDS[board], size, args.runs)))
            finally:
                server.terminate()
        browser.close()
    print(f"First paint, {args.size}, {args.runs} warm runs, {args.repo}, {env['DRIFTBOARD_DATABASE_URL']}")
    print("| page | cold ms | warm ms (median) | documents loaded |")
    print("|---|---|---|---|")
    for name, paint in rows:
        print(f"| {name} | {paint.cold_ms:,.0f} | {paint.warm_ms:,.0f} | {paint.loads} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

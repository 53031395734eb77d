"""Benchmark: many shared screens of different teams on one server.

Starts the app on a free port against a database (``--url``; default a fresh demo), opens
``--sessions`` kiosk screens of different teams in Debian's Chromium (spread over a few browser
contexts), lets each refresh every ``--refresh`` seconds for ``--seconds`` seconds while a
production day of the first screen's team is recorded every ``--write-every`` seconds, and
prints the server's CPU use and its resident memory before and after, and as median and 95th
percentile:

- the poll: a screen asking the server every interval whether its board changed
  (``/api/v1/live/…``), from request to response;
- a rerun: the browser's rerun request to the server's "script finished", read off the websocket
  (a screen reruns only when its board changed: the written team's screen after each write);
- a write reaching its screen: from the commit to the end of that screen's rerun, which also
  counts the wait for the next poll (at most one interval) and the 2 s stamp cache.

    .venv/bin/python bench/kiosk_sessions.py --url sqlite:////work/bigdb/big.sqlite \
        [--sessions 50] [--contexts 5] [--refresh 5] [--seconds 300] [--board operations]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from typing import TypeVar

from app_server import CHROMIUM_ARGS, DAY, ROOT, cpu_seconds, rss_mb, start_app, wait_healthy
from google.protobuf.message import DecodeError, Message
from playwright.sync_api import sync_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

M = TypeVar("M", bound=Message)


def _parsed(msg: M, payload: bytes | str) -> M | None:
    """A websocket frame as Streamlit's message ``msg``; None for a text frame or another kind."""
    if isinstance(payload, str):
        return None
    try:
        msg.ParseFromString(payload)
    except DecodeError:
        return None
    return msg


class Latencies:
    """Per screen: rerun latency (a rerun request sent → the run's ``script_finished``), poll
    latency, and when each rerun finished (to time a write reaching its screen)."""

    def __init__(self) -> None:
        self.pending: dict[int, float] = {}
        self.samples: list[float] = []
        self.polls: list[float] = []
        self.failed_polls = 0
        self.finished: dict[int, int] = defaultdict(int)
        self.finished_at: dict[int, list[float]] = defaultdict(list)
        self.recording = False

    def attach(self, page, index: int) -> None:  # type: ignore[no-untyped-def]
        def on_socket(ws) -> None:  # type: ignore[no-untyped-def]
            ws.on("framesent", lambda payload: self._sent(index, payload))
            ws.on("framereceived", lambda payload: self._received(index, payload))

        page.on("websocket", on_socket)
        page.on("requestfinished", self._poll)
        page.on("requestfailed", self._poll_failed)

    def _poll(self, request) -> None:  # type: ignore[no-untyped-def]
        if "/api/v1/live/" not in request.url or not self.recording:
            return
        timing = request.timing
        if timing["responseEnd"] >= 0:
            self.polls.append(timing["responseEnd"] / 1000)

    def _poll_failed(self, request) -> None:  # type: ignore[no-untyped-def]
        if "/api/v1/live/" in request.url and self.recording:
            self.failed_polls += 1

    def _sent(self, index: int, payload: bytes | str) -> None:
        msg = _parsed(BackMsg(), payload)
        if msg is not None and msg.WhichOneof("type") == "rerun_script" and self.recording:  # not a warm-up's rerun
            self.pending[index] = time.perf_counter()

    def _received(self, index: int, payload: bytes | str) -> None:
        msg = _parsed(ForwardMsg(), payload)
        if msg is None or msg.WhichOneof("type") != "script_finished":
            return
        self.finished[index] += 1
        self.finished_at[index].append(time.perf_counter())
        sent = self.pending.pop(index, None)
        if sent is not None and self.recording:
            self.samples.append(time.perf_counter() - sent)


def _spread(seconds: list[float]) -> str:
    """``median / p95`` in ms."""
    if not seconds:
        return "–"
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"{statistics.median(ordered) * 1000:.0f} / {p95 * 1000:.0f} ms"


def teams_of(url: str, count: int) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        slugs = list(
            conn.execute(text("SELECT slug FROM org_units WHERE level = 'team' AND active ORDER BY id")).scalars()
        )
    engine.dispose()
    step = max(1, len(slugs) // count)
    chosen = slugs[::step][:count]
    while len(chosen) < count:  # a small database: screens share teams
        chosen.append(slugs[len(chosen) % len(slugs)])
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="database URL (default: a fresh demo database)")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--contexts", type=int, default=5)
    parser.add_argument("--refresh", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--write-every", type=float, default=10.0, help="seconds between production writes (0: none)")
    parser.add_argument("--warmup", type=float, default=120.0, help="seconds to wait for every screen's first board")
    parser.add_argument("--board", default="operations", choices=("operations", "goals", "improvement", "mixed"))
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    url = args.url
    env = {**os.environ, "DRIFTBOARD_TODAY": DAY, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    if url is None:
        url = f"sqlite:///{tmp.name}/bench.db"
        seed_env = {**env, "DRIFTBOARD_DATABASE_URL": url}
        seed = [sys.executable, "-m", "driftboard", "seed", "--date", DAY]
        subprocess.run(seed, env=seed_env, cwd=ROOT, check=True, capture_output=True)
    env["DRIFTBOARD_DATABASE_URL"] = url
    os.environ["DRIFTBOARD_DATABASE_URL"] = url
    os.environ["DRIFTBOARD_TODAY"] = DAY
    teams = teams_of(url, args.sessions)
    server, base = start_app(env)

    from db.engine import get_engine
    from driftboard.domain import Actor
    from driftboard.services import masterdata, production
    from tests.databases import query

    writer_team = masterdata.find_team(teams[0])
    engine = get_engine(url)
    task_id = query(engine, f"SELECT id FROM tasks WHERE team_id = {writer_team.id} ORDER BY sort_order, id LIMIT 1")[
        0
    ]["id"]
    day = dt.date.fromisoformat(DAY) - dt.timedelta(days=1)
    old = query(engine, f"SELECT produced FROM production WHERE task_id = {task_id} AND date = '{day.isoformat()}'")
    boards = ["operations", "goals", "improvement"]
    latencies = Latencies()
    written = 0
    try:
        wait_healthy(base)
        started_at = rss_mb(server.pid)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            contexts = [browser.new_context(viewport={"width": 1920, "height": 1080}) for _ in range(args.contexts)]
            pages = []
            opening = time.monotonic()
            for i, team in enumerate(teams):
                board = boards[i % 3] if args.board == "mixed" else args.board
                param = "unit" if board == "goals" else "team"
                page = contexts[i % len(contexts)].new_page()
                latencies.attach(page, i)
                # No timeout: 50 screens opening at once queue on the server.
                page.goto(
                    f"{base}/{board}?{param}={team}&kiosk=1&refresh={args.refresh}", wait_until="commit", timeout=0
                )
                pages.append(page)
            # Warm-up: every screen has drawn its board once.
            print(f"{len(pages)} screens opened in {time.monotonic() - opening:.0f} s", flush=True)
            deadline = time.monotonic() + args.warmup
            while time.monotonic() < deadline and sum(1 for i in range(len(pages)) if latencies.finished[i]) < len(
                pages
            ):
                pages[0].wait_for_timeout(500)
            opened = time.monotonic() - opening
            drawn = sum(1 for i in range(len(pages)) if latencies.finished[i])
            print(
                f"{drawn}/{len(pages)} screens drawn after {opened:.0f} s; server RSS {rss_mb(server.pid):.0f} MB",
                flush=True,
            )
            before_mb = rss_mb(server.pid)
            cpu_before = cpu_seconds(server.pid)
            latencies.recording = True
            start = time.monotonic()
            next_write = start
            next_report = start
            writes_at: list[float] = []
            print(f"{'seconds':>8} {'polls':>6} {'reruns':>7} {'server RSS MB':>14} {'poll median ms':>15}")
            while (now := time.monotonic()) - start < args.seconds:
                if args.write_every and now >= next_write:
                    written += 1
                    production.record_production(Actor("bench"), writer_team.id, day, {task_id: 30 + written % 7})
                    writes_at.append(time.perf_counter())
                    next_write += args.write_every
                if now >= next_report:
                    median = statistics.median(latencies.polls) * 1000 if latencies.polls else float("nan")
                    print(
                        f"{now - start:8.0f} {len(latencies.polls):6d} {len(latencies.samples):7d} "
                        f"{rss_mb(server.pid):14.1f} {median:15.0f}",
                        flush=True,
                    )
                    next_report += args.seconds / 10
                pages[0].wait_for_timeout(250)
            elapsed = time.monotonic() - start
            cpu = (cpu_seconds(server.pid) - cpu_before) / elapsed * 100
            after_mb = rss_mb(server.pid)
            expected = len(pages) * elapsed / args.refresh
            # A write reaches its screen when the first rerun after it finishes.
            reached = []
            for n, at in enumerate(writes_at):
                until = writes_at[n + 1] if n + 1 < len(writes_at) else float("inf")
                first = next((f for f in latencies.finished_at[0] if at < f < until), None)
                if first is not None:
                    reached.append(first - at)
            print()
            print(
                f"Kiosk bench, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {url.split('://')[0]}, board {args.board}"
            )
            print(
                "| screens | refresh | seconds | polls answered (expected), failed | poll median / p95 "
                "| reruns | rerun median / p95 | write on its screen median / p95 (writes reached) "
                "| server CPU | RSS before → after |"
            )
            print("|---|---|---|---|---|---|---|---|---|---|")
            print(
                f"| {len(pages)} | {args.refresh} s | {elapsed:.0f} "
                f"| {len(latencies.polls)} ({expected:.0f}), {latencies.failed_polls} | {_spread(latencies.polls)} "
                f"| {len(latencies.samples)} | {_spread(latencies.samples)} "
                f"| {_spread(reached)} ({len(reached)}/{written}) "
                f"| {cpu:.0f} % of a core | {before_mb:.0f} → {after_mb:.0f} MB ({after_mb - before_mb:+.0f}) |"
            )
            print(f"(server RSS at start, before any screen: {started_at:.0f} MB)")
            browser.close()
    finally:
        if written:  # leave the database as it was: the number put back, or the cell it made removed
            if old:
                production.record_production(Actor("bench"), writer_team.id, day, {task_id: int(old[0]["produced"])})
            else:
                from sqlalchemy import text

                with engine.begin() as conn:
                    conn.execute(
                        text("DELETE FROM production WHERE task_id = :t AND date = :d"),
                        {"t": task_id, "d": day.isoformat()},
                    )
        server.terminate()
        server.wait(timeout=30)
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

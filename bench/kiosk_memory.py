"""Benchmark: server memory of the shared screen over hundreds of live refreshes.

Starts the app on a free port with a fresh demo database, opens several kiosk screens in
Debian's Chromium with a 2-second refresh, writes production every few seconds (so boards are
really reloaded, not only served from the cache) and prints the server's resident memory as it
goes. Flat memory after the warm-up means a screen can run all day.

    .venv/bin/python bench/kiosk_memory.py [--screens 6] [--seconds 180]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time

from app_server import CHROMIUM_ARGS, DAY, ROOT, rss_mb, start_app, wait_healthy
from playwright.sync_api import sync_playwright


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screens", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--refresh", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        env = {**os.environ, "DRIFTBOARD_DATABASE_URL": url, "DRIFTBOARD_TODAY": DAY}
        subprocess.run([sys.executable, "-m", "driftboard", "seed"], env=env, cwd=ROOT, check=True, capture_output=True)
        server, base = start_app(env)
        os.environ["DRIFTBOARD_DATABASE_URL"] = url
        from driftboard.domain import Actor
        from driftboard.services import masterdata, operations_board, production

        team = masterdata.find_team("mortgage")
        task = operations_board.load_board(team.id, dt.date.fromisoformat(DAY)).tasks[0]
        try:
            wait_healthy(base)
            boards = ["operations?team=mortgage", "goals?unit=mortgage", "improvement?team=mortgage"]
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                pages = []
                for i in range(args.screens):
                    page = browser.new_page(viewport={"width": 1920, "height": 1080})
                    page.goto(f"{base}/{boards[i % len(boards)]}&kiosk=1&refresh={args.refresh}")
                    pages.append(page)
                start = time.monotonic()
                print(f"{'seconds':>8} {'refreshes':>10} {'server RSS MB':>14}")
                written = 0
                next_report = 0.0
                baseline = None
                while (elapsed := time.monotonic() - start) < args.seconds:
                    if elapsed >= next_report:
                        refreshes = int(elapsed / args.refresh) * args.screens
                        rss = rss_mb(server.pid)
                        baseline = baseline or rss
                        print(f"{elapsed:8.0f} {refreshes:10d} {rss:14.1f}", flush=True)
                        next_report += args.seconds / 6
                    written += 1
                    production.record_production(
                        Actor("bench"), team.id, dt.date.fromisoformat(DAY), {task.id: written}
                    )
                    for page in pages:
                        page.wait_for_timeout(5000 / len(pages))
                final = rss_mb(server.pid)
                refreshes = int(args.seconds / args.refresh) * args.screens
                print(f"{args.seconds:8d} {refreshes:10d} {final:14.1f}")
                print(f"growth after warm-up: {final - (baseline or final):+.1f} MB over ~{refreshes} refreshes "
                      f"and {written} production writes")  # fmt: skip
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

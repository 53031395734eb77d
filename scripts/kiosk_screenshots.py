"""Screenshots of the three kiosk boards (the shared TV) at 1920×1080 and 3840×2160, in English
and Danish, at Monday 2026-11-30 09:00 (the 9:00 board meeting), for a visual check.

Starts the app on a free port with a fresh demo database generated for that Monday, opens each
board with ``?kiosk=1`` in Debian's Chromium through Playwright and saves full-viewport PNGs.

    .venv/bin/python scripts/kiosk_screenshots.py [--out /tmp/kiosk-shots] [--team mortgage]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import CHROMIUM_ARGS, running_app, shoot

MONDAY_NINE = "2026-11-30T09:00"
VIEWPORTS = [(1920, 1080), (3840, 2160)]
# board, path with the team's parameter, an element that shows the board has rendered
BOARDS = [
    ("operations", "/operations?team={team}", '[data-testid="stTable"]'),
    ("goals", "/goals?unit={team}", '[data-testid="stMetric"]'),
    ("improvement", "/improvement?team={team}", ".kanban .card"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/kiosk-shots")
    parser.add_argument("--team", default="mortgage")
    parser.add_argument("--board", action="append", help="only these boards (repeatable)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with running_app(MONDAY_NINE) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for board, path, ready in BOARDS:
            if args.board and board not in args.board:
                continue
            for viewport in VIEWPORTS:
                for lang in ("en", "da"):
                    url = f"{base}{path.format(team=args.team)}&kiosk=1&lang={lang}"
                    shoot(browser, url, viewport, ready, out / f"{board}-{viewport[0]}x{viewport[1]}-{lang}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A core system posts to the ingest API of the running server; the team's kiosk board shows
the numbers within one refresh, without a reload — production and the robot's share."""

from __future__ import annotations

import json
import time
import urllib.request

from db.engine import dispose_engines, get_engine
from driftboard.domain import Actor
from driftboard.services import api_tokens
from tests.browser.conftest import ARTIFACTS
from tests.conftest import DEMO_DAY, sqlite_url

REFRESH = 3  # seconds between the kiosk's refreshes


def _post(url: str, token: str, path: str, rows: list[dict]) -> dict:
    request = urllib.request.Request(
        f"{url}{path}", data=json.dumps({"rows": rows}).encode(), method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_the_kiosk_shows_posted_numbers_within_one_refresh(server, page):
    token = api_tokens.create_api_token(
        Actor("setup"), "Core banking", "loan-service", get_engine(sqlite_url(server.db))
    )[1]
    dispose_engines()
    page.goto(f"{server.url}/operations?team=home-coop&kiosk=1&lang=en&refresh={REFRESH}")
    # The screen clips a long task name ("Pay out home and co-o…"): its start finds the row.
    production = page.locator(':is([data-testid="stTable"], .db-table)', has_text="Pay out home and co").first
    production.wait_for(timeout=60_000)
    robot = page.locator(':is([data-testid="stTable"], .db-table)', has_text="Land-registry robot").first
    robot.wait_for(timeout=30_000)
    page.evaluate("() => { window.__sameDocument = true; }")
    payout = production.locator("tr", has_text="Pay out home and co")
    assert "977/" not in payout.inner_text()

    day = DEMO_DAY.isoformat()
    posted = time.monotonic()
    assert (
        _post(
            server.url,
            token,
            "/api/v1/production",
            [{"date": day, "team": "home-coop", "task": "home-loan-payout", "produced": 977}],
        )["changed"]
        == 1
    )
    assert _post(server.url, token, "/api/v1/robots/land-registry-robot/runs",
                 [{"date": day, "handled": 300, "handed_over": 150, "failed": 50}])["changed"] == 1  # fmt: skip

    # one refresh interval plus the shared change-stamp cache (2 s) and rendering
    payout.filter(has_text="977/").wait_for(timeout=(REFRESH + 2 + 4) * 1000)
    robot.filter(has_text="60% of 500").wait_for(timeout=4_000)  # 300 of 500 handled fully, below 75 %
    seen_after = time.monotonic() - posted
    assert page.evaluate("() => window.__sameDocument === true")  # no page reload happened
    assert seen_after <= REFRESH + 2 + 4, seen_after
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "kiosk-fed-robot.png"))
    print(f"posted numbers visible on the kiosk after {seen_after:.1f} s (refresh {REFRESH} s)")

"""Two app servers on one PostgreSQL database, as an organisation runs Driftboard behind a load
balancer: a card created through server A's improvement board is on server B's shared screen
within one refresh, without a reload.

Runs in the SQLite pass like every browser test; the PostgreSQL database comes from
``tests/pg_on_demand.py`` (the test is skipped without PostgreSQL's binaries) and is filled with
the demo through ``migrate-data``'s copy."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from db.engine import dispose_engines, get_engine
from db.transfer import copy_installation
from tests import databases, pg_on_demand
from tests.browser.conftest import ARTIFACTS, serve
from tests.conftest import DEMO_DAY, sqlite_url

TITLE = "Shared checklist for payout calls"
REFRESH = 3  # seconds: the kiosk's refresh interval in this test


@pytest.fixture
def pg_demo(demo_template: Path):  # type: ignore[no-untyped-def]
    url = pg_on_demand.new_database("two_servers")
    assert copy_installation(get_engine(sqlite_url(demo_template)), get_engine(url)).ok
    dispose_engines()
    yield url
    pg_on_demand.drop_database(url)


def _cards(url: str) -> int:
    return databases.value(get_engine(url), "select count(*) from improvement_cards where title = ?", TITLE)


@pytest.mark.slow
def test_a_card_created_on_server_a_is_on_server_bs_kiosk_within_one_refresh(pg_demo, new_page, tmp_path):
    now = f"{DEMO_DAY.isoformat()}T10:00"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    servers = [
        serve(tmp_path / "unused.db", tmp_path / name, now=now, DRIFTBOARD_DATABASE_URL=pg_demo) for name in "ab"
    ]
    try:
        a, b = (next(s) for s in servers)
        screen = new_page(1920, 1080)
        screen.goto(f"{b.url}/improvement?team=mortgage&kiosk=1&lang=en&refresh={REFRESH}")
        screen.locator(".kanban .card").first.wait_for(timeout=90_000)
        screen.evaluate("() => { window.__sameDocument = true; }")
        assert screen.locator(".kanban .card", has_text=TITLE).count() == 0

        leader = new_page(1600, 1000)
        leader.goto(f"{a.url}/improvement?team=mortgage&lang=en")
        leader.locator(".kanban").wait_for(timeout=90_000)
        leader.get_by_text("New improvement card").click()
        box = leader.get_by_role("textbox", name="Title")
        box.wait_for(timeout=60_000)
        box.fill(TITLE)
        leader.wait_for_timeout(500)
        leader.get_by_role("button", name="Create card").click()
        deadline = time.monotonic() + 60
        while not _cards(pg_demo) and time.monotonic() < deadline:  # the save, however busy the machine
            time.sleep(0.2)
        assert _cards(pg_demo) == 1, "server A did not save the card"
        saved = time.monotonic()

        # One refresh interval, the shared change-stamp read (at most every 2 s) and drawing.
        screen.locator(".kanban .card", has_text=TITLE).first.wait_for(timeout=(REFRESH + 2 + 5) * 1000)
        seen = time.monotonic() - saved
        assert screen.evaluate("() => window.__sameDocument === true")  # redrawn in place, no reload
        print(f"server B's kiosk showed server A's card {seen:.1f} s after it was saved")
        ARTIFACTS.mkdir(exist_ok=True)
        screen.screenshot(path=str(ARTIFACTS / "two-servers-kiosk.png"))
    finally:
        for s in servers:
            s.close()
        dispose_engines()

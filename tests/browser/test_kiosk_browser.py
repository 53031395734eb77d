"""The shared screen in Debian's Chromium: kiosk mode, live refresh, stale warning, rotation."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from driftboard.ui.kiosk import MIN_REFRESH_SECONDS, STALE_AFTER_INTERVALS
from tests.browser.conftest import ARTIFACTS, settle
from tests.conftest import DEMO_DAY, ROOT, sqlite_url

BOARDS = {
    "operations": (
        "/operations?team=mortgage",
        ':is([data-testid="stTable"], .db-table)',
        {"en": "Operations board", "da": "Driftstavle"},
    ),
    "goals": (
        "/goals?unit=mortgage",
        ".db-tile",
        {"en": "Goal-steering board", "da": "Målstyringstavle"},
    ),
    "improvement": (
        "/improvement?team=mortgage",
        ".kanban .card",
        {"en": "Improvement board", "da": "Forbedringstavle"},
    ),
}


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("board", list(BOARDS))
def test_kiosk_shows_the_board_without_sidebar_or_edit_controls(module_server, page, board, lang):
    path, ready, titles = BOARDS[board]
    page.goto(f"{module_server.url}{path}&kiosk=1&lang={lang}")
    page.locator(ready).first.wait_for(timeout=60_000)
    settle(page)  # charts and tables drawn
    assert titles[lang] in page.locator("h2").first.inner_text()
    assert page.locator('[data-testid="stSidebar"]:visible').count() == 0
    assert page.locator('[data-testid="stToolbar"]:visible, [data-testid="stMainMenu"]:visible').count() == 0
    editable = page.locator("button:visible, input:visible, textarea:visible, select:visible, [draggable='true']")
    assert editable.count() == 0
    overflow = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]') || document.scrollingElement;"
        " return m.scrollHeight - m.clientHeight; }"
    )
    assert overflow <= 4, f"the {board} board scrolls by {overflow}px at 1920×1080"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"kiosk-{board}-{lang}.png"))


def test_production_written_by_another_process_appears_without_a_reload(server, page):
    page.goto(f"{server.url}/operations?team=mortgage&kiosk=1&lang=en&refresh=2")
    table = page.locator(':is([data-testid="stTable"], .db-table)').first
    table.wait_for(timeout=60_000)
    page.evaluate("() => { window.__sameDocument = true; }")
    row = table.locator("tr", has_text="Pay out mortgage")  # the screen clips long task names
    assert "77/" not in row.inner_text()

    day = f"dt.date.fromisoformat('{DEMO_DAY.isoformat()}')"
    script = (
        "import datetime as dt\n"
        "from driftboard.domain import Actor\n"
        "from driftboard.services import masterdata, operations_board, production\n"
        "team = masterdata.find_team('mortgage')\n"
        f"task = next(t for t in operations_board.load_board(team.id, {day}).tasks if t.name == 'Pay out mortgage loans')\n"
        f"production.record_production(Actor('core system'), team.id, {day}, {{task.id: 77}})\n"
    )
    env = {**os.environ, "DRIFTBOARD_DATABASE_URL": sqlite_url(server.db), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True, timeout=60)

    # one refresh interval (2 s) plus the shared change-stamp cache (2 s) and rendering
    row.filter(has_text="77/").wait_for(timeout=8_000)
    assert page.evaluate("() => window.__sameDocument === true")  # no page reload happened


def test_a_stale_warning_appears_when_the_server_is_gone(server, page):
    page.goto(f"{server.url}/operations?team=mortgage&kiosk=1&lang=da&refresh=2")
    page.locator(':is([data-testid="stTable"], .db-table)').first.wait_for(timeout=60_000)
    stamp = page.locator(".stamp")
    stamp.locator(".ok", has_text="Opdateret").wait_for(timeout=10_000)
    assert not stamp.locator(".stale").is_visible()
    server.stop()
    stale = stamp.locator(".stale")
    # refresh=2 is clamped to the shortest interval; the warning shows once STALE_AFTER_INTERVALS
    # intervals passed since the last answer (at the latest, the stop), checked every second; 4 s
    # more for a busy machine
    interval = max(2, MIN_REFRESH_SECONDS)
    stale.wait_for(state="visible", timeout=(STALE_AFTER_INTERVALS * interval + 1 + 4) * 1000)
    assert "Ikke opdateret siden" in stale.inner_text()


def test_rotation_moves_to_the_next_board(module_server, page):
    page.goto(f"{module_server.url}/operations?team=mortgage&kiosk=1&lang=en&rotate=5")
    page.locator(':is([data-testid="stTable"], .db-table)').first.wait_for(timeout=60_000)
    page.wait_for_url("**/goals?**", timeout=20_000)
    assert "unit=mortgage" in page.url and "rotate=5" in page.url
    page.locator(".db-tile").first.wait_for(timeout=60_000)

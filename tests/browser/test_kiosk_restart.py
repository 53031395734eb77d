"""A restart is invisible to a shared screen: while the server is gone the stamp says, in the
screen's language, that it is reconnecting (never Streamlit's English "Connection error" over
the board), and once a new server runs on the same port and database the screen redraws by
itself: a value written after the restart shows within two intervals, without a reload."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve
from tests.browser.test_kiosk_polling import PAYOUT, _write
from tests.conftest import DEMO_DAY, sqlite_url

pytestmark = pytest.mark.slow
INTERVAL = 5

# Every 200 ms: is any dialog or Streamlit's connection state on screen?
_POPUP_SAMPLER = """
() => {
  window.__popups = [];
  window.__popupSampler = setInterval(() => {
    for (const el of document.querySelectorAll('[role="dialog"], [data-testid="stDialog"], [data-baseweb="modal"]')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden') {
        window.__popups.push((el.innerText || el.dataset.testid || '').slice(0, 60));
      }
    }
  }, 200);
}
"""


def _carries_on(page, row, db: Path, *, updated: str) -> None:  # type: ignore[no-untyped-def]
    """A value written now is on the open screen within two intervals, the stamp says it is
    current again, and the screen neither reloaded nor showed a pop-up on the way."""
    _write(sqlite_url(db), "mortgage", 77)
    written = time.monotonic()
    row.filter(has_text="77/").wait_for(timeout=2 * INTERVAL * 1000 + 15_000)
    took = time.monotonic() - written
    page.locator(".stamp .ok:not(.down)", has_text=updated).wait_for(timeout=INTERVAL * 1000)
    assert page.evaluate("() => window.__sameDocument === true"), "the screen reloaded"
    popups = page.evaluate("() => { clearInterval(window.__popupSampler); return window.__popups; }")
    assert not popups, f"a pop-up covered the board: {sorted(set(popups))}"
    assert took <= 2 * INTERVAL + 2, f"the value written afterwards took {took:.1f} s"


def test_a_screen_reconnects_and_redraws_after_a_restart_without_a_popup(demo_template: Path, tmp_path: Path):
    playwright = pytest.importorskip("playwright.sync_api")
    db = tmp_path / "browser.db"
    shutil.copyfile(demo_template, db)
    now = f"{DEMO_DAY.isoformat()}T10:00"
    first = serve(db, tmp_path, now=now)
    server = next(first)
    port = int(server.url.rsplit(":", 1)[1])
    second = None
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(f"{server.url}/operations?team=mortgage&kiosk=1&lang=da&refresh={INTERVAL}")
            row = page.locator(':is([data-testid="stTable"], .db-table)').first.locator("tr", has_text=PAYOUT)
            row.wait_for(timeout=60_000)
            page.locator(".stamp .ok", has_text="Opdateret").wait_for(timeout=15_000)
            assert "77/" not in row.inner_text()
            page.evaluate("() => { window.__sameDocument = true; }")
            page.evaluate(_POPUP_SAMPLER)

            first.close()  # the server stops: its websocket drops, the polls go unanswered
            page.locator(".stamp .ok.down", has_text="Genopretter forbindelsen").wait_for(timeout=3 * INTERVAL * 1000)
            page.wait_for_timeout(6000)  # long enough for Streamlit's own "Connection error"

            second = serve(db, tmp_path, now=now, port=port)
            next(second)
            _carries_on(page, row, db, updated="Opdateret")
        finally:
            browser.close()
            if second is not None:
                second.close()


def test_a_screen_behind_a_balancer_carries_on_on_the_second_server_when_the_first_dies(
    demo_template: Path, tmp_path: Path
):
    """Two servers on one database behind one address: the screen talks to the first; the first
    dies and the balancer sends everything to the second. The screen reconnects to it by itself
    (the poll's signature is the installation's, not the first server's) and a value written
    afterwards shows within two intervals, without a reload or a pop-up."""
    playwright = pytest.importorskip("playwright.sync_api")
    from tests.browser.tcp_proxy import Forwarder

    db = tmp_path / "browser.db"
    shutil.copyfile(demo_template, db)
    now = f"{DEMO_DAY.isoformat()}T10:00"
    first_folder, second_folder = tmp_path / "a", tmp_path / "b"
    first_folder.mkdir()
    second_folder.mkdir()
    first, second = serve(db, first_folder, now=now), serve(db, second_folder, now=now)
    a, b = next(first), next(second)
    balancer = Forwarder(int(a.url.rsplit(":", 1)[1]))
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            url = f"http://127.0.0.1:{balancer.port}/operations?team=mortgage&kiosk=1&lang=en&refresh={INTERVAL}"
            page.goto(url)
            row = page.locator(':is([data-testid="stTable"], .db-table)').first.locator("tr", has_text=PAYOUT)
            row.wait_for(timeout=60_000)
            page.locator(".stamp .ok", has_text="Updated").wait_for(timeout=15_000)
            assert "77/" not in row.inner_text()
            page.evaluate("() => { window.__sameDocument = true; }")
            page.evaluate(_POPUP_SAMPLER)

            first.close()  # the first server dies ...
            balancer.fail_over(int(b.url.rsplit(":", 1)[1]))  # ... and the balancer sends all to the second
            _carries_on(page, row, db, updated="Updated")
        finally:
            browser.close()
            balancer.close()
            second.close()

"""The shared screen over time: a rotating kiosk keeps its team, and refreshes never dim the board."""

from __future__ import annotations

import re
import threading

import pytest

from db.engine import dispose_engines, get_engine
from driftboard.domain import Actor
from driftboard.services import masterdata, operations_board, production
from tests.browser.conftest import settle
from tests.conftest import DEMO_DAY, sqlite_url

# What shows that each board has rendered, and its title in English.
READY = {
    "operations": (':is([data-testid="stTable"], .db-table)', "Operations board"),
    "goals": (".db-tile", "Goal-steering board"),
    "improvement": (".kanban .card", "Improvement board"),
}
CYCLE = ["operations", "goals", "improvement"]


@pytest.mark.slow
def test_a_rotating_kiosk_stays_on_its_team_for_three_cycles(module_server, page):
    page.goto(f"{module_server.url}/operations?team=home-coop&kiosk=1&lang=en&rotate=5")
    for step in range(len(CYCLE) * 3 + 1):  # operations → goals → improvement, three times, and back
        board = CYCLE[step % len(CYCLE)]
        page.wait_for_url(re.compile(rf"/{board}\?"), timeout=30_000)
        ready, title = READY[board]
        page.locator(ready).first.wait_for(timeout=30_000)
        heading = page.locator("h2", has_text=title).first
        heading.wait_for(timeout=30_000)
        assert heading.inner_text().startswith("Home & co-op loans"), f"step {step}: {heading.inner_text()}"
        assert "team=home-coop" in page.url, page.url
        if board == "goals":
            assert "unit=home-coop" in page.url, page.url


# Every element of the board (each element, column and block Streamlit draws) whose opacity,
# its own times its ancestors', is below 1, collected in the page every 100 ms: Streamlit dims
# a stale element while a rerun is under way, and that shows here.
_SAMPLER = """
() => {
  const parts = '[data-testid="stElementContainer"], [data-testid="stVerticalBlock"], '
              + '[data-testid="stHorizontalBlock"], [data-testid="stColumn"]';
  const main = document.querySelector('[data-testid="stMain"]');
  const effective = (el) => {
    let opacity = 1;
    for (let node = el; node && node !== main.parentElement; node = node.parentElement) {
      opacity *= parseFloat(getComputedStyle(node).opacity);
    }
    return opacity;
  };
  window.__dimmed = [];
  window.__samples = 0;
  window.__sampler = setInterval(() => {
    window.__samples += 1;
    for (const el of main.querySelectorAll(parts)) {
      if (!el.getClientRects().length) continue;
      const opacity = effective(el);
      if (opacity < 1) {
        window.__dimmed.push({opacity, what: el.dataset.testid, stale: el.getAttribute('data-stale'),
                              text: el.innerText.slice(0, 40)});
      }
    }
  }, 100);
}
"""


@pytest.mark.slow
def test_refreshes_never_dim_the_kiosk_board_while_production_is_written(module_server, page):
    # the module's server: the rotating kiosk (home-coop) does not look at mortgage's production
    page.goto(f"{module_server.url}/operations?team=mortgage&kiosk=1&lang=en&refresh=2")
    page.locator(':is([data-testid="stTable"], .db-table)').first.wait_for(timeout=60_000)
    settle(page)  # charts drawn: the first draw's own changes are over

    engine = get_engine(sqlite_url(module_server.db))
    team = masterdata.find_team("mortgage", engine=engine)
    assert team is not None
    tasks = [t.id for t in operations_board.load_board(team.id, DEMO_DAY, engine=engine).tasks]
    stop = threading.Event()
    written: list[int] = []

    def write_every_second() -> None:  # another process at work: a core system feeding production
        n = 0
        while not stop.wait(1.0):
            n += 1
            production.record_production(
                Actor("core system"), team.id, DEMO_DAY, {task: 40 + (n + i) % 30 for i, task in enumerate(tasks)},
                engine=engine,
            )  # fmt: skip
            written.append(n)

    writer = threading.Thread(target=write_every_second, daemon=True)
    page.evaluate(_SAMPLER)
    writer.start()
    try:
        page.wait_for_timeout(60_000)
    finally:
        stop.set()
        writer.join(timeout=20)
        dispose_engines()
    samples = page.evaluate("() => { clearInterval(window.__sampler); return window.__samples; }")
    dimmed = page.evaluate("() => window.__dimmed")
    assert len(written) >= 50, "the writer did not keep writing"
    assert samples >= 300, f"only {samples} samples in 60 s"
    worst = sorted(dimmed, key=lambda d: d["opacity"])[:5]
    assert not dimmed, f"{len(dimmed)} dimmed element samples, the faintest: {worst}"

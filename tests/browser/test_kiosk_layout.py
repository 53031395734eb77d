"""Legibility from three metres: the kiosk boards scale with the screen and use all of it."""

from __future__ import annotations

import contextlib

import pytest

from tests.browser.conftest import settle

BOARDS = {
    "operations": ("/operations?team=mortgage", ':is([data-testid="stTable"], .db-table)'),
    "goals": ("/goals?unit=mortgage", ".db-tile"),
    "improvement": ("/improvement?team=mortgage", ".kanban .card"),
}

# The body text's size, and how far down the screen the board's content reaches.
_MEASURE = """
() => {
  const p = document.querySelector(':is([data-testid="stTable"], .db-table) td, [data-testid="stMarkdownContainer"] p');
  const block = document.querySelector('[data-testid="stMainBlockContainer"]');
  let bottom = 0;
  for (const el of block.querySelectorAll('[data-testid="stElementContainer"]')) {
    const box = el.getBoundingClientRect();
    if (box.height > 0) bottom = Math.max(bottom, box.bottom);
  }
  return {text: parseFloat(getComputedStyle(p).fontSize), bottom, height: window.innerHeight};
}
"""


def _open(new_page, url: str, ready: str, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    page = new_page(*size)
    page.goto(url)
    page.locator(ready).first.wait_for(timeout=60_000)
    settle(page)  # charts drawn, layout done
    return page


@pytest.mark.slow
@pytest.mark.parametrize("board", list(BOARDS))
def test_a_4k_screen_draws_the_board_twice_as_large_and_fills_it(module_server, new_page, board):
    path, ready = BOARDS[board]
    url = f"{module_server.url}{path}&kiosk=1&lang=en"
    measured = {}
    for size in ((1920, 1080), (3840, 2160)):
        page = _open(new_page, url, ready, size)
        # On a loaded machine the board may still be growing into the screen after the page
        # settled (a chart drawn at its full height late): up to 10 s for it to fill, then measure.
        with contextlib.suppress(Exception):
            page.wait_for_function(f"() => ({_MEASURE})().bottom >= 0.85 * window.innerHeight", timeout=10_000)
        measured[size] = page.evaluate(_MEASURE)
        page.close()
    small, large = measured[(1920, 1080)], measured[(3840, 2160)]
    assert large["text"] >= 1.9 * small["text"], measured
    for m in (small, large):
        assert m["bottom"] >= 0.85 * m["height"], f"the {board} board fills {m['bottom'] / m['height']:.0%}: {m}"
        assert m["bottom"] <= m["height"] + 4, f"the {board} board overflows the screen: {m}"


def test_no_cumulated_chart_is_squeezed_on_a_1920_screen(module_server, new_page):
    page = _open(
        new_page,
        f"{module_server.url}/operations?team=mortgage&kiosk=1&lang=en",
        ':is([data-testid="stTable"], .db-table)',
        (1920, 1080),
    )
    page.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').nth(3).wait_for()
    widths = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
        ".map(c => c.getBoundingClientRect().width)"
    )
    assert len(widths) == 4  # the four tasks of Mortgage
    assert min(widths) >= 0.4 * 1920, widths

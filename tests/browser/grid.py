"""Typing into a Streamlit data editor (a canvas grid) as a person does, for browser tests."""

from __future__ import annotations

import time

from tests.browser.conftest import ARTIFACTS

ROW_HEIGHT = 35  # px, Streamlit's data editor rows (the header is one row)
FIRST_COLUMN_X = 45  # px: inside the first shown column, past the row markers of a grid that adds rows


def _wait_stable(grid, settle_s: float = 0.4, timeout_s: float = 10) -> None:  # type: ignore[no-untyped-def]
    """Wait until the grid's canvas stops moving (the page is still laying out)."""
    canvas = grid.locator("canvas").first
    canvas.wait_for(state="visible", timeout=60_000)
    last, since, end = None, time.monotonic(), time.monotonic() + timeout_s
    while time.monotonic() < end:
        box = canvas.bounding_box()
        if box != last:
            last, since = box, time.monotonic()
        elif time.monotonic() - since > settle_s:
            return
        time.sleep(0.05)


# The page's keystroke guard (driftboard/ui/grid_keys.py) runs, where the page has one. Its code
# and the grid's are fetched apart: a test can click a cell in the moment between the grid drawn
# and the guard come, which a person cannot, and keys typed then would be the grid's own.
_GUARD_READY = (
    """() => !document.querySelector('[class*="st-key-grid_keys_"]') || window.__driftboardGridKeys === true"""
)


def wait_idle(page) -> None:  # type: ignore[no-untyped-def]
    """Let the rerun an edit or click started finish (Streamlit's running indicator goes), and
    the page's keystroke guard be there."""
    page.wait_for_timeout(300)
    status = page.get_by_test_id("stStatusWidget")
    if status.count():
        status.wait_for(state="hidden", timeout=60_000)
    page.wait_for_function(_GUARD_READY, timeout=60_000)


def edit_cell(page, grid, row: int, column: int, value: str) -> None:  # type: ignore[no-untyped-def]
    """Select the cell (row 0 is the first data row, column 0 the first shown column) with a
    click and the arrow keys, open its editor with Enter, type ``value`` and keep it with
    Enter; then wait for the edit's rerun. A click that lands while the page is still being
    redrawn selects nothing: the selection is tried again (as Streamlit's own tests do)."""
    editor = page.get_by_test_id("portal").locator(".gdg-clip-region textarea, .gdg-clip-region input").first
    for attempt in range(4):
        wait_idle(page)
        grid.scroll_into_view_if_needed()
        _wait_stable(grid)
        grid.click(position={"x": FIRST_COLUMN_X, "y": ROW_HEIGHT + ROW_HEIGHT // 2 + ROW_HEIGHT * row})
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        try:
            editor.wait_for(state="visible", timeout=5_000)
            break
        except Exception:
            page.keyboard.press("Escape")
            if attempt == 3:
                page.screenshot(path=str(ARTIFACTS / "grid-editor-did-not-open.png"))
                raise
    editor.fill(value)
    page.keyboard.press("Enter")
    editor.wait_for(state="hidden", timeout=10_000)
    wait_idle(page)

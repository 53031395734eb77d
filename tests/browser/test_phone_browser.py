"""The everyday tasks on a phone (390×844, touch) and with the keyboard only, in Debian's Chromium.

Each phone task counts its taps (typing is not a tap) against what a person at the desk puts up
with: today's production from a bookmarked link in 3 taps or fewer, an error registered in 4, a
new improvement card in 5; the page never scrolls sideways, nothing lies beyond its right edge,
and the status can be read without a swipe. The keyboard records a production number from the
home page in 20 key presses or fewer."""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from tests.browser.conftest import settle
from tests.conftest import DEMO_DAY

PHONE = (390, 844)
ANDERS = 3  # Mortgage: planned on "Draft mortgage loan documents" on the demo day
ANDERS_TASK = "Draft mortgage loan documents"

# Elements whose box reaches past the viewport's left or right edge (the sidebar, closed, lies
# outside on purpose; a box inside a clipping parent counts where it is seen).
_OUTSIDE = """
() => {
  const width = window.innerWidth;
  const out = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    let left = box.left, right = box.right;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'hidden' || o === 'auto' || o === 'scroll' || o === 'clip') {
        const clip = p.getBoundingClientRect();
        left = Math.max(left, clip.left);
        right = Math.min(right, clip.right);
      }
    }
    if (right > left && (left < -1 || right > width + 1)) {
      out.push((el.getAttribute('data-testid') || el.tagName) + ' ' + Math.round(left) + '..' + Math.round(right));
    }
  }
  return out.slice(0, 10);
}
"""


class Taps:
    """Taps on a touch screen, counted."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, locator) -> None:  # type: ignore[no-untyped-def]
        locator.tap()
        self.count += 1


def _fits(page) -> None:  # type: ignore[no-untyped-def]
    width, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width == inner == PHONE[0]
    assert page.evaluate(_OUTSIDE) == []


def _within(page, locator) -> bool:  # type: ignore[no-untyped-def]
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1


def _produced(db, task: str, day: dt.date) -> int | None:
    rows = sqlite_utils.Database(db).query(
        "select p.produced from production p join tasks t on t.id = p.task_id where t.name = ? and p.date = ?",
        [task, day.isoformat()],
    )
    return next((row["produced"] for row in rows), None)


def test_my_tasks_from_a_bookmark_in_three_taps(module_server, new_page):
    page = new_page(*PHONE, touch=True)
    tap = Taps()
    page.goto(f"{module_server.url}/operations?team=mortgage&me={ANDERS}&lang=en")
    mine = page.locator(".st-key-my_tasks")
    mine.get_by_text("My tasks today · Anders Bech").wait_for(timeout=60_000)
    settle(page)
    _fits(page)
    # The status of each of my tasks, and the board's, without a sideways swipe.
    assert _within(page, mine.get_by_role("columnheader", name="Week"))
    board = page.locator(".st-key-production_table")
    assert _within(page, board.get_by_role("columnheader", name="Status"))
    assert board.get_by_role("columnheader", name="Mon 23.11").is_hidden()  # only the board's day
    field = mine.get_by_role("textbox", name=ANDERS_TASK)
    assert _within(page, field)
    before = _produced(module_server.db, ANDERS_TASK, DEMO_DAY)

    tap(field)
    page.keyboard.type("23")
    tap(mine.get_by_role("button", name="Save production"))

    page.get_by_text("Production for Wed 25.11 saved").wait_for(timeout=30_000)
    assert before is None
    assert _produced(module_server.db, ANDERS_TASK, DEMO_DAY) == 23
    assert tap.count <= 3
    settle(page)
    _fits(page)


def test_an_unknown_me_says_so_and_shows_the_team(module_server, new_page):
    page = new_page(*PHONE, touch=True)
    page.goto(f"{module_server.url}/operations?team=mortgage&me=Nobody%20Here&lang=da")
    page.get_by_text("Ingen ved navn “Nobody Here” arbejder på denne tavle").wait_for(timeout=60_000)
    assert page.locator(".st-key-my_tasks").count() == 0


def test_an_error_registered_on_a_phone_in_four_taps(module_server, new_page):
    page = new_page(*PHONE, touch=True)
    tap = Taps()
    page.goto(f"{module_server.url}/improvement?team=mortgage&lang=en")
    tab = page.get_by_role("tab", name="Errors and Pareto")
    tab.wait_for(timeout=60_000)
    settle(page)
    _fits(page)
    assert _within(page, tab)  # no sideways swipe to find it
    db = sqlite_utils.Database(module_server.db)
    counted = "select coalesce(sum(count), 0) as n from error_registrations where category = ? and date = ?"
    category = "Missing income documentation"
    before = next(db.query(counted, [category, DEMO_DAY.isoformat()]))["n"]

    tap(tab)
    form = page.locator('[data-testid="stForm"]', has_text="Register errors")
    tap(form.get_by_role("combobox", name="Category"))
    tap(page.get_by_role("option", name=category))
    tap(form.get_by_role("button", name="Register"))

    page.get_by_text(f"Registered 1 × {category}").first.wait_for(timeout=30_000)
    assert next(db.query(counted, [category, DEMO_DAY.isoformat()]))["n"] == before + 1
    assert tap.count <= 4
    _fits(page)


def test_a_card_made_and_moved_on_a_phone(module_server, new_page):
    page = new_page(*PHONE, touch=True)
    tap = Taps()
    page.goto(f"{module_server.url}/improvement?team=mortgage&lang=en")
    page.locator(".stages button").first.wait_for(timeout=60_000)
    settle(page)
    _fits(page)
    # One stage at a time: a card is as wide as the phone, not a seventh of it.
    shown = page.locator(".column").filter(has=page.locator(".card"))
    assert page.locator(".column.chosen").count() == 1
    assert shown.locator(".card:visible").first.bounding_box()["width"] > 300

    tap(page.get_by_text("New improvement card"))
    tap(page.get_by_role("textbox", name="Title"))
    page.keyboard.type("Phone card: fewer re-sends")
    tap(page.get_by_role("button", name="Create card"))
    card = page.locator(".column.chosen .card", has_text="Phone card: fewer re-sends")
    page.locator(".stages button", has_text="Intake").wait_for(timeout=30_000)
    tap(page.locator(".stages button", has_text="Intake"))
    card.wait_for(timeout=30_000)
    assert tap.count <= 5 + 1  # five to make it, one to find it in its stage
    db = sqlite_utils.Database(module_server.db)
    stage = "select stage from improvement_cards where title = ?"
    assert next(db.query(stage, ["Phone card: fewer re-sends"]))["stage"] == "intake"

    # A touch move: "Move to" on the card, no drag.
    card.locator("select").select_option("parked")
    page.locator(".column.chosen .card", has_text="Phone card: fewer re-sends").wait_for(
        state="detached", timeout=30_000
    )
    assert next(db.query(stage, ["Phone card: fewer re-sends"]))["stage"] == "parked"
    tap(page.locator(".stages button", has_text="Parked"))
    page.locator(".column.chosen .card", has_text="Phone card: fewer re-sends").wait_for(timeout=30_000)
    _fits(page)


def test_the_sidebar_closes_after_choosing_a_page_on_a_phone(module_server, new_page):
    """Twice: first with the page's script still on its way (the HTML element's code is held back,
    as on a slow phone or the busy CI machine where a link was tapped before it came and the
    sidebar stayed over the page), then with it in place."""
    page = new_page(*PHONE, touch=True)
    held: list = []
    page.context.route("**/Html.*.js", lambda route: held.append(route))
    page.goto(f"{module_server.url}/?team=mortgage&lang=en")
    sidebar = page.locator('[data-testid="stSidebar"]')
    opened = "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().x >= 0"
    closed = "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 0"
    for leg, (name, path, tab) in enumerate(
        (("Improvement board", "improvement", "PDCA board"), ("Operations board", "operations", None))
    ):
        page.locator('[data-testid="stExpandSidebarButton"]').tap(timeout=60_000)
        page.wait_for_function(opened)
        sidebar.get_by_role("link", name=name).tap()
        page.wait_for_url(f"**/{path}?**", timeout=30_000)
        if leg == 0:
            page.wait_for_timeout(1_000)
            assert held, "the HTML element's code was not asked for: its file name changed?"
            assert page.evaluate(opened), "the sidebar closed before the script came: nothing was tested"
            while held:
                held.pop().continue_()
            page.context.unroute("**/Html.*.js")
        page.wait_for_function(closed, timeout=30_000)
        if tab:
            page.get_by_role("tab", name=tab).wait_for(timeout=60_000)
        assert sidebar.bounding_box()["x"] + sidebar.bounding_box()["width"] <= 0


def test_production_from_the_home_page_with_the_keyboard_alone(module_server, new_page):
    page = new_page(1366, 768)
    db = sqlite_utils.Database(module_server.db)
    task = "Draft home loan documents"
    typical = next(
        db.query(
            "select p.produced from production p join tasks t on t.id = p.task_id where t.name = ? "
            "order by p.date desc limit 1",
            [task],
        )
    )["produced"]
    page.goto(f"{module_server.url}/?team=home-coop&lang=en")
    page.get_by_role("link", name="Operations board").first.wait_for(timeout=60_000)
    settle(page)
    keys = 0

    def press(key: str) -> None:
        nonlocal keys
        page.keyboard.press(key)
        keys += 1

    for _ in range(20):
        press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()").endswith("Operations board"):
            break
    # The focus is seen: a ring of 3 px, not a faint tint.
    ring = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert ring == ["solid", "3px"], ring
    press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'driftboard-skip'")
    skip = page.locator("#driftboard-skip")
    assert skip.inner_text() == "Skip to the production entry"
    assert skip.bounding_box()["y"] >= 0  # seen while focused
    press("Enter")
    in_count_field = "() => document.activeElement.closest('[class*=\"st-key-number_entry_produced_\"]') !== null"
    page.wait_for_function(in_count_field)
    # A person types once the page has drawn. In one full run on 2026-12-07 the save never came
    # (no error on the server); the page may still have been drawing when the digits were typed.
    settle(page)
    assert page.evaluate(in_count_field), "the focus left the count field while the page drew"
    for digit in str(typical):
        press(digit)
    press("Enter")

    page.get_by_text("Production for Wed 25.11 saved").wait_for(timeout=30_000)
    assert _produced(module_server.db, task, DEMO_DAY) == typical
    assert keys <= 20, keys


# The changes to the page's elements in ``ms`` after it has drawn: how many, and the first few
# (what changed, where), counted in the page.
_MUTATIONS = """
(ms) => new Promise((resolve) => {
  const seen = [];
  let count = 0;
  const observer = new MutationObserver((records) => {
    count += records.length;
    for (const r of records.slice(0, 5 - seen.length)) {
      seen.push(`${r.type} ${r.attributeName || ''} in ${r.target.id || r.target.nodeName}`);
    }
  });
  observer.observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true});
  setTimeout(() => { observer.disconnect(); resolve([count, seen]); }, ms);
})
"""


def test_a_page_left_open_stays_still(module_server, new_page):
    """The skip link's script rewrote its label whenever the page changed, and the rewrite was a
    change it watched: the operations page redrew at every frame for as long as it was open (13 %
    of a core in an idle browser, a laptop's or a phone's battery). Left alone after it has drawn,
    a page now stays still for 2 s; the link still says where it leads."""
    page = new_page(1366, 768)
    page.goto(f"{module_server.url}/operations?team=home-coop&lang=en")
    page.locator("[class*='st-key-number_entry_produced_']").first.wait_for(timeout=60_000)
    settle(page)
    # A late rerun on a busy machine may change the page once more: of five 2-second windows,
    # one must be still (a page redrawing at every frame changes in each of them).
    windows = []
    for _ in range(5):
        windows.append(page.evaluate(_MUTATIONS, 2000))
        if windows[-1][0] <= 5:
            break
    assert windows[-1][0] <= 5, windows
    assert page.locator("#driftboard-skip").text_content() == "Skip to the production entry"

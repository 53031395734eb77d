"""A team leader's week on the standards page in Debian's Chromium: the product proposes three
confirmations, the leader records them (one with a follow-up card for the improvement board), and
the head sees the week done and confirms one. With ``DRIFTBOARD_SHOTS`` set (a folder), the page
is photographed in English and Danish on a desktop and a phone."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import sqlite_utils

from tests.browser.conftest import settle
from tests.conftest import DEMO_DAY

MONDAY = DEMO_DAY - dt.timedelta(days=DEMO_DAY.weekday())
CARD = "Show the land registry note beside the case"


def _rows(db: Path, sql: str, params: list | None = None) -> list[dict]:
    return list(sqlite_utils.Database(db).query(sql, params or []))


def _this_week(db: Path) -> list[dict]:
    return _rows(db, "select * from process_confirmations where team_id = 3 and day >= ?", [MONDAY.isoformat()])


def test_a_leaders_week_propose_confirm_three_one_card_and_the_heads_view(server, page, new_page):
    url, db = server.url, server.db
    sqlite_utils.Database(db).execute(
        "delete from process_confirmations where team_id = 3 and day >= ?", [MONDAY.isoformat()]
    )
    sqlite_utils.Database(db).conn.commit()
    page.goto(f"{url}/standards?team=mortgage&lang=en")
    page.get_by_text("Process confirmations this week: 0 of 3").wait_for(timeout=90_000)
    for n in range(3):
        proposal = page.get_by_role("button", name="· last").first
        proposal.click()
        settle(page)  # the form drawn for this proposal, not the one before the save
        if n == 2:
            page.get_by_role("radiogroup", name="Follow-up").get_by_text("Improve the standard").click()
            box = page.get_by_role("textbox", name="Improvement card title")
            box.fill(CARD)
            page.get_by_role("radiogroup", name="Followed it").get_by_text("Partly").click()
        page.get_by_role("button", name="Save the confirmation").click()
        page.get_by_text(f"Process confirmations this week: {n + 1} of 3").wait_for(timeout=60_000)
        settle(page)  # the count is drawn above the form: the run goes on to draw a fresh form
    page.get_by_text("This week's confirmations are done.").wait_for(timeout=30_000)
    made = _this_week(db)
    assert len(made) == 3 and len({r["person_id"] for r in made}) == 3 and len({r["task_id"] for r in made}) == 3
    [card] = _rows(db, "select * from improvement_cards where title = ?", [CARD])
    assert (card["stage"], card["origin_kind"]) == ("intake", "process_confirmation")
    assert [r["follow_up"] for r in made if r["card_id"] == card["id"]] == ["standard"]
    shots = os.environ.get("DRIFTBOARD_SHOTS")
    if shots:
        page.screenshot(path=f"{shots}/week-en-1920.png", full_page=True)
    # The head's view: the leader's week done, one follow-up open; confirming one is recorded.
    page.get_by_role("tab", name="Head's view").click()
    page.get_by_text("Confirmations to confirm").wait_for(timeout=60_000)
    if shots:
        page.screenshot(path=f"{shots}/head-en-1920.png", full_page=True)
    page.get_by_role("button", name="Confirm").first.click()
    page.get_by_text("You have confirmed the leader's confirmation.").wait_for(timeout=60_000)
    assert _rows(db, "select count(*) n from process_confirmations where reviewed_by is not null "
                     "and day >= ?", [MONDAY.isoformat()])[0]["n"] >= 1  # fmt: skip
    if shots:
        views = (("da", "Proceskonfirmering", "week"), ("da", "Chefens overblik", "head"),
                 ("en", "Process confirmation", "week"), ("en", "Head's view", "head"))  # fmt: skip
        for lang, tab, name in views:
            for width, height in ((1920, 1080), (390, 844)):
                if lang == "en" and width == 1920:  # taken above, in the walk
                    continue
                other = new_page(width, height)
                other.goto(f"{url}/standards?team=mortgage&lang={lang}")
                other.get_by_role("tab", name=tab).wait_for(timeout=90_000)
                other.get_by_role("tab", name=tab).click()
                other.wait_for_timeout(2500)
                other.screenshot(path=f"{shots}/{name}-{lang}-{width}.png", full_page=True)

"""The improvement board in Debian's Chromium: drag-and-drop and card text that stays text."""

from __future__ import annotations

import sqlite_utils

CARD = "Standard phrases for payout emails"


def _stage(db, title: str) -> str:
    return next(sqlite_utils.Database(db).query("select stage from improvement_cards where title = ?", [title]))[
        "stage"
    ]


def test_dragging_a_card_to_another_column_moves_it(server, page):
    url, db = server.url, server.db
    page.goto(f"{url}/improvement?team=mortgage&lang=en")
    card = page.locator(".column[data-stage='intake'] .card", has_text=CARD)
    card.wait_for(timeout=60_000)
    assert _stage(db, CARD) == "intake"

    card.drag_to(page.locator(".column[data-stage='prioritisation']"))

    page.locator(".column[data-stage='prioritisation'] .card", has_text=CARD).wait_for(timeout=30_000)
    assert page.locator(".column[data-stage='intake'] .card", has_text=CARD).count() == 0
    assert _stage(db, CARD) == "prioritisation"
    moves = list(
        sqlite_utils.Database(db).query(
            "select e.old_value, e.new_value from card_events e join improvement_cards c on c.id = e.card_id "
            "where c.title = ? and e.kind = 'moved'",
            [CARD],
        )
    )
    assert moves == [{"old_value": "intake", "new_value": "prioritisation"}]
    page.get_by_text("moved to Prioritisation").first.wait_for(timeout=10_000)


def test_a_refused_drag_says_why_and_moves_nothing(server, page):
    url, db = server.url, server.db
    page.goto(f"{url}/improvement?team=mortgage&lang=en")
    card = page.locator(".column[data-stage='intake'] .card", has_text=CARD)
    card.wait_for(timeout=60_000)
    card.drag_to(page.locator(".column[data-stage='plan']"))
    page.get_by_text("needs an impact and an effort score").wait_for(timeout=30_000)
    assert _stage(db, CARD) == "intake"


def test_a_card_titled_with_html_shows_as_text_and_runs_nothing(server, page):
    url, db = server.url, server.db
    title = "<img src=x onerror=alert(1)>"
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{url}/improvement?team=mortgage&lang=en")
    page.locator(".kanban").wait_for(timeout=60_000)
    page.get_by_text("New improvement card").click()
    box = page.get_by_role("textbox", name="Title")
    box.wait_for(timeout=60_000)
    box.fill(title)
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Create card").click()

    def created() -> int:
        return next(
            sqlite_utils.Database(db).query("select count(*) n from improvement_cards where title = ?", [title])
        )["n"]

    for _ in range(120):  # the save, however busy the machine
        if created():
            break
        page.wait_for_timeout(500)
    page.reload()  # the board as anyone opening it sees it
    shown = page.locator(".column[data-stage='intake'] .card .title", has_text=title)
    shown.wait_for(timeout=60_000)
    assert shown.inner_text() == title
    page.wait_for_timeout(1500)
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
    assert created() == 1


def test_taking_ownership_on_the_drag_board_card(server, page):
    from playwright.sync_api import expect  # here, as in the conftest: the other passes collect this module too

    url, db = server.url, server.db
    page.goto(f"{url}/improvement?team=mortgage&lang=en")
    card = page.locator(".column[data-stage='intake'] .card", has_text=CARD)
    card.wait_for(timeout=60_000)

    card.locator("button.take").click()  # nobody chosen in the sidebar yet: Python refuses
    page.get_by_text("Choose who you are in the sidebar first").wait_for(timeout=30_000)

    page.get_by_label("You are").click()
    page.get_by_role("option", name="Sofie Dahl").click()
    page.wait_for_timeout(1500)
    page.locator(".column[data-stage='intake'] .card", has_text=CARD).locator("button.take").click()
    page.get_by_text(f"You own “{CARD}” now").first.wait_for(timeout=30_000)
    owner = next(
        sqlite_utils.Database(db).query(
            "select p.name from improvement_cards c join people p on p.id = c.owner_id where c.title = ?", [CARD]
        )
    )
    assert owner["name"] == "Sofie Dahl"
    # The confirmation is drawn above the board, so the rerun shows it before it redraws the
    # board: wait for the redrawn card, whose owner is her, to lose its button.
    mine = page.locator(".column[data-stage='intake'] .card", has_text=CARD)
    expect(mine).to_contain_text("Sofie Dahl", timeout=30_000)
    expect(mine.locator("button.take")).to_have_count(0, timeout=30_000)  # her own card: nothing to take

"""Two people, two browser pages on one server: a save made from a page that did not see
another person's change never overwrites it silently."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.engine import get_engine, read_session
from db.models import ImprovementCard, Production, Task
from driftboard.services import masterdata
from tests.conftest import DEMO_DAY, sqlite_url

CARD = "Standard phrases for payout emails"


def _two_pages(new_page):  # type: ignore[no-untyped-def]
    return [new_page(1600, 1000) for _ in range(2)]


def _tasks(db) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    engine = get_engine(sqlite_url(db))
    team = masterdata.find_team("car-consumer", engine)
    with read_session(engine) as s:
        return [
            (i, n) for i, n in s.execute(select(Task.id, Task.name).where(Task.team_id == team.id).order_by(Task.id))
        ]


def _produced(db, task_id: int) -> int | None:  # type: ignore[no-untyped-def]
    with read_session(get_engine(sqlite_url(db))) as s:
        return s.scalar(select(Production.produced).where(Production.task_id == task_id, Production.date == DEMO_DAY))


def _save_production(page, task: str, value: int, *, stored=None) -> None:  # type: ignore[no-untyped-def]
    """Type a count, press Save and answer "save anyway?" if it is asked.

    The page may still show the message of an earlier save, so that message does not count as
    this save's answer: the helper waits until ``stored()`` (reads the database) is true, or,
    without ``stored``, until the page says the save was refused."""
    cell = page.get_by_label(task, exact=True)
    cell.fill(str(value))
    cell.press("Tab")
    page.get_by_role("button", name="Save production").click()
    # A count far from the day's plan is asked about once more ("save anyway?"): say yes.
    anyway = page.get_by_role("button", name="Save anyway")
    refusal = page.get_by_text("after your page showed it", exact=False)
    asked = False
    for _ in range(150):
        if stored() if stored else refusal.count():
            return
        if not asked and anyway.count():
            anyway.click()
            asked = True
        page.wait_for_timeout(200)
    raise AssertionError(f"saving {value} for {task} got no answer")


def test_two_people_enter_production_for_different_tasks_and_both_values_stay(server, new_page):

    (first, first_name), (second, second_name) = _tasks(server.db)[:2]
    a, b = _two_pages(new_page)
    for page in (a, b):
        page.goto(f"{server.url}/operations?team=car-consumer&lang=en")
        page.get_by_label(first_name, exact=True).wait_for(timeout=60_000)
    _save_production(b, first_name, 77, stored=lambda: _produced(server.db, first) == 77)
    b.get_by_text("saved. Now:", exact=False).first.wait_for(timeout=30_000)
    assert _produced(server.db, first) == 77
    # A's page still shows the old value for the first task
    _save_production(a, second_name, 9, stored=lambda: _produced(server.db, second) == 9)
    a.get_by_text("saved. Now:", exact=False).first.wait_for(timeout=30_000)
    assert _produced(server.db, second) == 9
    assert _produced(server.db, first) == 77

    # B changes the first task again; A, whose page shows 77, changes it too: refused, named
    _save_production(b, first_name, 80, stored=lambda: _produced(server.db, first) == 80)
    _save_production(a, first_name, 3)
    a.get_by_text("after your page showed it", exact=False).wait_for(timeout=30_000)
    assert "It is now 80" in a.get_by_text("after your page showed it", exact=False).inner_text()
    assert _produced(server.db, first) == 80


def _stage(db) -> str:  # type: ignore[no-untyped-def]
    with read_session(get_engine(sqlite_url(db))) as s:
        return s.scalar(select(ImprovementCard.stage).where(ImprovementCard.title == CARD)).value


def test_a_card_moved_by_someone_else_is_not_moved_again_from_a_stale_board(server, new_page):

    a, b = _two_pages(new_page)
    for page in (a, b):
        page.goto(f"{server.url}/improvement?team=mortgage&lang=en")
        page.locator(".column[data-stage='intake'] .card", has_text=CARD).wait_for(timeout=60_000)
    b.locator(".column[data-stage='intake'] .card", has_text=CARD).drag_to(
        b.locator(".column[data-stage='prioritisation']")
    )
    b.locator(".column[data-stage='prioritisation'] .card", has_text=CARD).wait_for(timeout=30_000)
    assert _stage(server.db) == "prioritisation"
    a.locator(".column[data-stage='intake'] .card", has_text=CARD).drag_to(a.locator(".column[data-stage='parked']"))
    a.get_by_text("was changed by", exact=False).first.wait_for(timeout=30_000)
    assert _stage(server.db) == "prioritisation"


def _card_texts(db) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    with read_session(get_engine(sqlite_url(db))) as s:
        row = s.execute(select(ImprovementCard.problem, ImprovementCard.idea).where(ImprovementCard.title == CARD))
        return tuple(row.one())  # type: ignore[return-value]


def _open_card(page, who: str | None = None):  # type: ignore[no-untyped-def]
    if who:
        page.get_by_label("You are").click()
        page.get_by_role("option", name=who).click()
        page.wait_for_timeout(1500)
    page.locator(".column[data-stage='intake'] .card .title", has_text=CARD).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Idea", exact=True).wait_for(timeout=30_000)
    return dialog


@pytest.mark.slow
def test_a_card_edited_by_someone_else_is_not_overwritten_from_a_stale_dialog(server, new_page):

    a, b = _two_pages(new_page)
    for page in (a, b):
        page.goto(f"{server.url}/improvement?team=mortgage&lang=en")
        page.locator(".column[data-stage='intake'] .card", has_text=CARD).wait_for(timeout=60_000)
    _, idea_before = _card_texts(server.db)
    dialog_a = _open_card(a)
    dialog_b = _open_card(b, who="Sofie Dahl")
    dialog_b.get_by_label("Problem", exact=True).fill("Payout emails are rewritten every time")
    dialog_b.get_by_role("button", name="Save", exact=True).click()
    for _ in range(100):
        if _card_texts(server.db)[0] == "Payout emails are rewritten every time":
            break
        b.wait_for_timeout(300)
    dialog_a.get_by_label("Idea", exact=True).fill("A shared phrase library")
    dialog_a.get_by_role("button", name="Save", exact=True).click()
    refusal = a.get_by_text("after your page showed it", exact=False).first
    refusal.wait_for(timeout=30_000)
    assert "Sofie Dahl" in refusal.inner_text()
    assert _card_texts(server.db) == ("Payout emails are rewritten every time", idea_before)

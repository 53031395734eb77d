"""The tiered meeting in a real browser: at 9:05 the home-loan team hands its capacity gap up from
its board; at 9:35 the department answers on its board with two people from the other department;
the team's TV shows the answer. Screenshots in English and Danish (a 1920×1080 TV, a 1366×768
laptop) go to ``DRIFTBOARD_SHOTS`` (default ``artifacts/``), never into git."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

from tests.browser.conftest import ARTIFACTS, serve, settle
from tests.conftest import DEMO_DAY
from tests.databases import Database

SHOTS = Path(os.environ.get("DRIFTBOARD_SHOTS") or ARTIFACTS)
DEPARTMENT = "mortgage-home-loans"
NOTE = "Land registry replies pile up: the robot stopped"


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _open(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.locator('[data-testid="stMain"]').wait_for(timeout=60_000)
    settle(page)


def _pick(page, field, name: str) -> None:  # type: ignore[no-untyped-def]
    """Choose ``name`` in a multiselect as a person does: bring the field into the middle of the
    screen, type the name and click it in the narrowed list, then check it is in the field. (A
    field at the bottom edge scrolls the page when it takes the focus, and a scroll closes the
    list while it opens: the click then lands on nothing.)"""
    field.evaluate("e => e.scrollIntoView({block: 'center'})")
    settle(page, quiet_ms=300)
    field.locator("input").first.click()
    page.keyboard.type(name)
    page.get_by_role("option", name=re.compile(rf"^{re.escape(name)} \(")).click()
    page.keyboard.press("Escape")
    field.filter(has_text=re.compile(rf"{re.escape(name)} \(")).wait_for(timeout=30_000)  # chosen: in the field


def test_a_gap_goes_up_at_905_the_department_lends_people_at_935_and_the_team_tv_shows_it(
    demo_template, tmp_path, new_page
):
    db = tmp_path / "tiers.db"
    shutil.copyfile(demo_template, db)
    url_db = Database(f"sqlite:///{db}")

    # 9:05, the team's meeting: the gap is handed up from the team's board
    first = serve(db, tmp_path, now=f"{DEMO_DAY.isoformat()}T09:05")
    server = next(first)
    laptop = new_page(1366, 768)
    _open(laptop, f"{server.url}/operations?team=home-coop&lang=en")
    laptop.locator('[data-testid="stExpander"] summary').filter(has_text="Escalate to the department").click()
    laptop.get_by_label("Note").fill(NOTE)
    laptop.get_by_role("button", name="Escalate", exact=True).click()
    waiting = laptop.get_by_text("Waiting for the department since 09:05").first
    waiting.wait_for(timeout=60_000)
    settle(laptop)
    waiting.scroll_into_view_if_needed()
    _shot(laptop, "team-board-escalated-1366x768-en")
    [raised] = list(url_db.query("select id, kind, status, hours from escalations"))
    assert (raised["kind"], raised["status"]) == ("capacity_gap", "open") and raised["hours"] > 0
    next(first, None)  # the server stops

    # 9:35, the department's meeting: two people from Consumer Loans & Service, 1.5 h each
    second = serve(db, tmp_path, now=f"{DEMO_DAY.isoformat()}T09:35")
    server = next(second)
    try:
        _open(laptop, f"{server.url}/operations?unit={DEPARTMENT}&lang=en")
        laptop.get_by_text("30 min").first.wait_for(timeout=30_000)  # its age since 9:05
        laptop.locator('[data-testid="stExpander"] summary').filter(has_text="Answer").click()
        people = laptop.locator('[data-testid="stMultiSelect"]').filter(has_text="People to lend today")
        people.wait_for(timeout=30_000)
        settle(laptop)  # the expander has opened: a pick made while it unfolds can be lost
        for name in ("Maja Skov", "Julie Ebbesen"):
            _pick(laptop, people, name)
        laptop.get_by_label("Hours each").fill("1.5")
        laptop.get_by_role("button", name="Send the answer").click()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list(
            url_db.query("select id from escalations where status = 'answered'")
        ):
            time.sleep(0.5)
        said = laptop.locator('[data-testid="stAlert"], [data-testid="stToast"]').all_inner_texts()
        assert list(url_db.query("select id from escalations where status = 'answered'")), f"not answered: {said}"
        laptop.get_by_text("Answered by the department: 2 people from").first.wait_for(timeout=60_000)
        settle(laptop)
        _shot(laptop, "department-board-answered-1366x768-en")
        [answered] = list(url_db.query("select status, answer, answer_people, answer_hours from escalations"))
        assert dict(answered) == {"status": "answered", "answer": "borrow", "answer_people": 2, "answer_hours": 3.0}
        lent = {r["team_id"] for r in url_db.query("select team_id from plan_changes where kind = 'needed_elsewhere'")}
        assert len(lent) == 2  # both lending teams of the other department have it on their plans

        # the team's TV shows the answer, in both languages, and the department's TV
        tv = new_page(1920, 1080)
        for lang, said in (
            ("en", "Department: 2 people from Car & consumer loans +1, 3.0 h"),
            ("da", "Afdelingen: 2 personer fra Car & consumer loans +1, 3,0 t"),
        ):
            _open(tv, f"{server.url}/operations?team=home-coop&kiosk=1&lang={lang}")
            tv.get_by_text(said).first.wait_for(timeout=60_000)
            settle(tv)
            _shot(tv, f"team-tv-answer-1920x1080-{lang}")
            height = tv.evaluate(
                "() => Math.max(document.documentElement.scrollHeight,"
                " document.querySelector('[data-testid=\"stMain\"]').scrollHeight)"
            )
            assert height <= 1080, f"the team's TV ({lang}) is {height} px high"
            _open(tv, f"{server.url}/operations?unit={DEPARTMENT}&kiosk=1&lang={lang}")
            settle(tv)
            _shot(tv, f"department-tv-1920x1080-{lang}")
            _open(laptop, f"{server.url}/operations?team=home-coop&lang={lang}")
            _shot(laptop, f"team-board-answer-1366x768-{lang}")
    finally:
        next(second, None)

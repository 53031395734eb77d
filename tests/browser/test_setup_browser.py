"""Your own unit in Debian's Chromium: an empty installation opens the set-up page, which creates
a unit with a department and two teams; the master-data workbook is uploaded on the unit
settings page; holdings are entered on the operations board of the new team, which shows the
planned volume of its own people and tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from driftboard import calendar
from driftboard.i18n import t
from tests.browser.conftest import ARTIFACTS, Server, serve
from tests.conftest import DEMO_DAY, TESTER, sqlite_url
from tests.test_unit_setup import FILLED, fill

# The run writes its screenshot to artifacts/; docs/setup-page.png (the README's) is a copy of it
# taken when the page changes, so a test run leaves the work tree clean.
SCREENSHOT = ARTIFACTS / "setup-page.png"


@pytest.fixture
def empty_server(tmp_path: Path) -> Iterator[Server]:
    """``streamlit run app.py`` on an empty database, as after ``DRIFTBOARD_DEMO=0 scripts/start.sh``."""
    yield from serve(tmp_path / "empty.db", tmp_path, now=f"{DEMO_DAY}T10:00", DRIFTBOARD_DEMO="0")


@pytest.fixture
def browser_page(empty_server, new_page):  # type: ignore[no-untyped-def]
    return new_page(1366, 768)


def _publish_week_plan(db: Path) -> None:
    """The leader's week plan for the new team: every person on the team's two tasks each day."""
    from db.engine import dispose_engines, get_engine
    from driftboard.services import masterdata, weekplan

    engine = get_engine(sqlite_url(db))
    team = masterdata.find_team("boligstoette", engine)
    people = masterdata.people_frame(team.id, engine)
    tasks = {r["name"]: int(r["id"]) for r in masterdata.tasks_frame(team.id, engine).to_dict("records")}
    monday = calendar.week_start(DEMO_DAY)
    plan = [
        weekplan.AssignmentInput(int(pid), monday + dt.timedelta(days=d), tasks[task], 3.7)
        for pid, name in zip(people["id"], people["name"], strict=True)
        if name != "Mette Holm"  # the team leader handles no cases
        for d in range(5)
        for task in ("Ansøgning", "Ændring")
    ]
    weekplan.save_week_plan(TESTER, team.id, monday, plan, engine=engine)
    weekplan.publish_week_plan(TESTER, team.id, monday, engine=engine)
    dispose_engines()


def test_a_new_unit_is_set_up_imported_and_runs_its_operations_board(empty_server, browser_page, tmp_path):
    page, url = browser_page, empty_server.url
    page.goto(f"{url}/?lang=en")
    page.get_by_label("Unit name").fill("Borgerservice Nord")  # home switched to the set-up page
    page.get_by_label("Department").fill("Ydelser")
    page.get_by_label("Teams (one per line)").fill("Boligstøtte\nPension")
    page.wait_for_timeout(300)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    page.get_by_role("button", name="Create the unit").click()
    page.get_by_text("?team=boligstoette").wait_for(timeout=20_000)

    from driftboard.services.master_workbook import template_workbook

    (tmp_path / "template.xlsx").write_bytes(template_workbook("da"))
    workbook = fill(tmp_path / "template.xlsx", tmp_path / "stamdata.xlsx", FILLED)
    # The creator of the first unit administers it for the session: follow the page's own link
    # (a fresh page load would start a new session without the admin right).
    page.get_by_role("link", name="Unit settings").last.click()
    page.get_by_role("tab", name=t("us.import", "en")).click()
    page.locator("input[type=file]").set_input_files(str(workbook))
    page.get_by_role("button", name="Import the workbook").click()
    page.get_by_text("Imported:").wait_for(timeout=20_000)

    _publish_week_plan(empty_server.db)
    page.goto(f"{url}/operations?team=boligstoette&lang=en")
    page.get_by_role("tab", name="Holdings").click()
    page.locator("input[aria-label='Open']").first.fill("120")
    page.locator("input[aria-label='Due today']").first.fill("14")
    page.locator("input[aria-label='Over service goal']").first.fill("3")
    page.get_by_role("button", name="Save holdings").click()
    page.get_by_text("Holdings saved").wait_for(timeout=20_000)

    import sqlite_utils

    db = sqlite_utils.Database(empty_server.db)
    assert [r["open_cases"] for r in db.query("select open_cases from holdings")] == [120]
    # The board of the new team: planned volume from its own people, tasks and planning factors
    # (2 case handlers × 3.7 h × 5.5/7.4 customer-facing hours (the department's override), the
    # board leader at 75 % ÷ 25 minutes per case = 11 applications a day), and the holdings.
    main = page.locator("[data-testid=stMain]").first
    main.get_by_text("120", exact=True).first.wait_for(timeout=20_000)
    body = main.inner_text()
    assert "Boligstøtte · Operations board" in body
    assert "–/11" in body
    assert "Ansøgning" in body and "Ændring" in body

"""Two people, two browser pages, one grid each: a KPI value, the week plan and master data.
A save from a page that did not see the other person's change is refused with their name and
overwrites nothing (before, the stale grid's save replaced the other person's numbers)."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable

from sqlalchemy import select

from db.engine import get_engine, read_session
from db.models import Assignment, Measure, MeasureValue, OrgUnit, Person, WeekPlan
from driftboard import calendar
from driftboard.domain import Actor
from driftboard.services import masterdata, users
from tests.browser.conftest import ARTIFACTS
from tests.browser.grid import edit_cell, wait_idle
from tests.conftest import DEMO_DAY, sqlite_url

REFUSED = "after your page showed it"
PEOPLE = re.compile(r"^People")
WEEK = calendar.week_start(DEMO_DAY)
PERIOD = calendar.week_start(DEMO_DAY) - dt.timedelta(weeks=1)  # the values tab's week


def _two_pages(new_page, url: str):  # type: ignore[no-untyped-def]
    pages = [new_page(1600, 1000) for _ in range(2)]
    for page in pages:
        page.goto(url)
    return pages


def _act_as(page, who: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("You are").click()
    page.get_by_role("option", name=who).click()
    wait_idle(page)


def _values_grid(page):  # type: ignore[no-untyped-def]
    """Open the goal page's "Enter values" tab and return its grid. A click that lands while a
    rerun is still redrawing the page (choosing who you are) can be undone by the redraw, which
    shows the first tab again: the tab is clicked again until its grid shows."""
    grid = page.get_by_role("tabpanel", name="Enter values").get_by_test_id("stDataFrame").first
    for _ in range(6):
        wait_idle(page)
        page.get_by_role("tab", name="Enter values").click(timeout=60_000)
        try:
            grid.wait_for(state="visible", timeout=10_000)
            return grid
        except Exception:  # noqa: BLE001 - the redraw showed the first tab again: click again
            continue
    page.screenshot(path=str(ARTIFACTS / "no-values-grid.png"))
    raise AssertionError("the Enter values tab never showed its grid")


def _refusal(page, name: str):  # type: ignore[no-untyped-def]
    """The refusal the page shows (a screenshot in artifacts/ when it never comes)."""
    refusal = page.get_by_text(REFUSED, exact=False).first
    try:
        refusal.wait_for(timeout=30_000)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / f"no-refusal-{name}.png"))
        raise
    return refusal.inner_text()


def _unlock_admin(page, token: str) -> None:  # type: ignore[no-untyped-def]
    """Open mode: master data is admin work, unlocked with the admin token from the CLI."""
    page.get_by_test_id("stSidebar").get_by_text("Admin token").first.click()
    secret = page.get_by_test_id("stSidebar").get_by_label("Admin token")
    secret.fill(token)
    secret.press("Enter")
    page.get_by_text("Admin work unlocked for this session.").wait_for(timeout=30_000)


def _until(read: Callable[[], object], expected: object, page) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if read() == expected:
            return
        page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "grid-save-never-arrived.png"))
    assert read() == expected


def _read(db, statement):  # type: ignore[no-untyped-def]
    with read_session(get_engine(sqlite_url(db))) as s:
        return s.execute(statement).scalar()


def test_a_kpi_value_entered_by_someone_else_is_not_overwritten_from_a_stale_grid(server, new_page):

    fte = (
        select(MeasureValue.value)
        .join(Measure, Measure.id == MeasureValue.measure_id)
        .join(OrgUnit, OrgUnit.id == Measure.org_unit_id)
        .where(
            OrgUnit.slug == "home-coop",
            Measure.name == "FTE saved by digitalisation and automation",
            MeasureValue.period_start == PERIOD,
        )
    )
    a, b = _two_pages(new_page, f"{server.url}/goals?unit=home-coop&lang=en")
    grids = [_values_grid(a)]
    _act_as(b, "Kasper Møller")
    grids.append(_values_grid(b))
    edit_cell(b, grids[1], 0, 3, "2.5")
    b.get_by_role("button", name="Save values").click()
    _until(lambda: _read(server.db, fte), 2.5, b)

    edit_cell(a, grids[0], 0, 3, "3.5")  # A's grid still shows the value before Kasper's (a plausible FTE)
    a.get_by_role("button", name="Save values").click()
    refused = _refusal(a, "kpi")
    assert "Kasper Møller" in refused
    assert _read(server.db, fte) == 2.5


def test_a_week_plan_changed_by_someone_else_is_not_replaced_from_a_stale_grid(server, new_page):
    plan_version = select(WeekPlan.version).where(
        WeekPlan.iso_year == WEEK.isocalendar()[0], WeekPlan.iso_week == WEEK.isocalendar()[1],
        WeekPlan.team_id == select(Person.team_id).where(Person.name == "Kasper Møller").scalar_subquery(),
    )  # fmt: skip
    friday = WEEK + dt.timedelta(days=4)
    friday_hours = select(Assignment.hours).where(Assignment.date == friday)
    a, b = _two_pages(new_page, f"{server.url}/planning?team=home-coop&lang=en")
    grids = []
    for page in (a, b):
        page.get_by_role("button", name="Save plan").wait_for(timeout=60_000)
        grids.append(page.get_by_test_id("stDataFrame").first)
    before = _read(server.db, plan_version)
    a.get_by_label("Why does the published plan change?").fill("Lone takes Friday off the queue")
    a.get_by_label("Why does the published plan change?").press("Tab")
    wait_idle(a)
    _act_as(b, "Kasper Møller")
    b.get_by_label("Why does the published plan change?").fill("Kasper covers the Friday queue")
    edit_cell(b, grids[1], 0, 6, "3")
    b.get_by_role("button", name="Save plan").click()
    _until(lambda: _read(server.db, plan_version), before + 1, b)
    hours_after_b = sorted(h for (h,) in get_engine(sqlite_url(server.db)).connect().execute(friday_hours).all())

    edit_cell(a, grids[0], 1, 6, "1")  # another person's Friday, on a page that has not seen Kasper's save
    a.get_by_role("button", name="Save plan").click()
    refused = _refusal(a, "plan")
    assert "Kasper Møller" in refused
    assert _read(server.db, plan_version) == before + 1
    assert sorted(h for (h,) in get_engine(sqlite_url(server.db)).connect().execute(friday_hours).all()) == (
        hours_after_b
    )


def test_a_person_changed_by_someone_else_is_not_overwritten_from_stale_master_data(server, new_page):

    hours = select(Person.daily_hours).where(Person.name == "Kasper Møller")
    engine = get_engine(sqlite_url(server.db))
    token = users.create_admin_token(Actor("setup"), engine)
    kasper = list(masterdata.people_frame(masterdata.find_team("home-coop", engine).id, engine)["name"]).index(
        "Kasper Møller"
    )
    a, b = _two_pages(new_page, f"{server.url}/master_data?team=home-coop&lang=en")
    grids = []
    for page in (a, b):
        _unlock_admin(page, token)
        page.get_by_role("tab", name=PEOPLE).click(timeout=60_000)
        grids.append(page.get_by_role("tabpanel", name=PEOPLE).get_by_test_id("stDataFrame").first)
    _act_as(b, "Lone Winther")
    b.get_by_role("tab", name=PEOPLE).click()
    edit_cell(b, grids[1], kasper, 5, "6")  # Kasper's daily hours
    b.get_by_role("tabpanel", name=PEOPLE).get_by_role("button", name="Save changes").click()
    _until(lambda: _read(server.db, hours), 6.0, b)

    edit_cell(a, grids[0], kasper, 5, "5")
    a.get_by_role("tabpanel", name=PEOPLE).get_by_role("button", name="Save changes").click()
    refused = _refusal(a, "people")
    assert "Lone Winther" in refused
    assert _read(server.db, hours) == 6.0

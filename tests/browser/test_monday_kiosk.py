"""The shared screen at Monday 9:00, before anything is produced: the team reads "on plan · not
started" from across the room, and last week's result as the page shows it, in both languages,
on a 1920×1080 and a 3840×2160 TV. The run writes the screenshots to artifacts/ for a person to
look at."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.browser.conftest import ARTIFACTS, Server, serve, settle
from tests.conftest import MONDAY

pytestmark = pytest.mark.slow
WORDS = {"en": "On plan · not started", "da": "På plan · ikke startet"}
LAST_WEEK = {"en": "Last week (week 48)", "da": "Sidste uge (uge 48)"}


@pytest.fixture(scope="module")
def monday_server(monday_template_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for both screens: the tests only look."""
    folder = tmp_path_factory.mktemp("monday-kiosk")
    db = folder / "served.db"
    shutil.copyfile(monday_template_url.removeprefix("sqlite:///"), db)
    yield from serve(db, folder, now=f"{MONDAY.isoformat()}T09:00")


@pytest.mark.parametrize("viewport", [(1920, 1080), (3840, 2160)], ids=lambda v: f"{v[0]}x{v[1]}")
def test_the_kiosk_at_nine_reads_not_started_and_is_written_for_a_person_to_see(monday_server, new_page, viewport):
    width, height = viewport
    ARTIFACTS.mkdir(exist_ok=True)
    page = new_page(width, height)
    for lang, words in WORDS.items():
        page.goto(f"{monday_server.url}/operations?team=home-coop&kiosk=1&lang={lang}")
        page.get_by_text(words).first.wait_for(timeout=60_000)
        page.locator(':is([data-testid="stTable"], .db-table)').first.wait_for(timeout=60_000)
        settle(page)  # the charts drawn
        page.locator("h4", has_text=LAST_WEEK[lang]).wait_for(timeout=10_000)
        overflow = page.evaluate(
            "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight - window.innerHeight"
        )
        assert overflow <= 0, f"the Monday board with last week's result is {overflow} px too high"
        assert page.get_by_text("Nothing planned").count() == 0
        assert page.get_by_text("Intet planlagt").count() == 0
        shot = ARTIFACTS / f"monday-0900-kiosk-{width}x{height}-{lang}.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000

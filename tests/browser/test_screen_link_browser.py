"""A team's screen link in Debian's Chromium: the kiosk board shows without sign-in and without
edit controls; after ``screen revoke`` on the command line the same link shows no board."""

from __future__ import annotations

import subprocess
import sys

from db.engine import get_engine
from driftboard.services import users
from tests.conftest import ROOT, sqlite_url


def test_a_screen_link_shows_the_board_read_only_until_it_is_revoked(server, page):
    url = sqlite_url(server.db)
    made = subprocess.run(
        [sys.executable, "-m", "driftboard", "--database", url, "screen", "add", "--team", "car-consumer",
         "--label", "TV", "--base-url", server.url],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    link = next(line for line in made.splitlines() if "screen=" in line).strip()
    link_id = next(x.id for x in users.screen_links(get_engine(url)) if x.label == "TV")

    page.goto(link + "&lang=en")
    page.get_by_text("Car loan applications").first.wait_for(timeout=60_000)
    assert page.get_by_role("button", name="Save production").count() == 0
    assert page.locator("input").count() == 0  # nothing to type into on a shared screen

    subprocess.run(
        [sys.executable, "-m", "driftboard", "--database", url, "screen", "revoke", str(link_id)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    page.goto(link + "&lang=en")
    page.get_by_text("This screen link is not valid").wait_for(timeout=60_000)
    assert page.get_by_text("Car loan applications").count() == 0

"""A team's screen link in Debian's Chromium: the kiosk board shows without sign-in and without
edit controls; after ``screen revoke`` on the command line the same link shows no board. With
sign-in on (issue #23): a screen link is a window, not a key — every page but the team's boards
says the link is for the screen, and a revoke reaches an open screen at its next poll, drawn in
place."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from db.engine import dispose_engines, get_engine
from driftboard.domain import Actor
from driftboard.services import masterdata, production, users
from driftboard.ui.page import PAGES
from tests.browser.conftest import _free_port
from tests.browser.test_sign_in_browser import _stop, _wait_for
from tests.conftest import DEMO_DAY, ROOT, sqlite_url

TEAM = "car-consumer"
TASK = "Car loan applications"  # a row of the team's operations board


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


# --------------------------------------------------------------------------- with sign-in on
# The setting (#23): sign-in configured, a screen link on the wall. One server (server.py:
# the app with the screens' poll route) for the tests below, on its own copy of the demo.

NON_BOARDS = [p for p in PAGES if not p.screen]
INTERVAL = 5  # the screens' refresh, in seconds (the smallest a screen takes)


@dataclass
class SignedServer:
    url: str
    db: Path

    def link(self, label: str) -> tuple[int, str]:
        """A new screen link for the team (id, secret)."""
        return users.create_screen_link(Actor("setup"), TEAM, label=label, engine=get_engine(sqlite_url(self.db)))

    def revoke(self, link_id: int) -> None:
        users.revoke_screen_link(Actor("setup"), link_id, engine=get_engine(sqlite_url(self.db)))


@pytest.fixture(scope="module")
def signed_server(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SignedServer]:
    """server.py with an ``[auth]`` section (a secrets file outside the repository) pointing at
    ``oidc-provider-mock``; nobody signs in here: the screens need no personal sign-in."""
    pytest.importorskip("oidc_provider_mock", reason="oidc-provider-mock is not installed (requirements-dev.txt)")
    folder = tmp_path_factory.mktemp("signed-screen")
    db = folder / "screen.db"
    shutil.copyfile(demo_template, db)
    provider_port, port = _free_port(), _free_port()
    issuer, url = f"http://127.0.0.1:{provider_port}", f"http://127.0.0.1:{port}"
    secrets = folder / "secrets.toml"
    secrets.write_text(
        f'[auth]\nredirect_uri = "{url}/oauth2callback"\ncookie_secret = "{os.urandom(16).hex()}"\n'
        'client_id = "driftboard-test"\nclient_secret = "driftboard-test-secret"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {**os.environ, "DRIFTBOARD_DATABASE_URL": sqlite_url(db), "DRIFTBOARD_NOW": f"{DEMO_DAY.isoformat()}T10:00"}
    logs = [(folder / "provider.log").open("w"), (folder / "server.log").open("w")]
    provider = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(provider_port)],
        stdout=logs[0], stderr=subprocess.STDOUT,
    )  # fmt: skip
    app = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(port), "--server.headless",
         "true", "--server.fileWatcherType", "none", "--secrets.files", str(secrets)],
        cwd=ROOT, env=env, stdout=logs[1], stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_for(f"{issuer}/.well-known/openid-configuration", provider, "the OIDC provider")
        _wait_for(f"{url}/_stcore/health", app, "the app server")
        yield SignedServer(url, db)
    finally:
        _stop(app)
        _stop(provider)
        for log in logs:
            log.close()
        dispose_engines()


def test_a_screen_link_opens_no_page_but_its_teams_boards(signed_server, page):
    """Every page that is not a board, opened through the link, says the link is for the screen
    (in the viewer's language) and shows nothing of the team; a board opens."""
    _link_id, secret = signed_server.link("Hallway")
    for definition in NON_BOARDS:
        path = "" if definition.key == "home" else definition.key
        page.goto(f"{signed_server.url}/{path}?team={TEAM}&screen={secret}&lang=da")
        page.get_by_text("Dette link er til teamets fælles skærm").wait_for(timeout=60_000)
        assert page.get_by_text(TASK).count() == 0, definition.key
        assert page.locator("input, textarea, button[kind=primary]").count() == 0, definition.key
    page.goto(f"{signed_server.url}/operations?team={TEAM}&screen={secret}&lang=en")
    page.get_by_text(TASK).first.wait_for(timeout=60_000)


def test_a_revoked_link_says_not_valid_on_the_open_screen_within_one_interval(signed_server, page):
    """Revoked while the screen is open: at its next poll the screen says the link is not valid,
    in place (no reload), and a number written after the revoke never shows."""
    link_id, secret = signed_server.link("Wall")
    page.goto(f"{signed_server.url}/operations?team={TEAM}&screen={secret}&lang=en&refresh={INTERVAL}")
    page.get_by_text(TASK).first.wait_for(timeout=60_000)
    page.get_by_text("updated", exact=False).first.wait_for(timeout=30_000)
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads
    signed_server.revoke(link_id)
    revoked_at = time.monotonic()
    engine = get_engine(sqlite_url(signed_server.db))
    team = masterdata.find_team(TEAM, engine)
    task = masterdata.tasks_frame(team.id, engine).iloc[0]
    production.record_production(Actor("Core system"), team.id, DEMO_DAY, {int(task["id"]): 987}, engine=engine)
    page.get_by_text("This screen link is not valid").first.wait_for(timeout=(INTERVAL + 10) * 1000)
    waited = time.monotonic() - revoked_at
    assert waited <= INTERVAL + 3, f"the screen said so only after {waited:.1f} s"
    page.locator(':is([data-testid="stTable"], .db-table)').first.wait_for(
        state="detached", timeout=30_000
    )  # the board is gone
    assert page.evaluate("window.__sameDocument === true"), "the screen reloaded"
    time.sleep(INTERVAL + 1)  # another interval: nothing comes back
    assert page.get_by_text(TASK).count() == 0
    assert page.get_by_text("987").count() == 0

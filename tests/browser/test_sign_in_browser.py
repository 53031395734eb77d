"""Sign-in against a real OpenID Connect provider in Debian's Chromium: ``oidc-provider-mock``
runs on a free loopback port, the app is started with an ``[auth]`` section pointing at it (in a
secrets file outside the repository, via Streamlit's ``secrets.files`` option). Signed out there
is a sign-in button and no board; after the provider's login form with the e-mail of a leader of
the team, the team's operations board shows; after signing out (and the provider's end-session
page) no board shows again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import _free_port
from tests.conftest import DEMO_DAY, ROOT, sqlite_url

pytestmark = pytest.mark.slow

EMAIL = "leader@example.dk"
TEAM = "car-consumer"
TASK = "Car loan applications"  # a row of the team's operations board


def _wait_for(url: str, process: subprocess.Popen, what: str) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=3) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"{what} did not start")


def _stop(process: subprocess.Popen) -> None:  # type: ignore[type-arg]
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


@pytest.fixture
def provider(tmp_path: Path) -> Iterator[str]:
    """``oidc-provider-mock`` as a subprocess on a free loopback port; any client id and secret
    are accepted, the login form asks for the subject and returns it as the ``email`` claim."""
    pytest.importorskip("oidc_provider_mock", reason="oidc-provider-mock is not installed (requirements-dev.txt)")
    port = _free_port()
    log = (tmp_path / "provider.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    issuer = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{issuer}/.well-known/openid-configuration", process, "the OIDC provider")
        yield issuer
    finally:
        _stop(process)
        log.close()


@pytest.fixture
def signed_app(demo_template: Path, tmp_path: Path, provider: str) -> Iterator[str]:
    """The app with sign-in on a copy of the demo database; ``[auth]`` lives in a temporary
    secrets file (never in the repository's ``.streamlit/``)."""
    db = tmp_path / "sign-in.db"
    shutil.copyfile(demo_template, db)
    subprocess.run(
        [sys.executable, "-m", "driftboard", "--database", sqlite_url(db), "user", "add", EMAIL,
         "--role", "leader", "--unit", TEAM],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        f'cookie_secret = "{os.urandom(16).hex()}"\n'
        'client_id = "driftboard-test"\n'
        'client_secret = "driftboard-test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        'client_kwargs = { scope = "openid profile email" }\n',
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "DRIFTBOARD_DATABASE_URL": sqlite_url(db),
        "DRIFTBOARD_NOW": f"{DEMO_DAY.isoformat()}T10:00",
    }
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true",
         "--server.fileWatcherType", "none", "--secrets.files", str(secrets)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_for(f"{url}/_stcore/health", process, "the app server")
        yield url
    finally:
        _stop(process)
        log.close()


def test_a_leader_signs_in_with_the_provider_sees_the_board_and_signs_out(signed_app, page):
    board = f"{signed_app}/operations?team={TEAM}&lang=en"

    page.goto(board)
    page.get_by_text("Sign in to see your team's boards.").wait_for(timeout=60_000)
    assert page.get_by_text(TASK).count() == 0

    page.get_by_role("button", name="Sign in").click()
    page.get_by_placeholder("sub").fill(EMAIL, timeout=60_000)  # the provider's login form
    page.get_by_role("button", name="Authorize").click()
    page.get_by_text(f"Signed in as {EMAIL}").wait_for(timeout=60_000)  # back in the app

    page.goto(board)
    page.get_by_role("heading", name="Operations board").first.wait_for(timeout=60_000)
    page.get_by_text(TASK).first.wait_for(timeout=60_000)
    assert page.get_by_text("Sign in to see your team's boards.").count() == 0

    page.get_by_role("button", name="Sign out").click()
    # Streamlit ends its own session and sends the browser to the provider's end-session page
    page.get_by_role("button", name="End session").click(timeout=60_000)
    page.get_by_role("button", name="Sign in").wait_for(timeout=60_000)  # back in the app
    page.goto(board)
    page.get_by_text("Sign in to see your team's boards.").wait_for(timeout=60_000)
    assert page.get_by_text(TASK).count() == 0

"""A shared screen redraws only when what it shows changed: it asks the server for its board's
version every interval, and reruns its board when the version moved (its own team's write), not
for a write in another team nor while nothing happens. Without the API routes it falls back to
redrawing every interval."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from google.protobuf.message import DecodeError
from streamlit.proto.BackMsg_pb2 import BackMsg

from db.engine import dispose_engines, get_engine
from driftboard.domain import Actor
from driftboard.services import masterdata, operations_board, production
from tests.browser.conftest import Server, serve
from tests.conftest import DEMO_DAY, sqlite_url

INTERVAL = 5  # the shortest refresh a screen takes (?refresh= is clamped to 5 s … 1 h)


@dataclass
class Watch:
    """What a page sent and asked: rerun requests on the websocket, and polls with their answers."""

    reruns: int = 0
    polls: list[int] = field(default_factory=list)

    def attach(self, page) -> None:  # type: ignore[no-untyped-def]
        page.on("websocket", lambda ws: ws.on("framesent", self._sent))
        page.on("response", lambda r: self.polls.append(r.status) if "/api/v1/live/" in r.url else None)

    def _sent(self, payload: bytes | str) -> None:
        if isinstance(payload, str):
            return
        msg = BackMsg()
        try:
            msg.ParseFromString(payload)
        except DecodeError:
            return
        if msg.WhichOneof("type") == "rerun_script":
            self.reruns += 1


PAYOUT = "Pay out mortgage"  # how the screen begins the task's name (it clips long names)


def _write(url: str, slug: str, produced: int) -> None:
    """A core system records today's first task of the team (the mortgage team's: pay-outs)."""
    engine = get_engine(url)
    team = masterdata.find_team(slug, engine=engine)
    tasks = operations_board.load_board(team.id, DEMO_DAY, engine=engine).tasks
    task = next((t for t in tasks if t.name.startswith(PAYOUT)), tasks[0])
    production.record_production(Actor("core system"), team.id, DEMO_DAY, {task.id: produced}, engine=engine)
    dispose_engines()


def _open(page, server: Server, watch: Watch) -> None:  # type: ignore[no-untyped-def]
    watch.attach(page)
    page.goto(f"{server.url}/operations?team=mortgage&kiosk=1&lang=en&refresh={INTERVAL}")
    page.locator(':is([data-testid="stTable"], .db-table)').first.wait_for(timeout=60_000)
    page.locator(".stamp .ok", has_text="Updated").wait_for(timeout=10_000)
    page.wait_for_timeout(1000)  # the first draw's own reruns (the screen's size) are over


def test_a_screen_redraws_for_its_own_teams_write_only(server, page):
    watch = Watch()
    _open(page, server, watch)
    page.evaluate("() => { window.__sameDocument = true; }")
    row = page.locator(':is([data-testid="stTable"], .db-table)').first.locator("tr", has_text=PAYOUT)
    assert "77/" not in row.inner_text()
    reruns, polls = watch.reruns, len(watch.polls)

    page.wait_for_timeout(2 * INTERVAL * 1000 + 1000)  # nothing happens
    assert len(watch.polls) - polls >= 2 and set(watch.polls) == {200}
    assert watch.reruns == reruns, "an idle screen redrew its board"

    _write(sqlite_url(server.db), "car-consumer", 55)  # another team's write moves the stamp
    page.wait_for_timeout(2 * INTERVAL * 1000 + 1000)
    assert watch.reruns == reruns, "a write in another team redrew this team's board"

    _write(sqlite_url(server.db), "mortgage", 77)
    # the next poll (≤ one interval), the stamp cache (≤ 2 s) and the rerun
    row.filter(has_text="77/").wait_for(timeout=(INTERVAL + 6) * 1000)
    assert watch.reruns == reruns + 1
    assert page.evaluate("() => window.__sameDocument === true")  # in place, no reload
    assert page.locator(".stamp .stale").is_hidden()


@pytest.fixture
def app_only(demo_template: Path, tmp_path: Path) -> Iterator[Server]:
    """The app run without ``server.py``: no API routes, so no poll answers."""
    db = tmp_path / "browser.db"
    shutil.copyfile(demo_template, db)
    yield from serve(db, tmp_path, now=f"{DEMO_DAY.isoformat()}T10:00", script="app.py")


def test_without_the_api_a_screen_redraws_every_interval(app_only, page):
    watch = Watch()
    _open(page, app_only, watch)
    reruns = watch.reruns
    _write(sqlite_url(app_only.db), "mortgage", 66)
    row = page.locator(':is([data-testid="stTable"], .db-table)').first.locator("tr", has_text=PAYOUT)
    row.filter(has_text="66/").wait_for(timeout=(INTERVAL + 6) * 1000)
    page.wait_for_timeout(2 * INTERVAL * 1000)
    assert watch.polls  # the screen asked and got no version (Streamlit answers with its page) ...
    assert watch.reruns - reruns >= 2  # ... so the board redraws on the timer
    assert page.locator(".stamp .stale").is_hidden()

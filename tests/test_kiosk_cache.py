"""Screens of one team share one board load until something is written, and a board's version
moves only when what its screen shows changed."""

from __future__ import annotations

import pytest

from db.engine import get_engine
from driftboard.domain import Actor
from driftboard.services import live, masterdata, production
from tests.conftest import DEMO_DAY
from tests.databases import statements


def _board_reads(sent: list[str]) -> list[str]:
    """The statements that load a board, not those that read the change stamps."""
    return [s for s in sent if "change_stamp" not in s and s.split()[0].upper() == "SELECT"]


@pytest.fixture
def pinned(demo_app, demo_url, monkeypatch):
    monkeypatch.setenv("DRIFTBOARD_NOW", f"{DEMO_DAY.isoformat()}T10:00")  # the minute does not turn
    live.forget()
    yield get_engine(demo_url)
    live.forget()


def test_fifty_screens_of_a_team_cost_one_board_load(pinned):
    engine = pinned
    team = masterdata.find_team("mortgage", engine)
    with statements(engine) as sent:
        first = live.shown("operations", team.id)
        one_load = len(sent)
        for _ in range(49):
            again = live.shown("operations", team.id)
            assert again.version == first.version and again.data == first.data
            assert live.version("operations", team.id) == first.version
    assert len(sent) == one_load  # 49 more screens and their polls: no query at all

    _day, view, _fed, _today, _last_week = first.data
    production.record_production(Actor("core system"), team.id, DEMO_DAY, {view.tasks[0].id: 5}, engine=engine)
    live.forget()  # the change stamp is re-read at most every 2 s; skip the wait here
    after = live.shown("operations", team.id)
    assert after.data[1].board.tasks[0].cell(DEMO_DAY).produced == 5
    assert after.version != first.version


def test_each_screen_gets_a_copy_of_its_own(pinned):
    team = masterdata.find_team("mortgage", pinned)
    drawn = live.shown("improvement", team.id)
    counts = dict(drawn.data[1].counts)
    drawn.data[1].counts.clear()  # a screen's drawing code changing what it was given ...
    assert live.shown("improvement", team.id).data[1].counts == counts  # ... changes nothing for the next


@pytest.mark.parametrize("board", ["operations", "improvement", "goals", "maturity"])
def test_a_write_in_another_team_leaves_the_version_of_a_board_it_does_not_show(pinned, board):
    engine = pinned
    team = masterdata.find_team("mortgage", engine)
    other = masterdata.find_team("car-consumer", engine)
    before = live.version(board, team.id)
    other_task = live.shown("operations", other.id).data[1].tasks[0].id
    stamp = live.stamps()[0]
    production.record_production(Actor("core system"), other.id, DEMO_DAY, {other_task: 41}, engine=engine)
    live.forget()
    assert live.stamps()[0] > stamp  # the stamp moved for everyone ...
    assert live.version(board, team.id) == before  # ... and this board's screen does not rerun


def test_the_operations_version_follows_the_day_a_screen_left_on_overnight_shows(pinned, monkeypatch):
    team = masterdata.find_team("mortgage", pinned)
    wednesday = live.shown("operations", team.id)
    monkeypatch.setenv("DRIFTBOARD_NOW", "2026-11-26T06:30")
    thursday = live.shown("operations", team.id)
    assert thursday.data[0].isoformat() == "2026-11-26" and wednesday.data[0] == DEMO_DAY
    assert thursday.version != wednesday.version


def test_an_unknown_board_is_refused(pinned):
    with pytest.raises(ValueError, match="no shared screen"):
        live.version("history", 1)


def test_the_poll_signature_names_one_board_of_one_org_unit():
    sig = live.signature("secret", "operations", 7)
    assert live.signed("secret", "operations", 7, sig)
    assert not live.signed("secret", "operations", 8, sig)
    assert not live.signed("secret", "goals", 7, sig)
    assert not live.signed("another secret", "operations", 7, sig)  # another installation's link
    assert not live.signed("secret", "operations", 7, "")


def test_screens_polling_together_after_a_write_wait_for_one_load(pinned):
    import threading

    engine = pinned
    team = masterdata.find_team("mortgage", engine)
    start = threading.Barrier(10)
    versions: list[str] = []

    def poll() -> None:
        start.wait()
        versions.append(live.version("operations", team.id))

    with statements(engine) as sent:
        live.version("operations", team.id)
        one_load = len(_board_reads(sent))
        live.forget()
        sent.clear()
        threads = [threading.Thread(target=poll) for _ in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert len(versions) == 10 and len(set(versions)) == 1
    assert len(_board_reads(sent)) == one_load  # ten screens at once: one board load


def test_the_screen_secret_is_made_once_kept_with_the_data_and_shared_by_servers_starting_together(db_url, tmp_path):
    """A secret per process froze every TV at a restart: their polls were refused (403) for good."""
    import threading

    from tests import databases

    engine = get_engine(db_url)
    made: list[str] = []
    barrier = threading.Barrier(4)

    def start() -> None:  # four servers' first screens at once
        barrier.wait()
        made.append(live._stored_secret(engine, live.SCREEN_SECRET))

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(made)) == 1 and len(made[0]) == 64
    live._secrets.clear()  # a restart forgets what the process knew
    assert live.screen_secret(engine) == made[0]
    other = databases.new_url(tmp_path, "other")  # another installation signs otherwise
    from driftboard import admin

    admin.init_db(get_engine(other))
    assert live.screen_secret(get_engine(other)) != made[0]
    databases.drop(other)

"""The shared screen fits, whatever the day brings: on a heavy day (sick calls, moves, overrides,
capacity warnings, overdue holdings, robots) the operations kiosk is laid out for its screen —
long lists show their newest rows and "+ M more", the charts take the space left — so nothing is
pushed below the edge of a TV that cannot scroll, at 1920×1080 and 3840×2160, in both languages."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db.engine import dispose_engines, get_engine
from driftboard import admin
from driftboard.domain import Actor, MeasureKind
from driftboard.services import (
    escalations,
    improvement,
    masterdata,
    measures,
    operations_board,
    prioritisation,
    production,
    robots,
)
from driftboard.tiers import Answer, EscalationKind
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, Server, serve, settle
from tests.conftest import DEMO_DAY, TESTER, sqlite_url

pytestmark = pytest.mark.slow
LEADER = Actor("Lone Winther")
NOTE = "called in at 7:50, back on Friday with a bit of luck"
SIZES = [(1920, 1080), (3840, 2160)]


def heavy_day(engine) -> None:  # type: ignore[no-untyped-def]
    """The home-loan team's worst morning: three sick calls, every other person moved, three
    planned volumes overridden, every task's holdings overdue, a second robot, ten more
    measures and fourteen new improvement cards."""
    team = masterdata.find_team("home-coop", engine)
    assert team is not None
    view = operations_board.load_board(team.id, DEMO_DAY, engine)
    tasks = [t.id for t in view.tasks]
    for worker in [r for r in view.board.roster if r.tasks and not r.absence][:3]:
        prioritisation.mark_sick(LEADER, team.id, worker.person_id, DEMO_DAY, note=NOTE, engine=engine)
    view = operations_board.load_board(team.id, DEMO_DAY, engine)
    for worker in [r for r in view.board.roster if r.tasks and not r.absence]:
        source = next(t.id for t in view.tasks if t.name == worker.tasks[0][0])
        prioritisation.move_person(
            LEADER, team.id, worker.person_id, DEMO_DAY, to_task_id=tasks[(tasks.index(source) + 1) % len(tasks)],
            hours=min(2.0, worker.tasks[0][1]), from_task_id=source,
            note="pay-outs first: the bank's deadline is on Friday", engine=engine,
        )  # fmt: skip
    for task in tasks[:3]:
        prioritisation.set_planned_volume(
            LEADER, team.id, task, DEMO_DAY, 5, "cases at risk of the goal", engine=engine
        )
    production.record_holdings(
        LEADER, team.id, DEMO_DAY, {t: (120 + i, 20, 15) for i, t in enumerate(tasks)}, engine=engine
    )
    robot = robots.RobotInput("Valuation robot", "valuation-robot", (tasks[1],), 0.6)
    robots.save_robot(LEADER, team.id, robot, engine=engine)
    for n in range(1, 11):  # ten more measures on the goal board: seventeen in all
        measures.define_measure(
            LEADER,
            measures.MeasureInput(
                team.id, f"Cases reopened after payout, type {n}", f"reopened-{n}", MeasureKind.OPERATIONAL
            ),
            engine=engine,
        )
    # Two escalations on the screen: a gap the department answered, a blocker still waiting.
    with pytest.MonkeyPatch.context() as clock:
        clock.setenv("DRIFTBOARD_NOW", f"{DEMO_DAY.isoformat()}T09:05")
        answered = escalations.raise_escalation(
            LEADER, team.id, EscalationKind.CAPACITY_GAP, NOTE, hours=6, task_id=tasks[0], engine=engine
        )
        escalations.answer_escalation(TESTER, answered, Answer.OVERTIME, hours=6, engine=engine)
        escalations.raise_escalation(LEADER, team.id, EscalationKind.BLOCKER, NOTE, engine=engine)
    for n in range(1, 15):  # a week of ideas after a bad day: fourteen new cards in the inbox
        improvement.create_card(
            LEADER, team.id, title=f"Idea {n}: the valuation robot stops on co-op association statements", engine=engine
        )


@pytest.fixture(scope="module")
def heavy_db(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("heavy-day")
    shutil.copyfile(demo_template, folder / "seeding.db")
    engine = get_engine(sqlite_url(folder / "seeding.db"))
    heavy_day(engine)
    template = admin.backup(folder / "heavy.db", engine)
    dispose_engines()
    return template


@pytest.fixture
def heavy_server(heavy_db: Path, tmp_path: Path) -> Iterator[Server]:
    db = tmp_path / "heavy.db"
    shutil.copyfile(heavy_db, db)
    yield from serve(db, tmp_path, now=f"{DEMO_DAY.isoformat()}T10:00")


# How far the page reaches (Streamlit scrolls its main block, not the document), and every
# table row, chart and caption that is not wholly on the screen.
_MEASURE = """
() => {
  const out = [];
  const parts = ':is([data-testid="stTable"], .db-table) tr, [data-testid="stVegaLiteChart"], [data-testid="stCaptionContainer"]';
  for (const el of document.querySelectorAll(parts)) {
    const box = el.getBoundingClientRect();
    if (box.height > 0 && (box.top < 0 || box.bottom > window.innerHeight + 1 || box.right > window.innerWidth + 1)) {
      out.push((el.innerText || el.dataset.testid).slice(0, 50));
    }
  }
  const main = document.querySelector('[data-testid="stMain"]');
  return {scroll: Math.max(document.documentElement.scrollHeight, main.scrollHeight), height: window.innerHeight,
          outside: out, more: document.querySelectorAll('[class*="st-key-kiosk-more"]').length};
}
"""


def _each_screen(server: Server, path: str, ready: str, shot: str) -> Iterator[tuple[Any, str, str]]:
    """The kiosk board at ``path`` on each screen size in each language, drawn (``ready`` seen,
    charts settled) and photographed: yields the page, where it is ("1920×1080 en") and the
    language."""
    playwright = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for width, height in SIZES:
                page = browser.new_page(viewport={"width": width, "height": height})
                for lang in ("en", "da"):
                    page.goto(f"{server.url}{path}&kiosk=1&lang={lang}")
                    page.locator(ready).wait_for(timeout=60_000)
                    # Drawn at the page's first size, the board reruns for the screen's: measure the
                    # layout once it has stopped moving, not after a fixed pause.
                    settle(page)
                    page.screenshot(path=str(ARTIFACTS / f"{shot}-{width}x{height}-{lang}.png"))
                    yield page, f"{width}×{height} {lang}", lang
                page.close()
        finally:
            browser.close()


def _fits(m: dict[str, Any], where: str) -> None:
    assert m["scroll"] <= m["height"], f"{where}: the board is {m['scroll']} px high"
    assert not m["outside"], f"{where}: off the screen: {m['outside']}"


def test_the_operations_kiosk_fits_the_screen_on_a_heavy_day(heavy_server):
    charts = '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'
    for page, where, _ in _each_screen(heavy_server, "/operations?team=home-coop", f"{charts} >> nth=3", "heavy-kiosk"):
        m = page.evaluate(_MEASURE)
        _fits(m, where)
        assert m["more"] >= 1, f"{where}: no list says how many more it has"


# The kanban is a component: its columns are measured inside it (Playwright's selectors pierce
# its shadow root); "+ N more" is the column's own line.
_KANBAN = """
() => {
  const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot && e.shadowRoot.querySelector('.kanban'));
  const root = host ? host.shadowRoot : document;
  const columns = [...root.querySelectorAll('.column')].map(c => ({
    label: c.getAttribute('aria-label'), overflow: c.scrollHeight - c.clientHeight,
    cards: c.querySelectorAll('.card').length, more: (c.querySelector('.more') || {}).textContent || ''}));
  const main = document.querySelector('[data-testid="stMain"]');
  return {scroll: Math.max(document.documentElement.scrollHeight, main.scrollHeight), height: window.innerHeight, columns};
}
"""


def test_the_improvement_kiosk_fits_the_screen_with_a_full_inbox(heavy_server):
    """Fourteen new cards in the inbox: the column shows what fits and "+ N more" under them,
    and the board never grows past the screen."""
    for page, where, lang in _each_screen(
        heavy_server, "/improvement?team=home-coop", ".kanban .card >> nth=0", "heavy-improvement"
    ):
        m = page.evaluate(_KANBAN)
        assert m["scroll"] <= m["height"], f"{where}: the board is {m['scroll']} px high"
        assert all(c["overflow"] <= 1 for c in m["columns"]), f"{where}: {m['columns']}"
        inbox = m["columns"][0]
        hidden = int(inbox["more"].split()[1]) if inbox["more"] else 0
        assert hidden >= 1 and {"en": "more", "da": "mere"}[lang] in inbox["more"], f"{where}: {inbox}"
        assert inbox["cards"] + hidden == 15, f"{where}: {inbox}"  # the demo's one and fourteen new


def test_the_goal_kiosk_fits_the_screen_with_seventeen_measures(heavy_server):
    """Seventeen measures: compact tiles, the problems first, "+ N more" for the rest, and the
    board never grows past the screen."""
    charts = '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'
    for page, where, _ in _each_screen(heavy_server, "/goals?unit=home-coop", f"{charts} >> nth=0", "heavy-goals"):
        _fits(page.evaluate(_MEASURE), where)
        assert page.locator('[class*="st-key-kiosk-more-tiles"]').count() == 1, where

"""Benchmark: each board's run time, SQL statements and memory, beside a minimal Streamlit page.

Enters through ``app.py`` as a browser does (AppTest, then ``switch_page`` with the pages' query
parameters) and times the board's own run: *cold* is a new session after ``st.cache_data`` is
cleared (the first screen after a server start), *after a write* a new session after the data
stamp moved on (what every screen meets after someone saved production or a plan anywhere: the
stamp-keyed caches are stale; the goal boards' roll-ups, keyed by the goal stamp, and the
forecast, keyed by the team's intake, are not; a goal write costs what *cold* does), *warm* the
same session run
again (a refresh, a click that changes nothing). Medians of ``--runs``
runs after one warm-up. A minimal page (a title and a text) is timed in the same process so the
figures can be read against what Streamlit itself costs on this machine.

    .venv/bin/python bench/pages.py --db demo=sqlite:////work/bigdb/demo.sqlite \
        --db big=sqlite:////work/bigdb/big.sqlite [--runs 10]
    .venv/bin/python bench/pages.py --pg [--pg-teams 500 --pg-years 3]   # a throw-away PostgreSQL server

Each database keeps its normal durability: SQLite as the app opens it (WAL,
``synchronous=NORMAL``), the throw-away PostgreSQL server with fsync, synchronous commit and
full-page writes on. ``--fast`` starts that server with them off (as the test suite does);
its write figures then say nothing about a production server.

A database given as ``label=URL`` is used as it is (every write the bench makes is undone);
``--demo`` seeds a fresh demo database. The team benchmarked is the database's first team,
the unit its top-level unit; ``--team``/``--unit`` pick others (``--team LABEL:SLUG`` for one
database: a team of the demo team's size on the large one, for a like-for-like ratio).
Targets (bench/README.md): each board ≤ 2 × minimal + 150 ms on the 500-team database, 500-team
time ≤ 1.3 × demo, ≤ 30 SQL statements per page run, a write < 50 ms median.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NOW = "2026-11-25T10:00:00"
os.environ.setdefault("DRIFTBOARD_NOW", NOW)
os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")

import streamlit as st  # noqa: E402
from sqlalchemy import event, text  # noqa: E402
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest, app_test, local_script_runner  # noqa: E402

# The server compiles a page once (its ScriptCache holds the bytecode, after Streamlit's "magic"
# AST rewrite); AppTest makes a new cache for every run, so each run would parse and compile the
# page again (20–45 ms for the larger pages). One cache for the whole bench, as on the server;
# ``--compile-each-run`` keeps AppTest's way (the first two rounds' figures were measured so).
_SHARED_SCRIPTS = ScriptCache()

from db.engine import dispose_engines, get_engine  # noqa: E402

COORDINATION = {"imp_tab": "All teams"}  # ui.improvement.board.TABS_KEY: the coordination tab open
MINIMAL = 'import streamlit as st\n\nst.title("Minimal page")\nst.write("A line of text.")\n'


@dataclass
class Figure:
    name: str
    cold: list[float] = field(default_factory=list)
    warm: list[float] = field(default_factory=list)
    after: list[float] = field(default_factory=list)  # a new session after a write
    sql_cold: int = 0
    sql_warm: int = 0
    sql_after: int = 0
    peak_mb: float = 0.0
    error: str = ""

    @property
    def cold_ms(self) -> float:
        return statistics.median(self.cold) * 1000 if self.cold else float("nan")

    @property
    def warm_ms(self) -> float:
        return statistics.median(self.warm) * 1000 if self.warm else float("nan")

    @property
    def after_ms(self) -> float:
        return statistics.median(self.after) * 1000 if self.after else float("nan")


class StatementCounter:
    """Counts the SQL statements an engine sends (a SQLAlchemy event listener)."""

    def __init__(self) -> None:
        self.count = 0
        self._engines: set[int] = set()

    def watch(self, url: str) -> None:
        engine = get_engine(url)
        if id(engine) in self._engines:
            return
        self._engines.add(id(engine))
        event.listen(engine, "before_cursor_execute", self._hit)

    def _hit(self, *_args: object) -> None:
        self.count += 1


def _clear_caches() -> None:
    """What the first session after a server start meets: no cached data, no shared team list
    or org tree. The once-per-server-process migration check (``st.cache_resource``) stays."""
    from driftboard.ui import page

    st.cache_data.clear()
    page._teams.clear()
    page._org_tree.clear()
    gc.collect()


def _bump_stamp() -> None:
    """What an operations write (production, a plan) anywhere does to the caches, without
    changing any data: the data stamp moves on, so every cache keyed by it (boards, teams) is
    stale; caches keyed by other data (goal tiles by the goal stamp, the forecast by the team's
    intake) stay, as they do after such a write."""
    engine = get_engine(os.environ["DRIFTBOARD_DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(text("UPDATE change_stamp SET value = value + 1 WHERE id = 1"))
    # Like a cold run, start after a collection: the stale entries of a 500-team organisation
    # are garbage now, and whichever run Python's collector happened to fall on would pay for it.
    gc.collect()


def _fail(at: AppTest) -> str:
    if at.exception:
        return at.exception[0].value.splitlines()[0][:120]
    return ""


def _board(
    page: str | None, params: dict[str, str], state: dict[str, str] | None = None
) -> Callable[[], tuple[AppTest, Callable[[], None]]]:
    """A factory of (session, run) for a board: the session enters through app.py; ``run``
    runs the board page (home: app.py itself) once more; ``state`` is set in the session
    first (e.g. the open tab)."""

    def make() -> tuple[AppTest, Callable[[], None]]:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=1200)
        for key, value in params.items():
            at.query_params[key] = value
        at.query_params["lang"] = "en"
        if page is None:
            return at, lambda: at.run()
        at.run()
        at.switch_page(page)
        for key, value in (state or {}).items():
            at.session_state[key] = value
        return at, lambda: at.run()

    return make


def _minimal(entry: Path) -> Callable[[], tuple[AppTest, Callable[[], None]]]:
    """The minimal page entered like a board: a new session runs the entry script, then
    switches to ``pages/minimal.py`` (a title and a text)."""

    def make() -> tuple[AppTest, Callable[[], None]]:
        at = AppTest.from_file(str(entry), default_timeout=60)
        at.run()
        at.switch_page("pages/minimal.py")
        return at, lambda: at.run()

    return make


def _timed(
    runs: int, budget: float, counter: StatementCounter, ready: Callable[[], Callable[[], None]]
) -> tuple[list[float], int]:
    """Seconds of ``runs`` runs (fewer, at least 3, past ``budget`` seconds), each made ready by
    ``ready`` untimed, and the SQL statements of the first."""
    times: list[float] = []
    statements = 0
    for i in range(runs):
        run = ready()
        before = counter.count
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        if i == 0:
            statements = counter.count - before
        if i >= 2 and sum(times) > budget:
            break
    return times, statements


def measure(
    name: str,
    make: Callable[[], tuple[AppTest, Callable[[], None]]],
    runs: int,
    counter: StatementCounter,
    budget: float = float("inf"),
    memory: bool = True,
    after_write: bool = True,
) -> Figure:
    """Cold, after-a-write and warm medians of ``runs`` runs each (fewer, but at least 3, when a
    page's runs take longer than ``budget`` seconds: a page at 20 s a run is slow at any count)."""
    figure = Figure(name)
    # Warm-up: one full cold session (imports, first compilation of the page's modules).
    at, run = make()
    _clear_caches()
    run()
    if fail := _fail(at):
        figure.error = fail
        return figure
    session = {"at": at, "run": run}

    def new_session(prepare: Callable[[], None]) -> Callable[[], Callable[[], None]]:
        def ready() -> Callable[[], None]:
            session["at"], session["run"] = make()  # a new session entering through app.py
            prepare()
            return session["run"]

        return ready

    figure.cold, figure.sql_cold = _timed(runs, budget, counter, new_session(_clear_caches))
    if after_write:
        figure.after, figure.sql_after = _timed(runs, budget, counter, new_session(_bump_stamp))
    session["run"]()  # warm-up of the warm session
    figure.warm, figure.sql_warm = _timed(runs, budget, counter, lambda: session["run"])
    at = session["at"]
    figure.error = _fail(at)
    if not memory:
        return figure
    # Peak memory of one cold run (Python allocations; tracemalloc slows the run, so untimed).
    at, run = make()
    _clear_caches()
    tracemalloc.start()
    try:
        run()
        figure.peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    except RuntimeError:  # AppTest's timeout: the slowed run took too long; the times stand
        figure.peak_mb = float("nan")
    finally:
        tracemalloc.stop()
    return figure


@dataclass
class Subject:
    label: str
    url: str
    team: str
    unit: str
    teams: int
    teams_in_unit: int
    active_cards_in_unit: int
    team_tasks: int


def describe(label: str, url: str, team: str | None, unit: str | None) -> Subject:
    engine = get_engine(url)
    with engine.connect() as conn:
        if team is None:
            team = conn.execute(
                text("SELECT slug FROM org_units WHERE level = 'team' AND active ORDER BY id LIMIT 1")
            ).scalar_one()
        team_id = conn.execute(text("SELECT id FROM org_units WHERE slug = :s"), {"s": team}).scalar_one()
        if unit is None:
            # The unit above the team (not an organisation node above the units).
            unit = conn.execute(
                text(
                    "SELECT u.slug FROM org_units t JOIN org_units d ON d.id = t.parent_id "
                    "JOIN org_units u ON u.id = d.parent_id WHERE t.id = :i"
                ),
                {"i": team_id},
            ).scalar_one()
        unit_id = conn.execute(text("SELECT id FROM org_units WHERE slug = :s"), {"s": unit}).scalar_one()
        teams = conn.execute(text("SELECT count(*) FROM org_units WHERE level = 'team'")).scalar_one()
        in_unit = conn.execute(
            text(
                "SELECT count(*) FROM org_units t JOIN org_units d ON d.id = t.parent_id "
                "WHERE t.level = 'team' AND d.parent_id = :u"
            ),
            {"u": unit_id},
        ).scalar_one()
        active = conn.execute(
            text(
                "SELECT count(*) FROM improvement_cards c JOIN org_units t ON t.id = c.team_id "
                "JOIN org_units d ON d.id = t.parent_id WHERE d.parent_id = :u "
                "AND c.stage NOT IN ('standard', 'parked', 'rejected')"
            ),
            {"u": unit_id},
        ).scalar_one()
        tasks = conn.execute(text("SELECT count(*) FROM tasks WHERE team_id = :t"), {"t": team_id}).scalar_one()
    return Subject(label, url, team, unit, teams, in_unit, active, tasks)


def bench_writes(subject: Subject, runs: int) -> dict[str, float]:
    """Median ms of recording one production day and of moving a card; every write undone: the
    production cell gets its number and source back, or is removed when the bench made it (no
    service deletes a production cell), and the card goes back to "do" dated as before. What
    stays is the audit log's and the card's record of the bench's writes."""
    from driftboard.domain import Actor, ProductionSource, Stage
    from driftboard.services import improvement, masterdata, production
    from tests.databases import query

    engine = get_engine(subject.url)
    actor = Actor("bench")
    team = masterdata.find_team(subject.team, engine)
    day = dt.datetime.fromisoformat(NOW).date() - dt.timedelta(days=1)
    task = query(engine, f"SELECT id FROM tasks WHERE team_id = {team.id} ORDER BY sort_order, id LIMIT 1")[0]["id"]
    cell = f"task_id = {task} AND date = '{day.isoformat()}'"
    old = query(engine, f"SELECT produced, source FROM production WHERE {cell}")
    times: dict[str, list[float]] = {"record production (one day)": [], "move a card": []}
    try:
        for i in range(runs + 1):
            start = time.perf_counter()
            production.record_production(actor, team.id, day, {task: 40 + i}, engine=engine)
            if i:
                times["record production (one day)"].append(time.perf_counter() - start)
    finally:
        if old:
            source = ProductionSource(old[0]["source"])
            production.record_production(
                actor, team.id, day, {task: int(old[0]["produced"])}, source=source, engine=engine
            )
        else:
            with engine.begin() as conn:
                conn.execute(text(f"DELETE FROM production WHERE {cell}"))
    card = query(
        engine, f"SELECT id, stage_changed_at FROM improvement_cards WHERE team_id = {team.id} AND stage = 'do' LIMIT 1"
    )
    if card:
        card_id, entered = card[0]["id"], card[0]["stage_changed_at"]
        entered = entered if isinstance(entered, dt.datetime) or entered is None else dt.datetime.fromisoformat(entered)
        moves = 0
        try:
            for i in range(runs + 1):
                start = time.perf_counter()
                improvement.move_card(actor, card_id, Stage.CHECK if i % 2 == 0 else Stage.DO, engine=engine)
                moves += 1
                if i:
                    times["move a card"].append(time.perf_counter() - start)
        finally:
            if moves:
                if moves % 2 == 0:  # back in "do" but dated now: out and in again, dated as before
                    improvement.move_card(actor, card_id, Stage.CHECK, engine=engine)
                improvement.move_card(actor, card_id, Stage.DO, at=entered, engine=engine)
    return {k: statistics.median(v) * 1000 for k, v in times.items() if v}


PAGES = ("home", "operations", "planning", "goals-team", "goals-unit", "improvement", "coordination")


def bench_subject(
    subject: Subject,
    runs: int,
    counter: StatementCounter,
    budget: float,
    pages: Sequence[str] = PAGES,
    memory: bool = True,
) -> list[Figure]:
    os.environ["DRIFTBOARD_DATABASE_URL"] = subject.url
    _clear_caches()
    counter.watch(subject.url)
    team, unit, active = {"team": subject.team}, {"unit": subject.unit}, subject.active_cards_in_unit
    boards = {
        "home": ("home", None, {}, None),
        "operations": ("operations (team)", "pages/operations.py", team, None),
        "planning": ("planning (team)", "pages/planning.py", team, None),
        "goals-team": ("goals (team)", "pages/goals.py", {"unit": subject.team}, None),
        "goals-unit": (f"goals (unit, {subject.teams_in_unit} teams)", "pages/goals.py", unit, None),
        "improvement": ("improvement (team board)", "pages/improvement.py", team, None),
        # The coordination tab compares the unit's active cards for duplicates.
        "coordination": (f"improvement, all teams ({active} active cards)", "pages/improvement.py", team, COORDINATION),
    }
    figures = []
    for key in pages:
        name, page, params, state = boards[key]
        figure = measure(name, _board(page, params, state), runs, counter, budget, memory)
        figures.append(figure)
        print(
            f"  {subject.label}: {name}: warm {figure.warm_ms:.0f} ms, after a write {figure.after_ms:.0f} ms, "
            f"cold {figure.cold_ms:.0f} ms",
            flush=True,
        )
    return figures


def commit() -> str:
    """The commit benchmarked (``BENCH_COMMIT`` for a tree exported from git)."""
    if os.environ.get("BENCH_COMMIT"):
        return os.environ["BENCH_COMMIT"]
    done = subprocess.run(["git", "log", "-1", "--format=%h %cI"], capture_output=True, text=True, cwd=ROOT)
    dirty = subprocess.run(["git", "status", "--porcelain", "-uno"], capture_output=True, text=True, cwd=ROOT)
    return done.stdout.strip() + (" + uncommitted changes in the tree" if dirty.stdout.strip() else "")


def report(results: list[tuple[Subject, list[Figure], dict[str, float]]], minimal: Figure, runs: int) -> None:
    allowed_warm = 2 * minimal.warm_ms + 150
    allowed_cold = 2 * minimal.cold_ms + 150
    print()
    print(f"Driftboard bench, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, commit {commit()}, {runs} runs per figure")
    print(
        f"minimal page: warm {minimal.warm_ms:.0f} ms, cold {minimal.cold_ms:.0f} ms -> board targets: warm "
        f"{allowed_warm:.0f} ms, cold {allowed_cold:.0f} ms (2 x minimal + 150 ms); <= 30 SQL statements per run"
    )
    base = results[0][1] if len(results) > 1 else None
    for subject, figures, writes in results:
        print()
        print(
            f"### {subject.label}: {subject.teams} teams; team {subject.team} ({subject.team_tasks} tasks), "
            f"unit {subject.unit}; {subject.url.split('://')[0]}"
        )
        head = (
            "| page | warm ms | after a write ms | cold ms | runs warm/after/cold | SQL warm/after/cold "
            "| peak MiB | meets targets |"
        )
        if base is not None and subject is not results[0][0]:
            head += f" × {results[0][0].label} warm/after/cold |"
        print(head)
        print("|" + "---|" * (head.count("|") - 1))
        print(
            f"| minimal page (same run) | {minimal.warm_ms:.0f} | | {minimal.cold_ms:.0f} | "
            f"{len(minimal.warm)}/0/{len(minimal.cold)} | | {minimal.peak_mb:.1f} | |"
        )
        for i, f in enumerate(figures):
            if f.error:
                print(f"| {f.name} | error: {f.error} |")
                continue
            misses = [
                what
                for what, bad in (
                    ("warm", f.warm_ms > allowed_warm),
                    ("after a write", f.after_ms > allowed_cold),
                    ("cold", f.cold_ms > allowed_cold),
                    ("SQL", max(f.sql_warm, f.sql_after, f.sql_cold) > 30),
                )
                if bad
            ]
            ok = "yes" if not misses else "no: " + ", ".join(misses)
            row = (
                f"| {f.name} | {f.warm_ms:.0f} | {f.after_ms:.0f} | {f.cold_ms:.0f} "
                f"| {len(f.warm)}/{len(f.after)}/{len(f.cold)} "
                f"| {f.sql_warm}/{f.sql_after}/{f.sql_cold} | {f.peak_mb:.1f} | {ok} |"
            )
            if base is not None and subject is not results[0][0]:
                row += (
                    f" {f.warm_ms / base[i].warm_ms:.2f} / {f.after_ms / base[i].after_ms:.2f}"
                    f" / {f.cold_ms / base[i].cold_ms:.2f} |"
                    if base[i].warm
                    else " - |"
                )
            print(row)
        for name, ms in writes.items():
            print(f"| write: {name} | {ms:.1f} | | | | | | {'yes' if ms < 50 else 'no'} |")


def _seed_demo(url: str) -> None:
    env = {**os.environ, "DRIFTBOARD_DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "driftboard", "seed", "--date", NOW[:10]], env=env, cwd=ROOT, check=True)


def _generate(url: str, teams: int, years: int = 1) -> None:
    env = {**os.environ, "DRIFTBOARD_DATABASE_URL": url}
    command = [sys.executable, "-m", "driftboard", "generate", "--teams", str(teams), "--years", str(years)]
    subprocess.run([*command, "--date", NOW[:10]], env=env, cwd=ROOT, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", default=[], metavar="LABEL=URL", help="a database to bench")
    parser.add_argument("--demo", action="store_true", help="bench a freshly seeded demo database first")
    parser.add_argument("--pg", action="store_true", help="a throw-away PostgreSQL server: demo and a generated org")
    parser.add_argument(
        "--pg-teams", type=int, default=20, help="teams of the generated PostgreSQL org (0: the demo only)"
    )
    parser.add_argument(
        "--fast", action="store_true", help="PostgreSQL without fsync (the test suite's mode): not production figures"
    )
    parser.add_argument("--pg-years", type=int, default=1, help="years of history of the generated PostgreSQL org")
    parser.add_argument(
        "--team",
        action="append",
        default=[],
        help="team slug to bench (default: the first team); LABEL:SLUG for one database only",
    )
    parser.add_argument("--unit", help="unit slug for the roll-up board (default: the team's unit)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--compile-each-run", action="store_true", help="compile the page on every run, as AppTest does by default"
    )
    parser.add_argument("--skip-writes", action="store_true")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run of each page")
    parser.add_argument("--pages", default=",".join(PAGES), help=f"comma-separated subset of {','.join(PAGES)}")
    parser.add_argument(
        "--budget", type=float, default=120.0, help="seconds per page and mode before stopping at fewer runs (min 3)"
    )
    args = parser.parse_args()
    if not args.compile_each_run:
        local_script_runner.ScriptCache = lambda: _SHARED_SCRIPTS  # type: ignore[assignment,misc]
        app_test.ScriptCache = lambda: _SHARED_SCRIPTS  # type: ignore[assignment,misc]  # the pages' cache
    print("pages compiled " + ("on every run (AppTest's way)" if args.compile_each_run else "once, as the server does"))

    cluster = None
    tmp = tempfile.TemporaryDirectory()
    pairs = [tuple(d.split("=", 1)) for d in args.db]
    try:
        if args.demo:
            url = f"sqlite:///{tmp.name}/demo.db"
            _seed_demo(url)
            pairs.insert(0, ("demo", url))
        if args.pg:
            sys.path.insert(0, str(ROOT))
            from tests import pgcluster

            cluster = pgcluster.start(durable=not args.fast)
            print("PostgreSQL " + ("without fsync (--fast)" if args.fast else "with fsync on"), flush=True)
            from sqlalchemy import create_engine

            admin_engine = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
            with admin_engine.connect() as conn:
                conn.exec_driver_sql("CREATE DATABASE bench_demo")
                if args.pg_teams:
                    conn.exec_driver_sql("CREATE DATABASE bench_generated")
            admin_engine.dispose()
            _seed_demo(cluster.url("bench_demo"))
            pairs.append(("pg demo", cluster.url("bench_demo")))
            if args.pg_teams:
                _generate(cluster.url("bench_generated"), args.pg_teams, args.pg_years)
                pairs.append((f"pg {args.pg_teams} teams", cluster.url("bench_generated")))
        if not pairs:
            parser.error("give at least one --db LABEL=URL, --demo or --pg")

        counter = StatementCounter()
        with tempfile.TemporaryDirectory() as folder:
            entry = Path(folder) / "entry.py"
            entry.write_text(MINIMAL, encoding="utf-8")
            (Path(folder) / "pages").mkdir()
            (Path(folder) / "pages" / "minimal.py").write_text(MINIMAL, encoding="utf-8")
            minimal = measure("minimal page", _minimal(entry), args.runs, counter, after_write=False)
        print(f"minimal page: warm {minimal.warm_ms:.0f} ms, cold {minimal.cold_ms:.0f} ms", flush=True)
        results = []
        for label, url in pairs:
            teams = dict(t.split(":", 1) if ":" in t else ("", t) for t in args.team)
            subject = describe(label, url, teams.get(label, teams.get("")), args.unit)
            pages = args.pages.split(",")
            figures = bench_subject(subject, args.runs, counter, args.budget, pages, not args.no_memory)
            writes = {} if args.skip_writes else bench_writes(subject, args.runs)
            results.append((subject, figures, writes))
        report(results, minimal, args.runs)
    finally:
        dispose_engines()
        if cluster is not None:
            cluster.stop()
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

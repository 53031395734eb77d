"""Benchmark: a unit's operations board (all its teams at once) beside one team's board, in the
same run on the same database.

Two figures per board, medians of ``--runs`` runs taken in turn (team, unit, team, unit …) so a
busy moment of the machine falls on both:

- **service**: ``load_board`` of the team against ``load_tier_board`` of the unit (what each
  page's read costs), each in a fresh read transaction;
- **page**: the page entered through ``app.py`` as a browser does (``bench/pages.py``'s AppTest
  harness): *cold* after the caches were cleared (the screens' shared boards too), *after a
  write* after the data stamp moved (both boards read everything again), *warm* the same session
  again (the unit's page reads the board its screens share: a copy, until the data changes), and
  the SQL statements of each.

    .venv/bin/python bench/tiers.py --db sqlite:////work/bigdb/big-copy.sqlite [--unit SLUG] [--runs 10]

The database must be migrated to 0019 (copy the 500-team database and run ``python -m driftboard
init-db`` on the copy). Target (issue 27): the unit of 50 teams ≤ 2 × the team's board.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DRIFTBOARD_NOW", "2026-11-25T10:00:00")

_spec = importlib.util.spec_from_file_location("bench_pages", ROOT / "bench" / "pages.py")
assert _spec is not None and _spec.loader is not None
page_bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_pages"] = page_bench
_spec.loader.exec_module(page_bench)

from sqlalchemy import select  # noqa: E402

from db.engine import get_engine, read_session  # noqa: E402
from db.models import OrgUnit  # noqa: E402
from driftboard import calendar, clock  # noqa: E402
from driftboard.domain import OrgLevel  # noqa: E402
from driftboard.services import live, operations_board, org, tier_board  # noqa: E402


def _subject(url: str, unit_slug: str | None) -> tuple[OrgUnit, OrgUnit, int]:
    """The unit (the first, or ``unit_slug``), its first team and its number of teams."""
    engine = get_engine(url)
    with read_session(engine) as s:
        query = select(OrgUnit).where(OrgUnit.level == OrgLevel.UNIT)
        unit = s.scalar(query.where(OrgUnit.slug == unit_slug) if unit_slug else query.order_by(OrgUnit.id))
        teams = org.descendant_ids(s, unit.id, OrgLevel.TEAM)
        team = s.get(OrgUnit, teams[0])
        return unit, team, len(teams)


def _services(url: str, unit_id: int, team_id: int, runs: int) -> tuple[list[float], list[float]]:
    engine = get_engine(url)
    day = calendar.board_day(clock.today())
    team: list[float] = []
    unit: list[float] = []
    for _ in range(runs + 1):  # the first round warms the imports and the SQLite page cache
        start = time.perf_counter()
        operations_board.load_board(team_id, day, engine)
        team.append(time.perf_counter() - start)
        start = time.perf_counter()
        tier_board.load_tier_board(unit_id, day, engine)
        unit.append(time.perf_counter() - start)
    return team[1:], unit[1:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="a database URL migrated to 0019")
    parser.add_argument("--unit", help="the unit's slug (default: the first unit)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-pages", action="store_true", help="the service figures only")
    args = parser.parse_args()
    os.environ["DRIFTBOARD_DATABASE_URL"] = args.db
    unit, team, teams = _subject(args.db, args.unit)
    print(
        f"unit {unit.slug} ({teams} teams) beside team {team.slug}; {args.runs} runs; now {clock.now():%Y-%m-%d %H:%M}"
    )
    team_s, unit_s = _services(args.db, unit.id, team.id, args.runs)
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    print(f"service  team {ms(team_s):7.1f} ms   unit {ms(unit_s):7.1f} ms   ratio {ms(unit_s) / ms(team_s):4.2f}")
    if args.no_pages:
        return 0
    # A cold run meets no cached board at all: the screens' shared boards (``services.live``,
    # which the unit's page reads through) are emptied with Streamlit's caches.
    # After a write the shared board is read again too (its key holds the data stamp, which the
    # screens read at most every 2 s: forgotten here, so no run meets the old one).
    clear, bump = page_bench._clear_caches, page_bench._bump_stamp
    page_bench._clear_caches = lambda: (live.forget(), clear())
    page_bench._bump_stamp = lambda: (bump(), live.forget())
    counter = page_bench.StatementCounter()
    counter.watch(args.db)
    figures = {}
    for name, params in (("team", {"team": team.slug}), ("unit", {"unit": unit.slug})):
        figures[name] = page_bench.measure(
            name, page_bench._board("pages/operations.py", params), args.runs, counter, memory=False
        )
    for kind in ("cold", "after", "warm"):
        t, u = getattr(figures["team"], f"{kind}_ms"), getattr(figures["unit"], f"{kind}_ms")
        sql = (getattr(figures["team"], f"sql_{kind}"), getattr(figures["unit"], f"sql_{kind}"))
        print(f"page {kind:5}  team {t:7.1f} ms   unit {u:7.1f} ms   ratio {u / t:4.2f}   SQL {sql[0]} / {sql[1]}")
    for f in figures.values():
        if f.error:
            print(f"{f.name}: {f.error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The demo unit: realistic, complete, relative to today and deterministic per date."""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from driftboard import admin
from tests.conftest import DEMO_DAY


def test_the_demo_unit_has_the_shape_of_loan_service(demo_path):
    db = sqlite_utils.Database(demo_path)
    levels = {r["level"]: r["n"] for r in db.query("select level, count(*) n from org_units group by level")}
    assert levels == {"unit": 1, "department": 2, "team": 4}
    assert 28 <= db["people"].count <= 34
    assert 14 <= db["tasks"].count <= 18
    service_goals = {r["service_goal_days"] for r in db["tasks"].rows}
    assert service_goals <= {2, 3, 4}
    factors = next(
        db.query("select * from planning_factors where org_unit_id = (select id from org_units where level='unit')")
    )
    assert (
        factors["daily_hours"],
        factors["customer_facing_hours"],
        factors["board_leader_load_pct"],
        factors["development_reserve_pct"],
    ) == (7.5, 6, 75, 10)


def test_history_is_ten_weeks_up_to_yesterday(demo_path):
    db = sqlite_utils.Database(demo_path)
    dates = [r["d"] for r in db.query("select distinct date d from production order by d")]
    assert dates[-1] == (DEMO_DAY - dt.timedelta(days=1)).isoformat()
    first = dt.date.fromisoformat(dates[0])
    assert first.weekday() == 0 and (DEMO_DAY - first).days // 7 == 9
    plans = list(db.query("select count(*) n from week_plans where status='published' group by team_id"))
    assert all(p["n"] == 10 for p in plans)
    assert db["absences"].count > 0 and db["holdings"].count > 0


def test_production_varies_with_red_days_and_a_busy_monday(demo_path):
    db = sqlite_utils.Database(demo_path)
    by_weekday = {
        r["wd"]: r["n"]
        for r in db.query(
            "select strftime('%w', p.date) wd, avg(produced) n from production p join tasks t on t.id = p.task_id "
            "where t.slug = 'consumer-loan-applications' group by wd"
        )
    }
    assert by_weekday["1"] > 1.4 * by_weekday["3"]  # Monday vs Wednesday


def test_measures_and_cards_cover_the_goal_and_improvement_boards(demo_path):
    db = sqlite_utils.Database(demo_path)
    kinds = {r["kind"]: r["n"] for r in db.query("select kind, count(distinct slug) n from measures group by kind")}
    assert kinds == {"kpi": 3, "control": 3, "operational": 2}
    fte = next(db.query("select sum(target) t from measures where slug = 'fte-saved'"))["t"]
    assert fte == 6
    nps = next(db.query("select baseline, target from measures where slug = 'nps'"))
    assert nps["target"] - nps["baseline"] == 12
    delivery = next(db.query("select baseline, target from measures where slug = 'delivery-time' limit 1"))
    assert round(1 - delivery["target"] / delivery["baseline"], 2) == 0.12
    weeks = next(db.query("select count(distinct period_start) n from measure_values"))["n"]
    assert weeks == DEMO_DAY.isocalendar().week - 1
    stages = {r["stage"] for r in db.query("select distinct stage from improvement_cards")}
    assert stages == {"intake", "prioritisation", "plan", "do", "check", "act", "standard", "parked", "rejected"}
    assert db["improvement_cards"].count == 25
    assert db["actions"].count > 0 and db["error_registrations"].count > 0


def test_loading_is_deterministic_for_a_date(tmp_path):
    from db.engine import dispose_engines, get_engine
    from driftboard.demo import load_demo
    from tests.conftest import sqlite_url

    def production(name: str) -> list[tuple]:
        engine = get_engine(sqlite_url(tmp_path / name))
        admin.init_db(engine)
        load_demo(DEMO_DAY, engine)
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("select task_id, date, produced from production order by task_id, date").all()
        dispose_engines()
        return [tuple(r) for r in rows]

    assert production("a.db") == production("b.db")

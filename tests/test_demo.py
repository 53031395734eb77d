"""The demo unit: realistic, complete, relative to today and deterministic per date."""

from __future__ import annotations

import datetime as dt

from driftboard import admin
from tests.conftest import DEMO_DAY
from tests.databases import query, value


def test_the_demo_unit_has_the_shape_of_loan_service(demo_engine):
    db = demo_engine
    levels = {r["level"]: r["n"] for r in query(db, "select level, count(*) n from org_units group by level")}
    assert levels == {"unit": 1, "department": 2, "team": 4}
    assert 28 <= value(db, "select count(*) from people") <= 34
    assert 14 <= value(db, "select count(*) from tasks") <= 18
    service_goals = {r["service_goal_days"] for r in query(db, "select * from tasks")}
    assert service_goals <= {2, 3, 4}
    [factors] = query(
        db, "select * from planning_factors where org_unit_id = (select id from org_units where level='unit')"
    )
    assert (
        factors["daily_hours"],
        factors["customer_facing_hours"],
        factors["board_leader_load_pct"],
        factors["development_reserve_pct"],
    ) == (7.5, 6, 75, 10)


def _date(raw: object) -> dt.date:
    return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))


def test_history_is_ten_weeks_up_to_yesterday(demo_engine):
    db = demo_engine
    dates = [_date(r["d"]) for r in query(db, "select distinct date d from production order by d")]
    assert dates[-1] == DEMO_DAY - dt.timedelta(days=1)
    first = dates[0]
    assert first.weekday() == 0 and (DEMO_DAY - first).days // 7 == 9
    plans = query(db, "select count(*) n from week_plans where status='published' group by team_id")
    assert all(p["n"] == 10 for p in plans)
    assert value(db, "select count(*) from absences") > 0 and value(db, "select count(*) from holdings") > 0


def test_production_varies_with_red_days_and_a_busy_monday(demo_engine):
    rows = query(
        demo_engine,
        "select p.date, produced from production p join tasks t on t.id = p.task_id "
        "where t.slug = 'consumer-loan-applications'",
    )
    by_weekday: dict[int, list[int]] = {}
    for r in rows:
        by_weekday.setdefault(_date(r["date"]).weekday(), []).append(r["produced"])
    mean = {day: sum(v) / len(v) for day, v in by_weekday.items()}
    assert mean[0] > 1.4 * mean[2]  # Monday vs Wednesday


def test_measures_and_cards_cover_the_goal_and_improvement_boards(demo_engine):
    db = demo_engine
    kinds = {r["kind"]: r["n"] for r in query(db, "select kind, count(distinct slug) n from measures group by kind")}
    assert kinds == {"kpi": 3, "control": 3, "operational": 2}
    fte = value(db, "select sum(target) t from measures where slug = 'fte-saved'")
    assert fte == 6
    [nps] = query(db, "select baseline, target from measures where slug = 'nps'")
    assert nps["target"] - nps["baseline"] == 12
    [delivery] = query(db, "select baseline, target from measures where slug = 'delivery-time' limit 1")
    assert round(1 - delivery["target"] / delivery["baseline"], 2) == 0.12
    weeks = value(db, "select count(distinct period_start) n from measure_values")
    assert weeks == DEMO_DAY.isocalendar().week - 1
    stages = {r["stage"] for r in query(db, "select distinct stage from improvement_cards")}
    assert stages == {"intake", "prioritisation", "plan", "do", "check", "act", "standard", "parked", "rejected"}
    # The sample cards, and two started by process confirmations (demo_standards.py).
    assert value(db, "select count(*) from improvement_cards where origin_kind is null") == 25
    assert value(db, "select count(*) from improvement_cards where origin_kind = 'process_confirmation'") == 2
    assert value(db, "select count(*) from actions") > 0 and value(db, "select count(*) from error_registrations") > 0


def test_loading_is_deterministic_for_a_date(demo_engine, tmp_path):
    """A load of its own gives what the session's demo template (loaded for the same date) holds."""
    from db.engine import get_engine
    from driftboard.demo import load_demo
    from tests import databases

    def production(engine) -> list[tuple]:  # type: ignore[no-untyped-def]
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("select task_id, date, produced from production order by task_id, date").all()
        return [tuple(r) for r in rows]

    url = databases.new_url(tmp_path, "again")
    engine = get_engine(url)
    admin.init_db(engine)
    load_demo(DEMO_DAY, engine)
    again = production(engine)
    databases.drop(url)
    assert production(demo_engine) == again

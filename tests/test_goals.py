"""Goal-steering services against the demo unit on a real database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db.engine import read_session
from db.models import Action, ImprovementCard
from driftboard import clock, targets
from driftboard.domain import (
    ActionStatus,
    Actor,
    ConflictError,
    Direction,
    DomainError,
    MeasureKind,
    Period,
    ValidationError,
)
from driftboard.services import actions, goalboard, measures, org
from driftboard.targets import Verdict
from tests.conftest import DEMO_DAY
from tests.databases import query, value

LAST_WEEK = targets.previous_period(DEMO_DAY, Period.WEEK)
LEADER = Actor("Henrik Lund")


def _node(engine, slug):
    return next(n for n in org.org_tree(engine) if n.slug == slug)


def _tile(tiles, slug):
    return next(t for t in tiles if t.slug == slug)


def test_the_unit_sees_team_kpis_rolled_up_with_their_method(demo_engine):
    tiles = goalboard.goal_board(_node(demo_engine, "loan-service").id, LAST_WEEK, demo_engine)
    fte = _tile(tiles, "fte-saved")
    assert fte.rolled_up and len(fte.contributors) == 4
    db = demo_engine
    team_sum = value(
        db,
        "select sum(v.value) s from measure_values v join measures m on m.id = v.measure_id where m.slug = 'fte-saved' and v.period_start = ?",
        LAST_WEEK,
    )
    assert fte.value == pytest.approx(team_sum)
    assert fte.target == pytest.approx(
        6 * ((LAST_WEEK + dt.timedelta(days=6)) - dt.date(2026, 1, 1)).days / 364, abs=0.01
    )
    compliance = _tile(tiles, "service-goal-compliance")
    team_values = [
        r["value"]
        for r in query(
            db,
            "select v.value from measure_values v join measures m on m.id = v.measure_id where m.slug = 'service-goal-compliance' and v.period_start = ?",
            LAST_WEEK,
        )
    ]
    assert compliance.value == min(team_values)  # worst of, for "> 98 %"
    assert not _tile(tiles, "nps").rolled_up  # NPS exists only at unit level


def test_the_demo_kpis_rise_and_fall_as_the_year_goes(demo_engine):
    tiles = goalboard.goal_board(_node(demo_engine, "loan-service").id, LAST_WEEK, demo_engine)
    fte, delivery, nps = (_tile(tiles, s) for s in ("fte-saved", "delivery-time", "nps"))
    assert fte.series[0].target < fte.series[-1].target <= 6
    assert 5.0 > delivery.series[0].target > delivery.series[-1].target > 4.4
    assert nps.series[-1].target - nps.series[0].target == pytest.approx(12 * len(nps.series) / 52, abs=0.5)
    behind = [p for t in (fte, delivery, nps) for p in t.series if p.verdict is Verdict.BEHIND]
    assert behind  # some weeks are behind …
    assert actions.actions_for(_node(demo_engine, "loan-service").id, DEMO_DAY, demo_engine)  # … with actions


def test_entering_a_value_changes_the_tile_and_keeps_who_and_when(demo_engine, monkeypatch):
    monkeypatch.setenv("DRIFTBOARD_NOW", f"{DEMO_DAY.isoformat()}T09:12")  # the product's clock, not the machine's
    mortgage = _node(demo_engine, "mortgage")
    frame = measures.values_frame(mortgage.id, LAST_WEEK, demo_engine)
    rows = frame.to_dict("records")
    fte = next(r for r in rows if r["measure"].startswith("FTE"))
    tile = _tile(goalboard.goal_board(mortgage.id, LAST_WEEK, demo_engine), "fte-saved")
    fte["value"] = tile.target + 0.5
    measures.save_values(Actor("Henrik Lund"), mortgage.id, rows, engine=demo_engine)
    after = _tile(goalboard.goal_board(mortgage.id, LAST_WEEK, demo_engine), "fte-saved")
    assert after.verdict is Verdict.ON_TRACK
    assert after.entered_by == "Henrik Lund"
    assert after.entered_at == clock.utcnow()
    assert all(
        t.entered_by is None
        for t in goalboard.goal_board(_node(demo_engine, "loan-service").id, LAST_WEEK, demo_engine)
        if t.rolled_up
    )
    rows = measures.values_frame(mortgage.id, LAST_WEEK, demo_engine).to_dict("records")  # the page rerenders
    fte = next(r for r in rows if r["measure"].startswith("FTE"))
    fte["value"] = tile.target - 0.5
    measures.save_values(Actor("Henrik Lund"), mortgage.id, rows, engine=demo_engine)
    assert _tile(goalboard.goal_board(mortgage.id, LAST_WEEK, demo_engine), "fte-saved").verdict is Verdict.BEHIND


def test_a_missing_value_is_not_registered(demo_engine):
    mortgage = _node(demo_engine, "mortgage")
    future = LAST_WEEK + dt.timedelta(weeks=1)
    tile = _tile(goalboard.goal_board(mortgage.id, future, demo_engine), "fte-saved")
    assert tile.value is None and tile.verdict is Verdict.NOT_REGISTERED


def test_a_flat_kpi_is_refused(demo_engine):
    mortgage = _node(demo_engine, "mortgage")
    rows = measures.measures_frame(mortgage.id, demo_engine).to_dict("records")
    kpi = next(r for r in rows if r["kind"] == "kpi")
    kpi["target"] = kpi["baseline"]
    with pytest.raises(ValidationError) as info:
        measures.save_measures(LEADER, mortgage.id, rows, engine=demo_engine)
    assert info.value.errors[0].code == "goals.err.flat"
    with pytest.raises(DomainError):
        measures.define_measure(
            LEADER,
            measures.MeasureInput(
                mortgage.id,
                "Flat",
                "flat",
                MeasureKind.KPI,
                direction=Direction.HIGHER_IS_BETTER,
                baseline=1,
                target=1,
                baseline_date=dt.date(2026, 1, 1),
                target_date=dt.date(2026, 12, 31),
            ),
            engine=demo_engine,
        )


def test_measures_can_be_defined_with_a_custom_profile(demo_engine):
    mortgage = _node(demo_engine, "mortgage")
    rows = measures.measures_frame(mortgage.id, demo_engine).to_dict("records")
    rows.append(
        {
            "name": "Digital share",
            "slug": "digital-share",
            "kind": "kpi",
            "unit_label": "%",
            "period": "month",
            "direction": "higher",
            "baseline": 40,
            "baseline_date": dt.date(2026, 1, 1),
            "target": 70,
            "target_date": dt.date(2026, 12, 31),
            "profile": "2026-06: 45",
            "rollup": "mean",
        }
    )
    measures.save_measures(LEADER, mortgage.id, rows, engine=demo_engine)
    tile = _tile(goalboard.goal_board(mortgage.id, dt.date(2026, 6, 1), demo_engine), "digital-share")
    assert tile.target == pytest.approx(45)
    current = measures.measures_frame(mortgage.id, demo_engine).to_dict("records")
    current[-1]["profile"] = "June: 45"
    with pytest.raises(ValidationError) as info:
        measures.save_measures(LEADER, mortgage.id, current, engine=demo_engine)
    assert (info.value.errors[0].field, info.value.errors[0].code) == ("profile", "v.profile")


# --------------------------------------------------------------------------- import


def _csv(lines):
    return ("period,unit,measure,value\n" + "\n".join(lines) + "\n").encode()


def test_importing_measure_values(demo_engine):
    data = _csv(["2026-W47,mortgage,fte-saved,1.75", "2026-11-16,Loan Service,Net Promoter Score,31"])
    assert measures.import_measures(Actor("import"), data, "m.csv", engine=demo_engine).rows == 2
    tiles = goalboard.goal_board(_node(demo_engine, "mortgage").id, LAST_WEEK, demo_engine)
    assert _tile(tiles, "fte-saved").value == 1.75


@pytest.mark.parametrize(
    "line, field, code",
    [
        ("2026-W47,nowhere,fte-saved,1", "unit", "v.unknown_org_choices"),
        ("2026-W47,mortgage,nps,1", "measure", "v.unknown_measure_choices"),
        ("2026-W99,mortgage,fte-saved,1", "period", "v.period_week"),
        ("2026-W47,mortgage,fte-saved,lots", "value", "v.number"),
        ("2026-11-17,mortgage,fte-saved,2", "measure", "v.duplicate_row"),
    ],
)
def test_a_bad_measure_file_is_rejected_whole(demo_engine, line, field, code):
    before = query(demo_engine, "select * from measure_values order by id")
    with pytest.raises(ValidationError) as info:
        measures.import_measures(
            Actor("import"), _csv(["2026-W47,mortgage,fte-saved,1.5", line]), "m.csv", engine=demo_engine
        )
    [error] = info.value.errors
    assert (error.row, error.field, error.code) == (3, field, code)
    assert query(demo_engine, "select * from measure_values order by id") == before


# --------------------------------------------------------------------------- actions


def test_actions_list_overdue_first_then_open_then_closed(demo_engine):
    rows = actions.actions_for(_node(demo_engine, "loan-service").id, DEMO_DAY, demo_engine)
    ranks = [0 if a.overdue(DEMO_DAY) else 1 if a.status is ActionStatus.OPEN else 2 for a in rows]
    assert ranks == sorted(ranks)


def test_moving_an_action_creates_a_linked_card_that_says_where_it_came_from(demo_engine):
    mortgage = _node(demo_engine, "mortgage")
    tile = _tile(goalboard.goal_board(mortgage.id, LAST_WEEK, demo_engine), "fte-saved")
    action_id = actions.add_action(
        LEADER,
        tile.contributors[0].measure_id,
        text="Automate payout letters",
        owner="Henrik Lund",
        due_date=DEMO_DAY,
        period_start=LAST_WEEK,
        engine=demo_engine,
    )
    card_id = actions.move_action_to_improvement(LEADER, action_id, mortgage.id, seen_version=1, engine=demo_engine)
    with read_session(demo_engine) as s:
        card = s.get(ImprovementCard, card_id)
        action = s.get(Action, action_id)
    assert (card.title, card.team_id, card.stage.value) == ("Automate payout letters", mortgage.id, "intake")
    assert card.origin_kind == "goal_action" and card.origin == ""  # a kind and parameters, no sentence
    assert card.origin_params == {
        "action_id": action_id,
        "measure": "FTE saved by digitalisation and automation",
        "org": "Mortgage",
        "period_start": LAST_WEEK.isoformat(),
    }
    assert card.problem == "" and card.idea == "Automate payout letters"
    assert (action.status, action.improvement_card_id) == (ActionStatus.MOVED, card_id)
    with pytest.raises(ConflictError):  # the action changed (it moved) since version 1
        actions.move_action_to_improvement(LEADER, action_id, mortgage.id, seen_version=1, engine=demo_engine)
    with pytest.raises(DomainError):
        actions.move_action_to_improvement(LEADER, action_id, mortgage.id, engine=demo_engine)
    with read_session(demo_engine) as s:
        assert (
            len(s.scalars(select(ImprovementCard).where(ImprovementCard.title == "Automate payout letters")).all()) == 1
        )


def test_the_measures_file_is_checked_without_the_database():
    from driftboard import imports

    table = imports.read_table(
        _csv(["2026-W47,mortgage,fte-saved,1.5", "2026-W49,mortgage,fte-saved,2", "2026-W48,mortgage,FTE,2"]),
        "m.csv",
    )
    fte = imports.MeasureLookup(7, Period.WEEK)
    rows, errors = imports.validate_measures(table, {"mortgage": 3}, {(3, "fte-saved"): fte, (3, "fte"): fte}, DEMO_DAY)
    assert [(r.row, r.measure_id, r.period_start, r.value) for r in rows] == [
        (2, 7, dt.date(2026, 11, 16), 1.5),
        (4, 7, dt.date(2026, 11, 23), 2.0),  # the current week has begun: allowed
    ]
    assert [(e.row, e.field, e.code) for e in errors] == [(3, "period", "v.future_date")]


def test_a_future_period_in_the_file_is_refused(demo_engine):
    with pytest.raises(ValidationError) as info:
        measures.import_measures(Actor("import"), _csv(["2026-W50,mortgage,fte-saved,3"]), "m.csv", engine=demo_engine)
    assert [(e.row, e.code) for e in info.value.errors] == [(2, "v.future_date")]


def test_reimporting_a_value_keeps_its_roll_up_weight(demo_engine):
    sql = (
        "select v.value, v.weight from measure_values v join measures m on m.id = v.measure_id "
        "join org_units o on o.id = m.org_unit_id where m.slug = 'delivery-time' and o.slug = 'mortgage' "
        "and v.period_start = ?"
    )
    [before] = query(demo_engine, sql, LAST_WEEK)
    assert before["weight"]  # the demo records the volume behind each delivery time
    measures.import_measures(
        Actor("import"), _csv(["2026-W47,mortgage,delivery-time,4.2"]), "m.csv", engine=demo_engine
    )
    assert query(demo_engine, sql, LAST_WEEK) == [{"value": 4.2, "weight": before["weight"]}]


def test_saving_the_grid_counts_only_what_changed(demo_engine):
    mortgage = _node(demo_engine, "mortgage")
    rows = measures.values_frame(mortgage.id, LAST_WEEK, demo_engine).to_dict("records")
    assert measures.save_values(LEADER, mortgage.id, rows, engine=demo_engine) == 0
    rows[0]["value"] = (rows[0]["value"] or 0) + 1
    assert measures.save_values(LEADER, mortgage.id, rows, engine=demo_engine) == 1


def test_a_value_of_another_units_measure_is_refused_and_nothing_is_saved(demo_engine):
    from driftboard.i18n import CATALOGUE

    mortgage, unit = _node(demo_engine, "mortgage"), _node(demo_engine, "loan-service")
    rows = measures.values_frame(mortgage.id, LAST_WEEK, demo_engine).to_dict("records")
    rows[0]["value"] = 99.0
    stray = measures.values_frame(unit.id, LAST_WEEK, demo_engine).to_dict("records")[0]
    stray["value"] = 1.0
    before = query(demo_engine, "select * from measure_values order by id")
    with pytest.raises(DomainError) as info:
        measures.save_values(LEADER, mortgage.id, [*rows, stray], engine=demo_engine)
    assert info.value.message_key in CATALOGUE
    assert query(demo_engine, "select * from measure_values order by id") == before


def test_a_measures_display_precision_is_part_of_its_definition(demo_engine):
    mortgage = _node(demo_engine, "mortgage")
    rows = measures.measures_frame(mortgage.id, demo_engine).to_dict("records")
    delivery = next(r for r in rows if r["slug"] == "delivery-time")
    assert delivery["decimals"] == 2  # from sample_data/measures.yaml
    delivery["decimals"] = 1
    measures.save_measures(LEADER, mortgage.id, rows, engine=demo_engine)
    assert _tile(goalboard.goal_board(mortgage.id, LAST_WEEK, demo_engine), "delivery-time").decimals == 1
    delivery["decimals"] = 7
    with pytest.raises(ValidationError) as info:
        measures.save_measures(LEADER, mortgage.id, rows, engine=demo_engine)
    assert info.value.errors[0].field == "decimals"


def test_an_action_needs_a_text_and_an_owner_said_in_the_users_language(demo_engine):
    from driftboard.i18n import CATALOGUE

    tile = _tile(goalboard.goal_board(_node(demo_engine, "mortgage").id, LAST_WEEK, demo_engine), "fte-saved")
    for text, owner in (("  ", "Henrik Lund"), ("Call back", " ")):
        with pytest.raises(DomainError) as info:
            actions.add_action(
                LEADER, tile.contributors[0].measure_id, text=text, owner=owner, due_date=DEMO_DAY, engine=demo_engine
            )
        assert info.value.message_key in CATALOGUE


def test_a_roll_up_over_teams_with_different_targets_sums_each_teams_own_curve(demo_engine):
    """The roll-up works out each distinct target curve once; a team whose target differs keeps its own."""
    mortgage = _node(demo_engine, "mortgage")
    rows = measures.measures_frame(mortgage.id, demo_engine).to_dict("records")
    fte_row = next(r for r in rows if r["slug"] == "fte-saved")
    fte_row["target"] = float(fte_row["target"]) * 3
    measures.save_measures(LEADER, mortgage.id, rows, engine=demo_engine)

    unit = goalboard.goal_board(_node(demo_engine, "loan-service").id, LAST_WEEK, demo_engine)
    rolled = _tile(unit, "fte-saved")
    teams = [
        _tile(goalboard.goal_board(c.org_unit_id, LAST_WEEK, demo_engine), "fte-saved") for c in rolled.contributors
    ]
    assert len({t.target for t in teams}) == 2  # mortgage's curve differs from the other teams' one
    for n, point in enumerate(rolled.series):
        assert point.target == pytest.approx(sum(t.series[n].target for t in teams))

"""Settings are inherited team → department → unit → the product's default, and the page says
whose value is in force; saves are versioned and checked."""

from __future__ import annotations

import datetime as dt

import pytest

from driftboard.domain import AccessDenied, Actor, ConflictError, Role, ValidationError
from driftboard.orgsettings import Inherited, Layer, inherit, validate_settings
from driftboard.services import org_settings, unit_setup

SETUP = Actor("setup")


def test_the_nearest_own_value_wins_and_says_whose_it_is():
    chain = [Layer("Pension", {"meeting_minutes": None}), Layer("Ydelser", {"meeting_minutes": 15}),
             Layer("Borgerservice", {"meeting_minutes": 10})]  # fmt: skip
    assert inherit(chain, "meeting_minutes", 12) == Inherited(15, "Ydelser", False)
    assert inherit(chain[:1], "meeting_minutes", 12) == Inherited(12, None, False)
    assert inherit([Layer("Pension", {"meeting_minutes": 5})], "meeting_minutes", 12) == Inherited(5, "Pension", True)


def test_an_empty_wip_map_or_escalation_order_inherits():
    chain = [Layer("Pension", {"wip_limits": {}}), Layer("Unit", {"wip_limits": {"do": 3}})]
    assert inherit(chain, "wip_limits", {}).source == "Unit"


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"status_tolerance_pct": 101}, "status_tolerance_pct", "v.range"),
        ({"refresh_seconds": 2}, "refresh_seconds", "v.range"),
        ({"today_rule": "whenever"}, "today_rule", "v.unknown"),
        ({"escalation_order": ["overtime", "overtime"]}, "escalation_order", "v.unknown"),
        ({"work_day_start": dt.time(16), "work_day_end": dt.time(8)}, "work_day_end", "set.err.day_order"),
        ({"wip_limits": {"do": 0}}, "wip_limits", "v.range"),
    ],
)
def test_a_setting_out_of_range_is_named(changes, field, code):
    _, errors = validate_settings(changes)
    assert [(e.field, e.code) for e in errors] == [(field, code)]


@pytest.fixture
def unit(engine) -> int:
    return unit_setup.create_unit(SETUP, "Borgerservice Nord", "Ydelser", ["Pension"], engine=engine)


def _team(engine, unit_id: int) -> int:
    from driftboard.services import masterdata

    return masterdata.find_team("pension", engine).id


def test_a_team_override_and_its_removal(engine, unit):
    team = _team(engine, unit)
    view = org_settings.settings_view(team, engine)
    assert view.settings["language"] == Inherited("da", "Borgerservice Nord", False)
    org_settings.save_settings(SETUP, team, {"language": "en"}, seen_version=view.version, engine=engine)
    view = org_settings.settings_view(team, engine)
    assert view.settings["language"] == Inherited("en", "Pension", True)
    org_settings.save_settings(SETUP, team, {"language": None}, seen_version=view.version, engine=engine)
    assert org_settings.settings_view(team, engine).settings["language"].source == "Borgerservice Nord"


def test_a_stale_save_is_refused_and_a_leader_may_not_change_settings(engine, unit):
    view = org_settings.settings_view(unit, engine)
    org_settings.save_settings(Actor("Bo"), unit, {"meeting_minutes": 15}, seen_version=view.version, engine=engine)
    with pytest.raises(ConflictError) as info:
        org_settings.save_settings(SETUP, unit, {"meeting_minutes": 20}, seen_version=view.version, engine=engine)
    assert info.value.changed_by == "Bo"
    leader = Actor("Lea", grants=frozenset({(unit, Role.LEADER)}))
    with pytest.raises(AccessDenied):
        org_settings.save_settings(leader, unit, {"meeting_minutes": 20}, seen_version=None, engine=engine)


def test_team_factors_inherit_and_may_not_exceed_the_day(engine, unit):
    team = _team(engine, unit)
    org_settings.save_factors(SETUP, team, {"customer_facing_hours": 5.0}, seen_version=None, engine=engine)
    view = org_settings.settings_view(team, engine)
    assert view.factors["customer_facing_hours"] == Inherited(5.0, "Pension", True)
    assert view.factors["daily_hours"] == Inherited(7.4, "Borgerservice Nord", False)
    with pytest.raises(ValidationError):
        org_settings.save_factors(
            SETUP, team, {"customer_facing_hours": 9.0}, seen_version=view.factors_version, engine=engine
        )
    with pytest.raises(ValidationError):  # the unit sets every factor
        unit_view = org_settings.settings_view(unit, engine)
        org_settings.save_factors(
            SETUP, unit, {"daily_hours": None}, seen_version=unit_view.factors_version, engine=engine
        )


def test_a_job_role_people_hold_cannot_be_removed(engine, unit):
    org_settings.save_job_roles(SETUP, unit, [{"name_da": "Sagsbehandler", "name_en": "Case handler"}], engine=engine)
    assert org_settings.job_role_names(_team(engine, unit), "en", engine) == {"sagsbehandler": "Case handler"}
    from driftboard.services import masterdata

    team = _team(engine, unit)
    masterdata.save_people(
        SETUP, team, [{"name": "Lise", "job_role": "sagsbehandler", "daily_hours": 7.4}], engine=engine
    )
    with pytest.raises(ValidationError):
        org_settings.save_job_roles(SETUP, unit, [], engine=engine)

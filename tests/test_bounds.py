"""A number's allowed range (``driftboard.bounds``): the one rule the typed entry, the table
parser, the settings and the services check with. Database-free."""

from __future__ import annotations

from decimal import Decimal

import pytest

from driftboard.bounds import ANY, Bounds
from driftboard.domain import DomainError
from driftboard.orgsettings import validate_settings
from driftboard.services import escalations
from driftboard.services import robots as robot_services
from driftboard.tables import Field, parse_value

NAN = float("nan")


@pytest.mark.parametrize(
    ("number", "bounds", "inside"),
    [
        (0, Bounds(0, 24), True),
        (24, Bounds(0, 24), True),
        (24.01, Bounds(0, 24), False),
        (-0.01, Bounds(0, 24), False),
        (0, Bounds(0, 24, low_exclusive=True), False),
        (0.01, Bounds(0, 24, low_exclusive=True), True),
        (-5, Bounds(high=0), True),
        (10**9, Bounds(low=1), True),
        (10**9, ANY, True),
        # typed decimals are compared with their bounds as written: one tenth is at least 0.1
        (Decimal("0.1"), Bounds(0.1, 1), True),
        (Decimal("0.1"), Bounds(0.1, 1, low_exclusive=True), False),
        (Decimal("0.3"), Bounds(high=0.3), True),
    ],
)
def test_a_number_is_inside_or_outside_its_range(number, bounds, inside):
    assert (number in bounds) is inside
    assert bounds.below(number) or bounds.above(number) or inside


@pytest.mark.parametrize("bounds", [Bounds(0, 24), Bounds(low=0), Bounds(high=0), Bounds(0, 1, low_exclusive=True)])
def test_not_a_number_is_outside_every_range_with_an_end(bounds):
    """NaN compares false with everything: "neither below nor above" would let it in."""
    assert NAN not in bounds


def test_a_range_without_ends_is_open():
    assert ANY.open and not Bounds(low=0).open and not Bounds(high=1).open


def test_a_setting_that_is_not_a_number_is_refused_with_its_range():
    clean, errors = validate_settings({"status_tolerance_pct": NAN})
    assert "status_tolerance_pct" not in clean
    assert [(e.field, e.code) for e in errors] == [("status_tolerance_pct", "v.range")]


def test_escalated_hours_that_are_not_a_number_are_refused():
    with pytest.raises(DomainError) as refused:
        escalations._check_hours(NAN, required=True)
    assert refused.value.message_key == "esc.err.hours_range"
    escalations._check_hours(escalations.MAX_HOURS, required=True)  # the high end is allowed
    with pytest.raises(DomainError):
        escalations._check_hours(0, required=True)  # "more than none"


@pytest.mark.parametrize("share", [NAN, -0.01, 1.01])
def test_a_robot_target_share_outside_0_to_100_percent_is_refused(share):
    with pytest.raises(DomainError) as refused:
        robot_services._check_robot(robot_services.RobotInput("Bot", "bot", (), share))
    assert refused.value.message_key == "feeds.err.target_share"


def test_a_table_cell_at_an_exclusive_low_end_says_it_must_be_positive():
    field = Field("hours", "float", low=0, high=24, low_exclusive=True)
    assert field.bounds == Bounds(0, 24, low_exclusive=True)
    assert parse_value(field, 3, "0")[1].code == "v.positive"
    assert parse_value(field, 3, "24,5")[1].code == "v.range"
    assert parse_value(field, 3, "7,5") == (7.5, None)

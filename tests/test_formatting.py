"""Numbers, hours, dates, weekdays and times as each language writes them, and numbers read back."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

import pytest

from driftboard.bounds import Bounds
from driftboard.i18n import (
    WEEKDAYS,
    NumberTextError,
    fmt_date,
    fmt_day,
    fmt_exact,
    fmt_hours,
    fmt_number,
    fmt_percent,
    fmt_time,
    fmt_week,
    parse_number,
)


@pytest.mark.parametrize(
    ("value", "decimals", "da", "en"),
    [
        (1234.5, 1, "1.234,5", "1,234.5"),
        (1234567, 0, "1.234.567", "1,234,567"),
        (-1234.5, 1, "-1.234,5", "-1,234.5"),
        (-7.25, 2, "-7,25", "-7.25"),
        (0, 2, "0,00", "0.00"),
        (Decimal("12.5"), 1, "12,5", "12.5"),
    ],
)
def test_numbers_use_the_languages_separators(value, decimals, da, en):
    assert fmt_number(value, "da", decimals) == da
    assert fmt_number(value, "en", decimals) == en


def test_numbers_round_half_away_from_zero_as_on_a_board():
    assert [fmt_number(v, "da") for v in (0.5, 1.5, 2.5, -2.5, 2.49)] == ["1", "2", "3", "-3", "2"]
    assert fmt_number(2.675, "da", 2) == "2,68"  # the number as written, not its binary neighbour
    assert fmt_number(1234.5678, "en", 1) == "1,234.6"


def test_a_value_that_rounds_to_zero_shows_no_minus_sign():
    assert fmt_number(-0.4, "da") == "0"
    assert fmt_number(-0.004, "en", 2) == "0.00"
    assert fmt_hours(-0.001, "da") == "0"


@pytest.mark.parametrize("missing", [None, math.nan, float("inf")])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_missing_numbers_show_an_en_dash(missing, lang):
    assert fmt_number(missing, lang, 1) == "–"
    assert fmt_hours(missing, lang) == "–"  # type: ignore[arg-type]
    assert fmt_percent(missing, lang) == "–"


def test_hours_keep_up_to_two_decimals_without_trailing_zeros():
    assert [fmt_hours(h, "da") for h in (7.5, 3.75, 8.0, 1234.5, 7.125, 0.25)] == [
        "7,5",
        "3,75",
        "8",
        "1.234,5",
        "7,13",
        "0,25",
    ]
    assert [fmt_hours(h, "en") for h in (7.5, 8, -1.5)] == ["7.5", "8", "-1.5"]


def test_percent_points_follow_the_languages_spacing():
    assert fmt_percent(97.5, "da", 1) == "97,5\xa0%"  # a non-breaking space: never wraps on a tile
    assert fmt_percent(97.5, "en", 1) == "97.5%"
    assert fmt_percent(12.5, "da") == "13\xa0%"


def test_dates_are_day_first_in_danish_and_iso_in_english():
    assert fmt_date(dt.date(2026, 11, 28), "da") == "28.11.2026"
    assert fmt_date(dt.date(2026, 1, 5), "da") == "05.01.2026"
    assert fmt_date(dt.date(2026, 11, 28), "en") == "2026-11-28"


def test_days_carry_the_short_weekday_name_of_the_language():
    monday = dt.date(2026, 11, 23)
    assert fmt_day(monday, "da") == "man. 23.11"
    assert fmt_day(monday + dt.timedelta(days=1), "da") == "tirs. 24.11"
    assert fmt_day(monday, "en") == "Mon 23.11"
    assert WEEKDAYS["da"] == ("man.", "tirs.", "ons.", "tors.", "fre.", "lør.", "søn.")
    assert WEEKDAYS["en"] == ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    assert [fmt_day(monday + dt.timedelta(days=i), "da").split()[0] for i in range(7)] == list(WEEKDAYS["da"])


def test_weeks_are_iso_weeks_also_at_the_turn_of_the_year():
    assert fmt_week(dt.date(2026, 11, 28), "da") == "uge 48"
    assert fmt_week(dt.date(2026, 11, 28), "en") == "week 48"
    assert fmt_week(dt.date(2027, 1, 1), "da", with_year=True) == "uge 53, 2026"


def test_times_are_local_with_the_languages_separator(monkeypatch):
    monkeypatch.setenv("DRIFTBOARD_TIMEZONE", "Europe/Copenhagen")
    stored = dt.datetime(2026, 11, 28, 8, 5)  # naive UTC, as the database keeps it
    assert fmt_time(stored, "da") == "09.05"
    assert fmt_time(stored, "en") == "09:05"
    assert fmt_time(dt.datetime(2026, 7, 1, 8, 5), "da") == "10.05"  # summer time


@pytest.mark.parametrize(
    ("text", "lang", "number"),
    [
        ("1.234,5", "da", 1234.5),
        ("1,234.5", "en", 1234.5),
        ("7,5", "da", 7.5),
        ("7.5", "en", 7.5),
        ("1234", "da", 1234),
        ("12.345.678", "da", 12345678),
        ("1,234,567", "en", 1234567),
        ("-3,25", "da", -3.25),
        ("\u22123,25", "da", -3.25),  # a typographic minus pasted from a document
        (" 8 ", "en", 8),
        ("1,234", "da", 1.234),  # a decimal comma is never a thousands separator in Danish
        ("1.234", "en", 1.234),
    ],
)
def test_numbers_are_read_as_the_language_writes_them(text, lang, number):
    assert parse_number(text, lang) == pytest.approx(number)


@pytest.mark.parametrize(("text", "lang"), [("1.234", "da"), ("1,234", "en"), ("-1.500", "da")])
def test_a_lone_thousands_separator_is_refused_as_ambiguous(text, lang):
    with pytest.raises(ValueError) as refused:
        parse_number(text, lang)
    assert text in str(refused.value)


def test_the_ambiguity_message_says_both_ways_to_write_it():
    with pytest.raises(ValueError, match="skriv 1234 for et helt tal eller 1,234 for et decimaltal"):
        parse_number("1.234", "da")
    with pytest.raises(ValueError, match=re.escape("write 1234 for a whole number or 1.234 for a decimal number")):
        parse_number("1,234", "en")


@pytest.mark.parametrize(
    ("text", "lang"),
    [("7.5", "da"), ("1,234.5", "da"), ("7,5", "en"), ("1.234,5", "en"), ("", "da"), ("abc", "en"), ("1e3", "en")],
)
def test_a_number_written_the_other_languages_way_is_refused_with_an_example(text, lang):
    example = {"da": "1.234,5", "en": "1,234.5"}[lang]
    with pytest.raises(ValueError, match=re.escape(example)):
        parse_number(text, lang)


def test_what_is_written_reads_back_as_the_same_number():
    for lang in ("da", "en"):
        for value in (1234.5, -0.25, 1234567.0, 7.0):
            assert parse_number(fmt_number(value, lang, 2), lang) == value


def test_units_the_product_knows_read_in_the_viewers_language_others_as_written():
    from driftboard.i18n import uom_text

    assert uom_text("days", "da") == "dage" and uom_text("Cases", "da") == "sager"
    assert uom_text("FTE", "da") == "årsværk" and uom_text("FTE", "en") == "FTE"
    assert uom_text("ansøgninger", "en") == "ansøgninger"  # the unit's own word


# --------------------------------------------------------------------------- entering numbers (issue #22)


def test_a_number_outside_the_fields_range_is_refused_with_the_range_in_the_viewers_language():
    with pytest.raises(NumberTextError) as refused:
        parse_number("30", "da", bounds=Bounds(0.25, 24))
    assert refused.value.key == "num.err.range"
    assert str(refused.value) == "30 ligger uden for det tilladte område, 0,25 til 24."
    with pytest.raises(NumberTextError, match=re.escape("0.25 to 24")):
        parse_number("0.1", "en", bounds=Bounds(0.25, 24))
    with pytest.raises(NumberTextError, match="above 0 and at most 24"):
        parse_number("0", "en", bounds=Bounds(0, 24, low_exclusive=True))
    with pytest.raises(NumberTextError, match=re.escape("smallest allowed value, 1.")):
        parse_number("0", "en", bounds=Bounds(low=1))
    assert parse_number("24", "en", bounds=Bounds(0.25, 24)) == 24


def test_a_count_is_a_whole_number_and_a_thousands_dot_in_it_has_one_reading():
    assert parse_number("1.234", "da", whole=True) == 1234  # 1,234 cases is no count
    assert parse_number("1,234", "en", whole=True) == 1234
    assert isinstance(parse_number("7", "da", whole=True), int)
    with pytest.raises(NumberTextError, match="“7,5” er ikke et helt tal"):
        parse_number("7,5", "da", whole=True)


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_thousands_grouped_with_spaces_are_read(space):
    assert parse_number(f"1{space}234{space}567,5", "da") == 1234567.5
    assert parse_number(f"1{space}234.5", "en") == 1234.5
    with pytest.raises(NumberTextError):
        parse_number(f"12{space}34", "da")  # not groups of three: not a number


def test_a_leading_zero_group_is_no_thousands_group_and_the_readings_keep_the_sign():
    """Found by hypothesis on the old parser: "0.000" was "ambiguous" with a whole reading 0000."""
    with pytest.raises(NumberTextError) as refused:
        parse_number("0.000", "da")
    assert refused.value.key == "num.err.format"
    with pytest.raises(NumberTextError) as refused:
        parse_number("-1.500", "da")
    assert (refused.value.params["whole"], refused.value.params["decimal"]) == ("-1500", "-1,500")


def test_only_ascii_digits_and_never_minus_zero():
    with pytest.raises(NumberTextError):
        parse_number("\u0661\u0662", "en")  # Arabic-Indic digits
    assert str(parse_number("-0", "da")) == "0.0"


def test_a_stored_value_is_written_with_the_decimals_it_has():
    assert fmt_exact(7.5, "da") == "7,5"
    assert fmt_exact(0.25, "da") == "0,25"
    assert fmt_exact(1234, "da") == "1.234"
    assert fmt_exact(14.9, "en") == "14.9"

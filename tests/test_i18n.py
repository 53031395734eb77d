import datetime as dt
import string

import pytest

from driftboard.i18n import CATALOGUE, LANGUAGES, fmt_date, fmt_number, fmt_week, t


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_every_language_with_the_same_placeholders(key):
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGUAGES), f"{key} lacks {set(LANGUAGES) - set(entry)}"
    assert all(entry[lang].strip() for lang in LANGUAGES)
    assert _placeholders(entry["en"]) == _placeholders(entry["da"])


def test_danish_uses_the_domain_words():
    assert t("page.operations", "da") == "Driftstavle"
    assert t("page.goals", "da") == "Målstyringstavle"
    assert t("page.improvement", "da") == "Forbedringstavle"


def test_numbers_dates_and_weeks_per_language():
    assert fmt_number(1234.5, "da", 1) == "1.234,5"
    assert fmt_number(1234.5, "en", 1) == "1,234.5"
    assert fmt_date(dt.date(2026, 11, 28), "da") == "28.11.2026"
    assert fmt_week(dt.date(2026, 11, 28), "da") == "uge 48"
    assert fmt_week(dt.date(2026, 11, 28), "en") == "week 48"


def test_iso_week_at_the_turn_of_the_year():
    assert fmt_week(dt.date(2027, 1, 1), "da", with_year=True) == "uge 53, 2026"


def test_a_missing_key_fails_loudly():
    with pytest.raises(KeyError):
        t("no.such.key", "en")


def test_hours_drop_trailing_zeros_per_language():
    from driftboard.i18n import fmt_hours

    assert [fmt_hours(h, "da") for h in (7.5, 3.75, 8.0, 1234.5)] == ["7,5", "3,75", "8", "1.234,5"]
    assert fmt_hours(7.5, "en") == "7.5"

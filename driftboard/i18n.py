"""Translation (``t``) over the one catalogue (``driftboard/catalogue/``, English and Danish) and
the one place that formats and reads numbers, dates and weeks for a language.

Pure Python (no Streamlit), so pages, the CLI, services and tests share the same strings. Danish uses
the domain's own words (driftstavle, målstyringstavle, forbedringstavle, beholdning, …).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import os
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Final
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import (
    NumberFormatError,
    NumberPattern,
    format_decimal,
    format_percent,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
    parse_pattern,
)

from driftboard.bounds import ANY, Bounds
from driftboard.catalogue import CATALOGUE

__all__ = ["CATALOGUE"]  # the catalogue is read through this module

LANGUAGES: Final = ("en", "da")
DEFAULT_LANGUAGE: Final = "en"


def normalise_language(value: str | None) -> str | None:
    """Return ``"en"``/``"da"`` for a supported language code, else None."""
    if not value:
        return None
    code = value.strip().lower()[:2]
    return code if code in LANGUAGES else None


def uom_text(label: str, lang: str) -> str:
    """A measure's unit label in ``lang`` when it is a unit the catalogue knows ("days" →
    "dage"); the unit's own text otherwise."""
    key = f"uom.{label.strip().casefold()}"
    return t(key, lang) if key in CATALOGUE else label


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """Translate ``key`` into ``lang``; a missing key raises, so gaps fail the tests, not users."""
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def field_word(field: str, lang: str) -> str:
    """A field as people call it (``daily_hours`` → "Daily hours"): its catalogue word, else the
    name as it stands (an import file's own column header, which the person wrote)."""
    for key in (f"field.{field}", f"col.{field}"):
        if key in CATALOGUE:
            return t(key, lang)
    return field


def counted(key: str, count: int) -> str:
    """``key.one`` when ``count`` is 1 and the catalogue has it, else ``key`` (the plural): "1
    row is invalid", "2 rows are invalid" — never "row(s)"."""
    return f"{key}.one" if count == 1 and f"{key}.one" in CATALOGUE else key


# Formatting and reading numbers, dates and weeks: Babel's CLDR data for the language's locale
# (the catalogue's "fmt.locale"), so a third language is catalogue entries, not code.
MISSING: Final = "–"


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(t("fmt.locale", lang))


@functools.cache
def _pattern(decimals: int, *, trim: bool = False) -> NumberPattern:
    """``#,##0.00`` for two fixed decimals; ``#,##0.##`` when trailing zeros are dropped."""
    return parse_pattern("#,##0" + ("." + ("#" if trim else "0") * decimals if decimals else ""))


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return not math.isfinite(value)  # type: ignore[arg-type]
    except TypeError:
        return False


def _rounded(value: float | int | Decimal, decimals: int) -> Decimal:
    """Half away from zero, as people round on a board (2.5 → 3), and never ``-0``."""
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number if number else Decimal(0)


def fmt_number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """``1,234.5`` in English, ``1.234,5`` in Danish; None and NaN become an en dash."""
    if _missing(value):
        return MISSING
    return format_decimal(_rounded(value, decimals), format=_pattern(decimals), locale=_locale(lang))  # type: ignore[arg-type]


def fmt_hours(value: float, lang: str) -> str:
    """Hours with up to two decimals and no trailing zeros: ``7.5`` / ``7,5``, ``3.75``, ``8``."""
    if _missing(value):
        return MISSING
    return format_decimal(_rounded(value, 2), format=_pattern(2, trim=True), locale=_locale(lang))


def fmt_percent(value: float | None, lang: str, decimals: int = 0) -> str:
    """A percentage given in points (``97.5``): ``97,5 %`` in Danish, ``97.5%`` in English."""
    if _missing(value):
        return MISSING
    locale = _locale(lang)
    pattern = locale.percent_formats[None].pattern.replace("#,##0", _pattern(decimals).pattern, 1)
    return format_percent(_rounded(value, decimals) / 100, format=pattern, locale=locale)  # type: ignore[arg-type]


def fmt_exact(value: float | int | Decimal, lang: str) -> str:
    """A number with the decimals it has (up to six) and no trailing zeros, grouped: ``7,5``,
    ``0,25``, ``1.234`` in Danish. What a field says it holds now, and a range's ends."""
    if _missing(value):
        return MISSING
    return format_decimal(_rounded(value, 6), format=_pattern(6, trim=True), locale=_locale(lang))  # type: ignore[arg-type]


class NumberTextError(ValueError):
    """A written number refused: ``key`` is its catalogue key (``num.err.…``) and ``params`` its
    parameters, so a form's field or a file's row can say it in any language. The exception's
    own message is in the language the number was read in."""

    def __init__(self, key: str, lang: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(t(key, lang, **params))


_LARGEST_COUNT: Final = Decimal(10) ** 15

# Spaces people group thousands with ("1 234,5", the Danish Language Council's own example):
# a space, a no-break space and a narrow no-break space, as pasted from documents.
_SPACES: Final = "\u0020\u00a0\u202f"


def parse_number(
    text: str,
    lang: str,
    *,
    bounds: Bounds = ANY,
    whole: bool = False,
) -> float:
    """Read a number as it is written in ``lang`` (Babel's ``parse_decimal``, strict):
    ``1.234,5`` or ``1 234,5`` in Danish, ``1,234.5`` or ``1 234.5`` in English.

    A lone thousands separator before three digits (``1.234`` in Danish, ``1,234`` in English)
    is refused as ambiguous, with both readings: in a Danish workplace it is as often a decimal
    written the other way round. In a ``whole``-number field (a count of cases) only the
    thousands reading is a whole number, so there it is read as one. ``bounds`` is the value's
    range. A refusal is a ``NumberTextError`` whose message, in ``lang``, says what is wrong
    and how to write it instead; a whole number comes back as an ``int``."""
    locale = _locale(lang)
    group, decimal = get_group_symbol(locale), get_decimal_symbol(locale)
    shown = text.strip()
    cleaned = _spaces_ungrouped(shown.replace("\u2212", "-"), decimal)  # a typographic minus, pasted
    sign = cleaned[:1] if cleaned[:1] in "+-" else ""
    unsigned = cleaned[len(sign) :]
    if not whole and re.fullmatch(rf"[1-9][0-9]{{0,2}}{re.escape(group)}[0-9]{{3}}", unsigned):
        raise NumberTextError(
            "num.err.ambiguous",
            lang,
            value=shown,
            whole=sign.replace("+", "") + unsigned.replace(group, ""),
            decimal=sign.replace("+", "") + unsigned.replace(group, decimal),
        )
    try:
        if not re.fullmatch(r"[+-]?[0-9.,]+", cleaned):  # ASCII digits only; no exponent
            raise NumberFormatError(cleaned)
        number = parse_decimal(cleaned, locale=locale, strict=True) + 0  # + 0: never -0
    except NumberFormatError:
        example = fmt_number(1234.5, lang, 1)
        raise NumberTextError("num.err.format", lang, value=shown, decimal=decimal, example=example) from None
    if whole and number != number.to_integral_value():
        raise NumberTextError("num.err.whole", lang, value=shown)
    _check_range(number, shown, lang, bounds)
    # A count past any field's range stays a float (infinite past its range), so a file's row is
    # refused by the table parser's range check rather than as an integer of 5,000 digits.
    return int(number) if whole and abs(number) < _LARGEST_COUNT else float(number)


def _spaces_ungrouped(text: str, decimal: str) -> str:
    """``1 234 567,5`` without its group spaces; text with spaces anywhere else is left as it is
    (and refused by the parser)."""
    if not any(c in _SPACES for c in text):
        return text
    grouped = rf"[+-]?[0-9]{{1,3}}([{_SPACES}][0-9]{{3}})+({re.escape(decimal)}[0-9]*)?"
    return re.sub(f"[{_SPACES}]", "", text) if re.fullmatch(grouped, text) else text


def _check_range(number: Decimal, shown: str, lang: str, bounds: Bounds) -> None:
    if number in bounds:
        return
    low, high = bounds.low, bounds.high
    said = {
        "low": fmt_exact(low, lang) if low is not None else "",
        "high": fmt_exact(high, lang) if high is not None else "",
    }
    if bounds.low_exclusive:
        raise NumberTextError("num.err.above", lang, value=shown, **said)
    if high is None:
        raise NumberTextError("num.err.at_least", lang, value=shown, low=said["low"])
    if low is None:
        raise NumberTextError("num.err.at_most", lang, value=shown, high=said["high"])
    raise NumberTextError("num.err.range", lang, value=shown, **said)


def fmt_date(value: dt.date, lang: str) -> str:
    """``28.11.2026`` in Danish, ISO ``2026-11-28`` in English (the catalogue's "fmt.date")."""
    return format_date(value, t("fmt.date", lang), locale=_locale(lang))


# Monday first, as ``date.weekday()`` counts: ("man.", "tirs.", …) / ("Mon", "Tue", …).
WEEKDAYS: Final = {lang: tuple(_locale(lang).days["format"]["abbreviated"][i] for i in range(7)) for lang in LANGUAGES}


def fmt_day(value: dt.date, lang: str) -> str:
    """Short weekday and day, e.g. ``Mon 23.11`` / ``man. 23.11``."""
    return format_date(value, t("fmt.day", lang), locale=_locale(lang))


def fmt_week(value: dt.date, lang: str, *, with_year: bool = False) -> str:
    """The ISO week of ``value``: ``week 48`` / ``uge 48``."""
    year, week, _ = value.isocalendar()
    if with_year:
        return t("week.label_year", lang, week=week, year=year)
    return t("week.label", lang, week=week)


def local_time(value: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) timestamp in the unit's time zone (``DRIFTBOARD_TIMEZONE``,
    default Europe/Copenhagen)."""
    zone = ZoneInfo(os.environ.get("DRIFTBOARD_TIMEZONE", "Europe/Copenhagen"))
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone)


def fmt_time(value: dt.datetime, lang: str) -> str:
    """``09:05`` / ``09.05`` in local time for a stored UTC timestamp."""
    return format_time(local_time(value).time(), "short", locale=_locale(lang))

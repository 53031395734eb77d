"""Parse tables people submit (a data editor, a CSV or XLSX import) into clean rows.

One parser for every table so that every screen and import says the same thing about the same
mistake: each bad cell becomes a ``RowError`` with its 1-based row number and a catalogue code,
and nothing is written unless every row is valid.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from driftboard import clock
from driftboard.bounds import Bounds
from driftboard.domain import RowError

Kind = Literal["str", "int", "float", "bool", "slug", "choice", "list", "date", "id"]
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Field:
    """How to read one column: its kind, whether it is required, its allowed range or choices."""

    name: str
    kind: Kind
    required: bool = True
    low: float | None = None
    high: float | None = None
    low_exclusive: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None
    max_length: int | None = None  # for text: the most characters it may hold (the DB column's)
    multiline: bool = False  # long text (a note): tabs and line breaks are kept

    @functools.cached_property
    def bounds(self) -> Bounds:  # made once: it is asked for every cell of a file
        return Bounds(self.low, self.high, self.low_exclusive)


# Text a table cell or a service stores holds no control characters: a NUL breaks PostgreSQL
# and every page that shows the text, the others (and lone surrogates, which cannot be encoded,
# and bidirectional overrides, which make a name read backwards) only ever hide or spoof what
# it says. Tabs and line breaks are allowed in long text.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_CONTROLS = frozenset("\t\n\r")
DEFAULT_TEXT_LIMIT = 200  # a cell with no limit of its own: a name or a reference to one


def control_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character of ``text`` that has no place in stored text, written as ``U+0000``;
    None when it is clean."""
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or char in _BIDI_CONTROLS:
            if multiline and char in _LINE_CONTROLS:
                continue
            return f"U+{ord(char):04X}"
    return None


@dataclass(frozen=True)
class BadCell:
    """A cell whose value a file does not hold as meant: a formula saved without its result,
    a cell showing an Excel error (``#N/A``), a number written in a way that cannot be read.
    The reader puts it where the value would be; whichever column reads it refuses it with
    ``code`` and ``params`` (a cell nobody reads refuses nothing)."""

    code: str
    params: tuple[tuple[str, object], ...] = ()
    shown: str = ""  # what the cell shows or holds ("=SUM(B2:B9)", "#N/A"), for text that reads it anyway

    def __str__(self) -> str:
        return self.shown


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    try:  # pandas' NA / NaT
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, list | tuple | set) else False
    except (TypeError, ValueError):
        return False


def slugify(text: str) -> str:
    """A URL slug: ``Home & co-op loans`` → ``home-co-op-loans``; Danish letters spelled out
    (``Boligstøtte`` → ``boligstoette``), other accents stripped (``Café`` → ``cafe``)."""
    text = text.lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")


def unique_slug(name: str, taken: Iterable[str]) -> str:
    """``slugify(name)``, with ``-2``, ``-3`` … appended while it is taken (or ``x`` for a name
    with no letters at all)."""
    taken = set(taken)
    base = slugify(name) or "x"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base[:56]}-{n}", n + 1
    return slug


def parse_date(value: Any) -> dt.date | None:
    """Accept a date, ISO ``2026-11-28`` or Danish ``28-11-2026`` / ``28.11.2026``; else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


# Dates people and systems enter lie within these years of today: 0001-01-01 or 9999-12-31 is a
# typo or a probe, and would stretch every chart and week list drawn from it.
EARLIEST_DATE = dt.date(2000, 1, 1)
YEARS_AHEAD = 10


def date_window() -> tuple[dt.date, dt.date]:
    """The first and the last date a person or a system may enter."""
    today = clock.today()
    return EARLIEST_DATE, today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28))


def date_refusal(value: dt.date, field: str, row: int = 1) -> RowError | None:
    """Why ``value`` lies outside ``date_window()``, or None when it lies within."""
    low, high = date_window()
    if low <= value <= high:
        return None
    return RowError(
        row,
        field,
        "v.date_window",
        (("value", value.isoformat()), ("low", low.isoformat()), ("high", high.isoformat())),
    )


def _range_error(field: Field, row: int, number: float) -> RowError | None:
    bounds = field.bounds
    if number in bounds:
        return None
    low, high = bounds.low, bounds.high
    if low == 0 and bounds.below(number):  # below zero says "not negative" even when there is a maximum
        code = "v.positive" if field.low_exclusive else "v.nonneg"
        return RowError(row, field.name, code)
    return RowError(row, field.name, "v.range", (("low", low), ("high", high)))


def parse_value(field: Field, row: int, value: Any) -> tuple[Any, RowError | None]:
    """Return the clean value of one cell or the error that names what is wrong with it."""
    if isinstance(value, BadCell):
        return None, RowError(row, field.name, value.code, value.params)
    if field.kind == "list":
        items = [] if value is None or (not isinstance(value, list | tuple) and is_blank(value)) else value
        if isinstance(items, str):
            items = [part.strip() for part in items.split(",") if part.strip()]
        items = [str(item) for item in items]
        bad = [item for item in items if field.choices and item not in field.choices]
        if bad:
            return None, RowError(
                row, field.name, "v.unknown", (("value", bad[0]), ("choices", ", ".join(field.choices)))
            )
        if field.required and not items:
            return None, RowError(row, field.name, "v.required")
        return items, None
    if is_blank(value):
        if field.required and field.default is None:
            return None, RowError(row, field.name, "v.required")
        return field.default, None

    if field.kind in ("str", "slug", "choice"):
        text = str(value).strip()
        if field.kind == "slug" and not SLUG_RE.match(text):
            return None, RowError(row, field.name, "v.slug")
        if field.kind == "choice" and text not in field.choices:
            return None, RowError(
                row, field.name, "v.unknown", (("value", text), ("choices", ", ".join(field.choices)))
            )
        limit = field.max_length or DEFAULT_TEXT_LIMIT
        if len(text) > limit:
            return None, RowError(row, field.name, "error.text_too_long", (("field", field.name), ("limit", limit)))
        bad = control_character(text, multiline=field.multiline)
        if bad:
            return None, RowError(row, field.name, "v.control_char", (("field", field.name), ("char", bad)))
        return text, None
    if field.kind == "bool":
        if isinstance(value, bool):
            return value, None
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "ja", "y"):
            return True, None
        if text in ("0", "false", "no", "nej", "n"):
            return False, None
        return None, RowError(row, field.name, "v.unknown", (("value", value), ("choices", "true, false")))
    if field.kind == "date":
        parsed = parse_date(value)
        if parsed is None:
            return None, RowError(row, field.name, "v.date", (("value", str(value)[:40]),))
        refusal = date_refusal(parsed, field.name, row)
        return (None, refusal) if refusal else (parsed, None)
    # numbers (int, float, id)
    if isinstance(value, bool):  # TRUE in a number column is not 1 case
        return None, RowError(row, field.name, "v.number")
    try:
        number = float(str(value).strip().replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int of thousands of digits
        return None, RowError(row, field.name, "v.number")
    if math.isnan(number) or (math.isinf(number) and field.bounds.open):
        return None, RowError(row, field.name, "v.number")
    if field.kind in ("int", "id") and not math.isinf(number):
        if number != int(number):
            return None, RowError(row, field.name, "v.integer")
        number = int(number)
    error = _range_error(field, row, number)
    return (None, error) if error else (number, None)


def parse_rows(
    rows: Iterable[Mapping[str, Any]],
    fields: Sequence[Field],
    *,
    unique: Sequence[str | tuple[str, ...]] = (),
    first_row: int = 1,
) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Parse every row; return the clean rows and every error (empty when all rows are valid).

    ``unique`` names columns (or column tuples) that must not repeat; a repeat is reported on
    each later row. ``first_row`` is the number a person sees on the first row (2 in a CSV with
    a header line).
    """
    clean: list[dict[str, Any]] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, ...], dict[tuple[Any, ...], int]] = {}
    for offset, raw in enumerate(rows):
        row_no = first_row + offset
        parsed: dict[str, Any] = {}
        row_errors: list[RowError] = []
        for field in fields:
            value, error = parse_value(field, row_no, raw.get(field.name))
            if error:
                row_errors.append(error)
            parsed[field.name] = value
        for key in unique:
            columns = (key,) if isinstance(key, str) else key
            if any(parsed.get(c) is None for c in columns):
                continue
            value = tuple(str(parsed[c]).casefold() for c in columns)
            bucket = seen.setdefault(columns, {})
            if value in bucket:
                shown = " / ".join(str(parsed[c]) for c in columns)
                row_errors.append(RowError(row_no, columns[-1], "v.duplicate", (("value", shown),)))
            else:
                bucket[value] = row_no
        errors.extend(row_errors)
        clean.append(parsed)
    return clean, errors

import datetime as dt

import pytest

from driftboard.tables import Field, parse_date, parse_rows, slugify


def test_slugify_spells_out_danish_letters():
    assert slugify("Home & co-op loans") == "home-co-op-loans"
    assert slugify("Låneservice Ørestad") == "laaneservice-oerestad"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-11-28", dt.date(2026, 11, 28)),
        ("28-11-2026", dt.date(2026, 11, 28)),
        ("28.11.2026", dt.date(2026, 11, 28)),
        ("31-02-2026", None),
        ("tomorrow", None),
    ],
)
def test_dates_in_iso_and_danish_order(text, expected):
    assert parse_date(text) == expected


FIELDS = (
    Field("name", "str"),
    Field("count", "int", low=0),
    Field("minutes", "float", low=0, low_exclusive=True),
    Field("share", "float", low=0, high=100, default=0.0),
)


def test_every_bad_cell_is_reported_with_its_row_and_field():
    rows = [
        {"name": "a", "count": 1, "minutes": 5},
        {"name": "", "count": -1, "minutes": 0},
        {"name": "c", "count": 1.5, "minutes": "x", "share": 101},
    ]
    _, errors = parse_rows(rows, FIELDS, first_row=2)
    found = {(e.row, e.field, e.code) for e in errors}
    assert found == {
        (3, "name", "v.required"),
        (3, "count", "v.nonneg"),
        (3, "minutes", "v.positive"),
        (4, "count", "v.integer"),
        (4, "minutes", "v.number"),
        (4, "share", "v.range"),
    }


def test_blank_optional_cells_take_the_default_and_decimal_commas_are_read():
    clean, errors = parse_rows([{"name": "a", "count": "3", "minutes": "2,5", "share": None}], FIELDS)
    assert errors == []
    assert clean == [{"name": "a", "count": 3, "minutes": 2.5, "share": 0.0}]


def test_duplicates_are_reported_on_the_later_row_case_insensitively():
    rows = [{"name": "Mortgage", "count": 1, "minutes": 1}, {"name": "mortgage", "count": 1, "minutes": 1}]
    _, errors = parse_rows(rows, FIELDS, unique=("name",))
    assert [(e.row, e.code) for e in errors] == [(2, "v.duplicate")]

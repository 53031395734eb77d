"""Names and titles show as typed: a web address or a markdown link in one is never a live link
in markdown (boards, the TV, toasts), and the CSV export writes a name that a spreadsheet would
run as a formula (``=HYPERLINK(…)``) as text."""

from __future__ import annotations

import csv

import pytest

from db.maintenance import csv_cell, export_csv
from driftboard.domain import Actor, RowError, ValidationError
from driftboard.i18n import CATALOGUE, counted, t
from driftboard.services import masterdata
from driftboard.ui.text import md_escape


@pytest.mark.parametrize(
    "text",
    ["https://evil.example/x", "see www.evil.example now", "[Click](https://evil.example)", "mail a@evil.example"],
)
def test_a_web_address_in_a_name_cannot_become_a_link_in_markdown(text):
    escaped = md_escape(text)
    assert "https://" not in escaped and "www." not in escaped and "](" not in escaped and "@evil." not in escaped


@pytest.mark.parametrize(
    "text",
    [
        "Draft co-operative housing loan documents",
        "Kl. 10:00 · 7.5 t (ca.)",
        "Home & co-op loans!",
        "#1 task",
        "-1 + 2",
    ],
)
def test_a_name_that_forms_no_markdown_is_left_as_typed(text):
    """A widget's label is markdown and, as written, its accessible name: a backslash before a
    harmless hyphen is read aloud ("co backslash operative")."""
    assert md_escape(text) == text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("- list", "\\- list"),
        ("1. first", "1\\. first"),
        ("# heading\n> quote", "\\# heading\n\\> quote"),
        ("*bold* _it_ `code` ~~gone~~ $x$ a|b", "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~ \\$x\\$ a\\|b"),
        (":material/home: :red[x]", "\\:material/home: :red\\[x\\]"),
    ],
)
def test_what_would_form_markdown_is_escaped(text, escaped):
    assert md_escape(text) == escaped


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("https://evil.example","Mette")', '\'=HYPERLINK("https://evil.example","Mette")'),
        ("+1+2", "'+1+2"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Mette Holm", "Mette Holm"),
        (-3, -3),
        (None, ""),
    ],
)
def test_the_csv_export_escapes_text_a_spreadsheet_would_run(value, written):
    assert csv_cell(value) == written


def test_a_formula_named_person_is_exported_as_text(demo_engine, tmp_path):
    team = masterdata.find_team("mortgage", demo_engine)
    rows = masterdata.people_frame(team.id, demo_engine).to_dict("records")
    rows.append({"name": '=HYPERLINK("https://evil.example","x")', "daily_hours": 7.5, "active": True})
    masterdata.save_people(Actor("Henrik Lund"), team.id, rows, engine=demo_engine)
    export_csv(tmp_path, demo_engine)
    with (tmp_path / "people.csv").open(encoding="utf-8") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert '\'=HYPERLINK("https://evil.example","x")' in names
    assert not any(name.startswith("=") for name in names)


@pytest.mark.parametrize(
    ("count", "en", "da"),
    [
        (1, "Nothing was saved: 1 row is invalid.", "Intet blev gemt: 1 række er ugyldig."),
        (3, "Nothing was saved: 3 rows are invalid.", "Intet blev gemt: 3 rækker er ugyldige."),
    ],
)
def test_counts_are_said_in_the_singular_or_the_plural_never_row_s(count, en, da):
    key = counted("error.invalid_rows", count)
    assert (t(key, "en", count=count), t(key, "da", count=count)) == (en, da)
    errors = [RowError(n, "name", "v.required") for n in range(1, count + 1)]
    assert "(s)" not in str(ValidationError(errors))
    assert all("(s)" not in text["en"] and "(r)" not in text.get("da", "") for text in CATALOGUE.values())

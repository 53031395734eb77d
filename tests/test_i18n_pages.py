"""Every page rendered in Danish shows only catalogue text (or the unit's own data)."""

from __future__ import annotations

import json
import math
import re
import string

import pytest
from babel import Locale
from streamlit.testing.v1 import AppTest

from driftboard.i18n import CATALOGUE
from driftboard.ui.page import PAGES
from tests.conftest import ROOT
from tests.databases import query

WIDGETS = (
    "button", "selectbox", "multiselect", "text_input", "text_area", "number_input", "date_input", "toggle",
    "checkbox", "radio", "slider", "segmented_control", "file_uploader", "form_submit_button",
)  # fmt: skip
TEXTS = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "success", "error")


def _template(text: str) -> re.Pattern[str]:
    parts = []
    for literal, name, _, _ in string.Formatter().parse(text):
        parts.append(re.escape(literal))
        if name:
            parts.append(".+")
    return re.compile("^" + "".join(parts) + "$", re.S)


DANISH = [_template(entry["da"]) for entry in CATALOGUE.values()]
ENGLISH_ONLY = {
    entry["en"]
    for entry in CATALOGUE.values()
    if entry["en"] != entry["da"] and "{" not in entry["en"] and len(entry["en"]) >= 4
}


_ENGLISH = Locale.parse("en_GB")
_CALENDAR_WORDS = {
    name
    for names in (_ENGLISH.days["format"], _ENGLISH.months["format"])
    for width in ("wide", "abbreviated")
    for name in names[width].values()
}
ENGLISH_CALENDAR = re.compile(r"\b(" + "|".join(sorted(_CALENDAR_WORDS, key=len, reverse=True)) + r")\b")


def _render(page: str, team: str = "mortgage") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "da"
    at.query_params["team"] = team
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _labels(at: AppTest) -> list[str]:
    found = []
    for kind in WIDGETS:
        for element in at.get(kind):
            label = getattr(element, "label", None)
            if label:
                found.append(label)
    found.extend(tab.label for tab in at.tabs)
    found.extend(expander.label for expander in at.expander)
    return found


def _texts(at: AppTest) -> list[str]:
    found = []
    for kind in TEXTS:
        found.extend(str(element.value) for element in at.get(kind))
    for table in at.table:
        found.extend(str(c) for c in table.value.columns)
    return found


def _unit_data(engine) -> set[str]:
    names = set()
    for table in ("tasks", "people", "org_units", "measures"):
        names.update(r["name"] for r in query(engine, f"select name from {table}"))
    return names


def _from_catalogue(label: str) -> bool:
    plain = re.sub(r"\\(.)", r"\1", label)  # labels of user data are markdown-escaped
    return any(p.match(label) or p.match(plain) for p in DANISH)


@pytest.mark.parametrize("page", [p.script for p in PAGES])
def test_every_label_on_a_danish_page_comes_from_the_catalogue(demo_app, demo_engine, page):
    at = _render(page)
    data = _unit_data(demo_engine)
    foreign = [
        label for label in _labels(at) if not _from_catalogue(label) and re.sub(r"\\(.)", r"\1", label) not in data
    ]
    assert foreign == []


@pytest.mark.parametrize("page", [p.script for p in PAGES])
def test_no_english_catalogue_text_shows_on_a_danish_page(demo_app, page):
    at = _render(page)
    shown = _texts(at) + _labels(at)
    leaks = sorted({text for text in shown if text in ENGLISH_ONLY})
    long_english = [e for e in ENGLISH_ONLY if len(e.split()) >= 4]
    leaks += sorted({e for e in long_english for text in shown if e in text})
    assert leaks == []


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _shown_words(at: AppTest) -> list[str]:
    """Every text, label, option and table heading a Danish viewer reads (cells of grids aside)."""
    shown = _texts(at) + _labels(at)
    for kind in ("selectbox", "multiselect", "radio", "segmented_control"):
        shown.extend(str(option) for element in at.get(kind) for option in getattr(element, "options", ()))
    for grid in at.dataframe:
        shown.extend(str(c.get("label")) for c in json.loads(grid.proto.columns or "{}").values() if c.get("label"))
        shown.extend(str(c) for c in grid.value.columns)
    return shown


@pytest.mark.parametrize("page", [p.script for p in PAGES])
def test_a_danish_page_says_neither_none_nor_english_weekdays_or_months(demo_app, demo_engine, page):
    at = _render(page)
    data = _unit_data(demo_engine)
    shown = [text for text in _shown_words(at) if text not in data]
    assert [text for text in shown if re.search(r"\bNone\b", text)] == []
    assert [text for text in shown if ENGLISH_CALENDAR.search(text)] == []
    for grid in at.dataframe:  # a missing cell would read "None" unless the table says otherwise
        if not grid.proto.HasField("placeholder"):
            assert not any(_missing(v) for v in grid.value.to_numpy().ravel()), grid.value


@pytest.mark.parametrize("page", [p.script for p in PAGES])
def test_editable_grids_leave_missing_cells_empty_and_write_numbers_the_viewers_way(demo_app, page):
    at = _render(page)
    for grid in at.data_editor:
        assert grid.proto.HasField("placeholder") and grid.proto.placeholder == ""
        columns = json.loads(grid.proto.columns or "{}")
        unformatted = [
            name
            for name, column in columns.items()
            if column.get("type_config", {}).get("type") == "number" and not column["type_config"].get("format")
        ]
        assert unformatted == []

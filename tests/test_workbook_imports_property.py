"""Every workbook import, fed workbooks with random bad cells (wrong types, formulas with and
without a stored result, Excel errors, duplicate rows, blanks, huge and negative numbers, unknown
names, æøå, NUL and control characters as Excel stores them): it never fails with anything but
a refusal, every refusal names the sheet and the row (in both languages), and a refused workbook
leaves the database as it was.

Each import runs on one copy of the demo: a workbook that is imported changes it for the next,
a refused one may not. ``FUZZ`` keeps it to 30 workbooks an import, the same on every run (a
failure reproduces); raise ``max_examples`` and set ``derandomize=False`` to explore — that is
how the crashes fixed with this test were found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from driftboard import unitdata
from driftboard.domain import DomainError, ValidationError
from driftboard.services import holdings, intake, master_workbook, maturity, measures, production
from tests.conftest import DEMO_DAY, TESTER
from tests.databases import query
from tests.xlsx import NO_RESULT, ExcelError, Formula, xlsx

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same workbooks on every run; a failure is reproducible
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --------------------------------------------------------------------------- cells

WORDS = ["", "  ", "æøå", "Ærø Bæk", "Ukendt", "#N/A", "=1+1", "ja", "nej", "yes", "x" * 300, "a\x00b", "tab\tbed",
         "bell\x07", "line\nbreak", "١٢٣", "NaN", "inf", "-inf", "1e309"]  # fmt: skip
NUMBER_TEXTS = ["7,5", "1.234,5", "1.234", "1,234", "1,234.5", "-1", "−3", "+4", "0", "12", "3.75", "7.4", "1 000"]
EXPRESSIONS = ["1+1", 'A1&"x"', "NOW()", "VLOOKUP(A1,B:C,2,0)", 'IF(A1="","",A1)']

junk = st.one_of(
    st.none(),
    st.sampled_from(WORDS + NUMBER_TEXTS),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)),
    st.times(),
    st.text(max_size=20),
)
results = st.one_of(
    st.just(NO_RESULT),
    st.just(""),
    st.sampled_from([ExcelError("#N/A"), ExcelError("#DIV/0!")]),
    st.integers(-5, 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.text(max_size=10),
)


def cell(good: Sequence[Any]) -> st.SearchStrategy[Any]:
    """A good value of the column, junk, or a formula (with or without a stored result, which is
    a good value, junk or an Excel error)."""
    stored = st.one_of(st.sampled_from(list(good)), results)
    formula = st.builds(Formula, st.sampled_from(EXPRESSIONS), stored)
    return st.one_of(st.sampled_from(list(good)), junk, formula)


def rows(columns: Sequence[Sequence[Any]], max_size: int = 5) -> st.SearchStrategy[list[list[Any]]]:
    """Rows of good values, of random cells, and repeats of earlier rows (duplicates)."""
    good_row = st.tuples(*(st.sampled_from(list(g)) for g in columns)).map(list)
    any_row = st.tuples(*(cell(g) for g in columns)).map(list)
    drawn = st.lists(st.one_of(good_row, any_row), min_size=1, max_size=max_size)
    return st.tuples(drawn, st.lists(st.integers(0, max_size), max_size=2)).map(
        lambda t: t[0] + [list(t[0][i % len(t[0])]) for i in t[1]]
    )


# --------------------------------------------------------------------------- the demo's names


_NAMES: dict[str, list[Any]] = {}


def demo_names(engine) -> dict[str, list[Any]]:  # type: ignore[no-untyped-def]
    """Names of the demo to build good cells from, read once: the same pools for every example
    (an import that succeeds may add names, which must not change what is drawn)."""
    if not _NAMES:
        _NAMES.update(_read_names(engine))
    return _NAMES


def _read_names(engine) -> dict[str, list[Any]]:  # type: ignore[no-untyped-def]
    def col(sql: str) -> list[Any]:
        return sorted({next(iter(r.values())) for r in query(engine, sql)}, key=str)

    return {
        "unit": [*col("select name from org_units where level = 'unit'"), "loan-service", "Ny enhed Å"],
        "department": [*col("select name from org_units where level = 'department'"), "Ny afdeling"],
        "team": col("select name from org_units where level = 'team'")
        + col("select slug from org_units where level = 'team'")
        + ["Nyt team Ø"],
        "org": [*col("select name from org_units"), "Ny enhed Å"],
        "slug": [*col("select slug from org_units"), "ny-kode", "Not A Slug"],
        "task": col("select name from tasks") + col("select slug from tasks") + ["Ny opgave"],
        "employee_id": [*col("select employee_id from people where employee_id is not null")[:4], "E1", "E2", 1001],
        "person": [*col("select name from people")[:6], "Søren Ærø"],
        "job_role": [*col("select name_da from job_roles"), "Kok"],
        "measure": col("select name from measures") + col("select slug from measures"),
        "practice": [p.key for p in maturity.model().practices],
    }


DAYS = [DEMO_DAY, DEMO_DAY - dt.timedelta(days=1), "2026-11-24", "23-11-2026", dt.datetime(2026, 11, 20, 0, 0)]
COUNTS = [0, 1, 12, 31, 40.0, "17"]
HOURS = [7.4, 6, 7.5, "7,5", None]
PERCENT = [0, 2, 75, 10.5, None]
BOOLS = ["ja", "nej", "yes", "no", True, False, None]


# --------------------------------------------------------------------------- the check


def dump(engine, tables: Sequence[str]) -> dict[str, list[Any]]:  # type: ignore[no-untyped-def]
    """Every row of the tables the import may touch, the change stamp, the audit log's length."""
    with engine.connect() as conn:
        found = {t: conn.exec_driver_sql(f'select * from "{t}" order by 1').all() for t in [*tables, "change_stamp"]}
        found["audit_log"] = conn.exec_driver_sql("select count(*), max(id) from audit_log").all()
    return found


def refused_or_done(engine, tables: Sequence[str], sheets: set[str], run: Callable[[], Any]) -> None:  # type: ignore[no-untyped-def]
    """Run one import: a refusal names a sheet and a row for every problem, in both languages,
    and leaves ``tables`` as they were; anything else than a refusal fails the test."""
    before = dump(engine, tables)
    try:
        run()
        event("imported")
    except DomainError as refusal:
        event("refused")
        assert isinstance(refusal, ValidationError), f"a refusal without rows: {refusal.message}"
        assert refusal.errors
        for error in refusal.errors:
            assert error.row >= 1, error
            assert error.field.split(".")[0] in sheets, error
            assert error.text("en") and error.text("da")
        assert dump(engine, tables) == before
        return


# --------------------------------------------------------------------------- the imports

FACTOR_VALUES = [HOURS, [6, 5.5, None], PERCENT, [10, 0, None], [2, 0, None]]


@FUZZ
@given(data=st.data(), danish=st.booleans())
def test_a_master_data_workbook_never_fails_but_with_a_refusal_naming_sheet_and_row(demo_engine, data, danish):
    n = demo_names(demo_engine)
    columns = {
        "org": [n["unit"], n["department"] + [None], n["team"] + [None], ["da", "en", None], n["slug"] + [None],
                BOOLS],
        "job_roles": [n["unit"], n["job_role"], ["Case handler", None]],
        "people": [n["team"], n["person"], n["employee_id"], HOURS, n["job_role"] + [None], BOOLS, BOOLS, BOOLS],
        "tasks": [n["team"], n["task"], [25, 12.5, "15"], [1, 3, "4"], COUNTS, PERCENT, BOOLS],
        "competences": [n["employee_id"], n["team"], n["task"]],
        "factors": [n["org"], *FACTOR_VALUES],
    }  # fmt: skip
    lang = "da" if danish else "en"
    chosen = data.draw(st.lists(st.sampled_from(list(columns)), min_size=1, unique=True), label="sheets")
    book = {}
    for name in chosen:
        sheet = unitdata.SHEETS_BY_NAME[name]
        book[sheet.title(lang)] = [sheet.header(lang), *data.draw(rows(columns[name], 4), label=name)]
    workbook = xlsx(book)
    tables = ["org_units", "job_roles", "people", "tasks", "competences", "planning_factors"]
    refused_or_done(
        demo_engine,
        tables,
        set(unitdata.SHEETS_BY_NAME),
        lambda: master_workbook.import_master_data(TESTER, workbook, demo_engine),
    )


def _one_sheet(data, header: list[str], columns: list[Sequence[Any]]) -> tuple[bytes, str]:  # type: ignore[no-untyped-def]
    title = data.draw(st.sampled_from(["Sheet1", "Ark1", "Målinger æøå"]), label="sheet")
    return xlsx({title: [header, *data.draw(rows(columns), label="rows")]}), title


@FUZZ
@given(data=st.data())
def test_a_production_workbook_never_fails_but_with_a_refusal_naming_sheet_and_row(demo_engine, data):
    n = demo_names(demo_engine)
    book, title = _one_sheet(data, ["date", "team", "task", "produced"], [DAYS, n["team"], n["task"], COUNTS])
    refused_or_done(
        demo_engine, ["production"], {title},
        lambda: production.import_production(TESTER, book, "day.xlsx", today=DEMO_DAY, engine=demo_engine),
    )  # fmt: skip


@FUZZ
@given(data=st.data())
def test_an_intake_workbook_never_fails_but_with_a_refusal_naming_sheet_and_row(demo_engine, data):
    n = demo_names(demo_engine)
    book, title = _one_sheet(data, ["dato", "team", "opgave", "modtaget"], [DAYS, n["team"], n["task"], COUNTS])
    refused_or_done(
        demo_engine, ["intake", "measure_values"], {title},
        lambda: intake.import_intake(TESTER, book, "intake.xlsx", today=DEMO_DAY, engine=demo_engine),
    )  # fmt: skip


@FUZZ
@given(data=st.data())
def test_a_holdings_workbook_never_fails_but_with_a_refusal_naming_sheet_and_row(demo_engine, data):
    n = demo_names(demo_engine)
    header = ["date", "team", "task", "open", "due_today", "overdue"]
    book, title = _one_sheet(data, header, [DAYS, n["team"], n["task"], [120, 40, "12"], [0, 3, 14], [0, 1, 3]])
    refused_or_done(
        demo_engine, ["holdings"], {title},
        lambda: holdings.import_holdings(TESTER, book, "holdings.xlsx", today=DEMO_DAY, engine=demo_engine),
    )  # fmt: skip


@FUZZ
@given(data=st.data())
def test_a_measures_workbook_never_fails_but_with_a_refusal_naming_sheet_and_row(demo_engine, data):
    n = demo_names(demo_engine)
    periods = ["2026-W47", "2026-11", "2026-11-16", dt.datetime(2026, 11, 16), "0000-01", "2026-W99"]
    columns = [periods, n["org"], n["measure"], [1.5, 0, -2, "3,5", 98.2]]
    book, title = _one_sheet(data, ["period", "unit", "measure", "value"], columns)
    refused_or_done(
        demo_engine, ["measure_values"], {title},
        lambda: measures.import_measures(TESTER, book, "values.xlsx", engine=demo_engine),
    )  # fmt: skip


@FUZZ
@given(data=st.data())
def test_a_maturity_workbook_never_fails_but_with_a_refusal_naming_sheet_and_row(demo_engine, data):
    n = demo_names(demo_engine)
    practices = n["practice"]
    body = [[key, 3, "", ""] for key in practices]
    for _ in range(data.draw(st.integers(1, 4), label="bad cells")):
        row = data.draw(st.integers(0, len(body) - 1))
        column = data.draw(st.integers(0, 3))
        body[row][column] = data.draw(cell([practices, [1, 2, 5, "4"], ["note æøå"], ["https://x"]][column]))
    if data.draw(st.booleans(), label="duplicate"):
        body.append(list(body[0]))
    title = "Vurdering"
    book = xlsx({title: [["practice", "level", "note", "evidence"], *body]})
    unit = query(demo_engine, "select id from org_units where level = 'unit'")[0]["id"]
    refused_or_done(
        demo_engine, ["maturity_assessments", "maturity_scores"], {title},
        lambda: maturity.import_assessment(TESTER, unit, book, "vurdering.xlsx", assessed_on=DEMO_DAY,
                                           assessed_by="tester", engine=demo_engine),
    )  # fmt: skip

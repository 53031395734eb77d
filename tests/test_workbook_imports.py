"""Workbooks read as meant: a duplicate employee id is refused naming sheet, row and reason, on the
page and the command line; a formula is read as the result Excel stored with it, and refused
naming its cell when it has none (or shows an Excel error); the untouched template changes
nothing and says so; a person's empty hours are the team's daily hours; numbers written as text
are read the way the workbook writes them; a row the database would refuse is named with its
sheet and row; a refused workbook saves nothing."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from typing import Any

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from driftboard import unitdata
from driftboard.domain import DomainError, Period, ValidationError
from driftboard.services import holdings, intake, master_workbook, maturity, measures, production
from driftboard.targets import parse_period
from tests.conftest import DEMO_DAY, ROOT, TESTER
from tests.databases import query, value
from tests.xlsx import ExcelError, Formula, xlsx


def workbook(lang: str = "en", **sheets: list[list[Any]]) -> bytes:
    """A master-data workbook: each named sheet (by its English name) with its headers in
    ``lang`` and ``rows``."""
    return xlsx(
        {
            unitdata.SHEETS_BY_NAME[name].title(lang): [unitdata.SHEETS_BY_NAME[name].header(lang), *rows]
            for name, rows in sheets.items()
        }
    )


ORG = [["Borgerservice Nord", None, None, "da"], ["Borgerservice Nord", "Ydelser", "Boligstøtte", None]]
PEOPLE = [
    ["Boligstøtte", "Mette Holm", "1001", 7.4, None, "nej", "nej", "ja"],
    ["Boligstøtte", "Ali Khan", "1002", 6.0, None, "nej", "nej", "ja"],
]


def _unit(engine) -> None:  # type: ignore[no-untyped-def]
    master_workbook.import_master_data(TESTER, workbook(org=ORG, people=PEOPLE), engine)


def _people(engine) -> dict[str, float]:  # type: ignore[no-untyped-def]
    return {r["employee_id"]: r["daily_hours"] for r in query(engine, "select employee_id, daily_hours from people")}


def _refusal(call) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        call()
    return [(e.row, e.field, e.text("en")) for e in refused.value.errors]


def _dump(engine) -> dict[str, list[Any]]:  # type: ignore[no-untyped-def]
    tables = ("org_units", "job_roles", "people", "tasks", "competences", "planning_factors", "change_stamp")
    with engine.connect() as conn:
        return {t: conn.exec_driver_sql(f'select * from "{t}" order by 1').all() for t in tables}


# --------------------------------------------------------------------------- a duplicate employee id

DUPLICATE = [*PEOPLE, ["Boligstøtte", "Søren Bæk", "1001", 7.4, None, "nej", "nej", "ja"]]


def test_a_duplicate_employee_id_is_refused_naming_sheet_row_and_reason(engine):
    _unit(engine)
    before = _dump(engine)
    said = _refusal(lambda: master_workbook.import_master_data(TESTER, workbook(org=ORG, people=DUPLICATE), engine))
    assert said == [(4, "people.employee_id", "“1001” is already on row 2")]
    assert _dump(engine) == before


def test_the_command_line_names_the_duplicate_employee_id_without_a_traceback(engine, db_url, tmp_path):
    _unit(engine)
    path = tmp_path / "stamdata.xlsx"
    path.write_bytes(workbook("da", org=ORG, people=DUPLICATE))
    done = subprocess.run(
        [sys.executable, "-m", "driftboard", "--database", db_url, "import", "masterdata", str(path)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert "row 4, people.employee_id: “1001” is already on row 2" in done.stderr
    assert "Traceback" not in done.stderr and "TypeError" not in done.stderr


def test_the_master_data_page_names_the_duplicate_employee_id(demo_app, demo_engine):
    people = [[team, f"Person {i}", "D1", 7.4, None, "nej", "nej", "ja"] for i, team in enumerate(("Mortgage",) * 2)]
    before = _dump(demo_engine)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.session_state["admin_unlocked"] = True
    at.run()
    at.switch_page("pages/unit_settings.py").run()
    at.file_uploader(key="masterdata_upload").upload("stamdata.xlsx", workbook(people=people))
    at.run()
    at.button(key="import_masterdata").click().run()
    assert not at.exception
    assert "Nothing was saved" in at.error[0].value
    assert not any("Something went wrong" in e.value for e in at.error)
    problems = next(d.value for d in at.dataframe if "Problem" in d.value.columns)
    assert problems.values.tolist() == [[3, "people.employee_id", "“D1” is already on row 2"]]
    assert _dump(demo_engine) == before


# --------------------------------------------------------------------------- formulas


def test_a_formula_is_read_as_the_result_excel_stored_with_it(engine):
    _unit(engine)
    people = [["Boligstøtte", Formula('"Mette "&"Holm"', "Mette Holm"), "1001", Formula("3*2", 6), None, "nej",
               "nej", Formula('IF(1=1,"","ja")', "")]]  # fmt: skip
    result = master_workbook.import_master_data(TESTER, workbook(org=ORG, people=people), engine)
    assert result.updated == {"people": 1}
    assert _people(engine)["1001"] == 6.0
    assert value(engine, "select active from people where employee_id = '1001'") in (True, 1)  # "" is empty


def test_a_formula_without_a_stored_result_is_refused_naming_its_cell_never_read_as_empty(engine):
    _unit(engine)
    before = _dump(engine)
    people = [["Boligstøtte", "Mette Holm", "1001", Formula("3*2"), None, "nej", "nej", "ja"],
              ["Boligstøtte", Formula("A2"), "1002", 6.0, None, "nej", "nej", "ja"]]  # fmt: skip
    said = _refusal(lambda: master_workbook.import_master_data(TESTER, workbook("da", org=ORG, people=people), engine))
    assert [(row, field) for row, field, _ in said] == [(2, "people.daily_hours"), (3, "people.name")]
    assert "cell D2 (=3*2) has no stored result" in said[0][2] and "open and save the file in Excel" in said[0][2]
    assert "cell B3" in said[1][2]  # a required column says what is wrong with the cell, not "is required"
    assert _dump(engine) == before
    assert _people(engine)["1001"] == 7.4  # never the default, never the team's hours


def test_a_cell_showing_an_excel_error_is_refused(engine):
    _unit(engine)
    people = [["Boligstøtte", "Mette Holm", Formula("VLOOKUP(B2,X:Y,2,0)", ExcelError("#N/A")), 7.4, None, "nej",
               "nej", "ja"]]  # fmt: skip
    said = _refusal(lambda: master_workbook.import_master_data(TESTER, workbook(org=ORG, people=people), engine))
    assert said == [(2, "people.employee_id", "cell C2 shows the Excel error #N/A: correct the formula or the value")]


IMPORTS = {
    "production": (["date", "team", "task", "produced"], ["mortgage", "mortgage-payout"]),
    "intake": (["date", "team", "task", "received"], ["mortgage", "mortgage-payout"]),
    "holdings": (["date", "team", "task", "open", "due_today", "overdue"], ["mortgage", "mortgage-payout"]),
}


def _import(kind: str, data: bytes, engine) -> Any:  # type: ignore[no-untyped-def]
    if kind == "production":
        return production.import_production(TESTER, data, "f.xlsx", today=DEMO_DAY, engine=engine)
    if kind == "intake":
        return intake.import_intake(TESTER, data, "f.xlsx", today=DEMO_DAY, engine=engine)
    return holdings.import_holdings(TESTER, data, "f.xlsx", today=DEMO_DAY, engine=engine)


@pytest.mark.parametrize("kind", sorted(IMPORTS))
def test_every_import_reads_a_formulas_stored_result_and_refuses_one_without(kind, demo_engine):
    header, (team, task) = IMPORTS[kind]
    counts = [Formula("10+7", 17), *([0] * (len(header) - 4))]
    _import(kind, xlsx({"Ark1": [header, [DEMO_DAY, team, task, *counts]]}), demo_engine)
    table = {"production": "production", "intake": "intake", "holdings": "holdings"}[kind]
    column = {"production": "produced", "intake": "received", "holdings": "open_cases"}[kind]
    stored = "select {} from {} t join tasks k on k.id = t.task_id where k.slug = ? and t.date = ?"
    assert value(demo_engine, stored.format(column, table), task, DEMO_DAY) == 17

    before = query(demo_engine, f"select * from {table} order by id")
    missing = [Formula("10+8"), *([0] * (len(header) - 4))]
    said = _refusal(lambda: _import(kind, xlsx({"Ark1": [header, [DEMO_DAY, team, task, *missing]]}), demo_engine))
    assert [(row, field) for row, field, _ in said] == [(2, f"Ark1.{header[3]}")]
    assert "cell D2 (=10+8) has no stored result" in said[0][2] and "open and save the file in Excel" in said[0][2]
    assert query(demo_engine, f"select * from {table} order by id") == before


def test_the_measures_and_maturity_imports_read_stored_results_and_refuse_formulas_without(demo_engine):
    rows = [["period", "unit", "measure", "value"], [Formula("TODAY()", DEMO_DAY), "mortgage", "fte-saved",
                                                     Formula("1+0.5", 1.5)]]  # fmt: skip
    assert measures.import_measures(TESTER, xlsx({"Målinger": rows}), "m.xlsx", engine=demo_engine).rows == 1
    rows[1][3] = Formula("1+0.5")
    said = _refusal(lambda: measures.import_measures(TESTER, xlsx({"Målinger": rows}), "m.xlsx", engine=demo_engine))
    assert [(row, field) for row, field, _ in said] == [(2, "Målinger.value")]

    unit = value(demo_engine, "select id from org_units where slug = 'loan-service'")
    keys = [p.key for p in maturity.model().practices]
    body = [[key, Formula("2+1", 3)] for key in keys]
    book = xlsx({"vurdering": [["praksis", "niveau"], *body]})
    maturity.import_assessment(TESTER, unit, book, "v.xlsx", assessed_on=DEMO_DAY, assessed_by="x", engine=demo_engine)
    body[4][1] = Formula("2+1")
    book = xlsx({"vurdering": [["praksis", "niveau"], *body]})
    said = _refusal(
        lambda: maturity.import_assessment(
            TESTER, unit, book, "v.xlsx", assessed_on=DEMO_DAY, assessed_by="x", engine=demo_engine
        )
    )
    assert [(row, field) for row, field, _ in said] == [(6, "vurdering.level")]


def test_a_workbook_without_formulas_is_read_once(monkeypatch):
    from driftboard import imports, workbook_values

    passes: list[bool] = []
    real = workbook_values._formulas
    monkeypatch.setattr(workbook_values, "_formulas", lambda *a: passes.append(True) or real(*a))
    imports.read_table(xlsx({"S": [["date", "team"], [DEMO_DAY, "x"]]}), "f.xlsx")
    assert passes == []
    imports.read_table(xlsx({"S": [["date", "team"], [DEMO_DAY, Formula('"x"', "x")]]}), "f.xlsx")
    assert passes == [True]


def test_a_measure_period_given_as_a_date_cell_is_the_period_the_date_lies_in(demo_engine):
    rows = [["period", "unit", "measure", "value"], [dt.datetime(2026, 11, 18), "mortgage", "fte-saved", 2.5]]
    assert measures.import_measures(TESTER, xlsx({"Ark1": rows}), "m.xlsx", engine=demo_engine).rows == 1
    stored = "select value from measure_values v join measures m on m.id = v.measure_id where m.slug = ? and "
    assert value(demo_engine, stored + "v.period_start = ?", "fte-saved", dt.date(2026, 11, 16)) == 2.5
    assert parse_period("0000-01", Period.MONTH) is None  # year 0: not a month of a monthly measure, not a crash


# --------------------------------------------------------------------------- the template


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_untouched_template_changes_nothing_and_says_so(demo_engine, lang):
    template = master_workbook.template_workbook(lang)
    before = _dump(demo_engine)
    result = master_workbook.import_master_data(TESTER, template, demo_engine)
    assert (result.changed, result.rows, result.said()) == (False, 0, ("us.import.empty", {}))
    assert _dump(demo_engine) == before

    book = load_workbook(io.BytesIO(template))
    info, *sheets = book.worksheets
    assert [ws.title for ws in sheets] == [s.title(lang) for s in unitdata.SHEETS]
    assert all(ws.max_row == 1 for ws in sheets)  # headers only
    shown = [[c for c in row if c is not None] for row in info.iter_rows(values_only=True)]
    for sheet in unitdata.SHEETS:  # each sheet's headers and example row, on the instructions sheet
        assert sheet.header(lang) in shown
    assert ["Borgerservice Nord", "Ydelser", "Boligstøtte", "da", "boligstoette", "ja" if lang == "da" else "yes"] in (
        shown
    )


def test_the_command_line_says_the_untouched_template_changes_nothing(engine, db_url, tmp_path):
    path = tmp_path / "skabelon.xlsx"
    cli = [sys.executable, "-m", "driftboard", "--database", db_url]
    assert subprocess.run([*cli, "template", "masterdata", str(path), "--lang", "da"], cwd=ROOT).returncode == 0
    done = subprocess.run([*cli, "import", "masterdata", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "Nothing changed: the workbook holds no rows to import" in done.stdout
    assert value(engine, "select count(*) from org_units") == 0


# --------------------------------------------------------------------------- hours and numbers


def test_a_persons_empty_hours_are_the_daily_hours_of_the_team_from_the_planning_factors(engine):
    org = [*ORG, ["Borgerservice Nord", "Ydelser", "Pension", None]]
    people = [["Boligstøtte", "Mette Holm", "1001", None, None, "nej", "nej", "ja"],
              ["Pension", "Lise Ørum", "2001", None, None, "nej", "nej", "ja"]]  # fmt: skip
    factors = [["Borgerservice Nord", 7.0, 6, 75, 10, 2], ["Pension", 6.5, 5, None, None, None]]
    master_workbook.import_master_data(TESTER, workbook(org=org, people=people, factors=factors), engine)
    assert _people(engine) == {"1001": 7.0, "2001": 6.5}

    master_workbook.import_master_data(TESTER, workbook(factors=[["Ydelser", 7.2, None, None, None, None]]), engine)
    people = [["Boligstøtte", "Mette Holm", "1001", None, None, "nej", "nej", "ja"]]
    master_workbook.import_master_data(TESTER, workbook(people=people), engine)  # the stored factors
    assert _people(engine)["1001"] == 7.2


def test_a_new_units_people_get_the_daily_hours_it_starts_with(engine):
    people = [["Boligstøtte", "Mette Holm", "1001", None, None, "nej", "nej", "ja"]]
    master_workbook.import_master_data(TESTER, workbook(org=ORG, people=people), engine)
    assert _people(engine) == {"1001": unitdata.NEW_UNIT_FACTORS["daily_hours"]}


def test_numbers_written_as_text_are_read_the_way_the_workbook_writes_them(engine):
    _unit(engine)
    tasks = [["Boligstøtte", "Ansøgning", "12,5", "3", "1.234,0", "1,5", "ja"]]
    master_workbook.import_master_data(TESTER, workbook("da", tasks=tasks, people=[[*PEOPLE[0][:3], "7,5", *PEOPLE[0][4:]]]),
                                  engine)  # fmt: skip
    [task] = query(engine, "select minutes_per_case, expected_daily_volume, input_error_rate_pct from tasks")
    assert task == {"minutes_per_case": 12.5, "expected_daily_volume": 1234, "input_error_rate_pct": 1.5}
    assert _people(engine)["1001"] == 7.5

    said = _refusal(lambda: master_workbook.import_master_data(TESTER, workbook("da", tasks=[[*tasks[0][:2], "1.234",
                                                                                          *tasks[0][3:]]]), engine))  # fmt: skip
    assert said == [(2, "tasks.minutes_per_case",
                     "“1.234” can be read two ways: write 1234 for a whole number or 1,234 for a decimal number.")]  # fmt: skip
    master_workbook.import_master_data(TESTER, workbook("en", tasks=[[*tasks[0][:2], 1.234, *tasks[0][3:]]]), engine)
    assert value(engine, "select minutes_per_case from tasks") == 1.234  # a number cell is the number it holds
    english = [["Boligstøtte", "Ansøgning", "1,234", "3", "1,234", "0.5", "yes"]]  # minutes: 1234 or 1.234?
    said = _refusal(lambda: master_workbook.import_master_data(TESTER, workbook("en", tasks=english), engine))
    assert [(row, field) for row, field, _ in said] == [(2, "tasks.minutes_per_case")]
    english[0][2] = "7.5"
    master_workbook.import_master_data(TESTER, workbook("en", tasks=english), engine)
    assert query(engine, "select minutes_per_case, expected_daily_volume, input_error_rate_pct from tasks") == [
        {"minutes_per_case": 7.5, "expected_daily_volume": 1234, "input_error_rate_pct": 0.5}  # a count: 1234
    ]


def test_a_true_in_a_number_column_is_not_one_case(demo_engine):
    book = xlsx({"Ark1": [["date", "team", "task", "produced"], [DEMO_DAY, "mortgage", "mortgage-payout", True]]})
    said = _refusal(lambda: _import("production", book, demo_engine))
    assert said == [(2, "Ark1.produced", "must be a number")]


# --------------------------------------------------------------------------- rows the database would refuse


def test_rows_the_database_would_refuse_are_named_with_sheet_and_row(engine):
    _unit(engine)
    before = _dump(engine)
    people = [*PEOPLE, ["Boligstøtte", "Mette Holm", "1003", 7.4, None, "nej", "nej", "ja"],
              ["Boligstøtte", "x" * 121, "1004", 7.4, None, "nej", "nej", "ja"]]  # fmt: skip
    factors = [
        ["Ydelser", 7.4, 6, 75, 10, 2],
        ["Ydelser", 7.4, 6, 75, 10, 2],
        ["Boligstøtte", 5, None, None, None, None],
    ]
    said = _refusal(
        lambda: master_workbook.import_master_data(TESTER, workbook(people=people, factors=factors), engine)
    )
    assert said == [
        (4, "people.name", "team “Boligstøtte” already has a person named “Mette Holm” (employee id 1001); two "
                           "people of a team need different names"),
        (5, "people.name", "name is too long: at most 120 characters."),
        (3, "factors.org_unit", "“Ydelser” is already on row 2"),
        (4, "factors.customer_facing_hours", "Boligstøtte would plan with more customer-facing hours (6) than daily "
                                             "hours (5) with the values it inherits"),
    ]  # fmt: skip
    assert _dump(engine) == before


def test_a_name_a_person_gives_up_may_be_taken_on_a_later_row(engine):
    _unit(engine)
    swap = [["Boligstøtte", "Ny", "1001", 7.4, None, "nej", "nej", "ja"],
            ["Boligstøtte", "Mette Holm", "1002", 7.4, None, "nej", "nej", "ja"],
            ["Boligstøtte", "Ali Khan", "1001", 7.4, None, "nej", "nej", "ja"]]  # fmt: skip
    said = _refusal(lambda: master_workbook.import_master_data(TESTER, workbook(people=swap), engine))
    assert said == [(4, "people.employee_id", "“1001” is already on row 2")]
    master_workbook.import_master_data(TESTER, workbook(people=swap[:2]), engine)
    names = {r["employee_id"]: r["name"] for r in query(engine, "select employee_id, name from people")}
    assert names == {"1001": "Ny", "1002": "Mette Holm"}


def test_a_database_refusal_the_validation_missed_is_a_refusal_not_a_crash(engine, monkeypatch):
    from sqlalchemy.exc import DataError, IntegrityError

    for error, said in ((DataError, "error.refused_by_database"), (IntegrityError, "error.collided")):

        def refuse(*_args: object, error: type[Exception] = error) -> None:
            raise error("INSERT …", {}, Exception("value too long / UNIQUE constraint failed"))

        monkeypatch.setattr(master_workbook, "_apply", refuse)
        with pytest.raises(DomainError) as refused:
            master_workbook.import_master_data(TESTER, workbook(org=ORG), engine)
        assert refused.value.message_key == said


def test_a_sheet_longer_than_the_limit_is_refused_never_cut(engine, monkeypatch):
    monkeypatch.setenv("DRIFTBOARD_IMPORT_MAX_ROWS", "2")
    people = [*PEOPLE, ["Boligstøtte", "Søren Bæk", "1003", 7.4, None, "nej", "nej", "ja"]]
    said = _refusal(lambda: master_workbook.import_master_data(TESTER, workbook(org=ORG, people=people), engine))
    assert said == [(0, "people", "the file has 3 rows; an import may have at most 2 (split it, or ask an "
                     "administrator to raise DRIFTBOARD_IMPORT_MAX_ROWS)")]  # fmt: skip
    assert value(engine, "select count(*) from org_units") == 0

"""Workbooks read as meant: a duplicate employee id is refused naming sheet, row and reason, on the
page and the command line, and nothing is saved."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from driftboard import unitdata
from driftboard.domain import ValidationError
from driftboard.services import unit_setup
from tests.conftest import ROOT, TESTER
from tests.xlsx import xlsx


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
    unit_setup.import_master_data(TESTER, workbook(org=ORG, people=PEOPLE), engine)


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
    said = _refusal(lambda: unit_setup.import_master_data(TESTER, workbook(org=ORG, people=DUPLICATE), engine))
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

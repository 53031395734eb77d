"""The master-data workbook of a unit: its sheets and columns (English or Danish headers), and
reading and writing it. ``unitplan`` checks a filled workbook against what the installation
already holds.

Pure apart from reading and writing the XLSX bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from driftboard.domain import RowError
from driftboard.i18n import t
from driftboard.imports import (
    ImportFileError,
    append_row,
    check_rows,
    check_size,
    decimal_comma,
    read_number,
    read_xlsx,
)
from driftboard.tables import BadCell, Field, is_blank


@dataclass(frozen=True)
class Column:
    name: str
    da: str
    field: Field
    example: Any = None


@dataclass(frozen=True)
class Sheet:
    name: str
    da: str
    columns: tuple[Column, ...]

    def title(self, lang: str) -> str:
        return self.da if lang == "da" else self.name

    def header(self, lang: str) -> list[str]:
        return [c.da if lang == "da" else c.name for c in self.columns]


def _c(name: str, da: str, kind: str, example: Any = None, **options: Any) -> Column:
    return Column(name, da, Field(name, kind, **options), example)  # type: ignore[arg-type]


def _optional(column: Column) -> Column:
    """The column where a sheet lets its cell be empty."""
    return replace(column, field=replace(column.field, required=False))


# The columns that name a thing another sheet holds: one header, example and length each.
UNIT = _c("unit", "enhed", "str", "Borgerservice Nord", max_length=120)
TEAM = _c("team", "team", "str", "Boligstøtte", max_length=120)
TASK = _c("task", "opgave", "str", "Ansøgning om boligstøtte", max_length=120)
JOB_ROLE = _c("job_role", "jobrolle", "str", "Sagsbehandler", max_length=120)
EMPLOYEE_ID = _c("employee_id", "medarbejdernr", "str", "1001", max_length=40)


FACTOR_COLUMNS = (
    _c("daily_hours", "timer_pr_dag", "float", 7.4, required=False, low=0, high=24, low_exclusive=True),
    _c("customer_facing_hours", "sagstimer_pr_dag", "float", 6, required=False, low=0, high=24),
    _c("board_leader_load_pct", "tavlefoerer_belastning_pct", "float", 75, required=False, low=0, high=100),
    _c("development_reserve_pct", "udviklingsreserve_pct", "float", 10, required=False, low=0, high=99),
    _c("overtime_cap_hours_per_week", "overarbejde_max_timer_pr_uge", "float", 2, required=False, low=0, high=40),
)
FACTOR_NAMES = tuple(c.name for c in FACTOR_COLUMNS)

# What a unit the workbook brings plans with until its factors say otherwise (the article's
# example unit); the set-up page gives a new unit the same.
NEW_UNIT_FACTORS = {
    "daily_hours": 7.4,
    "customer_facing_hours": 6.0,
    "board_leader_load_pct": 75.0,
    "development_reserve_pct": 10.0,
    "overtime_cap_hours_per_week": 2.0,
}

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "org",
        "organisation",
        (
            UNIT,
            _c("department", "afdeling", "str", "Ydelser", required=False, max_length=120),
            _optional(TEAM),
            _c("language", "sprog", "choice", "da", required=False, choices=("da", "en")),
            # The row's deepest org unit (team, else department, else unit): its code in links.
            # A known slug with a new name renames that org unit and keeps the slug.
            _c("slug", "kode", "str", "boligstoette", required=False, max_length=60),
            _c("active", "aktiv", "bool", True, required=False),
        ),
    ),
    Sheet(
        "job_roles",
        "jobroller",
        (
            UNIT,
            JOB_ROLE,
            _c("name_en", "navn_en", "str", "Case handler", required=False, max_length=120),
        ),
    ),
    Sheet(
        "people",
        "medarbejdere",
        (
            TEAM,
            _c("name", "navn", "str", "Mette Holm", max_length=120),
            EMPLOYEE_ID,
            # An empty cell: the daily hours of the person's team (from the planning factors).
            _c("daily_hours", "timer_pr_dag", "float", 7.4, required=False, low=0, high=24, low_exclusive=True),
            _optional(JOB_ROLE),
            _c("team_leader", "teamleder", "bool", False, default=False),
            _c("board_leader", "tavlefoerer", "bool", False, default=False),
            _c("active", "aktiv", "bool", True, default=True),
        ),
    ),
    Sheet(
        "tasks",
        "opgaver",
        (
            TEAM,
            TASK,
            _c("minutes_per_case", "minutter_pr_sag", "float", 25, low=0, low_exclusive=True),
            _c("service_goal_days", "servicemaal_dage", "int", 3, low=1, high=365),
            _c("expected_daily_volume", "forventet_antal_pr_dag", "int", 40, low=0, default=0),
            _c("error_rate_pct", "fejlprocent", "float", 2, low=0, high=100, default=0.0),
            _c("active", "aktiv", "bool", True, default=True),
        ),
    ),
    Sheet(
        "competences",
        "kompetencer",
        (
            EMPLOYEE_ID,
            TEAM,
            TASK,
        ),
    ),
    Sheet(
        "factors",
        "faktorer",
        (_c("org_unit", "organisation", "str", "Borgerservice Nord", max_length=120), *FACTOR_COLUMNS),
    ),
)
SHEETS_BY_NAME = {s.name: s for s in SHEETS}

# Other ways people write the headers (lower case, spaces and hyphens as underscores).
_HEADER_ALIASES = {
    "servicemål_dage": "service_goal_days",
    "tavlefører": "board_leader",
    "tavlefører_belastning_pct": "board_leader_load_pct",
    "medarbejder_nr": "employee_id",
    "medarbejdernummer": "employee_id",
    "stilling": "job_role",
    "org_enhed": "org_unit",
}


def _norm(text: Any) -> str:
    return str(text or "").strip().lower().replace(" ", "_").replace("-", "_").replace(".", "")


def sheet_for(title: str) -> Sheet | None:
    """The sheet a tab is, by its English or Danish name (any case)."""
    wanted = _norm(title)
    return next((s for s in SHEETS if wanted in (s.name, s.da)), None)


def column_for(sheet: Sheet, header: Any) -> str | None:
    wanted = _norm(header)
    wanted = _HEADER_ALIASES.get(wanted, wanted)
    return next((c.name for c in sheet.columns if wanted in (c.name, c.da)), None)


# --------------------------------------------------------------------------- reading and writing

Rows = list[tuple[int, dict[str, Any]]]  # (row number as Excel shows it, values by column name)


def read_workbook(data: bytes) -> dict[str, Rows]:
    """The data rows of every known sheet; unknown sheets (the instructions) are skipped.

    A cell's value is what Excel shows (a formula's stored result; a formula without one or an
    Excel error is a ``BadCell`` its column refuses). Text in a number column is read as the
    workbook writes numbers — the Danish way (``7,5``, ``1.234,5``) when its sheet names or
    headers are Danish or a text number has a decimal comma — with the shared parser."""
    check_size(data)
    found: dict[str, Rows] = {}
    errors: list[RowError] = []
    danish = False
    for tab in read_xlsx(data, lambda title: sheet_for(title) is not None):
        sheet = sheet_for(tab.title)
        assert sheet is not None
        check_rows(len(tab.rows) - 1, sheet.name)
        if not tab.rows:
            found[sheet.name] = []
            continue
        names = [column_for(sheet, h) for h in tab.rows[0]]
        danish = danish or _danish(sheet, tab.title, tab.rows[0])
        missing = [c.name for c in sheet.columns if c.field.required and c.name not in names]
        if missing:
            choices = ", ".join(sheet.header("en")) + " / " + ", ".join(sheet.header("da"))
            errors.extend(
                RowError(1, f"{sheet.name}.{m}", "v.missing_column", (("columns", choices),)) for m in missing
            )
            continue
        rows: Rows = []
        for number, raw in enumerate(tab.rows[1:], start=2):
            if all(is_blank(v) for v in raw):
                continue
            rows.append((number, {n: raw[i] for i, n in enumerate(names) if n and i < len(raw)}))
        found[sheet.name] = rows
    if errors:
        raise ImportFileError(errors)
    if not found:
        sheets = ", ".join(s.name for s in SHEETS)
        raise ImportFileError([RowError(0, "file", "v.no_sheets", (("sheets", sheets),))])
    danish = danish or any(decimal_comma(v) for rows in found.values() for _, raw in rows for v in raw.values())
    return {name: _numbers_read(SHEETS_BY_NAME[name], rows, "da" if danish else "en") for name, rows in found.items()}


def _danish(sheet: Sheet, title: str, header: Iterable[Any]) -> bool:
    """Whether a tab is named or headed in Danish (where the Danish word is not also the English)."""
    if sheet.da != sheet.name and _norm(title) == sheet.da:
        return True
    danish = {c.da for c in sheet.columns if c.da != c.name}
    return any(_norm(h) in danish for h in header)


def _numbers_read(sheet: Sheet, rows: Rows, lang: str) -> Rows:
    """The rows with the text in their number columns read as numbers (``imports.read_number``);
    text that cannot be read is a ``BadCell`` saying how to write it."""
    numbers = [c.field for c in sheet.columns if c.field.kind in ("int", "float")]
    read: Rows = []
    for number, raw in rows:
        values = dict(raw)
        for column in (c for c in numbers if c.name in raw):
            value, error = read_number(raw[column.name], column, lang, number)
            values[column.name] = value if error is None else BadCell(error.code, error.params, str(raw[column.name]))
        read.append((number, values))
    return read


def write_workbook(
    rows: Mapping[str, Iterable[Mapping[str, Any]]],
    lang: str,
    instructions: list[str],
    examples: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
) -> bytes:
    """A workbook with an instructions sheet and one sheet per ``SHEETS`` entry, headers in
    ``lang``. ``examples`` (rows by sheet) are shown on the instructions sheet, below its text,
    each under its sheet's name and headers: never on a sheet that is imported."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    info = workbook.active
    info.title = "vejledning" if lang == "da" else "instructions"
    for line in instructions:
        append_row(info, [line])  # a line runs on over the empty cells to its right
    for sheet in SHEETS:
        shown = list((examples or {}).get(sheet.name, ()))
        if not shown:
            continue
        append_row(info, [])
        append_row(info, [sheet.title(lang)])
        info.cell(info.max_row, 1).font = Font(bold=True, italic=True)
        append_row(info, sheet.header(lang))
        for cell in info[info.max_row]:
            cell.font = Font(bold=True)
        for row in shown:
            append_row(info, [_cell(row.get(c.name), lang) for c in sheet.columns])
    for i in range(max((len(s.columns) for s in SHEETS), default=0)):
        info.column_dimensions[chr(ord("A") + i)].width = 24
    for sheet in SHEETS:
        ws = workbook.create_sheet(sheet.title(lang))
        append_row(ws, sheet.header(lang))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows.get(sheet.name, ()):
            append_row(ws, [_cell(row.get(c.name), lang) for c in sheet.columns])
        for i, column in enumerate(sheet.columns):
            ws.column_dimensions[chr(ord("A") + i)].width = max(14, len(column.da) + 2)
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(value: Any, lang: str) -> Any:
    if isinstance(value, bool):
        return ("ja" if value else "nej") if lang == "da" else ("yes" if value else "no")
    return value


def example_rows() -> dict[str, list[dict[str, Any]]]:
    """One example row per sheet, for the template's instructions sheet."""
    return {s.name: [{c.name: c.example for c in s.columns}] for s in SHEETS}


def instructions(lang: str) -> list[str]:
    """The instructions sheet's text, in ``lang``."""
    return [t(f"setup.workbook.line{i}", lang) for i in range(1, 9)]


def template_workbook(lang: str = "en") -> bytes:
    """The workbook to fill in: the sheets with their headers only, and the instructions sheet
    with an example row of each (imported as it is, it changes nothing)."""
    lines = [*instructions(lang), "", t("setup.workbook.examples", lang)]
    return write_workbook({}, lang, lines, examples=example_rows())

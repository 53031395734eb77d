"""Reading import files (CSV and XLSX) and validating their rows (pure apart from file reading).

Imports are all-or-nothing: every bad row is reported with its row number as a person sees it
in the file (the header is row 1) and the reason, and nothing is written unless all rows are
good.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from driftboard import workbook_limits, workbook_values
from driftboard.domain import Period, RowError
from driftboard.i18n import NumberTextError, parse_number
from driftboard.tables import Field, parse_rows
from driftboard.targets import parse_period
from driftboard.workbook_values import SheetValues

MAX_PRODUCED = 100_000  # cases on one task in one day; more is a typo (or an overflow waiting to happen)
MAX_MEASURE_VALUE = 1e12  # a measure's value, either sign
MAX_COUNT = 1_000_000  # holdings: open cases, due today, overdue
# The columns that name a task's day in a file of counts per task and day.
TASK_DAY_FIELDS = (Field("date", "date"), Field("team", "str"), Field("task", "str"))


@dataclass(frozen=True)
class TaskDayRow:
    """A checked row of a file of counts per task and day (production, intake, holdings): its
    row number in the file, its team and task, and the day; each file's row adds its counts."""

    row: int
    team_id: int
    task_id: int
    date: dt.date


def count_fields(*names: str, high: int) -> tuple[Field, ...]:
    """Columns of whole numbers of cases, 0 to ``high``."""
    return tuple(Field(name, "int", low=0, high=high) for name in names)


def column_names(fields: tuple[Field, ...]) -> tuple[str, ...]:
    """The columns a file must have: its fields' names, in their order."""
    return tuple(f.name for f in fields)


PRODUCTION_FIELDS = (*TASK_DAY_FIELDS, *count_fields("produced", high=MAX_PRODUCED))
PRODUCTION_COLUMNS = column_names(PRODUCTION_FIELDS)


# Danish (and other usual) headers, read as the English column names.
HEADER_ALIASES = {
    "dato": "date",
    "opgave": "task",
    "produceret": "produced",
    "antal": "produced",
    "periode": "period",
    "enhed": "unit",
    "måling": "measure",
    "maaling": "measure",
    "værdi": "value",
    "vaerdi": "value",
    "åbne": "open",
    "aabne": "open",
    "forfalder_i_dag": "due_today",
    "over_servicemål": "overdue",
    "over_servicemaal": "overdue",
    "modtaget": "received",
    "indgået": "received",
    "indgaaet": "received",
}


class ImportFileError(ValueError):
    """The file itself cannot be read (wrong type, not a table, missing columns)."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors


def max_bytes() -> int:
    """The largest import file accepted: ``DRIFTBOARD_IMPORT_MAX_BYTES`` (default 5 MB)."""
    return _env_int("DRIFTBOARD_IMPORT_MAX_BYTES", 5 * 1024 * 1024)


def max_rows() -> int:
    """The most data rows an import may hold: ``DRIFTBOARD_IMPORT_MAX_ROWS`` (default 50,000)."""
    return _env_int("DRIFTBOARD_IMPORT_MAX_ROWS", 50_000)


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip().replace("_", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


def read_table(data: bytes, filename: str) -> list[dict[str, Any]]:
    """Rows of the first sheet (XLSX) or the CSV (comma or semicolon), keyed by lower-case header.

    A file too large, not a table or not text is refused with one reason (``ImportFileError``).
    The first element also says how the file writes numbers (``__numbers__``: ``da`` for a
    semicolon CSV, one with Danish headers or one with decimal commas, where a dot groups
    thousands; else ``en``) and, for a workbook, the sheet read (``__sheet__``), which its errors
    name (``in_sheet``)."""
    suffix = Path(filename).suffix.lower()
    check_size(data)
    delimiter, sheet = ",", None
    if suffix == ".xlsx":
        sheets = read_xlsx(data, first_only=True)
        rows, sheet = (sheets[0].rows, sheets[0].title) if sheets else ([], None)
    elif suffix in (".csv", ".txt"):
        rows, delimiter = _read_csv(data)
    else:
        raise ImportFileError([RowError(0, "file", "v.file_type", (("name", filename),))])
    if not rows:
        raise ImportFileError([RowError(1, sheet or "file", "v.empty_file")])
    check_rows(len(rows) - 1)
    written = [str(h or "").strip().lower().replace(" ", "_") for h in rows[0]]
    header = [HEADER_ALIASES.get(h, h) for h in written]
    records = []
    for raw in rows[1:]:
        if all(v is None or str(v).strip() == "" for v in raw):
            records.append(None)  # keep numbering; blank lines are skipped below
            continue
        records.append({header[i]: raw[i] if i < len(raw) else None for i in range(len(header))})
    danish = (
        delimiter == ";" or any(h in HEADER_ALIASES for h in written) or any(_decimal_comma(r) for r in records if r)
    )
    numbers = "da" if danish else "en"
    meta = {"__header__": header, "__numbers__": numbers}
    if sheet is not None:
        meta["__sheet__"] = sheet
    return [meta, *records]  # type: ignore[list-item]


def check_size(data: bytes) -> None:
    """Refuse a file above ``max_bytes`` before reading it."""
    if len(data) > max_bytes():
        size, limit = _megabytes(len(data)), _megabytes(max_bytes())
        raise ImportFileError([RowError(0, "file", "v.file_too_large", (("size", size), ("limit", limit)))])


def check_rows(rows: int, where: str = "file") -> None:
    """Refuse a file (or a workbook's sheet) with more data rows than ``max_rows``: ``read_xlsx``
    stops reading a sheet one row after the limit, so a longer one is refused, never cut."""
    if rows > max_rows():
        raise ImportFileError([RowError(0, where, "v.too_many_rows", (("rows", rows), ("limit", max_rows())))])


def in_sheet(table: Sequence[Any], errors: Sequence[RowError]) -> list[RowError]:
    """``errors`` named by the sheet they are on (``Ark1.produced``, a file-wide one ``Ark1``)
    when ``table`` is a workbook's sheet, as the master-data workbook names its errors; a CSV's
    and the API's are as they are."""
    sheet = table[0].get("__sheet__") if table and isinstance(table[0], Mapping) else None
    if sheet is None:
        return list(errors)
    return [replace(e, field=sheet if e.field == "file" else f"{sheet}.{e.field}") for e in errors]


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


# "12,5", "-0,25", "1.234,5": a comma that is not a thousands separator before three digits.
_DECIMAL_COMMA = re.compile(r"^[+-]?[\d.]*\d,(\d{1,2}|\d{4,})$|^[+-]?\d{1,3}(\.\d{3})+,\d+$")


_PLAIN_INTEGER = re.compile(r"^\s*[+-]?\d{1,15}\s*$")


def _decimal_comma(record: Mapping[str, Any]) -> bool:
    return any(decimal_comma(v) for v in record.values())


def _read_csv(data: bytes) -> tuple[list[list[Any]], str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # Excel's "CSV" on Danish Windows
        except UnicodeDecodeError:
            text = "\x00"
    if "\x00" in text:  # a binary file (a PDF, an image, a zip) renamed .csv
        raise ImportFileError([RowError(0, "file", "v.not_text")])
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)], delimiter
    except csv.Error as exc:  # e.g. a field longer than the csv module allows
        raise ImportFileError([RowError(0, "file", "v.not_table", (("detail", str(exc)[:80]),))]) from exc


def read_xlsx(
    data: bytes, wanted: Callable[[str], bool] = lambda _title: True, *, first_only: bool = False
) -> list[SheetValues]:
    """The sheets of an XLSX file (those ``wanted`` by title; the first only with ``first_only``)
    as rows of the values a person sees in Excel (``workbook_values.read_sheets``), each sheet
    read up to its header, ``max_rows`` rows and one more (which has it refused as too long). A
    file past a limit of ``workbook_limits`` or unreadable is refused with one reason
    (``ImportFileError``)."""
    try:
        return workbook_values.read_sheets(data, wanted, first_only=first_only, row_limit=max_rows() + 2)
    except workbook_limits.WorkbookRefused as refused:
        raise ImportFileError([refused.error]) from refused


def append_row(sheet: Any, values: list[Any]) -> None:
    """Append ``values`` to an openpyxl ``sheet`` as a row, every string as text: openpyxl stores
    a string starting with "=" as a formula, so a note like ``=HYPERLINK(...)`` would become a
    live formula in a downloaded workbook (and read back empty, as ``_read_xlsx`` reads values)."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def read_number(value: Any, field: Field, lang: str, row: int) -> tuple[Any, RowError | None]:
    """A cell of a number column read as the file writes numbers (``lang``), by the one parser
    the forms use (``i18n.parse_number``): in a Danish file ``1.234,5`` is 1234.5, and ``1.234``
    is refused as ambiguous in a decimal column and read as 1234 in a count column (the only
    whole reading). A number cell is the number it holds; anything but text with digits is
    returned as it is, for the shared table parser to judge (it names ranges per column)."""
    if field.kind not in ("int", "float") or not isinstance(value, str) or not any(c.isdigit() for c in value):
        return value, None  # no digits at all ("lots"): the shared parser says "must be a number"
    if _PLAIN_INTEGER.match(value):  # the usual cell: no separators, nothing to interpret
        return int(value), None
    try:
        return parse_number(value, lang, whole=field.kind == "int"), None
    except NumberTextError as refused:
        params = tuple((k, str(v)[:40]) for k, v in refused.params.items())
        return None, RowError(row, field.name, refused.key, params)


def decimal_comma(value: Any) -> bool:
    """Whether a cell is text with a decimal comma ("12,5", "1.234,5"): a file holding one writes
    numbers the Danish way."""
    return isinstance(value, str) and bool(_DECIMAL_COMMA.match(value.strip()))


def numbers_read(
    record: Mapping[str, Any], fields: Sequence[Field], lang: str, row: int
) -> tuple[dict[str, Any], list[RowError]]:
    """The record with its number cells read as the file writes numbers (``read_number``)."""
    out = dict(record)
    errors: list[RowError] = []
    for field in fields:
        value, error = read_number(record.get(field.name), field, lang, row)
        out[field.name] = value
        if error is not None:
            errors.append(error)
    return out, errors


def _parse_row(
    record: Mapping[str, Any], fields: tuple[Field, ...], lang: str, row: int
) -> tuple[dict[str, Any], list[RowError]]:
    """One row through the shared parser, its numbers read in the file's way of writing them."""
    record, number_errors = numbers_read(record, fields, lang, row)
    parsed, errors = parse_rows([record], fields, first_row=row)
    refused = {e.field for e in number_errors}
    return parsed[0], number_errors + [e for e in errors if e.field not in refused]


def _check_header(table: list[Any], columns: tuple[str, ...]) -> list[dict[str, Any] | None]:
    header = table[0]["__header__"]
    missing = [c for c in columns if c not in header]
    if missing:
        errors = [RowError(1, c, "v.missing_column", (("columns", ", ".join(columns)),)) for c in missing]
        raise ImportFileError(in_sheet(table, errors))
    return table[1:]


def _rows(
    table: list[Any], columns: tuple[str, ...], fields: tuple[Field, ...], errors: list[RowError]
) -> Iterator[tuple[int, dict[str, Any], dict[str, Any], list[RowError]]]:
    """The data rows of a table with ``columns``, read one by one: (row number, the record as
    read, its values, its errors). Each row's errors go into ``errors`` as it is read, so they
    stay in row order with the checks the caller adds; a table without rows adds its own."""
    records = _check_header(table, columns)
    lang = table[0].get("__numbers__", "en")
    numbered = [(i, r) for i, r in enumerate(records, start=2) if r is not None]
    for row_no, record in numbered:
        values, row_errors = _parse_row(record, fields, lang, row_no)
        errors.extend(row_errors)
        yield row_no, record, values, row_errors
    if not numbered:
        errors.append(RowError(2, "file", "v.empty_file"))


@dataclass(frozen=True)
class ProductionRow(TaskDayRow):
    produced: int


@dataclass(frozen=True)
class TeamLookup:
    """A team's id and its tasks, found by slug or name (case-insensitive)."""

    team_id: int
    tasks: Mapping[str, int]


def validate_production(
    table: list[Any], teams: Mapping[str, TeamLookup], today: dt.date
) -> tuple[list[ProductionRow], list[RowError]]:
    """Check every row of a production file; return the clean rows and every error."""
    rows, errors = _validate_task_counts(table, teams, today, PRODUCTION_COLUMNS, PRODUCTION_FIELDS)
    return [ProductionRow(*r) for r in rows], in_sheet(table, errors)


def _validate_task_counts(
    table: list[Any],
    teams: Mapping[str, TeamLookup],
    today: dt.date,
    columns: tuple[str, ...],
    fields: tuple[Field, ...],
) -> tuple[list[tuple[int, int, int, dt.date, int]], list[RowError]]:
    """Rows of ``date, team, task, <count>``: (row, team id, task id, date, count) of the clean
    rows and every error; the count is the last of ``columns``."""
    count = columns[-1]
    clean: list[tuple[int, int, int, dt.date, int]] = []
    errors: list[RowError] = []
    seen: dict[tuple[int, int, dt.date], int] = {}
    for row_no, _record, values, row_errors in _rows(table, columns, fields, errors):
        if any(e.field in ("team", "task") for e in row_errors):
            continue
        found = _team_task(row_no, values, teams, errors)
        if found is None:
            continue
        team, task_id = found
        if values["date"] is not None and _in_future(row_no, values["date"], today, errors):
            continue
        if row_errors or _repeated(row_no, (team.team_id, task_id, values["date"]), "task", seen, errors):
            continue
        clean.append((row_no, team.team_id, task_id, values["date"], values[count]))
    return clean, errors


def _team_task(
    row_no: int, values: Mapping[str, Any], teams: Mapping[str, TeamLookup], errors: list[RowError]
) -> tuple[TeamLookup, int] | None:
    """The row's team and task (by slug or name, case-insensitive); None when either is
    unknown, its reason added to ``errors``."""
    team = teams.get(str(values["team"]).casefold())
    if team is None:
        errors.append(RowError(row_no, "team", "v.unknown_ref", (("value", values["team"]),)))
        return None
    task_id = team.tasks.get(str(values["task"]).casefold())
    if task_id is None:
        errors.append(RowError(row_no, "task", "v.unknown_task", (("value", values["task"]), ("team", values["team"]))))
        return None
    return team, task_id


def _in_future(row_no: int, day: dt.date, today: dt.date, errors: list[RowError]) -> bool:
    """Whether the row's date lies after ``today`` (the reason added to ``errors``)."""
    if day <= today:
        return False
    errors.append(RowError(row_no, "date", "v.future_date", (("value", day.isoformat()),)))
    return True


def _repeated(row_no: int, key: Any, field: str, seen: dict[Any, int], errors: list[RowError]) -> bool:
    """Whether an earlier row of the file had ``key`` (the reason, naming that row, added to
    ``errors``); else ``key`` is remembered as this row's."""
    if key in seen:
        errors.append(RowError(row_no, field, "v.duplicate_row", (("row", seen[key]),)))
        return True
    seen[key] = row_no
    return False


INTAKE_FIELDS = (*TASK_DAY_FIELDS, *count_fields("received", high=MAX_PRODUCED))
INTAKE_COLUMNS = column_names(INTAKE_FIELDS)


@dataclass(frozen=True)
class IntakeRow(TaskDayRow):
    received: int


def validate_intake(
    table: list[Any], teams: Mapping[str, TeamLookup], today: dt.date
) -> tuple[list[IntakeRow], list[RowError]]:
    """Check every row of an intake file (cases received per task and day) the way a production
    file is checked; return the clean rows and every error."""
    rows, errors = _validate_task_counts(table, teams, today, INTAKE_COLUMNS, INTAKE_FIELDS)
    return [IntakeRow(*r) for r in rows], in_sheet(table, errors)


ROBOT_RUN_FIELDS = (Field("date", "date"), *count_fields("handled", "handed_over", "failed", high=MAX_PRODUCED))
ROBOT_RUN_COLUMNS = column_names(ROBOT_RUN_FIELDS)


@dataclass(frozen=True)
class RobotRunRow:
    row: int
    date: dt.date
    handled: int
    handed_over: int
    failed: int
    last_run_at: dt.datetime | None  # naive UTC


MOMENT_SKEW = dt.timedelta(minutes=5)  # how far a sender's clock may run ahead of ours


def validate_robot_runs(
    table: list[Any], today: dt.date, *, latest: dt.datetime | None = None
) -> tuple[list[RobotRunRow], list[RowError]]:
    """Check a robot's runs per day (cases handled fully, handed to a person, failed; optionally
    ``last_run_at``, an ISO time, UTC unless it says otherwise); return clean rows and errors.
    A ``last_run_at`` later than ``latest`` (naive UTC, now) plus ``MOMENT_SKEW`` is refused: a
    sender writing local time without its offset would otherwise keep a stopped robot "up"."""
    clean: list[RobotRunRow] = []
    errors: list[RowError] = []
    seen: dict[dt.date, int] = {}
    for row_no, record, r, row_errors in _rows(table, ROBOT_RUN_COLUMNS, ROBOT_RUN_FIELDS, errors):
        last_run = _parse_moment(record.get("last_run_at"))
        if last_run is False:
            value = str(record.get("last_run_at"))[:40]
            errors.append(RowError(row_no, "last_run_at", "v.moment", (("value", value),)))
            continue
        if last_run and latest is not None and last_run > latest + MOMENT_SKEW:
            value = str(record.get("last_run_at"))[:40]
            errors.append(RowError(row_no, "last_run_at", "v.moment_future", (("value", value),)))
            continue
        if row_errors:
            continue
        if _in_future(row_no, r["date"], today, errors) or _repeated(row_no, r["date"], "date", seen, errors):
            continue
        clean.append(RobotRunRow(row_no, r["date"], r["handled"], r["handed_over"], r["failed"], last_run or None))
    return clean, in_sheet(table, errors)


def _parse_moment(value: Any) -> dt.datetime | bool | None:
    """An ISO date-time as naive UTC; None when absent, False when unreadable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            return False
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        except (OverflowError, ValueError):  # e.g. 0001-01-01T00:00+01:00 lies before year 1 in UTC
            return False
    return moment


def table_from_rows(rows: Any) -> list[Any]:
    """JSON rows (a list of objects, as the ingest API receives them) as the table ``read_table``
    makes of a file, so one validation checks both; numbers are read the English way (JSON).
    A body that is not a list of objects is refused with one reason (``ImportFileError``)."""
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ImportFileError([RowError(0, "rows", "v.rows_shape")])
    if not rows:  # one reason, not every column missing
        raise ImportFileError([RowError(1, "rows", "v.empty_file")])
    if len(rows) > max_rows():
        raise ImportFileError([RowError(0, "rows", "v.too_many_rows", (("rows", len(rows)), ("limit", max_rows())))])
    header = list(dict.fromkeys(str(k).strip().lower() for r in rows for k in r))
    records = [{str(k).strip().lower(): _json_cell(v) for k, v in r.items()} for r in rows]
    return [{"__header__": header, "__numbers__": "en"}, *records]


def _json_cell(value: Any) -> Any:
    """A JSON value as a file cell: ``true``, lists and objects as the text they were sent as (so
    ``"produced": true`` is "not a number", never 1)."""
    return json.dumps(value)[:80] if isinstance(value, bool | list | dict) else value


MEASURE_COLUMNS = ("period", "unit", "measure", "value")
MEASURE_FIELDS = (
    Field("unit", "str"),
    Field("measure", "str"),
    Field("value", "float", low=-MAX_MEASURE_VALUE, high=MAX_MEASURE_VALUE),
    Field("period", "str"),
)


@dataclass(frozen=True)
class MeasureLookup:
    """A measure's id and period kind, found by org unit and the measure's slug or name."""

    measure_id: int
    period: Period


@dataclass(frozen=True)
class MeasureRow:
    row: int
    measure_id: int
    period_start: dt.date
    value: float


def validate_measures(
    table: list[Any],
    orgs: Mapping[str, int],
    measures: Mapping[tuple[int, str], MeasureLookup],
    today: dt.date,
) -> tuple[list[MeasureRow], list[RowError]]:
    """Check every row of a measure-values file; return the clean rows and every error.

    ``orgs`` maps a casefolded org-unit slug or name to its id, ``measures`` maps (org id,
    casefolded measure slug or name) to the measure. A period that has not begun is refused.
    """
    clean: list[MeasureRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[int, dt.date], int] = {}
    dated = [table[0], *(_period_of_date(r) for r in table[1:])]
    for row_no, _record, r, row_errors in _rows(dated, MEASURE_COLUMNS, MEASURE_FIELDS, errors):
        if row_errors:
            continue
        org_id = orgs.get(r["unit"].casefold())
        if org_id is None:
            errors.append(RowError(row_no, "unit", "v.unknown_org", (("value", r["unit"]),)))
            continue
        measure = measures.get((org_id, r["measure"].casefold()))
        if measure is None:
            errors.append(
                RowError(row_no, "measure", "v.unknown_measure", (("value", r["measure"]), ("unit", r["unit"])))
            )
            continue
        start = parse_period(r["period"], measure.period)
        if start is None:
            said = (("value", r["period"]), ("measure", r["measure"]))
            errors.append(RowError(row_no, "period", f"v.period_{measure.period.value}", said))
            continue
        if start > today:
            errors.append(RowError(row_no, "period", "v.future_date", (("value", r["period"]),)))
            continue
        if _repeated(row_no, (measure.measure_id, start), "measure", seen, errors):
            continue
        clean.append(MeasureRow(row_no, measure.measure_id, start, r["value"]))
    return clean, in_sheet(table, errors)


def _period_of_date(record: dict[str, Any] | None) -> dict[str, Any] | None:
    """A date cell in the period column (Excel's dates are date-times) as the ISO date, which
    names the period the date lies in; other cells as they are."""
    day = record.get("period") if record else None
    if not isinstance(day, dt.date):
        return record
    return {**record, "period": (day.date() if isinstance(day, dt.datetime) else day).isoformat()}  # type: ignore[dict-item]


HOLDINGS_FIELDS = (*TASK_DAY_FIELDS, *count_fields("open", "due_today", "overdue", high=MAX_COUNT))
HOLDINGS_COLUMNS = column_names(HOLDINGS_FIELDS)


@dataclass(frozen=True)
class HoldingsRow(TaskDayRow):
    open_cases: int
    due_today: int
    overdue: int


def validate_holdings(
    table: list[Any], teams: Mapping[str, TeamLookup], today: dt.date
) -> tuple[list[HoldingsRow], list[RowError]]:
    """Check every row of a holdings file (open cases, due today, over the service goal per task
    and day); return the clean rows and every error."""
    clean: list[HoldingsRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[int, dt.date], int] = {}
    for row_no, _record, r, row_errors in _rows(table, HOLDINGS_COLUMNS, HOLDINGS_FIELDS, errors):
        if row_errors:
            continue
        found = _team_task(row_no, r, teams, errors)
        if found is None or _in_future(row_no, r["date"], today, errors):
            continue
        team, task_id = found
        if r["due_today"] + r["overdue"] > r["open"]:
            total = r["due_today"] + r["overdue"]
            errors.append(RowError(row_no, "open", "v.holdings_sum", (("sum", total), ("open", r["open"]))))
            continue
        if _repeated(row_no, (task_id, r["date"]), "task", seen, errors):
            continue
        clean.append(HoldingsRow(row_no, team.team_id, task_id, r["date"], r["open"], r["due_today"], r["overdue"]))
    return clean, in_sheet(table, errors)

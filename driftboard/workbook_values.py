"""The values of a workbook's cells as a person sees them in Excel (pure apart from reading the
bytes): a formula is the result Excel stored with it.

A formula saved without a result — a file written by a script (openpyxl writes none), or by Excel
set to manual calculation — and a cell showing an Excel error (``#N/A``) become a
``tables.BadCell`` that the column reading it refuses, naming the cell, instead of an empty cell
a default silently fills. Read in read-only mode within the limits of ``workbook_limits``: once
for the stored results and, only when a scan of the file's XML finds a formula, once more for
the formulas.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from driftboard import workbook_limits
from driftboard.tables import BadCell


@dataclass(frozen=True)
class SheetValues:
    """One sheet of a workbook: its tab's title and its rows (row 1 first), as values."""

    title: str
    rows: list[list[Any]]


def read_sheets(
    data: bytes, wanted: Callable[[str], bool], *, first_only: bool = False, row_limit: int
) -> list[SheetValues]:
    """The sheets ``wanted`` by title (the first of them only with ``first_only``), each read up
    to ``row_limit`` rows. Past a limit or unreadable: ``workbook_limits.WorkbookRefused``."""
    with workbook_limits.open_workbook(data) as workbook:
        chosen = [ws for ws in workbook.worksheets if wanted(ws.title)][: 1 if first_only else None]
        titles = [ws.title for ws in chosen]
        formulas = _formulas(data, titles, row_limit) if chosen and _holds_formulas(data) else {}
        budget = workbook_limits.CellBudget()
        return [SheetValues(ws.title, _values(budget, ws, formulas.get(ws.title, {}), row_limit)) for ws in chosen]


# A formula's element in a sheet's XML (``<f>``, ``<f t="shared" …/>``, ``<x:f>``); charts' ``<c:f>``
# match too, which costs only the second pass.
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s/>]")


def _holds_formulas(data: bytes) -> bool:
    """Whether any part of the workbook may hold a formula: a scan of its XML (whose size
    ``workbook_limits`` has checked), much quicker than reading the sheets a second time."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        for name in archive.namelist():
            if not (name.startswith("xl/") and name.endswith(".xml")) or name == "xl/sharedStrings.xml":
                continue
            with archive.open(name) as part:
                tail = b""
                while chunk := part.read(1 << 20):
                    if _FORMULA_TAG.search(tail + chunk):
                        return True
                    tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return True  # read it; openpyxl says what is wrong
    return False


def _rows(budget: workbook_limits.CellBudget, ws: Any, limit: int) -> Iterator[tuple[int, list[Any]]]:
    """A read-only sheet's rows of cells, numbered from 1, ``limit`` at most (a longer sheet is
    refused by the caller, with no need to read the rest)."""
    for number, row in enumerate(budget.rows(ws, values_only=False), start=1):
        yield number, row
        if number >= limit:
            break


def _formulas(data: bytes, titles: list[str], limit: int) -> dict[str, dict[tuple[int, int], str]]:
    """The formulas of the sheets ``titles``: (row, column) → formula."""
    found: dict[str, dict[tuple[int, int], str]] = {}
    with workbook_limits.open_workbook(data, data_only=False) as workbook:
        budget = workbook_limits.CellBudget()
        for title in titles:
            cells = found.setdefault(title, {})
            for number, row in _rows(budget, workbook[title], limit):
                for column, cell in enumerate(row, start=1):
                    if cell.data_type == "f":
                        text = cell.value if isinstance(cell.value, str) else getattr(cell.value, "text", "")
                        cells[(number, column)] = str(text or "")[:80]
    return found


def _values(
    budget: workbook_limits.CellBudget, ws: Any, formulas: Mapping[tuple[int, int], str], limit: int
) -> list[list[Any]]:
    from openpyxl.utils import get_column_letter

    rows: list[list[Any]] = []
    for number, row in _rows(budget, ws, limit):
        values: list[Any] = []
        for column, cell in enumerate(row, start=1):
            value = cell.value
            if cell.data_type == "e":  # Excel shows an error instead of a value
                at = f"{get_column_letter(column)}{number}"
                value = BadCell("v.cell_error", (("cell", at), ("value", str(value))), str(value))
            elif value is None and cell.data_type != "str" and (number, column) in formulas:
                # "str" with no value is a formula's stored empty text (=IF(A2="";"";…)): empty.
                at, formula = f"{get_column_letter(column)}{number}", formulas[(number, column)]
                value = BadCell("v.formula_no_result", (("cell", at), ("formula", formula)), formula)
            values.append(value)
        rows.append(values)
    return rows

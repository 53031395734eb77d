"""Opening an uploaded XLSX workbook within bounds (pure apart from reading the bytes).

The upload limit counts compressed bytes, and sheet XML compresses a thousandfold: a 626 KB
file once unpacked to gigabytes and held a server for a minute and a half. So before openpyxl
sees a file, its zip directory is checked — how many members, how much they unpack to, how large
the shared-string table is (openpyxl reads it whole) — and while its rows are read, how many
cells and how long. A file past a limit is refused with the limit named (``ImportFileError``).
Python's zipfile stops a member at its declared size, so the directory cannot understate it.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from driftboard.domain import RowError

MAX_MEMBERS = 200  # a workbook from Excel has a few dozen parts
SHARED_STRINGS = "xl/sharedStrings.xml"


class WorkbookRefused(ValueError):
    """The workbook is past a limit or cannot be read; ``error`` says which, for the file."""

    def __init__(self, error: RowError) -> None:
        super().__init__(error.message)
        self.error = error


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip().replace("_", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


def max_unpacked_bytes() -> int:
    """The most a workbook may unpack to: ``DRIFTBOARD_IMPORT_MAX_UNPACKED_BYTES`` (30 MB)."""
    return _env_int("DRIFTBOARD_IMPORT_MAX_UNPACKED_BYTES", 30 * 1024 * 1024)


def max_cells() -> int:
    """The most cells a workbook's sheets may hold: ``DRIFTBOARD_IMPORT_MAX_CELLS`` (1,000,000)."""
    return _env_int("DRIFTBOARD_IMPORT_MAX_CELLS", 1_000_000)


def max_seconds() -> int:
    """The longest a workbook may take to read: ``DRIFTBOARD_IMPORT_MAX_SECONDS`` (20)."""
    return _env_int("DRIFTBOARD_IMPORT_MAX_SECONDS", 20)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _refuse(code: str, **params: object) -> WorkbookRefused:
    return WorkbookRefused(RowError(0, "file", code, tuple(params.items())))


def check_zip(data: bytes) -> None:
    """Refuse a workbook whose zip directory says it is too big to open."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse("v.bad_xlsx", detail=str(exc)[:80]) from exc
    if len(members) > MAX_MEMBERS:
        raise _refuse("v.xlsx_members", count=len(members), limit=MAX_MEMBERS)
    limit = max_unpacked_bytes()
    unpacked = sum(m.file_size for m in members)
    if unpacked > limit:
        raise _refuse("v.xlsx_unpacked", size=_megabytes(unpacked), limit=_megabytes(limit))
    strings = sum(m.file_size for m in members if m.filename == SHARED_STRINGS)
    if strings > limit // 3:
        raise _refuse("v.xlsx_strings", size=_megabytes(strings), limit=_megabytes(limit // 3))


@contextmanager
def open_workbook(data: bytes, *, data_only: bool = True) -> Iterator[Any]:
    """The workbook (openpyxl, read-only; a formula's stored result, or with ``data_only=False``
    the formula itself) once ``check_zip`` lets it through; closed on leaving. Unreadable:
    ``WorkbookRefused`` with ``v.bad_xlsx``."""
    from openpyxl import load_workbook

    check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:
        raise _refuse("v.bad_xlsx", detail=str(exc)[:80]) from exc
    try:
        yield workbook
    finally:
        workbook.close()


class CellBudget:
    """Counts the cells read from one workbook and the time spent, refusing the file when either
    passes its limit; one budget for all of a workbook's sheets."""

    def __init__(self) -> None:
        self.cells = 0
        self.limit = max_cells()
        self.seconds = max_seconds()
        self.deadline = time.monotonic() + self.seconds

    def rows(self, sheet: Any, *, values_only: bool = True) -> Iterator[list[Any]]:
        """The rows of ``sheet`` as lists of values (of cells, with their data types, with
        ``values_only=False``). The sheet's own claim of its size is ignored (read-only openpyxl
        pads every row to it), so only the cells it holds are read."""
        sheet.reset_dimensions()
        try:
            for row in sheet.iter_rows(values_only=values_only):
                self.cells += len(row)
                if self.cells > self.limit:
                    raise _refuse("v.xlsx_cells", limit=self.limit)
                if time.monotonic() > self.deadline:
                    raise _refuse("v.xlsx_slow", seconds=self.seconds)
                yield list(row)
        except WorkbookRefused:
            raise
        except Exception as exc:  # a damaged sheet inside a readable zip
            raise _refuse("v.bad_xlsx", detail=str(exc)[:80]) from exc

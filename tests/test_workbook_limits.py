"""An uploaded workbook is bounded by what it unpacks to, not only by its compressed size: a zip
bomb (a small file whose sheet unpacks to a hundred megabytes) is refused before openpyxl opens
it, within 2 seconds and without the memory it would take; a workbook with too many cells is
refused naming the limit; a sheet that claims to be 16,384 columns wide is read by its cells."""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from driftboard import imports, unitdata, workbook_limits

UNPACKED = 100 * 1024 * 1024


def _workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with_sheet(data: bytes, sheet: str, write) -> bytes:
    """``data`` with its first sheet's XML replaced by what ``write(stream)`` writes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == sheet:
                with target.open(sheet, "w", force_zip64=True) as stream:
                    write(stream)
            else:
                target.writestr(item, source.read(item.filename))
    return out.getvalue()


def _bomb() -> bytes:
    """A valid workbook whose sheet unpacks to 100 MB of rows (a few hundred KB packed)."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    chunk = row * (1024 * 1024 // len(row))

    def write(stream):
        stream.write(
            b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        )
        for _ in range(UNPACKED // len(chunk)):
            stream.write(chunk)
        stream.write(b"</sheetData></worksheet>")

    return _with_sheet(_workbook([["date", "team", "task", "produced"]]), "xl/worksheets/sheet1.xml", write)


def test_a_zip_bomb_is_refused_in_under_2_seconds_without_unpacking_it():
    data = _bomb()
    assert len(data) < imports.max_bytes()
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(imports.ImportFileError) as info:
            imports.read_table(data, "production.xlsx")
        elapsed = time.monotonic() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 2
    assert peak < 100 * 1024 * 1024
    [error] = info.value.errors
    assert error.code == "v.xlsx_unpacked"
    assert "30.0 MB" in error.message and "DRIFTBOARD_IMPORT_MAX_UNPACKED_BYTES" in error.message
    with pytest.raises(imports.ImportFileError) as info:
        unitdata.read_workbook(data)
    assert info.value.errors[0].code == "v.xlsx_unpacked"


def test_a_workbook_with_more_cells_than_allowed_is_refused_naming_the_limit(monkeypatch):
    monkeypatch.setenv("DRIFTBOARD_IMPORT_MAX_CELLS", "100")
    data = _workbook([["date", "team", "task", "produced"]] + [["2026-11-24", "mortgage", "x", 1]] * 30)
    with pytest.raises(imports.ImportFileError) as info:
        imports.read_table(data, "production.xlsx")
    [error] = info.value.errors
    assert (error.code, dict(error.params)) == ("v.xlsx_cells", {"limit": 100})


def test_a_workbook_of_too_many_parts_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(workbook_limits.MAX_MEMBERS + 1):
            archive.writestr(f"part{n}.xml", "")
    with pytest.raises(imports.ImportFileError) as info:
        imports.read_table(out.getvalue(), "production.xlsx")
    assert info.value.errors[0].code == "v.xlsx_members"


def test_a_sheet_claiming_16384_columns_is_read_by_the_cells_it_holds():
    data = _workbook([["date", "team", "task", "produced"], ["2026-11-24", "mortgage", "land-registry", 3]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    wide = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml)
    assert wide != xml
    data = _with_sheet(data, "xl/worksheets/sheet1.xml", lambda stream: stream.write(wide))
    table = imports.read_table(data, "production.xlsx")
    assert table[1] == {"date": "2026-11-24", "team": "mortgage", "task": "land-registry", "produced": 3}

"""Workbooks as the tests need them: written like a person's or a script's, formulas with or
without the result Excel stores beside them.

openpyxl writes a formula without a stored result (``<f>1+1</f><v/>``), as any script does;
Excel and LibreOffice store the result they calculated. ``Formula(..., cached=...)`` writes
that result into the file, so a test can have both kinds.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

NO_RESULT = object()  # a formula saved without a calculated result


@dataclass(frozen=True)
class Formula:
    """A formula cell; ``cached`` is the result stored with it (``NO_RESULT``: none, as a
    script writes it; ``""``: Excel's stored empty text; ``ExcelError("#N/A")``: an error)."""

    expression: str
    cached: Any = NO_RESULT


@dataclass(frozen=True)
class ExcelError:
    code: str  # "#N/A", "#DIV/0!", …


def excel_text(text: str) -> str:
    """Text as Excel stores it: a character XML cannot hold (NUL, other control characters) is
    written as ``_x0001_``."""
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def xlsx(sheets: Mapping[str, Sequence[Sequence[Any]]]) -> bytes:
    """A workbook with one sheet per entry (title → rows, the first row the header)."""
    book = Workbook()
    book.remove(book.active)
    results: dict[int, dict[str, Any]] = {}
    for index, (title, rows) in enumerate(sheets.items()):
        ws = book.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c)
                if isinstance(value, Formula):
                    cell.value = "=" + value.expression
                    if value.cached is not NO_RESULT:
                        results.setdefault(index, {})[cell.coordinate] = value.cached
                elif isinstance(value, str):
                    cell.value = excel_text(value)
                    cell.data_type = "s"  # text, even when it starts with "="
                else:
                    cell.value = value
    out = io.BytesIO()
    book.save(out)
    return _with_results(out.getvalue(), results) if results else out.getvalue()


def _with_results(data: bytes, results: Mapping[int, Mapping[str, Any]]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            if match and int(match[1]) - 1 in results:
                content = _stored(content.decode(), results[int(match[1]) - 1]).encode()
            target.writestr(item, content)
    return out.getvalue()


def _stored(xml: str, cells: Mapping[str, Any]) -> str:
    def put(m: re.Match[str]) -> str:
        value = cells.get(m[1])
        if value is None and m[1] not in cells:
            return m[0]
        if isinstance(value, ExcelError):
            kind, text = "e", value.code
        elif isinstance(value, bool):
            kind, text = "b", str(int(value))
        elif isinstance(value, int | float):
            kind, text = "n", repr(value)
        else:
            kind, text = "str", _escape(excel_text(str(value)))
        return f'<c r="{m[1]}" t="{kind}"{m[2]}><f>{m[3]}</f><v>{text}</v></c>'

    return re.sub(r'<c r="([A-Z]+\d+)"([^>]*)><f>(.*?)</f><v ?/></c>', put, xml)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""Tables written as spreadsheets (xlsx) or csv, safe to open in Excel or LibreOffice.

A cell whose text starts with ``= + - @``, a tab or a carriage return would be read by a
spreadsheet as a formula (formula or CSV injection, OWASP). ``formula_like`` is the one
test; every writer of the project neutralizes such cells: csv prefixes them with an
apostrophe and quotes every field (the OWASP way), xlsx stores them as explicit text
cells shown with a quote prefix, so the value itself is kept and imports back unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from bagalau.domain.calendar import format_date

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("xlsx", "csv")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
_BOLD = Font(bold=True)

Sheet = Worksheet | WriteOnlyWorksheet


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would take this text for a formula."""
    return text.startswith(FORMULA_STARTS)


def _plain(value: Any) -> Any:
    """Dates as dd.mm.yyyy text, translatable labels as text, numbers as they are."""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return format_date(value)
    if value is None or isinstance(value, int | float | Decimal | str):
        return value
    return str(value)


def csv_field(value: Any) -> str:
    """One csv field: text that looks like a formula gets a leading apostrophe."""
    plain = _plain(value)
    if plain is None:
        return ""
    text = str(plain)
    if isinstance(plain, str) and formula_like(text):
        return "'" + text
    return text


def xlsx_cell(sheet: Sheet, value: Any, *, bold: bool = False) -> Cell:
    """One xlsx cell: formula-like text is stored as text, never as a formula."""
    plain = _plain(value)
    cell = WriteOnlyCell(sheet, value=plain)
    if isinstance(plain, str) and formula_like(plain):
        cell.data_type = "s"
        cell.quotePrefix = True
    if bold:
        cell.font = _BOLD
    return cell


def append_row(sheet: Sheet, values: Iterable[Any], *, bold: bool = False) -> None:
    sheet.append([xlsx_cell(sheet, v, bold=bold) for v in values])


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[Any], Iterable[Sequence[Any]]]]) -> bytes:
    """A workbook of (title, header, rows) sheets, headers in bold."""
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])  # Excel's limit for a sheet's name
        if header:
            append_row(sheet, header, bold=True)
        for row in rows:
            append_row(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads Cyrillic), ``;``-separated as Excel
    expects in Kazakh and Russian locales, every field quoted."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([csv_field(v) for v in header])
    for row in rows:
        writer.writerow([csv_field(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_response(
    fmt: str, name: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A download of one table as ``name.xlsx`` or ``name.csv`` (``fmt`` from FORMATS)."""
    if fmt == "csv":
        response = HttpResponse(csv_bytes(header, rows), content_type=CSV_TYPE)
    else:
        response = HttpResponse(xlsx_bytes([(name, header, rows)]), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response

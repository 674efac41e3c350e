"""Reading an uploaded staff file into rows of text cells, by sheet kind.

Accepts .xlsx workbooks and .csv files; the delimiter is a comma, a semicolon (what Excel
writes in Kazakh and Russian locales) or a tab. Which sheet is which is decided by its
headers, so a CSV of absences can be uploaded on its own. Nothing here touches the
database.

Encodings: a CSV is decoded, not refused, whenever its encoding can be known for sure,
because the people who upload it cannot be expected to know what an encoding is:

* UTF-8, with or without a BOM ("CSV UTF-8" in Excel);
* UTF-16 with a BOM ("Unicode text" in Excel, tab-separated): the BOM makes it certain;
* Windows-1251 ("CSV" in Excel with a Russian or Kazakh locale), when the bytes are not
  UTF-8 and decode to printable text. Windows-1251 has no Kazakh letters (ә, ғ, қ, ң, ө,
  ұ, ү, һ, і), so Excel has already replaced them; the template therefore asks for
  "CSV UTF-8" or .xlsx.

Anything else (UTF-16 without a BOM, other code pages) gets a clear message asking to
save the file as "CSV UTF-8", rather than a guess that could garble names.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import load_workbook

from bagalau.orgs.imports.columns import (
    COLUMNS,
    GUIDE_SHEET_TITLE,
    SheetKind,
    header_index,
    normalize_header,
)
from bagalau.orgs.imports.issues import Issue, IssueCode

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls, and other OLE documents
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# The only control characters a CSV of staff may hold.
_CP1251_OK = set("\t\r\n")


@dataclass(frozen=True)
class RawRow:
    number: int  # the row number the user sees in the spreadsheet
    cells: dict[str, str]


@dataclass
class RawSheet:
    kind: SheetKind
    name: str
    rows: list[RawRow] = field(default_factory=list)


@dataclass
class ReadResult:
    sheets: dict[SheetKind, RawSheet] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets.values())


def read_files(files: Iterable[tuple[str, bytes]]) -> ReadResult:
    """Every uploaded file's sheets; file-level problems become issues."""
    result = ReadResult()
    for name, content in files:
        tables = _tables(name, content, result.issues)
        rows_before, issues_before = result.row_count, len(result.issues)
        for sheet_name, rows in tables:
            _add_table(result, sheet_name, rows)
        # Nothing but blank lines or header rows: say so, unless the headers are wrong.
        nothing = result.row_count == rows_before and len(result.issues) == issues_before
        if nothing and not _has_issue_for(result, name):
            result.issues.append(Issue(IssueCode.EMPTY, params={"file": name}))
    return result


def _has_issue_for(result: ReadResult, name: str) -> bool:
    return any(i.params.get("file") == name for i in result.issues)


def _tables(  # noqa: PLR0911 (one return per kind of file)
    name: str, content: bytes, issues: list[Issue]
) -> list[tuple[str, Iterator[Sequence[object]]]]:
    if not content.strip():
        issues.append(Issue(IssueCode.EMPTY, params={"file": name}))
        return []
    if content.startswith(_XLSX_MAGIC):
        try:
            return _xlsx_tables(content)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            issues.append(Issue(IssueCode.NOT_SPREADSHEET, params={"file": name}))
            return []
    if content.startswith(_OLE_MAGIC):
        issues.append(Issue(IssueCode.OLD_EXCEL, params={"file": name}))
        return []
    if name.lower().endswith(_WORKBOOK_SUFFIXES):  # named a workbook, but is not one
        issues.append(Issue(IssueCode.NOT_SPREADSHEET, params={"file": name}))
        return []
    if b"\x00" in content[:4096] and not content.startswith(_UTF16_BOMS):
        # Binary (an image, a PDF), or UTF-16 without a BOM, which cannot be told apart.
        code = IssueCode.ENCODING if _looks_utf16(content[:4096]) else IssueCode.NOT_SPREADSHEET
        issues.append(Issue(code, params={"file": name}))
        return []
    text = decode_csv(content)
    if text is None:
        issues.append(Issue(IssueCode.ENCODING, params={"file": name}))
        return []
    return [(name, _csv_rows(text))]


def decode_csv(content: bytes) -> str | None:
    """UTF-16 with a BOM, UTF-8 (BOM or not), else Windows-1251 if the text is plausible.

    None when the encoding is none of these (see the module's docstring).
    """
    if content.startswith(_UTF16_BOMS):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1251")
    except UnicodeDecodeError:
        return None
    # Windows-1251 decodes almost any bytes; real staff lists are letters, digits and
    # punctuation, so control characters mean some other encoding.
    return text if _printable(text) else None


def _looks_utf16(head: bytes) -> bool:
    """Text in UTF-16: ASCII characters (digits, separators, line ends) give zero bytes,
    all at even or all at odd offsets; binary files have them at both."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return min(even, odd) == 0 and max(even, odd) * 5 >= len(head) // 2


def _printable(text: str) -> bool:
    return not any(ord(c) < 32 and c not in _CP1251_OK for c in text)


def _csv_rows(text: str) -> Iterator[Sequence[object]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    return iter(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _xlsx_tables(content: bytes) -> list[tuple[str, Iterator[Sequence[object]]]]:
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    return [
        (ws.title, ws.iter_rows(values_only=True))
        for ws in book.worksheets
        if ws.title != GUIDE_SHEET_TITLE
    ]


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _add_table(result: ReadResult, sheet_name: str, rows: Iterator[Sequence[object]]) -> bool:
    """Adds one table; False when it holds nothing at all."""
    number = 0
    header: list[str] | None = None
    for raw in rows:
        number += 1
        texts = [cell_text(v) for v in raw]
        if any(texts):
            header = texts
            break
    if header is None:
        return False
    kind, keys = _match_header(header)
    if not _check_header(result, kind, header, keys, sheet_name):
        return True
    sheet = RawSheet(kind, sheet_name)
    index = header_index(kind)
    for raw in rows:
        number += 1
        texts = [v.strip() if type(v) is str else cell_text(v) for v in raw]
        if not any(texts):
            continue
        if not sheet.rows and all(normalize_header(t) in index for t in texts if t):
            continue  # the second header row (the other language)
        cells = {key: texts[i] for i, key in enumerate(keys) if key and i < len(texts)}
        if kind is SheetKind.STAFF and isinstance(raw[keys.index("iin")], int | float):
            cells["iin"] = cells["iin"].zfill(12)  # Excel drops an IIN's leading zeros
        sheet.rows.append(RawRow(number, cells))
    result.sheets[kind] = sheet
    return True


def _match_header(header: list[str]) -> tuple[SheetKind, list[str | None]]:
    best: tuple[int, SheetKind, list[str | None]] | None = None
    for kind in SheetKind:
        index = header_index(kind)
        keys = [index.get(normalize_header(h)) if h else None for h in header]
        score = len({k for k in keys if k})
        if best is None or score > best[0]:
            best = (score, kind, keys)
    assert best is not None
    return best[1], best[2]


def _check_header(
    result: ReadResult, kind: SheetKind, header: list[str], keys: list[str | None], name: str
) -> bool:
    ok = True
    if kind in result.sheets:
        result.issues.append(Issue(IssueCode.DUPLICATE_SHEET, params={"sheet": kind.value}))
        ok = False
    unknown = [h for h, k in zip(header, keys, strict=True) if h and k is None]
    missing = [c for c in COLUMNS[kind] if c.required and c.key not in keys]
    if missing:
        columns = ", ".join(f"“{c.ru}” / “{c.kk}”" for c in missing)
        result.issues.append(
            Issue(IssueCode.MISSING_COLUMNS, kind, params={"columns": columns, "file": name})
        )
        ok = False
    if unknown:
        columns = ", ".join(f"“{h}”" for h in unknown)
        result.issues.append(
            Issue(IssueCode.UNKNOWN_COLUMNS, kind, params={"columns": columns, "file": name})
        )
        ok = False
    return ok

"""Building staff import files for tests: valid rows by default, changed cell by cell."""

from __future__ import annotations

import csv
import io
from typing import Any

from bagalau.domain.people import with_check_digit
from bagalau.orgs.imports.columns import COLUMNS, SheetKind
from bagalau.orgs.models import BodyKind, StateBody


def iin(n: int) -> str:
    """A valid IIN for a man born on 15.03.1985, serial ``n`` (skips impossible ones)."""
    while True:
        full = with_check_digit(f"8503153{n:04d}")
        if full is not None:
            return full
        n += 1


def make_body(code: str = "aktau-akimat") -> StateBody:
    return StateBody.objects.create(
        code=code, name_kk="Ақтау қаласының әкімдігі", name_ru="Акимат города Актау",
        kind=BodyKind.AKIMAT,
    )  # fmt: skip


def staff_row(n: int, **changes: Any) -> dict[str, str]:
    row = {
        "iin": iin(n),
        "last_name_kk": f"Сәрсенбаев{n}", "first_name_kk": "Ерлан", "middle_name_kk": "Асқарұлы",
        "last_name_ru": f"Сарсенбаев{n}", "first_name_ru": "Ерлан", "middle_name_ru": "Аскарович",
        "email": f"e{n}@aktau.gov.kz", "phone": "+7 701 000 00 00",
        "department_code": "finance", "department_name_kk": "Қаржы бөлімі",
        "department_name_ru": "Финансовый отдел",
        "position_code": f"fin-{n}", "position_title_kk": "Бас маман",
        "position_title_ru": "Главный специалист", "category": "E-4",
        "head_of_apparatus": "0", "head_of_unit": "0", "reports_to": "",
        "kind": "main", "start": "01.02.2024", "end": "",
    }  # fmt: skip
    row.update({k: str(v) for k, v in changes.items()})
    return row


def csv_bytes(
    rows: list[dict[str, str]],
    kind: SheetKind = SheetKind.STAFF,
    *,
    language: str = "ru",
    delimiter: str = ";",
    encoding: str = "utf-8",
) -> bytes:
    columns = COLUMNS[kind]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([getattr(c, language) for c in columns])
    for row in rows:
        writer.writerow([row.get(c.key, "") for c in columns])
    return out.getvalue().encode(encoding)

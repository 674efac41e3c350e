"""Spreadsheets of the staff import: the blank template, the body's staff, the report.

The template and the export have the same layout, so an exported file imports back as
"unchanged": on each sheet the first row holds the Kazakh headers and the second the
Russian ones; dates are written dd.mm.yyyy, flags 1/0, kinds as codes. Every cell goes through
``core.export``, so a value that looks like a formula is stored as text, never run.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from bagalau.core.export import append_row
from bagalau.domain.calendar import format_date
from bagalau.orgs.imports.columns import (
    COLUMNS,
    GUIDE_SHEET_TITLE,
    SHEET_LABELS,
    SHEET_TITLES,
    SheetKind,
)
from bagalau.orgs.imports.issues import Issue, full_message
from bagalau.orgs.models import Absence, Assignment, Dismissal, ImportJob, StateBody

Cell = str | int | None
_BOLD = Font(bold=True)


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _data_sheets(book: Workbook, rows: dict[SheetKind, Iterable[Sequence[Cell]]]) -> None:
    for kind in SheetKind:
        sheet = book.create_sheet(SHEET_TITLES[kind])
        columns = COLUMNS[kind]
        sheet.append([c.kk for c in columns])
        sheet.append([c.ru for c in columns])
        for row in rows.get(kind, ()):
            append_row(sheet, row)


def template_workbook() -> bytes:
    """The blank template, with a first sheet that explains every column."""
    book = Workbook()
    guide = book.active
    assert guide is not None
    guide.title = GUIDE_SHEET_TITLE
    guide.append([_("Sheet"), _("Column (Kazakh)"), _("Column (Russian)"), _("Meaning"),
                  _("Required")])  # fmt: skip
    for cell in guide[1]:
        cell.font = _BOLD
    for kind in SheetKind:
        for c in COLUMNS[kind]:
            guide.append([SHEET_TITLES[kind], c.kk, c.ru, str(c.label),
                          _("yes") if c.required else ""])  # fmt: skip
    for note in GUIDE_NOTES:
        guide.append([str(note)])
    _data_sheets(book, {})
    for kind in SheetKind:
        sheet = book[SHEET_TITLES[kind]]
        for cell in (*sheet[1], *sheet[2]):
            cell.font = _BOLD
        sheet.column_dimensions["A"].number_format = "@"  # the IIN keeps its leading zero
    return _save(book)


GUIDE_NOTES = (
    "",
    "Бірінші жол — қазақша тақырыптар, екінші жол — орысша; екеуінің біреуін қалдыруға болады.",
    "Первая строка — заголовки на казахском, вторая — на русском; одну из них можно удалить.",
    "Күндер: кк.аа.жжжж. Даты: дд.мм.гггг. Флаги: 1/0. Вид назначения: main, acting, combined.",
)


def _d(day: date | None) -> str:
    return format_date(day) if day else ""


def export_workbook(body: StateBody) -> bytes:
    """The body's staff, absences and dismissals in the template's layout."""
    assignments = (
        Assignment.objects.filter(position__body=body)
        .select_related("employee", "position__department", "position__reports_to")
        .order_by("employee__last_name_ru", "employee_id", "start", "id")
    )
    staff: list[list[Cell]] = []
    for a in assignments.iterator(chunk_size=2000):
        e, p, d = a.employee, a.position, a.position.department
        staff.append([
            e.iin, e.last_name_kk, e.first_name_kk, e.middle_name_kk, e.last_name_ru,
            e.first_name_ru, e.middle_name_ru, e.email, e.phone,
            d.code if d else "", d.name_kk if d else "", d.name_ru if d else "",
            p.code, p.title_kk, p.title_ru, p.category, int(p.is_head_of_apparatus),
            int(p.is_head_of_unit), p.reports_to.code if p.reports_to else "", a.kind,
            _d(a.start), _d(a.end),
        ])  # fmt: skip
    people = Assignment.objects.filter(position__body=body).values("employee_id")
    absences = [
        [iin, kind, _d(start), _d(end)]
        for iin, kind, start, end in Absence.objects.filter(employee_id__in=people)
        .order_by("employee__iin", "start")
        .values_list("employee__iin", "kind", "start", "end")
    ]
    dismissals = [
        [iin, _d(day), basis]
        for iin, day, basis in Dismissal.objects.filter(body=body)
        .order_by("employee__iin", "date")
        .values_list("employee__iin", "date", "basis")
    ]
    book = Workbook(write_only=True)
    _data_sheets(
        book,
        {SheetKind.STAFF: staff, SheetKind.ABSENCES: absences, SheetKind.DISMISSALS: dismissals},
    )
    return _save(book)


def report_workbook(job: ImportJob) -> bytes:
    """Every row's outcome and messages, in the reader's language."""
    messages: dict[tuple[str | None, int | None], list[str]] = defaultdict(list)
    for data in job.result.get("issues", []):
        issue = Issue.from_data(data)
        sheet = issue.sheet.value if issue.sheet else None
        messages[(sheet, issue.row)].append(full_message(issue))
    outcome_labels = {"create": _("create"), "update": _("update"),
                      "unchanged": _("unchanged"), "error": _("error")}  # fmt: skip
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Report"))
    append_row(sheet, [_("Sheet"), _("Row"), _("Outcome"), _("Messages")], bold=True)
    for key in [k for k in messages if k[1] is None]:
        append_row(sheet, ["", "", outcome_labels["error"], "\n".join(messages[key])])
    for kind, row, outcome in job.result.get("outcomes", []):
        label = str(SHEET_LABELS[SheetKind(kind)])
        append_row(
            sheet, [label, row, outcome_labels[outcome], "\n".join(messages.get((kind, row), []))]
        )
    return _save(book)

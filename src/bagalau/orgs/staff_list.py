"""The staff list as a table: its columns, sorting, rows and the export of them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bagalau.core.listing import ListColumn, ListSpec
from bagalau.orgs.models import Assignment, AssignmentKind


def staff_spec(lang: str) -> ListSpec:
    """Names, titles and departments sort in the page's language (kk, else ru)."""
    suffix = "kk" if lang == "kk" else "ru"
    return ListSpec(
        columns=(
            ListColumn(
                "name",
                gettext_lazy("Employee"),
                (f"employee__last_name_{suffix}", f"employee__first_name_{suffix}"),
            ),
            ListColumn("position", gettext_lazy("Position"), (f"position__title_{suffix}",)),
            ListColumn("category", gettext_lazy("Category"), ("position__category",)),
            ListColumn(
                "department",
                gettext_lazy("Department"),
                (f"position__department__name_{suffix}",),
            ),
            ListColumn("start", gettext_lazy("From"), ("start",)),
            ListColumn("iin", gettext_lazy("IIN")),
        ),
        default_sort="name",
    )


def _kind_label(kind: str) -> str:
    if kind == AssignmentKind.ACTING:
        return _("acting")
    if kind == AssignmentKind.COMBINED:
        return _("combined duties")
    return ""


def export_rows(rows: QuerySet[Assignment], lang: str, personal: set[int]) -> Iterator[list[Any]]:
    """Every row of the list; the IIN only of those whose file the user may open."""
    for a in rows.iterator(chunk_size=2000):
        kind = _kind_label(a.kind)
        name = a.employee.full_name(lang)
        yield [
            f"{name} ({kind})" if kind else name,
            a.position.title(lang),
            a.position.category,
            a.position.department.name(lang) if a.position.department else "",
            a.start,
            a.employee.iin if a.employee_id in personal else "",
        ]

"""Who is evaluated in a period and how, as a table: columns, sorting, the export."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bagalau.core.labels import code_label
from bagalau.core.listing import ListColumn, ListSpec
from bagalau.cycles.models import Participation


def participant_spec(lang: str) -> ListSpec:
    """Names and titles search and sort in the page's language (kk, else ru)."""
    suffix = "kk" if lang == "kk" else "ru"
    return ListSpec(
        columns=(
            ListColumn(
                "name",
                _("Employee"),
                (f"employee__last_name_{suffix}", f"employee__first_name_{suffix}"),
            ),
            ListColumn("position", _("Position"), (f"position__title_{suffix}",)),
            ListColumn("method", _("Method")),
            ListColumn("status", _("Status"), ("status",)),
            ListColumn("reason", _("Reason and basis")),
            ListColumn("pages", _("Evaluation pages")),
        ),
        default_sort="name",
        search=(
            "employee__last_name_kk",
            "employee__first_name_kk",
            "employee__last_name_ru",
            "employee__first_name_ru",
            "position__title_kk",
            "position__title_ru",
        ),
    )


EXPORT_HEADER = (_("Employee"), _("Position"), _("Category"), _("Method"), _("Status"),
                 _("Reason and basis"))  # fmt: skip


def export_rows(rows: QuerySet[Participation], lang: str) -> Iterator[list[Any]]:
    """Every participation searched and sorted, with its methods and reasons in words."""
    for p in rows.iterator(chunk_size=2000):
        yield [
            p.employee.full_name(lang),
            p.position.title(lang),
            p.position.category,
            "; ".join(capfirst(str(code_label(m))) for m in p.methods),
            capfirst(p.get_status_display()),
            "; ".join(capfirst(str(code_label(r["code"]))) for r in p.reasons),
        ]

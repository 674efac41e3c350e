"""The dashboard's list of evaluations as a table: search, sorting and the export."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bagalau.core.listing import ListColumn, ListSpec
from bagalau.domain.progress import Owner, Status, Step
from bagalau.notify.selectors import ProgressRow
from bagalau.notify.texts import OWNER_LABELS

# The filter form's fields, kept by the sort, page and export links.
FILTERS = ("status", "step", "owner", "department", "soon")
_STATUS_ORDER = {s: n for n, s in enumerate(Status)}
_STEP_ORDER = {s: n for n, s in enumerate(Step)}


def _department(row: ProgressRow, lang: str) -> str:
    department = row.participation.position.department
    return department.name(lang) if department else ""


def _owner(row: ProgressRow) -> str:
    owner: Owner | None = row.progress.owner
    return str(OWNER_LABELS[owner]) if owner else ""


def _due(row: ProgressRow) -> tuple[bool, date]:
    due = row.progress.due
    return (due is None, due or date.min)  # no deadline last


def dashboard_spec(lang: str) -> ListSpec:
    def name(row: ProgressRow) -> str:
        return row.participation.employee.full_name(lang).casefold()

    return ListSpec(
        columns=(
            ListColumn("name", _("Employee"), sort_key=name),
            ListColumn(
                "department", _("Department"), sort_key=lambda r: _department(r, lang).casefold()
            ),
            ListColumn("step", _("Step owed"), sort_key=lambda r: _STEP_ORDER[r.progress.step]),
            ListColumn("owner", _("Owed by"), sort_key=_owner),
            ListColumn("deadline", _("Deadline"), sort_key=_due),
            ListColumn("status", _("Status"), sort_key=lambda r: _STATUS_ORDER[r.progress.status]),
        ),
        default_sort="name",
    )


def texts_of(row: ProgressRow, lang: str) -> tuple[str, ...]:
    """What the search looks in: the person's name, position and department."""
    part = row.participation
    return (part.employee.full_name(lang), part.position.title(lang), _department(row, lang))


EXPORT_HEADER = (
    _("Employee"), _("Position"), _("Department"), _("Step owed"), _("Owed by"), _("Deadline"),
    _("Basis"), _("Status"), _("Days overdue"),
)  # fmt: skip


def export_row(shown: dict[str, Any], row: ProgressRow) -> list[Any]:
    """One exported row from the page's row (``dashboard._row``), the deadline a date."""
    rule = f"{shown['rule']} — {shown['cite']}" if shown["rule"] else ""
    owner = " — ".join(t for t in (capfirst(str(shown["owner"])), shown["owner_name"]) if t)
    return [
        shown["name"], shown["position"], shown["department"], capfirst(str(shown["step"])),
        owner, row.progress.due, rule, capfirst(str(shown["status_label"])),
        shown["overdue_days"] or "",
    ]  # fmt: skip

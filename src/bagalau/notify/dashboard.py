"""The HR dashboard of a period: per department, how many evaluations are done, pending,
due soon or overdue, and who owes the next step on each, with its deadline. The domain
decides every status; no score or band is shown (R-CONFIDENTIAL, 004 p15). A fixed
number of queries whatever the number of people."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from bagalau.access import Action, require
from bagalau.core import clock
from bagalau.core.export import table_response
from bagalau.core.labels import cite_text, name_lang
from bagalau.core.listing import ListQuery, export_format
from bagalau.cycles.periods.selectors import period_of
from bagalau.domain.calendar import Period, format_date
from bagalau.domain.progress import Owner, Status, Step
from bagalau.notify.dashboard_table import (
    EXPORT_HEADER,
    FILTERS,
    dashboard_spec,
    export_row,
    texts_of,
)
from bagalau.notify.selectors import ProgressRow, progress_rows, superiors_of
from bagalau.notify.texts import OWNER_LABELS, STATUS_LABELS, STEP_LABELS, ui_lang
from bagalau.orgs.models import Employee, StateBody

SOON_DAYS = 3  # working days before a deadline counted as "due soon"
_NO_DEPARTMENT = 0


class DashboardFilter(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    step = forms.ChoiceField(label=gettext_lazy("Step owed"), required=False)
    owner = forms.ChoiceField(label=gettext_lazy("Owed by"), required=False)
    department = forms.TypedChoiceField(
        label=gettext_lazy("Department"), required=False, coerce=int, empty_value=None
    )
    soon = forms.IntegerField(
        label=gettext_lazy("Due soon: working days before the deadline"),
        required=False,
        min_value=0,
        max_value=60,
    )

    def __init__(self, *args: Any, departments: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("all"))]
        self.fields["status"].choices = every + [(s.value, STATUS_LABELS[s]) for s in Status]  # type: ignore[attr-defined]
        self.fields["step"].choices = every + [(s.value, STEP_LABELS[s]) for s in Step]  # type: ignore[attr-defined]
        self.fields["owner"].choices = every + [(o.value, OWNER_LABELS[o]) for o in Owner]  # type: ignore[attr-defined]
        self.fields["department"].choices = every + departments  # type: ignore[attr-defined]


@login_required
@require_GET
def dashboard(request: HttpRequest, code: str, period: str) -> HttpResponse:
    body = get_object_or_404(StateBody, code=code)
    opened = period_of(body, period)
    if opened is None:
        raise Http404(period)
    require(request.user, Action.VIEW_CYCLE_DASHBOARD, body)
    lang = name_lang()
    rows = progress_rows([opened], today=clock.today(), soon=_soon(request), lang=lang)
    departments = _departments(rows, lang)
    form = DashboardFilter(
        request.GET or None, departments=sorted(departments.items(), key=_second)
    )
    listing = ListQuery.parse(request, dashboard_spec(lang), keep=FILTERS)
    shown = _filtered(rows, form.cleaned_data if form.is_valid() else {})
    if listing.q:
        shown = [r for r in shown if listing.matches(*texts_of(r, lang))]
    shown = listing.sort_rows(shown)
    names = _superior_names(rows, Period(opened.year, opened.quarter).end, lang)
    fmt = export_format(request)
    if fmt is not None:
        header = [str(h) for h in EXPORT_HEADER]
        found = (export_row(_row(r, lang, names), r) for r in shown)
        return table_response(fmt, f"progress-{body.code}-{opened.code}", header, found)
    page = listing.paginate(shown)
    context = {
        "body": body,
        "body_name": body.name(lang),
        "period": opened,
        "summary": _summary(rows, departments),
        "totals": _counts(rows),
        "total": len(rows),
        "statuses": [(s.value, STATUS_LABELS[s]) for s in Status],
        "form": form,
        "rows": [_row(r, lang, names) for r in page],
        "page": page,
        "shown": len(shown),
        **listing.context(page),
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "notify/dashboard.html", context, status=status)


def _second(item: tuple[int, str]) -> str:
    return item[1]


def _soon(request: HttpRequest) -> int:
    text = request.GET.get("soon", "")
    return int(text) if text.isdigit() and int(text) <= 60 else SOON_DAYS


def _department_id(row: ProgressRow) -> int:
    return row.participation.position.department_id or _NO_DEPARTMENT


def _departments(rows: list[ProgressRow], lang: str) -> dict[int, str]:
    found: dict[int, str] = {}
    for row in rows:
        department = row.participation.position.department
        key = _department_id(row)
        if key not in found:
            found[key] = department.name(lang) if department else _("No department")
    return found


def _counts(rows: list[ProgressRow]) -> list[int]:
    counter = Counter(r.progress.status for r in rows)
    return [counter.get(s, 0) for s in Status]


def _summary(rows: list[ProgressRow], departments: dict[int, str]) -> list[dict[str, Any]]:
    by_department: dict[int, list[ProgressRow]] = {key: [] for key in departments}
    for row in rows:
        by_department[_department_id(row)].append(row)
    table = [
        {"id": key, "name": departments[key], "counts": _counts(part), "total": len(part)}
        for key, part in by_department.items()
    ]
    return sorted(table, key=lambda item: str(item["name"]))


def _filtered(rows: list[ProgressRow], wanted: dict[str, Any]) -> list[ProgressRow]:
    def keep(row: ProgressRow) -> bool:
        found = row.progress
        return (
            wanted.get("status") in (None, "", found.status.value)
            and wanted.get("step") in (None, "", found.step.value)
            and wanted.get("owner") in (None, "", found.owner.value if found.owner else "")
            and wanted.get("department") in (None, _department_id(row))
        )

    return [r for r in rows if keep(r)]


def _superior_names(rows: list[ProgressRow], day: date, lang: str) -> dict[int, str]:
    """Evaluator -> the superior manager's name, for the rows awaiting the superior."""
    ids = {
        r.participation.evaluator_id
        for r in rows
        if r.progress.owner is Owner.SUPERIOR_MANAGER and r.participation.evaluator_id
    }
    found: dict[int, Employee] = superiors_of(ids, day)
    return {evaluator: person.full_name(lang) for evaluator, person in found.items()}


def _owner_name(row: ProgressRow, lang: str, superiors: dict[int, str]) -> str:
    part, owner = row.participation, row.progress.owner
    if owner is Owner.EVALUATOR:
        return part.evaluator.full_name(lang) if part.evaluator else _("no evaluator recorded")
    if owner is Owner.EMPLOYEE:
        return part.employee.full_name(lang)
    if owner is Owner.SUPERIOR_MANAGER:
        return superiors.get(part.evaluator_id or 0, _("no superior manager found"))
    return ""


def _row(row: ProgressRow, lang: str, superiors: dict[int, str]) -> dict[str, Any]:
    found, part = row.progress, row.participation
    department = part.position.department
    return {
        "name": part.employee.full_name(lang),
        "position": part.position.title(lang),
        "department": department.name(lang) if department else "",
        "step": STEP_LABELS[found.step],
        "owner": OWNER_LABELS[found.owner] if found.owner else "",
        "owner_name": _owner_name(row, lang, superiors),
        "due": format_date(found.due) if found.due else "",
        "rule": found.deadline.name.get(ui_lang()) if found.deadline else "",
        "cite": cite_text(found.deadline.cite) if found.deadline else "",
        "projected": bool(found.deadline and found.deadline.projected),
        "status": found.status.value,
        "status_label": STATUS_LABELS[found.status],
        "overdue_days": found.overdue_days,
    }

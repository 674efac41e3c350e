"""The audit trail page: HR of a body and auditors filter the changes made to its data."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bagalau.access import Action, bodies_for, require
from bagalau.audit.labels import field_label, note_text, object_label, object_text, shown_value
from bagalau.audit.models import AuditAction, AuditRecord
from bagalau.core import clock
from bagalau.core.labels import name_lang
from bagalau.core.messages import error_message
from bagalau.domain.calendar import parse_date
from bagalau.domain.errors import DomainError
from bagalau.orgs.models import StateBody

PAGE_SIZE = 50
# The kinds of object whose changes the trail keeps (label -> model), in display order.
OBJECT_TYPES = (
    "orgs.statebody",
    "orgs.department",
    "orgs.position",
    "orgs.employee",
    "orgs.assignment",
    "orgs.absence",
    "orgs.dismissal",
    "accounts.roleassignment",
    "orgs.importjob",
    "cycles.evaluationperiod",
    "cycles.schedule",
    "cycles.kpiplan",
    "cycles.kpisheet",
    "cycles.rankingsheet",
    "cycles.result",
    "cycles.bonusaward",
    "cycles.familiarization",
    "cycles.disagreement",
)


def _diff(record: AuditRecord) -> list[dict[str, Any]]:
    """Fields that differ between before and after (all of them for a creation or deletion)."""
    before = record.before or {}
    after = record.after or {}
    keys = list(dict.fromkeys([*before, *after]))
    return [
        {
            "field": k,
            "label": field_label(k),
            "before": shown_value(record.object_type, k, before.get(k)),
            "after": shown_value(record.object_type, k, after.get(k)),
        }
        for k in keys
        if before.get(k) != after.get(k) and k != "id"
    ]


def _date_filter(request: HttpRequest, name: str, errors: list[str]) -> date | None:
    text = request.GET.get(name, "").strip()
    if not text:
        return None
    try:
        return parse_date(text)
    except DomainError as err:
        errors.append(error_message(err))
        return None


def _filtered(
    request: HttpRequest, visible: QuerySet[StateBody], errors: list[str]
) -> QuerySet[AuditRecord]:
    records = AuditRecord.objects.filter(body__in=visible)
    if getattr(request.user, "is_superuser", False):
        records = AuditRecord.objects.filter(Q(body__in=visible) | Q(body__isnull=True))
    code = request.GET.get("body", "")
    if code:
        chosen = visible.filter(code=code).first()
        if chosen is None:
            raise PermissionDenied(Action.VIEW_AUDIT.value)
        require(request.user, Action.VIEW_AUDIT, chosen)
        records = records.filter(body=chosen)
    if actor := request.GET.get("actor", "").strip():
        records = records.filter(actor_name__icontains=actor)
    if (kind := request.GET.get("type", "")) in OBJECT_TYPES:
        records = records.filter(object_type=kind)
    if (action := request.GET.get("action", "")) in AuditAction.values:
        records = records.filter(action=action)
    # Local days as bounds on the moment itself, so the (body, at) index serves them.
    if (start := _date_filter(request, "from", errors)) and start > date.min:
        records = records.filter(at__gte=clock.start_of_day(start))
    if (end := _date_filter(request, "to", errors)) and end < date.max:
        records = records.filter(at__lt=clock.start_of_next_day(end))
    return records.select_related("body").order_by("-at", "-id")


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    visible = bodies_for(request.user, Action.VIEW_AUDIT)
    body_list = list(visible.order_by("name_ru"))
    if not body_list and not getattr(request.user, "is_superuser", False):
        raise PermissionDenied(Action.VIEW_AUDIT.value)
    errors: list[str] = []
    page = Paginator(_filtered(request, visible, errors), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    lang = name_lang()
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "bodies": [{"code": b.code, "name": b.name(lang)} for b in body_list],
        "types": [{"label": t, "name": object_label(t)} for t in OBJECT_TYPES],
        "actions": AuditAction.choices,
        "filters": {
            k: request.GET.get(k, "") for k in ("body", "actor", "type", "action", "from", "to")
        },
        "errors": errors,
        "page": page,
        "rows": [
            {
                "record": r,
                "type": object_label(r.object_type),
                "object": object_text(r.object_type, r.object_id, r.object_repr),
                "note": note_text(r.note),
                "diff": _diff(r),
                "body": r.body.name(lang) if r.body else "",
            }
            for r in page
        ],
        "query": query.urlencode(),
    }
    return render(request, "audit/list.html", context)

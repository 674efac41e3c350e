"""What the KPI plan and sheet pages share: the participation as the user may see it,
its KPI variant, and the context both pages show."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils import translation

from bagalau.access import Action, can, require
from bagalau.core.labels import code_label, name_lang
from bagalau.cycles.kpi import selectors as reads
from bagalau.cycles.models import Participation, PlanKind
from bagalau.domain.errors import DomainError


def ui_lang() -> str:
    return (translation.get_language() or "ru")[:2]


def participation_for(request: HttpRequest, pk: int, action: Action) -> Participation:
    try:
        part = reads.participation(pk)
    except Participation.DoesNotExist:
        raise Http404(pk) from None
    require(request.user, action, part)
    return part


def kind_of(part: Participation) -> PlanKind:
    try:
        return reads.kpi_kind(part)
    except DomainError:
        raise Http404(part.pk) from None


def page_context(request: HttpRequest, part: Participation) -> dict[str, Any]:
    kind = kind_of(part)
    rules = reads.plan_rules(reads.pack_of(part), kind)
    user = request.user
    return {
        "part": part,
        "kind": kind,
        "method": code_label(kind.value),
        "rules": rules,
        "lang": ui_lang(),
        "person": part.employee.full_name(name_lang()),
        "evaluator": part.evaluator.full_name(name_lang()) if part.evaluator else "",
        "can": {
            "draft": can(user, Action.DRAFT_KPI_PLAN, part),
            "agree": can(user, Action.AGREE_KPI_PLAN, part),
            "approve": can(user, Action.APPROVE_KPI_PLAN, part),
            "actuals": can(user, Action.ENTER_KPI_ACTUALS, part),
            "score": can(user, Action.SCORE_KPI, part),
            "review": can(user, Action.REVIEW_KPI_SHEET, part),
        },
    }

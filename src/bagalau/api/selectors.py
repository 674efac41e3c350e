"""Reads of the API's lists: a fixed number of queries per page, whatever its size.

Results are read only for users allowed to see them (``participations_for``) and each
result returned is logged in the audit trail, as ``access_result`` does for the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, QuerySet

from bagalau.access import Action, UserLike, bodies_for, participations_for
from bagalau.audit.models import AuditAction
from bagalau.audit.services import build_record, record_many
from bagalau.cycles.models import EvaluationPeriod, Result


def periods_for(user: UserLike, *, today: date, body_code: str = "") -> QuerySet[EvaluationPeriod]:
    """Periods of every body where ``user`` may view periods, newest first."""
    bodies = bodies_for(user, Action.VIEW_PERIOD, today=today)
    if body_code:
        bodies = bodies.filter(code=body_code)
    return (
        EvaluationPeriod.objects.filter(body__in=bodies)
        .select_related("body", "schedule")
        .annotate(participants=Count("participations"))
        .order_by("-year", "-quarter", "body__code", "pk")
    )


def results_for(user: UserLike, *, today: date, period_id: int | None = None) -> QuerySet[Result]:
    """Results of every participation ``user`` may view (R-CONFIDENTIAL), newest first."""
    visible = participations_for(user, Action.VIEW_RESULT, today=today)
    if period_id is not None:
        visible = visible.filter(period_id=period_id)
    return (
        Result.objects.filter(participation__in=visible.values("pk"))
        .select_related("participation__period__body", "participation__employee")
        .order_by("-participation__period__year", "-participation__period__quarter", "pk")
    )


def log_result_views(user: UserLike, results: Iterable[Result]) -> None:
    """Every result shown is in the audit trail: who, when, which result (R-CONFIDENTIAL)."""
    record_many(
        build_record(
            actor=user,
            action=AuditAction.VIEW,
            obj=r,
            body_id=r.participation.period.body_id,
        )
        for r in results
    )

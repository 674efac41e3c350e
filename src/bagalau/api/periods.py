"""Evaluation periods: the user's bodies' periods, one period with its deadlines, the
people in it and how each is evaluated, and opening a period (HR, R-SCHEDULE)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bagalau.access import Action, require
from bagalau.api.base import refusals, ui_lang
from bagalau.api.pagination import Pages, paginated
from bagalau.api.selectors import periods_for
from bagalau.core import clock
from bagalau.core.labels import cite_text, code_label, name_lang
from bagalau.cycles.models import EvaluationPeriod, Participation, ScheduleItem
from bagalau.cycles.periods import services
from bagalau.cycles.periods.selectors import participations_of, period_counts, schedule_items
from bagalau.cycles.results.cites import cite_from
from bagalau.domain.calendar import Period
from bagalau.domain.deadlines import find_rule
from bagalau.domain.errors import DomainError
from bagalau.domain.methodology import Pack
from bagalau.orgs.models import StateBody
from bagalau.packs import registry


class PeriodRow(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    body = serializers.CharField(help_text="the state body's code")
    code = serializers.CharField(help_text="2024-Q1 for a quarter, 2024 for a year")
    year = serializers.IntegerField()
    quarter = serializers.IntegerField(help_text="0 for a year")
    pack = serializers.CharField(help_text="the methodology version governing the period")
    status = serializers.CharField()
    schedule_state = serializers.CharField()
    participants = serializers.IntegerField()
    opened_at = serializers.DateTimeField()


class Deadline(serializers.Serializer[Any]):
    rule = serializers.CharField()
    name = serializers.CharField()
    due = serializers.DateField(help_text="the legal deadline")
    planned = serializers.DateField(help_text="the date the schedule plans")
    cite = serializers.CharField()
    unverified = serializers.BooleanField()


class Count(serializers.Serializer[Any]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # popped by the metaclass
    count = serializers.IntegerField()


class PeriodDetail(PeriodRow):
    schedule_version = serializers.IntegerField()
    deadlines = Deadline(many=True)
    by_status = Count(many=True)
    by_method = Count(many=True)


class Reason(serializers.Serializer[Any]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # popped by the metaclass
    cite = serializers.CharField()
    unverified = serializers.BooleanField()


class ParticipationRow(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    employee = serializers.IntegerField()
    name = serializers.CharField()
    position = serializers.CharField()
    category = serializers.CharField()
    evaluator = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    methods = serializers.ListField(child=serializers.CharField())
    reasons = Reason(many=True)


class PeriodQuery(serializers.Serializer[Any]):
    body = serializers.CharField(
        required=False, allow_blank=True, max_length=40, help_text="only this body's periods"
    )


class OpenPeriod(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=40, help_text="the state body's code")
    period = serializers.CharField(max_length=10, help_text="2024-Q1 or 2024")


def period_row(p: EvaluationPeriod, participants: int) -> dict[str, Any]:
    return {
        "id": p.pk,
        "body": p.body.code,
        "code": p.code,
        "year": p.year,
        "quarter": p.quarter,
        "pack": p.pack_id,
        "status": p.status,
        "schedule_state": p.schedule.state,
        "participants": participants,
        "opened_at": p.opened_at,
    }


def _deadline(item: ScheduleItem, pack: Pack) -> dict[str, Any]:
    try:
        rule = find_rule(pack, item.rule_id)
    except DomainError:
        rule = None
    return {
        "rule": item.rule_id,
        "name": rule.name.get(ui_lang()) if rule else item.rule_id,
        "due": item.due,
        "planned": item.planned,
        "cite": cite_text(rule.cite) if rule else "",
        "unverified": bool(rule and rule.unverified),
    }


def period_detail(p: EvaluationPeriod) -> dict[str, Any]:
    pack = registry().pack(p.pack_id)
    counts = period_counts(p)
    return period_row(p, counts.total) | {
        "schedule_version": p.schedule.version,
        "deadlines": [_deadline(i, pack) for i in schedule_items(p.schedule)],
        "by_status": [
            {"code": k, "label": code_label(k), "count": v}
            for k, v in sorted(counts.by_status.items())
        ],
        "by_method": [
            {"code": k, "label": code_label(k), "count": v}
            for k, v in sorted(counts.by_method.items())
        ],
    }


def _participation(row: Participation, lang: str) -> dict[str, Any]:
    return {
        "id": row.pk,
        "employee": row.employee_id,
        "name": row.employee.full_name(lang),
        "position": row.position.title(lang),
        "category": row.position.category,
        "evaluator": row.evaluator_id,
        "status": row.status,
        "methods": list(row.methods),
        "reasons": [
            {
                "code": r["code"],
                "label": code_label(r["code"]),
                "cite": cite_text(cite_from(r["cite"])),
                "unverified": bool(r.get("unverified", False)),
            }
            for r in row.reasons
        ],
    }


def _viewable(request: Request, period_id: int) -> EvaluationPeriod:
    period = get_object_or_404(
        EvaluationPeriod.objects.select_related("body", "schedule"), pk=period_id
    )
    require(request.user, Action.VIEW_PERIOD, period.body, today=clock.today())
    return period


class PeriodList(APIView):
    pagination_class = Pages

    @extend_schema(
        operation_id="periods_list",
        parameters=[PeriodQuery],
        responses={200: PeriodRow(many=True)} | refusals(401, 404),
    )
    def get(self, request: Request) -> Response:
        """Periods of every body where the user may view periods (HR, the auditor, the
        appointing official), newest first."""
        query = PeriodQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        body = query.validated_data.get("body", "")
        rows = periods_for(request.user, today=clock.today(), body_code=body)
        return paginated(request, self, rows, lambda p: period_row(p, p.participants), PeriodRow)

    @extend_schema(
        operation_id="periods_open",
        request=OpenPeriod,
        responses={201: PeriodDetail} | refusals(400, 401, 403, 404),
    )
    def post(self, request: Request) -> Response:
        """HR opens a quarter or a year: who is evaluated and how, and the draft schedule."""
        form = OpenPeriod(data=request.data)
        form.is_valid(raise_exception=True)
        body = get_object_or_404(StateBody, code=form.validated_data["body"])
        require(request.user, Action.OPEN_PERIOD, body, today=clock.today())
        period = Period.parse(form.validated_data["period"])
        opened = services.do_open_period(actor=request.user, body=body, period=period)
        opened = _viewable(request, opened.pk)
        return Response(PeriodDetail(period_detail(opened)).data, status=201)


class PeriodOne(APIView):
    @extend_schema(
        operation_id="periods_retrieve", responses={200: PeriodDetail} | refusals(401, 403, 404)
    )
    def get(self, request: Request, period_id: int) -> Response:
        """One period: its schedule's deadlines with citations, and counts by status and method."""
        period = _viewable(request, period_id)
        return Response(PeriodDetail(period_detail(period)).data)


class PeriodParticipations(APIView):
    pagination_class = Pages

    @extend_schema(
        operation_id="periods_participations",
        responses={200: ParticipationRow(many=True)} | refusals(401, 403, 404),
    )
    def get(self, request: Request, period_id: int) -> Response:
        """Everyone in the period, how each is evaluated and why (not to the staff:
        results are confidential, R-CONFIDENTIAL)."""
        period = _viewable(request, period_id)
        lang = name_lang()
        rows = participations_of(period, lang)
        return paginated(request, self, rows, lambda p: _participation(p, lang), ParticipationRow)

"""Results (R-CONFIDENTIAL, 004 p15, p20) and bonus points (Almaty 002 p17-18).

A result is read only by those ``bagalau.access`` allows, and every result
returned, in a list or alone, is written to the audit trail as the result page does.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bagalau.access import Action
from bagalau.api.base import refusals
from bagalau.api.pagination import Pages
from bagalau.api.selectors import log_result_views, results_for
from bagalau.core import clock
from bagalau.core.labels import name_lang
from bagalau.core.messages import error_message
from bagalau.cycles.bonus.selectors import bonus_page
from bagalau.cycles.bonus.services import do_award_bonus, do_withdraw_bonus
from bagalau.cycles.models import Result
from bagalau.cycles.periods.selectors import access_participation
from bagalau.cycles.results.selectors import access_result, annual_ranking, result_view
from bagalau.domain.methodology import Pack
from bagalau.orgs.models import Employee
from bagalau.packs import registry


class Named(serializers.Serializer[Any]):
    name = serializers.CharField()
    value = serializers.CharField()


class BandNames(serializers.Serializer[Any]):
    kk = serializers.CharField(required=False)
    ru = serializers.CharField(required=False)


class ResultBody(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    participation = serializers.IntegerField()
    method = serializers.CharField()
    score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    band = serializers.CharField(help_text="the band's code; its official names in band_names")
    band_names = BandNames()
    state = serializers.CharField(help_text="final only when approved")
    inputs = Named(many=True, help_text="each input of the score")
    cites = serializers.ListField(child=serializers.CharField(), help_text="paragraphs applied")
    unverified = Named(many=True, help_text="values the sources do not give, with notes")
    comment = serializers.CharField()
    on_paper = serializers.BooleanField()
    computed_at = serializers.DateTimeField()


class ResultRow(ResultBody):
    period = serializers.CharField()
    body = serializers.CharField()
    employee = serializers.IntegerField()
    name = serializers.CharField()


class Annual(serializers.Serializer[Any]):
    score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    band = serializers.CharField()
    band_names = BandNames()
    quarters = Named(many=True)
    cites = serializers.ListField(child=serializers.CharField())
    pending = serializers.ListField(child=serializers.CharField())
    error = serializers.CharField(allow_null=True)


class ResultDetail(serializers.Serializer[Any]):
    participation = serializers.IntegerField()
    period = serializers.CharField()
    employee = serializers.IntegerField()
    name = serializers.CharField()
    results = ResultBody(many=True)
    annual = Annual(allow_null=True, help_text="the year's ranking mean so far (R-PERIODS)")


def result_body(result: Result, pack: Pack) -> dict[str, Any]:
    view = result_view(result, pack, name_lang())
    return {
        "id": result.pk,
        "participation": result.participation_id,
        "method": result.method,
        "score": result.score,
        "band": result.band,
        "band_names": view.band_names,
        "state": result.state,
        "inputs": [{"name": n, "value": v} for n, v in view.inputs],
        "cites": view.cites,
        "unverified": [{"name": u.key, "value": u.note} for u in view.unverified],
        "comment": view.comment,
        "on_paper": view.on_paper,
        "computed_at": result.computed_at,
    }


def _row(result: Result) -> dict[str, Any]:
    part = result.participation
    return result_body(result, registry().pack(part.period.pack_id)) | {
        "period": part.period.code,
        "body": part.period.body.code,
        "employee": part.employee_id,
        "name": part.employee.full_name(name_lang()),
    }


class ResultQuery(serializers.Serializer[Any]):
    period = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text="only this period's results"
    )


class ResultList(APIView):
    pagination_class = Pages

    @extend_schema(
        operation_id="results_list",
        parameters=[ResultQuery],
        responses={200: ResultRow(many=True)} | refusals(400, 401, 404),
    )
    def get(self, request: Request) -> Response:
        """Every result the user may see: their own, their team's, their body's for HR
        and the appointing official. Each result returned is logged."""
        query = ResultQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        period = query.validated_data.get("period")
        rows = results_for(request.user, today=clock.today(), period_id=period)
        pages = Pages()
        page = pages.paginate_queryset(rows, request, view=self) or []
        log_result_views(request.user, page)
        return pages.get_paginated_response(ResultRow([_row(r) for r in page], many=True).data)


class ResultOne(APIView):
    @extend_schema(operation_id="result_retrieve", responses={200: ResultDetail} | refusals())
    def get(self, request: Request, pk: int) -> Response:
        """A person's results of the period with the "why", and the year's mean so far."""
        part, results = access_result(request.user, pk, today=clock.today())  # logs each view
        pack = registry().pack(part.period.pack_id)
        annual = None
        if any(r.method == "ranking" for r in results):
            year = annual_ranking(part, pack)
            annual = {
                "score": year.score,
                "band": year.band,
                "band_names": year.band_names,
                "quarters": [
                    {"name": q, "value": "" if s is None else str(s)} for q, s in year.quarters
                ],
                "cites": year.cites,
                "pending": year.pending,
                "error": error_message(year.error) if year.error else None,
            }
        data = {
            "participation": part.pk,
            "period": part.period.code,
            "employee": part.employee_id,
            "name": part.employee.full_name(name_lang()),
            "results": [result_body(r, pack) for r in results],
            "annual": annual,
        }
        return Response(ResultDetail(data).data)


class Award(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    points = serializers.IntegerField()
    activity = serializers.IntegerField(help_text="index in the pack's list for that level")
    activity_text = serializers.CharField()
    evidence = serializers.CharField()
    awarded_by = serializers.IntegerField()
    awarded_at = serializers.DateTimeField()


class Bonus(serializers.Serializer[Any]):
    participation = serializers.IntegerField()
    awards = Award(many=True)
    total = serializers.IntegerField(allow_null=True)
    cites = serializers.ListField(child=serializers.CharField())


class NewAward(serializers.Serializer[Any]):
    points = serializers.IntegerField(min_value=-100, max_value=100)
    activity = serializers.IntegerField(min_value=0, max_value=1000)
    evidence = serializers.CharField(allow_blank=True, max_length=500)


def _bonus(request: Request, pk: int, action: Action) -> tuple[Any, dict[str, Any]]:
    part = access_participation(request.user, action, pk, today=clock.today())
    data = bonus_page(part, name_lang())
    total = data.get("total")
    return part, {
        "participation": part.pk,
        "awards": [
            {
                "id": a.pk,
                "points": a.points,
                "activity": a.activity,
                "activity_text": text,
                "evidence": a.evidence,
                "awarded_by": a.awarded_by_id,
                "awarded_at": a.awarded_at,
            }
            for a, text in (data["awards"] if data["levels"] is not None else [])
        ],
        "total": getattr(total, "total", None),
        "cites": data.get("cites", []),
    }


class BonusView(APIView):
    @extend_schema(operation_id="bonus_retrieve", responses={200: Bonus} | refusals())
    def get(self, request: Request, pk: int) -> Response:
        """The period's bonus awards and their total (read as a result is, R-CONFIDENTIAL)."""
        return Response(Bonus(_bonus(request, pk, Action.VIEW_RESULT)[1]).data)

    @extend_schema(
        operation_id="bonus_award",
        request=NewAward,
        responses={201: Bonus} | refusals(400, 401, 403, 404),
    )
    def post(self, request: Request, pk: int) -> Response:
        """The direct manager records an activity of the pack's scale with its evidence."""
        part, _data = _bonus(request, pk, Action.AWARD_BONUS)
        form = NewAward(data=request.data)
        form.is_valid(raise_exception=True)
        manager = Employee.objects.filter(user_id=int(request.user.pk or 0)).first()
        if manager is None:  # the award records who gave it: a superuser without a person
            raise serializers.ValidationError(
                _("Only an employee's account can award bonus points: the award names its giver.")
            )
        do_award_bonus(
            actor=request.user, participation_id=part.pk, awarded_by=manager, **form.validated_data
        )
        return Response(Bonus(_bonus(request, pk, Action.VIEW_RESULT)[1]).data, status=201)


class BonusAwardOne(APIView):
    @extend_schema(
        operation_id="bonus_withdraw", responses={200: Bonus} | refusals(401, 403, 404, 409)
    )
    def delete(self, request: Request, pk: int, award_id: int) -> Response:
        """The direct manager withdraws an award recorded by mistake (audited)."""
        part = access_participation(request.user, Action.AWARD_BONUS, pk, today=clock.today())
        do_withdraw_bonus(actor=request.user, participation_id=part.pk, award_id=award_id)
        return Response(Bonus(_bonus(request, pk, Action.VIEW_RESULT)[1]).data)

"""Ranking sheets (R-RANK, 004 p28-32): the evaluator's team sheet, saved as a draft and
submitted, and its review by HR or the appointing official (approve or return)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bagalau.access import Action, require
from bagalau.api.base import refusals
from bagalau.api.kpi import Labelled, Version
from bagalau.api.results import ResultBody, result_body
from bagalau.core import clock
from bagalau.core.labels import name_lang
from bagalau.cycles.models import EvaluationPeriod, RankingSheet, Result, SheetState
from bagalau.cycles.ranking import services as ranking
from bagalau.cycles.ranking.selectors import (
    access_sheet_for_review,
    log_team_view,
    sheet_parameters,
    team_page,
)
from bagalau.orgs.models import Employee
from bagalau.packs import registry


class SheetState_(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    state = serializers.CharField()
    version = serializers.IntegerField()
    return_reason = serializers.CharField()


class TeamRow(serializers.Serializer[Any]):
    participation = serializers.IntegerField()
    employee = serializers.IntegerField()
    name = serializers.CharField()
    without_participation = serializers.BooleanField()
    on_paper = serializers.BooleanField()
    scores = serializers.DictField(child=serializers.JSONField())
    comment = serializers.CharField()


class Team(serializers.Serializer[Any]):
    period = serializers.IntegerField()
    evaluator = serializers.IntegerField()
    evaluator_name = serializers.CharField()
    sheet = SheetState_(allow_null=True)
    version = serializers.IntegerField(help_text="send it back when saving (0: no sheet yet)")
    scale_min = serializers.IntegerField()
    scale_max = serializers.IntegerField()
    parameters = Labelled(many=True)
    rows = TeamRow(many=True)


class ReviewedRow(TeamRow):
    result = ResultBody(allow_null=True)


class Reviewed(Team):
    rows = ReviewedRow(many=True)


class Entry(serializers.Serializer[Any]):
    participation = serializers.IntegerField()
    scores = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=10),
        help_text="parameter code -> 0-5 score; empty leaves it unscored",
    )
    comment = serializers.CharField(allow_blank=True, default="", max_length=2000)


class Save(Version):
    entries = serializers.ListField(child=Entry(), max_length=500)


class Decision(Version):
    decision = serializers.ChoiceField(choices=[SheetState.APPROVED, SheetState.RETURNED])
    reason = serializers.CharField(allow_blank=True, default="", max_length=1000)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["decision"] == SheetState.RETURNED and not attrs["reason"].strip():
            raise serializers.ValidationError({"reason": _("Say what is to be corrected.")})
        return attrs


def team_view(
    request: Request, period: EvaluationPeriod, evaluator: Employee, note: str
) -> dict[str, Any]:
    """The team sheet as an answer; answering with its scores is logged."""
    rules = ranking.ranking_rules(period)[1]
    page = team_page(period.pk, evaluator.pk)
    log_team_view(request.user, page, body_id=period.body_id, note=note)
    lang = name_lang()
    sheet = page.sheet
    return {
        "period": period.pk,
        "evaluator": evaluator.pk,
        "evaluator_name": evaluator.full_name(lang),
        "sheet": None
        if sheet is None
        else {
            "id": sheet.pk,
            "state": sheet.state,
            "version": sheet.version,
            "return_reason": sheet.return_reason,
        },
        "version": page.version,
        "scale_min": rules.scale.value.min,
        "scale_max": rules.scale.value.max,
        "parameters": [{"code": c, "name": n} for c, n in sheet_parameters(rules, lang)],
        "rows": [
            {
                "participation": row.participation.pk,
                "employee": row.participation.employee_id,
                "name": row.participation.employee.full_name(lang),
                "without_participation": row.without_participation,
                "on_paper": row.on_paper,
                "scores": row.entry.scores if row.entry else {},
                "comment": row.entry.comment if row.entry else "",
            }
            for row in page.rows
        ],
    }


def _team(request: Request, period_id: int, evaluator_id: int) -> tuple[EvaluationPeriod, Employee]:
    period = get_object_or_404(EvaluationPeriod, pk=period_id)
    evaluator = get_object_or_404(Employee, pk=evaluator_id)
    require(request.user, Action.SCORE_RANKING, evaluator, today=clock.today())
    return period, evaluator


def _valid(form: serializers.Serializer[Any]) -> dict[str, Any]:
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)


class RankingTeam(APIView):
    @extend_schema(operation_id="ranking_team_retrieve", responses={200: Team} | refusals())
    def get(self, request: Request, period_id: int, evaluator_id: int) -> Response:
        """The evaluator's team sheet for the period: everyone scored by ranking."""
        period, evaluator = _team(request, period_id, evaluator_id)
        return Response(Team(team_view(request, period, evaluator, "API: ranking team sheet")).data)

    @extend_schema(
        operation_id="ranking_team_save",
        request=Save,
        responses={200: Team} | refusals(400, 401, 403, 404, 409),
    )
    def put(self, request: Request, period_id: int, evaluator_id: int) -> Response:
        """Save the draft: every score is checked first, then all are written together."""
        period, evaluator = _team(request, period_id, evaluator_id)
        data = _valid(Save(data=request.data))
        entries = [
            ranking.EntryInput(e["participation"], e["scores"], e["comment"])
            for e in data["entries"]
        ]
        ranking.do_save_ranking_sheet(
            actor=request.user, period_id=period.pk, evaluator_id=evaluator.pk,
            entries=entries, version=data["version"],
        )  # fmt: skip
        return Response(Team(team_view(request, period, evaluator, "API: ranking team sheet")).data)


class RankingTeamSubmit(APIView):
    @extend_schema(request=Version, responses={200: Team} | refusals(400, 401, 403, 404, 409))
    def post(self, request: Request, period_id: int, evaluator_id: int) -> Response:
        """Submit the sheet: every person fully scored; the results are computed."""
        period, evaluator = _team(request, period_id, evaluator_id)
        data = _valid(Version(data=request.data))
        sheet = RankingSheet.objects.filter(period=period, evaluator=evaluator).first()
        if sheet is None:
            raise NotFound
        ranking.do_submit_ranking_sheet(
            actor=request.user, sheet_id=sheet.pk, version=data["version"]
        )
        return Response(Team(team_view(request, period, evaluator, "API: ranking team sheet")).data)


def _reviewed(request: Request, sheet_id: int) -> dict[str, Any]:
    sheet, results = access_sheet_for_review(request.user, sheet_id, today=clock.today())
    data = team_view(request, sheet.period, sheet.evaluator, "API: ranking sheet review")
    pack = registry().pack(sheet.period.pack_id)
    shown: dict[int, Result] = results
    for row in data["rows"]:
        result = shown.get(row["participation"])
        row["result"] = result_body(result, pack) if result else None
    return data


class RankingSheetReview(APIView):
    @extend_schema(operation_id="ranking_sheet_retrieve", responses={200: Reviewed} | refusals())
    def get(self, request: Request, sheet_id: int) -> Response:
        """A sheet with its results, for HR or the appointing official (views logged)."""
        return Response(Reviewed(_reviewed(request, sheet_id)).data)

    @extend_schema(
        operation_id="ranking_sheet_review",
        request=Decision,
        responses={200: Reviewed} | refusals(400, 401, 403, 404, 409),
    )
    def post(self, request: Request, sheet_id: int) -> Response:
        """Approve the submitted sheet, or return it for correction with a reason."""
        sheet = get_object_or_404(RankingSheet.objects.select_related("period__body"), pk=sheet_id)
        require(request.user, Action.APPROVE_RESULT, sheet.period.body, today=clock.today())
        data = _valid(Decision(data=request.data))
        ranking.do_review_ranking_sheet(
            actor=request.user, sheet_id=sheet.pk, to_state=data["decision"],
            version=data["version"], reason=data["reason"],
        )  # fmt: skip
        return Response(Reviewed(_reviewed(request, sheet_id)).data)

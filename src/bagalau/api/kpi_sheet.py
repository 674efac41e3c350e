"""The KPI evaluation sheet of one participation (R-KPI-SCORE, 004 p27; 001 p49-53):
HR opens it and enters the actual values, the evaluator scores and submits, the
superior manager agrees or returns it with a reason."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bagalau.access import Action
from bagalau.api.base import refusals
from bagalau.api.kpi import Version
from bagalau.api.selectors import log_result_views
from bagalau.audit.services import record_scores_view
from bagalau.core import clock
from bagalau.core.labels import cite_text
from bagalau.cycles.kpi import selectors as reads
from bagalau.cycles.kpi import sheet_services as sheets
from bagalau.cycles.models import KpiSheet, Participation, PlanKind
from bagalau.cycles.periods.selectors import access_participation
from bagalau.cycles.results.cites import cite_from


class Line(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kpi = serializers.CharField()
    planned_value = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    actual_value = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    percent = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    score = serializers.IntegerField(allow_null=True)
    achieved = serializers.BooleanField(allow_null=True)


class SheetBody(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    plan = serializers.IntegerField()
    state = serializers.CharField()
    version = serializers.IntegerField()
    return_reason = serializers.CharField()
    lines = Line(many=True)


class SheetResult(serializers.Serializer[Any]):
    score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    band = serializers.CharField()
    state = serializers.CharField()
    cites = serializers.ListField(child=serializers.CharField())


class SheetView(serializers.Serializer[Any]):
    participation = serializers.IntegerField()
    kind = serializers.CharField()
    sheet = SheetBody(allow_null=True)
    result = SheetResult(allow_null=True)


class Actual(serializers.Serializer[Any]):
    line = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)


class Actuals(Version):
    actuals = serializers.ListField(child=Actual(), max_length=20)


class Mark(serializers.Serializer[Any]):
    line = serializers.IntegerField()
    score = serializers.CharField(
        allow_null=True, allow_blank=True, default=None, max_length=10,
        help_text="0-5 admissible for the KPI's % of achievement; empty clears it",
    )  # fmt: skip
    achieved = serializers.BooleanField(
        allow_null=True, default=None, help_text="count-based KPI (Atyrau ch. 6) only"
    )


class Marks(Version):
    marks = serializers.ListField(child=Mark(), max_length=20)


class Review(Version):
    agree = serializers.BooleanField()
    reason_code = serializers.CharField(allow_blank=True, default="", max_length=40)
    reason_text = serializers.CharField(allow_blank=True, default="", max_length=4000)


def _line(line: Any) -> dict[str, Any]:
    return {
        "id": line.pk,
        "kpi": line.item.name,
        "planned_value": line.item.planned_value,
        "actual_value": line.actual_value,
        "percent": line.percent,
        "score": line.score,
        "achieved": line.achieved,
    }


def sheet_view(request: Request, part: Participation) -> dict[str, Any]:
    kind = reads.kpi_kind(part)
    sheet = reads.sheet_of(part)
    result = reads.result_of(part, kind)
    if result is not None:  # the sheet shows the result: a view, logged (R-CONFIDENTIAL)
        result.participation = part
        log_result_views(request.user, [result])
    body = None
    if sheet is not None:
        record_scores_view(
            actor=request.user, obj=sheet, body_id=part.period.body_id,
            shown=[part.pk], note="API: KPI sheet",
        )  # fmt: skip
        lines = sheet.lines.select_related("item").order_by("item__order")
        body = {
            "id": sheet.pk,
            "plan": sheet.plan_id,
            "state": sheet.state,
            "version": sheet.version,
            "return_reason": sheet.return_reason,
            "lines": [_line(line) for line in lines],
        }
    shown = None
    if result is not None:
        shown = {
            "score": result.score,
            "band": result.band,
            "state": result.state,
            "cites": [cite_text(cite_from(c)) for c in result.cites],
        }
    return {"participation": part.pk, "kind": kind.value, "sheet": body, "result": shown}


def _part(request: Request, pk: int, action: Action) -> Participation:
    return access_participation(request.user, action, pk, today=clock.today())


def _sheet(part: Participation) -> KpiSheet:
    sheet = reads.sheet_of(part)
    if sheet is None:
        raise NotFound
    return sheet


def _answer(request: Request, pk: int) -> Response:
    return Response(SheetView(sheet_view(request, _part(request, pk, Action.VIEW_KPI))).data)


def _on_sheet(sheet: KpiSheet, ids: list[int], field: str) -> None:
    """Every line named must be the sheet's: none is dropped without a word."""
    own = set(sheet.lines.values_list("pk", flat=True))
    text = _("Line %(line)s is not on this sheet. Use the line ids the sheet lists.")
    wrong = {f"{n}.line": [text % {"line": i}] for n, i in enumerate(ids) if i not in own}
    if wrong:
        raise ValidationError({f"{field}.{key}": value for key, value in wrong.items()})


def _valid(form: serializers.Serializer[Any]) -> dict[str, Any]:
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)


class KpiSheetView(APIView):
    @extend_schema(operation_id="kpi_sheet_retrieve", responses={200: SheetView} | refusals())
    def get(self, request: Request, pk: int) -> Response:
        """The sheet with each KPI's plan, actual, % of achievement and mark, and the result."""
        return _answer(request, pk)


class KpiSheetOpen(APIView):
    @extend_schema(request=None, responses={200: SheetView} | refusals(400, 401, 403, 404))
    def post(self, request: Request, pk: int) -> Response:
        """HR opens the sheet on the placed plan: one line per KPI."""
        part = _part(request, pk, Action.ENTER_KPI_ACTUALS)
        sheets.do_open_kpi_sheet(actor=request.user, participation_id=part.pk)
        return _answer(request, pk)


class KpiSheetActuals(APIView):
    @extend_schema(request=Actuals, responses={200: SheetView} | refusals(400, 401, 403, 404, 409))
    def post(self, request: Request, pk: int) -> Response:
        """HR enters the pre-calculated actual values (R-KPI-PLAN, 004 p22)."""
        part = _part(request, pk, Action.ENTER_KPI_ACTUALS)
        data = _valid(Actuals(data=request.data))
        sheet = _sheet(part)
        _on_sheet(sheet, [a["line"] for a in data["actuals"]], "actuals")
        sheets.do_enter_kpi_actuals(
            actor=request.user,
            sheet_id=sheet.pk,
            version=data["version"],
            actuals={a["line"]: a["value"] for a in data["actuals"]},
            today=clock.today(),
        )
        return _answer(request, pk)


class KpiSheetMarks(APIView):
    @extend_schema(request=Marks, responses={200: SheetView} | refusals(400, 401, 403, 404, 409))
    def post(self, request: Request, pk: int) -> Response:
        """The evaluator's 0-5 scores, or achieved / not achieved for the count-based KPI."""
        part = _part(request, pk, Action.SCORE_KPI)
        data = _valid(Marks(data=request.data))
        sheet = _sheet(part)
        _on_sheet(sheet, [m["line"] for m in data["marks"]], "marks")
        if reads.kpi_kind(part) == PlanKind.COUNT_KPI:
            marks: dict[str, Any] = {"achieved": {m["line"]: m["achieved"] for m in data["marks"]}}
        else:
            marks = {"scores": {m["line"]: m["score"] for m in data["marks"]}}
        sheets.do_score_kpi_sheet(
            actor=request.user, sheet_id=sheet.pk, version=data["version"], **marks
        )
        return _answer(request, pk)


class KpiSheetSubmit(APIView):
    @extend_schema(request=Version, responses={200: SheetView} | refusals(400, 401, 403, 404, 409))
    def post(self, request: Request, pk: int) -> Response:
        """The evaluator submits the scored sheet; the domain computes the result."""
        part = _part(request, pk, Action.SCORE_KPI)
        data = _valid(Version(data=request.data))
        sheets.do_submit_kpi_sheet(
            actor=request.user, sheet_id=_sheet(part).pk, version=data["version"]
        )
        return _answer(request, pk)


class KpiSheetReview(APIView):
    @extend_schema(request=Review, responses={200: SheetView} | refusals(400, 401, 403, 404, 409))
    def post(self, request: Request, pk: int) -> Response:
        """The superior manager agrees the sheet or returns it with a reason (001 p52-53)."""
        part = _part(request, pk, Action.REVIEW_KPI_SHEET)
        data = _valid(Review(data=request.data))
        sheets.do_review_kpi_sheet(
            actor=request.user,
            sheet_id=_sheet(part).pk,
            version=data["version"],
            agree=data["agree"],
            reason_code=data["reason_code"],
            reason_text=data["reason_text"],
        )
        return _answer(request, pk)

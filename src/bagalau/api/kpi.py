"""KPI plans and sheets of one participation (R-KPI-PLAN, R-KPI-SCORE, R-KPI-CHANGE).

The evaluator drafts and scores, HR agrees, places and enters actuals, the superior
manager (or the first head) approves and reviews: ``require`` decides, the services in
``cycles.services_kpi`` and ``services_kpi_sheet`` apply the rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bagalau.access import Action
from bagalau.api.base import refusals, ui_lang
from bagalau.core import clock
from bagalau.cycles.kpi import plan_services as plans
from bagalau.cycles.kpi import selectors as reads
from bagalau.cycles.kpi.plan_services import KpiRow
from bagalau.cycles.models import KpiPlan, Participation
from bagalau.cycles.periods.selectors import access_participation


class Labelled(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()


class Kpi(serializers.Serializer[Any]):
    """One KPI of the plan form (Typical app. 1; Atyrau app. 9); the domain judges it."""

    name = serializers.CharField(allow_blank=True, default="", max_length=2000)
    # Declared fields are popped from the class, so this does not hide ``Field.source``.
    source = serializers.CharField(allow_blank=True, default="", max_length=2000)  # type: ignore[assignment]
    unit = serializers.CharField(allow_blank=True, default="", max_length=60)
    planned_value = serializers.DecimalField(
        max_digits=16, decimal_places=4, allow_null=True, default=None
    )
    due = serializers.DateField(allow_null=True, default=None)
    key_result = serializers.CharField(allow_blank=True, default="", max_length=2000)
    # A year's plan may plan each quarter (1st to 4th); null: measured against the year's.
    planned_by_quarter = serializers.ListField(
        child=serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True),
        min_length=4,
        max_length=4,
        default=[None, None, None, None],
    )


class PlanBody(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    revision = serializers.IntegerField()
    state = serializers.CharField()
    version = serializers.IntegerField()
    change_ground = serializers.CharField()
    change_reason = serializers.CharField()
    agreed_at = serializers.DateTimeField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    placed_at = serializers.DateTimeField(allow_null=True)
    items = Kpi(many=True)


class Revision(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    revision = serializers.IntegerField()
    state = serializers.CharField()


class PlanView(serializers.Serializer[Any]):
    participation = serializers.IntegerField()
    kind = serializers.CharField()
    plan_period = serializers.CharField(help_text="The period the plan covers: 2026 or 2026-Q1")
    count_min = serializers.IntegerField()
    count_max = serializers.IntegerField()
    change_grounds = Labelled(many=True)
    plan = PlanBody(allow_null=True)
    history = Revision(many=True)


class Version(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=0, max_value=2_000_000_000)


class Draft(Version):
    rows = serializers.ListField(child=Kpi(), max_length=20)


class Change(Draft):
    # Any text: whether it is one of the pack's grounds is the rule's answer (004 p25).
    ground = serializers.CharField(allow_blank=True, default="")
    reason = serializers.CharField(allow_blank=True, default="", max_length=4000)
    affects_kpis = serializers.BooleanField(default=False)


def _part(request: Request, pk: int, action: Action) -> Participation:
    return access_participation(request.user, action, pk, today=clock.today())


def _plan_item(item: Any) -> dict[str, Any]:
    return {
        "name": item.name,
        "source": item.source,
        "unit": item.unit,
        "planned_value": item.planned_value,
        "due": item.due,
        "key_result": item.key_result,
        "planned_by_quarter": [item.planned_q1, item.planned_q2, item.planned_q3, item.planned_q4],
    }


def plan_view(part: Participation) -> dict[str, Any]:
    kind = reads.kpi_kind(part)
    rules = reads.plan_rules(reads.pack_of(part), kind)
    plan = reads.current_plan(part, kind)
    lang = ui_lang()
    body = None
    if plan is not None:
        body = {
            "id": plan.pk,
            "revision": plan.revision,
            "state": plan.state,
            "version": plan.version,
            "change_ground": plan.change_ground,
            "change_reason": plan.change_reason,
            "agreed_at": plan.agreed_at,
            "approved_at": plan.approved_at,
            "placed_at": plan.placed_at,
            "items": [_plan_item(i) for i in plan.items.order_by("order")],
        }
    history = reads.plans_of(part, kind).exclude(pk=getattr(plan, "pk", 0))
    return {
        "participation": part.pk,
        "kind": kind.value,
        "plan_period": reads.plan_span(part).code,
        "count_min": rules.count_min,
        "count_max": rules.count_max,
        "change_grounds": [
            {"code": g.code, "name": g.name.get(lang)} for g in rules.change_grounds
        ],
        "plan": body,
        "history": [{"id": p.pk, "revision": p.revision, "state": p.state} for p in history],
    }


def _rows(data: dict[str, Any]) -> list[KpiRow]:
    rows = []
    for typed in data["rows"]:
        row = dict(typed)
        by_quarter = tuple(row.pop("planned_by_quarter"))
        rows.append(KpiRow(**row, by_quarter=by_quarter))
    return rows


def _current(part: Participation) -> KpiPlan:
    plan = reads.current_plan(part, reads.kpi_kind(part))
    if plan is None:
        raise NotFound
    return plan


def _plan_answer(request: Request, pk: int) -> Response:
    return Response(PlanView(plan_view(_part(request, pk, Action.VIEW_KPI))).data)


class KpiPlanView(APIView):
    @extend_schema(operation_id="kpi_plan_retrieve", responses={200: PlanView} | refusals())
    def get(self, request: Request, pk: int) -> Response:
        """The person's current KPI plan, its earlier revisions and the pack's form rules."""
        return _plan_answer(request, pk)

    @extend_schema(
        operation_id="kpi_plan_draft",
        request=Draft,
        responses={200: PlanView} | refusals(400, 401, 403, 404, 409),
    )
    def put(self, request: Request, pk: int) -> Response:
        """The evaluator drafts the plan (version 0 for a new one); the domain checks the
        count and every field (R-KPI-PLAN, R-KPI-SMART)."""
        part = _part(request, pk, Action.DRAFT_KPI_PLAN)
        form = Draft(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        plans.do_draft_kpi_plan(
            actor=request.user, participation_id=part.pk, rows=_rows(data), version=data["version"]
        )
        return _plan_answer(request, pk)


def _step(
    action: Action, run: Callable[[Request, KpiPlan, int, int], object], doc: str
) -> type[APIView]:
    class Step(APIView):
        @extend_schema(
            request=Version, responses={200: PlanView} | refusals(400, 401, 403, 404, 409)
        )
        def post(self, request: Request, pk: int) -> Response:
            part = _part(request, pk, action)
            form = Version(data=request.data)
            form.is_valid(raise_exception=True)
            run(request, _current(part), form.validated_data["version"], part.pk)
            return _plan_answer(request, pk)

    Step.post.__doc__ = doc
    return Step


KpiPlanAgree = _step(
    Action.AGREE_KPI_PLAN,
    lambda r, p, v, part: plans.do_agree_kpi_plan(
        actor=r.user, plan_id=p.pk, version=v, participation_id=part
    ),
    "HR agrees the drafted plan (004 p22).",
)
KpiPlanApprove = _step(
    Action.APPROVE_KPI_PLAN,
    lambda r, p, v, part: plans.do_approve_kpi_plan(
        actor=r.user, plan_id=p.pk, version=v, participation_id=part
    ),
    "The superior manager (or the first head) approves the agreed plan (001 p44-45).",
)
KpiPlanPlace = _step(
    Action.AGREE_KPI_PLAN,  # HR agrees and places (004 p22)
    lambda r, p, v, part: plans.do_place_kpi_plan(
        actor=r.user, plan_id=p.pk, version=v, today=clock.today(), participation_id=part
    ),
    "HR places the approved plan within the deadline (R-KPI-PLAN).",
)


class KpiPlanChange(APIView):
    @extend_schema(
        operation_id="kpi_plan_change",
        request=Change,
        responses={200: PlanView} | refusals(400, 401, 403, 404, 409),
    )
    def post(self, request: Request, pk: int) -> Response:
        """A new revision of an approved plan, with its ground (R-KPI-CHANGE, 004 p25)."""
        part = _part(request, pk, Action.DRAFT_KPI_PLAN)
        form = Change(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        plans.do_change_kpi_plan(
            actor=request.user,
            plan_id=_current(part).pk,
            version=data["version"],
            rows=_rows(data),
            ground=data["ground"],
            reason=data["reason"],
            affects_kpis=data["affects_kpis"],
            participation_id=part.pk,
        )
        return _plan_answer(request, pk)

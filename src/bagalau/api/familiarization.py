"""Familiarization (R-FAMILIARIZE, 004 p11; 000 p41; 001 p11) and the application against
a result (R-DISAGREE, 004 p12), for integrations such as the e-document flow.

The state of a result's familiarization shows no score: reading it needs the result's
own permission (R-CONFIDENTIAL), acting on it the person's own or HR's, as on the pages.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bagalau.access import Action
from bagalau.api.base import refusals
from bagalau.core import clock
from bagalau.core.labels import cite_text
from bagalau.cycles.familiarization import services
from bagalau.cycles.familiarization.selectors import (
    Panel,
    access_result_for,
    familiarization_panels,
)
from bagalau.cycles.models import Result
from bagalau.domain.deadlines import Deadline


class DeadlineBody(serializers.Serializer[Any]):
    due = serializers.DateField()
    cite = serializers.CharField(help_text="the paragraph that sets it")


class FamiliarizedBody(serializers.Serializer[Any]):
    channel = serializers.CharField(help_text="system, written, registered_letter, sms...")
    at = serializers.DateTimeField(help_text="when the person was made acquainted")
    recorded_at = serializers.DateTimeField()
    late = serializers.BooleanField(help_text="after the familiarization deadline")
    refused = serializers.BooleanField(help_text="refused to sign; see the refusal act")
    act_number = serializers.CharField()
    witnesses = serializers.ListField(child=serializers.IntegerField())
    note = serializers.CharField()


class DisagreementBody(serializers.Serializer[Any]):
    text = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    due = serializers.DateField(allow_null=True)


class FamiliarizationState(serializers.Serializer[Any]):
    result = serializers.IntegerField()
    participation = serializers.IntegerField()
    version = serializers.IntegerField(help_text="the result's version, sent back with an act")
    approved = serializers.BooleanField(help_text="only an approved result is made known")
    written = serializers.BooleanField(help_text="the pack requires a signature (000 p41)")
    deadline = DeadlineBody(allow_null=True, help_text="familiarize by (none where unstated)")
    familiarized = FamiliarizedBody(allow_null=True)
    disagreement_provided = serializers.BooleanField(help_text="the pack has a route for it")
    window = DeadlineBody(allow_null=True, help_text="apply against the result by")
    disagreement = DisagreementBody(allow_null=True)


def _deadline(found: Deadline | None) -> dict[str, Any] | None:
    return None if found is None else {"due": found.due, "cite": cite_text(found.cite)}


def _state(request: Request, result: Result) -> dict[str, Any]:
    panels = familiarization_panels(
        request.user, result.participation, [result], today=clock.today()
    )
    panel: Panel | None = panels[0] if panels else None
    base = {
        "result": result.pk,
        "participation": result.participation_id,
        "version": result.version,
    }
    if panel is None:
        return base | {
            "approved": False,
            "written": False,
            "deadline": None,
            "familiarized": None,
            "disagreement_provided": False,
            "window": None,
            "disagreement": None,
        }
    found, applied = panel.familiarization, panel.disagreement
    return base | {
        "approved": True,
        "written": panel.written,
        "deadline": _deadline(panel.deadline),
        "familiarized": None
        if found is None
        else {
            "channel": found.channel,
            "at": found.at,
            "recorded_at": found.recorded_at,
            "late": found.late,
            "refused": found.refused,
            "act_number": found.act_number,
            "witnesses": [w for w in (found.witness_one_id, found.witness_two_id) if w],
            "note": found.note,
        },
        "disagreement_provided": panel.disagreement_provided,
        "window": _deadline(panel.window),
        "disagreement": None
        if applied is None
        else {"text": applied.text, "submitted_at": applied.submitted_at, "due": applied.due},
    }


def _answer(request: Request, result_id: int, status: int = 200) -> Response:
    result = access_result_for(request.user, Action.VIEW_RESULT, result_id, today=clock.today())
    return Response(FamiliarizationState(_state(request, result)).data, status=status)


class ResultVersion(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class Recorded(ResultVersion):
    channel = serializers.CharField(max_length=20, help_text="one the pack allows")
    on = serializers.DateField(help_text="the day the person was notified")
    note = serializers.CharField(allow_blank=True, max_length=2000, required=False, default="")


class Refusal(ResultVersion):
    witness_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        help_text="the two employees of the body who witnessed the refusal",
    )
    on = serializers.DateField(help_text="the day of the refusal")
    act_number = serializers.CharField(allow_blank=True, max_length=40, required=False, default="")
    note = serializers.CharField(allow_blank=True, max_length=2000, required=False, default="")


class Application(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=10000, help_text="free form (004 p12)")


_STATE = {200: FamiliarizationState}
_ACTED = {201: FamiliarizationState} | refusals(400, 401, 403, 404, 409)


class FamiliarizationView(APIView):
    @extend_schema(
        operation_id="familiarization_retrieve", responses=_STATE | refusals(401, 403, 404)
    )
    def get(self, request: Request, result_id: int) -> Response:
        """Whether and how the person was made acquainted with the result, by when, and
        the window to apply against it (no score)."""
        return _answer(request, result_id)


class Acknowledge(APIView):
    @extend_schema(
        operation_id="familiarization_acknowledge", request=ResultVersion, responses=_ACTED
    )
    def post(self, request: Request, result_id: int) -> Response:
        """The person acknowledges their approved result (004 p11); the time is recorded."""
        result = access_result_for(
            request.user, Action.ACKNOWLEDGE_RESULT, result_id, today=clock.today()
        )
        form = ResultVersion(data=request.data)
        form.is_valid(raise_exception=True)
        services.do_acknowledge_result(
            actor=request.user, result_id=result.pk, **form.validated_data
        )
        return _answer(request, result.pk, status=201)


class Record(APIView):
    @extend_schema(operation_id="familiarization_record", request=Recorded, responses=_ACTED)
    def post(self, request: Request, result_id: int) -> Response:
        """HR records how and when an absent person was notified (001 p11), or a written
        signature (000 p41), by the means the pack allows."""
        result = access_result_for(
            request.user, Action.RECORD_FAMILIARIZATION, result_id, today=clock.today()
        )
        form = Recorded(data=request.data)
        form.is_valid(raise_exception=True)
        services.do_record_familiarization(
            actor=request.user, result_id=result.pk, today=clock.today(), **form.validated_data
        )
        return _answer(request, result.pk, status=201)


class RecordRefusal(APIView):
    @extend_schema(operation_id="familiarization_refusal", request=Refusal, responses=_ACTED)
    def post(self, request: Request, result_id: int) -> Response:
        """HR records a refusal to sign with two witnesses (000 p41, 003 p40); the refusal
        act is the page ``/results/<id>/familiarization/refusal/act/``."""
        result = access_result_for(
            request.user, Action.RECORD_FAMILIARIZATION, result_id, today=clock.today()
        )
        form = Refusal(data=request.data)
        form.is_valid(raise_exception=True)
        services.do_record_refusal(
            actor=request.user, result_id=result.pk, today=clock.today(), **form.validated_data
        )
        return _answer(request, result.pk, status=201)


class Apply(APIView):
    @extend_schema(
        operation_id="disagreement_submit",
        request=Application,
        responses={201: FamiliarizationState} | refusals(400, 401, 403, 404),
    )
    def post(self, request: Request, result_id: int) -> Response:
        """The person applies against the result within the window after familiarization
        (004 p12); a late or second application is refused with its rule."""
        result = access_result_for(
            request.user, Action.SUBMIT_DISAGREEMENT, result_id, today=clock.today()
        )
        form = Application(data=request.data)
        form.is_valid(raise_exception=True)
        services.do_submit_disagreement(
            actor=request.user, result_id=result.pk, text=form.validated_data["text"]
        )
        return _answer(request, result.pk, status=201)

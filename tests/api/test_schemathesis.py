"""schemathesis against the OpenAPI schema, in-process (WSGI, no network): every
operation, as HR and as an employee (an evaluator), with generated input. No answer may
be a server error, and every answer must match the schema it documents."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from pytest_django.fixtures import Settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from bagalau.cycles.models import BonusAward, Participation, Result
from bagalau.cycles.ranking import services as ranking
from tests.cycles.kpi_people import shakhtinsk_head, user

pytestmark = pytest.mark.django_db

EXAMPLES = 8  # per operation and user: the whole run stays under a minute
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def kept_connection() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request; the test's
    transaction lives on it, so keep it open, as Django's own test client does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def _world() -> dict[str, Any]:
    """A Shakhtinsk quarter: the head of apparatus by KPI, two staff ranked by the head."""
    world = shakhtinsk_head("2030-Q1")
    period = world.participation.period
    ranked = Participation.objects.filter(period=period, methods=["ranking"]).order_by("pk")
    head = world.person  # the head of apparatus evaluates the staff (an employee here)
    sheet = ranking.do_save_ranking_sheet(
        actor=user(head), period_id=period.pk, evaluator_id=head.pk, entries=[], version=0
    )
    award = BonusAward.objects.create(
        participation=ranked[0], points=1, activity=0, evidence="order 1", awarded_by=head
    )
    approved = Result.objects.create(
        participation=ranked[1], method="ranking", score=Decimal("4.00"), band="effective",
        state="approved", approved_at=timezone.now(),
    )  # fmt: skip
    return {
        "tokens": {
            "hr": Token.objects.create(user=world.hr).key,
            "employee": Token.objects.create(user=user(head)).key,
        },
        "path": {
            "id": [*ranked.values_list("pk", flat=True), world.participation.pk],
            "period_id": [period.pk],
            "evaluator_id": [head.pk],
            "sheet_id": [sheet.pk],
            "award_id": [award.pk],
            "result_id": [approved.pk],
        },
    }


def _strategy(operation: Any, path: dict[str, list[int]]) -> Any:
    """Cases on the world's real objects, and on made-up ids as well."""
    names = [p.name for p in operation.path_parameters]
    if not names:
        return operation.as_strategy()
    fixed = [
        operation.as_strategy(path_parameters={n: value for n in names})
        for value in {v for n in names for v in path[n]}
        if len(names) == 1
    ]
    if len(names) > 1:
        fixed = [operation.as_strategy(path_parameters={n: path[n][0] for n in names})]
    return st.one_of(*fixed, operation.as_strategy())


def test_no_operation_gives_a_server_error_or_breaks_its_schema(
    settings: Settings, kept_connection: None
) -> None:
    settings.ALLOWED_HOSTS = ["localhost"]  # the host schemathesis sends in-process
    world = _world()
    # A handler built now: middleware reads its settings (the HTTPS redirect) once, when built.
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", WSGIHandler())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 31
    for role, token in world["tokens"].items():
        headers = {"Authorization": f"Token {token}", "Accept-Language": "en"}
        for operation in operations:
            _run(operation, _strategy(operation, world["path"]), headers, role)


def _run(operation: Any, strategy: Any, headers: dict[str, str], role: str) -> None:
    @examples(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case: Any) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    try:
        check()
    except Exception as err:
        err.add_note(f"{operation.label} as {role}")
        raise

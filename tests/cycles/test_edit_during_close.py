"""An edit and the period's close never overlap: an edit sent from a page opened before
the close is refused (PERIOD_CLOSING while the close runs, PERIOD_CLOSED after) and
changes nothing, and on PostgreSQL an edit that waits for the start of a close holding
the period's row lock finds the period being closed."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, connections, transaction
from django.db.models import F
from django.test import Client
from django.urls import reverse

from bagalau.cycles.kpi.plan_services import do_draft_kpi_plan
from bagalau.cycles.models import EvaluationPeriod, KpiPlan, PeriodStatus
from bagalau.domain.errors import DomainError, ErrorCode
from tests.cycles.kpi_people import rows, shakhtinsk_head, user

QUARTER = "2030-Q1"


def client_for(account: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(account)
    return client


def plan_post(count: int, version: int) -> dict[str, Any]:
    data: dict[str, Any] = {"form-TOTAL_FORMS": "5", "form-INITIAL_FORMS": "0"}
    for n in range(count):
        row = {"name": f"Typed KPI {n + 1}", "source": "Plan", "unit": "%",
               "planned_value": "100", "due": "31.03.2030", "key_result": "Done"}  # fmt: skip
        data |= {f"form-{n}-{k}": v for k, v in row.items()}
    return data | {"version": str(version)}


def close(period_id: int, status: PeriodStatus = PeriodStatus.CLOSED) -> None:
    """What the start of the close (CLOSING), or its end (CLOSED), writes on the row."""
    EvaluationPeriod.objects.filter(pk=period_id).update(status=status, version=F("version") + 1)


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (PeriodStatus.CLOSING, "is being closed; nothing in it can be changed"),
        (PeriodStatus.CLOSED, "is closed; nothing in it can be changed any more"),
    ],
)
@pytest.mark.django_db
def test_a_plan_saved_from_a_page_opened_before_the_close_is_refused(
    status: PeriodStatus, said: str
) -> None:
    world = shakhtinsk_head(QUARTER)
    evaluator = client_for(user(world.evaluator))
    page = reverse("cycles:kpi_plan", args=[world.participation.pk])
    assert evaluator.post(page + "save/", plan_post(3, 0)).status_code == 302
    assert evaluator.get(page).context["version"] == 1  # the form is open at version 1
    close(world.participation.period_id, status)
    refused = evaluator.post(page + "save/", plan_post(4, 1))
    assert refused.status_code == 400
    assert said in refused.content.decode()
    plan = KpiPlan.objects.get()
    assert (plan.version, plan.items.count()) == (1, 3)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks")
@pytest.mark.django_db(transaction=True)
def test_an_edit_waiting_for_the_close_finds_the_period_being_closed() -> None:
    world = shakhtinsk_head()
    actor = user(world.evaluator)
    part_id, period_id = world.participation.pk, world.participation.period_id
    plan = do_draft_kpi_plan(actor=actor, participation_id=part_id, rows=rows(3), version=0)
    locked, release = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def closing() -> None:
        try:
            with transaction.atomic():
                EvaluationPeriod.objects.select_for_update().get(pk=period_id)  # as the close
                locked.set()
                release.wait(10)
                close(period_id, PeriodStatus.CLOSING)
        finally:
            connections.close_all()

    def editing() -> None:
        try:
            do_draft_kpi_plan(actor=actor, participation_id=part_id, rows=rows(4), version=1)
            outcome["saved"] = True
        except DomainError as err:
            outcome["refused"] = err.code
        finally:
            connections.close_all()

    closer = threading.Thread(target=closing)
    closer.start()
    assert locked.wait(10)
    editor = threading.Thread(target=editing)
    editor.start()
    editor.join(0.5)
    assert editor.is_alive()  # the edit waits for the period's row
    release.set()
    closer.join(10)
    editor.join(10)
    assert outcome == {"refused": ErrorCode.PERIOD_CLOSING}
    plan.refresh_from_db()
    assert (plan.version, plan.items.count()) == (1, 3)

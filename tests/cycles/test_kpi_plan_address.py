"""A KPI plan page acts only on the plan of the participation in its address: the
permission is checked on that participation, so another person's plan named in the
address is not found, and nothing changes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.cycles.kpi import plan_services as plans
from bagalau.cycles.models import KpiPlan, Participation
from tests.cycles.kpi_people import rows, shakhtinsk_head, user
from tests.cycles.test_kpi_views import client_for, plan_post

pytestmark = pytest.mark.django_db


def test_a_plan_of_another_person_is_not_found_through_ones_own_participation() -> None:
    world = shakhtinsk_head("2030-Q1")
    head = world.person  # evaluated by the chair; evaluates the staff
    staff = Participation.objects.get(period=world.participation.period, employee=world.colleague)
    Participation.objects.filter(pk=staff.pk).update(methods=["kpi"])
    plan = plans.do_draft_kpi_plan(
        actor=user(head), participation_id=staff.pk, rows=rows(3), version=0
    )
    plan = plans.do_agree_kpi_plan(actor=world.hr, plan_id=plan.pk, version=plan.version)
    plan = plans.do_approve_kpi_plan(
        actor=user(world.approver), plan_id=plan.pk, version=plan.version
    )
    # The chair drafts the head's plan, not the staff member's (their evaluator is the head).
    chair = client_for(user(world.evaluator))
    change = plan_post(4, version=plan.version) | {
        "ground": "functions_changed", "reason": "New function.", "affects_kpis": "on",
    }  # fmt: skip
    own = world.participation.pk
    url = reverse("cycles:kpi_plan_change", args=[own, plan.pk])
    assert chair.post(url, change).status_code == 404
    step = reverse("cycles:kpi_plan_step", args=[own, plan.pk, "place"])
    assert client_for(world.hr).post(step, {"version": plan.version}).status_code == 404
    assert list(KpiPlan.objects.values_list("revision", "state")) == [(1, "approved")]

"""KPI plan and sheet pages: who may see and do what (403 otherwise), refusals shown
with their rule and the typed draft kept on the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bagalau.core.calendar import kazakhstan_calendar
from bagalau.cycles.models import KpiPlan, KpiSheet, Result
from tests.cycles.kpi_people import KpiWorld, atyrau_specialist, shakhtinsk_head, user

pytestmark = pytest.mark.django_db
# A quarter ahead, so that the deadlines counted from today's date have not passed.
QUARTER = "2030-Q1"


def client_for(account: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(account)
    return client


def plan_post(count: int, version: int = 0, blank_field: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {
        "form-TOTAL_FORMS": "5",
        "form-INITIAL_FORMS": "0",
        "version": str(version),
    }
    for n in range(count):
        row = {
            "name": f"Typed KPI {n + 1}",
            "source": "Regional development plan",
            "unit": "%",
            "planned_value": "100",
            "due": "31.03.2030",
            "key_result": "Done",
        }
        if n == 1 and blank_field:
            row[blank_field] = ""
        data |= {f"form-{n}-{k}": v for k, v in row.items()}
    return data


def url(name: str, world: KpiWorld, *args: Any) -> str:
    return reverse(f"cycles:{name}", args=[world.participation.pk, *args])


def test_plan_page_is_seen_by_the_person_their_managers_and_hr_never_a_colleague() -> None:
    world = shakhtinsk_head(QUARTER)
    for account in (user(world.person), user(world.evaluator), world.hr):
        assert client_for(account).get(url("kpi_plan", world)).status_code == 200
        assert client_for(account).get(url("kpi_sheet", world)).status_code == 200
    assert client_for(user(world.colleague)).get(url("kpi_plan", world)).status_code == 403
    assert client_for(user(world.colleague)).get(url("kpi_sheet", world)).status_code == 403
    assert Client().get(url("kpi_plan", world)).status_code == 302  # to the login page


def test_a_refused_draft_shows_the_rule_and_keeps_what_was_typed() -> None:
    world = shakhtinsk_head(QUARTER)
    evaluator = client_for(user(world.evaluator))
    response = evaluator.post(url("kpi_plan_save", world), plan_post(2))
    assert response.status_code == 400
    text = response.content.decode()
    assert "The plan has 2 KPIs; it must have from 3 to 5." in text
    assert "Shakhtinsk city maslikhat apparatus methodology, paragraph 23" in text
    assert "Typed KPI 2" in text
    response = evaluator.post(url("kpi_plan_save", world), plan_post(3, blank_field="key_result"))
    assert response.status_code == 400
    assert "The KPI “2” has no key_result. Fill it in." in response.content.decode()
    assert not KpiPlan.objects.exists()


def test_only_the_evaluator_drafts_hr_agrees_and_places_the_superior_approves() -> None:
    world = shakhtinsk_head(QUARTER)
    hr, evaluator = client_for(world.hr), client_for(user(world.evaluator))
    person, colleague = client_for(user(world.person)), client_for(user(world.colleague))
    for refused in (hr, person, colleague):
        assert refused.post(url("kpi_plan_save", world), plan_post(3)).status_code == 403
    assert evaluator.post(url("kpi_plan_save", world), plan_post(3)).status_code == 302
    plan = KpiPlan.objects.get()
    # a second "new plan" form posted with the old version: refused, the typing kept
    response = evaluator.post(url("kpi_plan_save", world), plan_post(4))
    assert response.status_code == 409 and "Typed KPI 4" in response.content.decode()
    for refused in (evaluator, person, colleague):
        assert (
            refused.post(url("kpi_plan_step", world, plan.pk, "agree"), {"version": 1}).status_code
            == 403
        )
    assert hr.post(url("kpi_plan_step", world, plan.pk, "agree"), {"version": 1}).status_code == 302
    for refused in (hr, person, colleague):
        assert (
            refused.post(
                url("kpi_plan_step", world, plan.pk, "approve"), {"version": 2}
            ).status_code
            == 403
        )
    approver = client_for(user(world.approver))
    assert (
        approver.post(url("kpi_plan_step", world, plan.pk, "approve"), {"version": 2}).status_code
        == 302
    )
    assert hr.post(url("kpi_plan_step", world, plan.pk, "place"), {"version": 3}).status_code == 302
    plan.refresh_from_db()
    assert plan.state == "placed"
    page = person.get(url("kpi_plan", world)).content.decode()
    assert "Typed KPI 3" in page and "unverified rule" in page
    change = plan_post(4, version=4) | {"ground": "", "reason": "", "affects_kpis": "on"}
    response = evaluator.post(url("kpi_plan_change", world, plan.pk), change)
    assert response.status_code == 400 and "Typed KPI 4" in response.content.decode()
    change |= {"ground": "functions_changed", "reason": "New function from 1 February."}
    assert evaluator.post(url("kpi_plan_change", world, plan.pk), change).status_code == 302
    assert list(KpiPlan.objects.order_by("revision").values_list("state", flat=True)) == [
        "superseded",
        "draft",
    ]


def placed_sheet(world: KpiWorld, count: int = 3) -> KpiSheet:
    evaluator, hr = client_for(user(world.evaluator)), client_for(world.hr)
    assert evaluator.post(url("kpi_plan_save", world), plan_post(count)).status_code == 302
    plan = KpiPlan.objects.get()
    hr.post(url("kpi_plan_step", world, plan.pk, "agree"), {"version": 1})
    client_for(user(world.approver)).post(
        url("kpi_plan_step", world, plan.pk, "approve"), {"version": 2}
    )
    hr.post(url("kpi_plan_step", world, plan.pk, "place"), {"version": 3})
    assert client_for(user(world.evaluator)).post(url("kpi_sheet_open", world)).status_code == 403
    assert hr.post(url("kpi_sheet_open", world)).status_code == 302
    return KpiSheet.objects.get()


def test_sheet_actuals_by_hr_scores_by_the_evaluator_review_by_the_superior() -> None:
    world = shakhtinsk_head(QUARTER)
    sheet = placed_sheet(world)
    ids = list(sheet.lines.order_by("item__order").values_list("pk", flat=True))
    hr, evaluator = client_for(world.hr), client_for(user(world.evaluator))
    approver, person = client_for(user(world.approver)), client_for(user(world.person))
    actuals = {"version": 1} | {f"actual_{i}": "80" for i in ids}
    for refused in (evaluator, person):
        assert refused.post(url("kpi_sheet_actuals", world), actuals).status_code == 403
    assert hr.post(url("kpi_sheet_actuals", world), actuals).status_code == 302
    scores = {"version": 2} | {f"mark_{i}": "4" for i in ids}
    colleague = client_for(user(world.colleague))
    for refused in (hr, person, colleague):
        assert refused.post(url("kpi_sheet_scores", world), scores).status_code == 403
    response = evaluator.post(url("kpi_sheet_scores", world), scores | {f"mark_{ids[0]}": "7"})
    assert response.status_code == 400
    assert "The score 7 is outside the allowed range 0–5." in response.content.decode()
    assert evaluator.post(url("kpi_sheet_scores", world), scores).status_code == 302
    assert evaluator.post(url("kpi_sheet_submit", world), {"version": 3}).status_code == 302
    # the chair is the evaluator and, as the first head, reviews too (001 p51)
    for refused in (hr, person, colleague):
        assert (
            refused.post(url("kpi_sheet_review", world), {"version": 4, "agree": "yes"}).status_code
            == 403
        )
    response = approver.post(
        url("kpi_sheet_review", world), {"version": 4, "agree": "no", "reason_text": ""}
    )
    assert response.status_code == 400 and "only with a reason" in response.content.decode()
    assert (
        approver.post(url("kpi_sheet_review", world), {"version": 4, "agree": "yes"}).status_code
        == 302
    )
    result = Result.objects.get()
    assert (result.state, str(result.score)) == ("approved", "4.00")
    page = person.get(url("kpi_sheet", world)).content.decode()
    assert "4.00" in page and "unverified rule" in page


def test_atyrau_sheet_is_marked_achieved_and_returned_with_a_listed_reason() -> None:
    world = atyrau_specialist()
    sheet = placed_sheet(world, count=5)
    ids = list(sheet.lines.order_by("item__order").values_list("pk", flat=True))
    evaluator, approver = client_for(user(world.evaluator)), client_for(user(world.approver))
    marks = {"version": 1} | {f"mark_{i}": "yes" for i in ids}
    assert client_for(user(world.colleague)).get(url("kpi_sheet", world)).status_code == 403
    assert approver.post(url("kpi_sheet_scores", world), marks).status_code == 403
    assert evaluator.post(url("kpi_sheet_scores", world), marks).status_code == 302
    assert evaluator.post(url("kpi_sheet_submit", world), {"version": 2}).status_code == 302
    yes = {"version": 3, "agree": "yes"}
    assert evaluator.post(url("kpi_sheet_review", world), yes).status_code == 403
    page = approver.get(url("kpi_sheet", world)).content.decode()
    assert "insufficient facts proving the KPI was achieved" in page
    returned = {
        "version": 3,
        "agree": "no",
        "reason_code": "unreliable_evidence",
        "reason_text": "Check KPI 5.",
    }
    assert approver.post(url("kpi_sheet_review", world), returned).status_code == 302
    sheet.refresh_from_db()
    assert (sheet.state, sheet.return_reason) == ("returned", "unreliable_evidence: Check KPI 5.")
    # the evaluator sees by when the corrected sheet must be back (001 p54)
    due = kazakhstan_calendar().add_working_days(timezone.localdate(sheet.returned_at), 2)
    page = evaluator.get(url("kpi_sheet", world), headers={"accept-language": "en"})
    assert (
        f"Submit the corrected sheet no later than {due:%d.%m.%Y} (Atyrau region akimat resolution No. 105, paragraph 54)."
        in page.content.decode()
    )

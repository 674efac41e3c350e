"""KPI plans and sheets through the API: the evaluator drafts and scores, HR agrees,
places and enters actuals, the superior manager approves and reviews; refusals exact."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from bagalau.audit.models import AuditRecord
from bagalau.cycles.models import KpiPlan, KpiSheet, Result
from tests.api.helpers import api, error
from tests.cycles.kpi_people import KpiWorld, atyrau_specialist, shakhtinsk_head, user

pytestmark = pytest.mark.django_db
QUARTER = "2030-Q1"  # ahead, so that deadlines counted from today have not passed


def url(name: str, world: KpiWorld) -> str:
    return reverse(f"api:{name}", args=[world.participation.pk])


def kpis(count: int, blank: str = "") -> list[dict[str, Any]]:
    rows = []
    for n in range(count):
        row = {
            "name": f"KPI {n + 1}",
            "source": "Regional development plan",
            "unit": "%",
            "planned_value": "100",
            "due": "2030-03-31",
            "key_result": "Done",
            "planned_by_quarter": [None, None, None, None],
        }
        if n == 1 and blank:
            row[blank] = ""
        rows.append(row)
    return rows


def placed(world: KpiWorld, count: int = 3) -> KpiPlan:
    evaluator, hr = api(user(world.evaluator)), api(world.hr)
    drafted = evaluator.put(
        url("kpi_plan", world), {"version": 0, "rows": kpis(count)}, format="json"
    )
    assert drafted.status_code == 200, drafted.json()
    assert hr.post(url("kpi_plan_agree", world), {"version": 1}, format="json").status_code == 200
    approver = api(user(world.approver))
    assert (
        approver.post(url("kpi_plan_approve", world), {"version": 2}, format="json").status_code
        == 200
    )
    assert hr.post(url("kpi_plan_place", world), {"version": 3}, format="json").status_code == 200
    return KpiPlan.objects.get()


def test_the_plan_goes_draft_agreed_approved_placed_and_reads_back() -> None:
    world = shakhtinsk_head(QUARTER)
    plan = placed(world)
    data = api(user(world.person)).get(url("kpi_plan", world)).json()
    assert (data["kind"], data["count_min"], data["count_max"]) == ("kpi", 3, 5)
    assert data["plan"]["state"] == "placed" and data["plan"]["id"] == plan.pk
    assert data["plan"]["items"][0] == {
        "name": "KPI 1",
        "source": "Regional development plan",
        "unit": "%",
        "planned_value": "100.0000",
        "due": "2030-03-31",
        "key_result": "Done",
        "planned_by_quarter": [None, None, None, None],
    }
    assert data["history"] == []


def test_a_refused_draft_names_the_rule_and_saves_nothing() -> None:
    world = shakhtinsk_head(QUARTER)
    evaluator = api(user(world.evaluator))
    response = evaluator.put(url("kpi_plan", world), {"version": 0, "rows": kpis(2)}, format="json")
    assert response.status_code == 400
    assert response.json() == error(
        "kpi_count_out_of_range",
        "The plan has 2 KPIs; it must have from 3 to 5. Add or remove KPIs. "
        "(basis: Shakhtinsk city maslikhat apparatus methodology, paragraph 23)",
        rule={
            "act": "shakhtinsk-278-5",
            "paragraph": "23",
            "via_typical": False,
            "borrowed": False,
        },
        cite="Shakhtinsk city maslikhat apparatus methodology, paragraph 23",
    )
    bad = evaluator.put(
        url("kpi_plan", world),
        {"version": 0, "rows": [{"planned_value": "x", "due": "31.03"}]},
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"] == {
        "rows.0.planned_value": ["A valid number is required."],
        "rows.0.due": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
    }
    assert not KpiPlan.objects.exists()


def test_only_the_evaluator_drafts_and_a_stale_version_is_a_conflict() -> None:
    world = shakhtinsk_head(QUARTER)
    body = {"version": 0, "rows": kpis(3)}
    for refused in (world.hr, user(world.person), user(world.colleague)):
        response = api(refused).put(url("kpi_plan", world), body, format="json")
        assert response.status_code == 403
        assert response.json() == error("permission_denied", "You are not allowed to do this.")
    evaluator = api(user(world.evaluator))
    assert evaluator.put(url("kpi_plan", world), body, format="json").status_code == 200
    before = AuditRecord.objects.count()
    stale = evaluator.put(url("kpi_plan", world), {"version": 0, "rows": kpis(4)}, format="json")
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "stale_version"
    assert stale.json()["error"]["message"].startswith("Someone else saved plan ")
    assert AuditRecord.objects.count() == before
    assert KpiPlan.objects.get().items.count() == 3
    # the steps after the draft: HR agrees, never the evaluator; nothing to agree: 404
    assert (
        evaluator.post(url("kpi_plan_agree", world), {"version": 1}, format="json").status_code
        == 403
    )


def test_nothing_to_act_on_is_not_found() -> None:
    world = shakhtinsk_head(QUARTER)
    response = api(world.hr).post(url("kpi_plan_agree", world), {"version": 1}, format="json")
    assert response.status_code == 404
    assert (
        api(world.hr)
        .post(url("kpi_sheet_actuals", world), {"version": 1, "actuals": []}, format="json")
        .status_code
        == 404
    )


def test_a_change_after_approval_needs_its_ground() -> None:
    world = shakhtinsk_head(QUARTER)
    placed(world)
    evaluator = api(user(world.evaluator))
    change = {"version": 4, "rows": kpis(4), "ground": "", "reason": "", "affects_kpis": True}
    refused = evaluator.post(url("kpi_plan_change", world), change, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "kpi_change_without_ground"
    change |= {"ground": "functions_changed", "reason": "New function from 1 February."}
    done = evaluator.post(url("kpi_plan_change", world), change, format="json")
    assert done.status_code == 200
    assert done.json()["plan"]["revision"] == 2
    assert [h["state"] for h in done.json()["history"]] == ["superseded"]


def test_the_sheet_actuals_scores_submit_and_review() -> None:
    world = shakhtinsk_head(QUARTER)
    placed(world)
    hr, evaluator = api(world.hr), api(user(world.evaluator))
    approver, person = api(user(world.approver)), api(user(world.person))
    assert evaluator.post(url("kpi_sheet_open", world)).status_code == 403
    opened = hr.post(url("kpi_sheet_open", world))
    assert opened.status_code == 200
    ids = [line["id"] for line in opened.json()["sheet"]["lines"]]
    actuals = {"version": 1, "actuals": [{"line": i, "value": "80"} for i in ids]}
    assert (
        evaluator.post(url("kpi_sheet_actuals", world), actuals, format="json").status_code == 403
    )
    stray = {"version": 1, "actuals": [{"line": ids[0] + 1000, "value": "80"}]}
    response = hr.post(url("kpi_sheet_actuals", world), stray, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "actuals.0.line": [
            f"Line {ids[0] + 1000} is not on this sheet. Use the line ids the sheet lists."
        ]
    }
    assert hr.post(url("kpi_sheet_actuals", world), actuals, format="json").status_code == 200
    marks = {"version": 2, "marks": [{"line": i, "score": "4"} for i in ids]}
    assert hr.post(url("kpi_sheet_marks", world), marks, format="json").status_code == 403
    seven = {"version": 2, "marks": [{"line": ids[0], "score": "7"}]}
    response = evaluator.post(url("kpi_sheet_marks", world), seven, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "score_out_of_range"
    assert response.json()["error"]["message"].startswith(
        "The score 7 is outside the allowed range 0–5."
    )
    assert evaluator.post(url("kpi_sheet_marks", world), marks, format="json").status_code == 200
    assert (
        evaluator.post(url("kpi_sheet_submit", world), {"version": 3}, format="json").status_code
        == 200
    )
    no_reason = {"version": 4, "agree": False}
    response = approver.post(url("kpi_sheet_review", world), no_reason, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "return_reason_missing"
    for refused in (hr, person):
        assert (
            refused.post(
                url("kpi_sheet_review", world), {"version": 4, "agree": True}, format="json"
            ).status_code
            == 403
        )
    done = approver.post(
        url("kpi_sheet_review", world), {"version": 4, "agree": True}, format="json"
    )
    assert done.status_code == 200
    assert done.json()["result"]["score"] == "4.00" and done.json()["result"]["state"] == "approved"
    result = Result.objects.get()
    assert (result.state, str(result.score)) == ("approved", "4.00")
    views = AuditRecord.objects.filter(action="view", object_type="cycles.result")
    seen = views.count()
    assert person.get(url("kpi_sheet", world)).json()["sheet"]["state"] == "approved"
    assert views.count() == seen + 1  # the sheet shows the result: the view is logged
    assert views.order_by("pk").last().actor == user(world.person)  # type: ignore[union-attr]
    assert api(user(world.colleague)).get(url("kpi_sheet", world)).status_code == 403


def test_atyrau_count_based_sheet_is_marked_achieved() -> None:
    world = atyrau_specialist()
    placed(world, count=5)
    assert api(world.hr).post(url("kpi_sheet_open", world)).status_code == 200
    sheet = KpiSheet.objects.get()
    ids = list(sheet.lines.order_by("item__order").values_list("pk", flat=True))
    marks = {"version": 1, "marks": [{"line": i, "achieved": True} for i in ids]}
    evaluator = api(user(world.evaluator))
    response = evaluator.post(url("kpi_sheet_marks", world), marks, format="json")
    assert response.status_code == 200
    assert [line["achieved"] for line in response.json()["sheet"]["lines"]] == [True] * 5


def test_a_person_not_evaluated_by_kpi_gets_the_rule() -> None:
    world = shakhtinsk_head(QUARTER)
    from bagalau.cycles.models import Participation

    ranked = Participation.objects.filter(
        period=world.participation.period, methods=["ranking"]
    ).first()
    assert ranked is not None
    response = api(world.hr).get(reverse("api:kpi_plan", args=[ranked.pk]))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "kpi_method_not_applied"

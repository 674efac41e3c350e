"""The same submit posted twice (a double click, a resent form) changes nothing more and
says it was already done, with the date and who did it: never a 409 or a 500."""

from __future__ import annotations

import pytest

from bagalau.audit.models import AuditAction, AuditRecord
from bagalau.cycles.models import KpiPlan, KpiSheet, RankingSheet, Result
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.kpi_people import shakhtinsk_head, user
from tests.cycles.test_kpi_views import QUARTER, client_for, plan_post, url
from tests.cycles.test_ranking_pages import client_for as ranking_client
from tests.cycles.test_ranking_pages import post_scores, team_url
from tests.cycles.test_ranking_services import open_quarter, team_ids

pytestmark = pytest.mark.django_db


def _changes() -> int:
    """Audit records of changes: following the redirect shows the page again, a view."""
    return AuditRecord.objects.exclude(action=AuditAction.VIEW).count()


def test_a_ranking_sheet_submitted_twice_is_submitted_once() -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    a, b = team_ids(period, org)
    client = ranking_client(org.head.user)
    data = post_scores(period, org, {a: ["5", "4", "4", "3"], b: ["3"] * 4}, 0, do="submit")
    assert client.post(team_url(period, org), data).status_code == 302
    records, results = _changes(), Result.objects.count()
    again = client.post(team_url(period, org), data, follow=True)
    assert again.status_code == 200
    assert "already submitted on" in again.content.decode()
    assert (_changes(), Result.objects.count()) == (records, results)
    assert RankingSheet.objects.get().state == "submitted"


def test_a_plan_agreed_twice_says_when_and_by_whom() -> None:
    world = shakhtinsk_head(QUARTER)
    world.hr.first_name, world.hr.last_name = "Айгүл", "Кадрова"
    world.hr.save()
    assert client_for(user(world.evaluator)).post(url("kpi_plan_save", world), plan_post(3))
    plan = KpiPlan.objects.get()
    hr = client_for(world.hr)
    step = url("kpi_plan_step", world, plan.pk, "agree")
    assert hr.post(step, {"version": 1}).status_code == 302
    records = _changes()
    again = hr.post(step, {"version": 1}, follow=True)
    html = again.content.decode()
    assert again.status_code == 200
    assert "already agreed on" in html and "Айгүл Кадрова" in html
    assert _changes() == records
    assert KpiPlan.objects.get().state == "agreed"


def test_a_kpi_sheet_submitted_twice_is_submitted_once() -> None:
    from tests.cycles.test_kpi_views import placed_sheet

    world = shakhtinsk_head(QUARTER)
    sheet = placed_sheet(world)
    ids = list(sheet.lines.order_by("item__order").values_list("pk", flat=True))
    hr, evaluator = client_for(world.hr), client_for(user(world.evaluator))
    hr.post(url("kpi_sheet_actuals", world), {"version": 1} | {f"actual_{i}": "100" for i in ids})
    marks = {"version": 2} | {f"mark_{i}": "5" for i in ids}
    assert evaluator.post(url("kpi_sheet_scores", world), marks).status_code == 302
    submit = url("kpi_sheet_submit", world)
    assert evaluator.post(submit, {"version": 3}).status_code == 302
    records = _changes()
    again = evaluator.post(submit, {"version": 3}, follow=True)
    assert again.status_code == 200 and "already submitted on" in again.content.decode()
    assert _changes() == records
    assert KpiSheet.objects.get().state == "submitted"

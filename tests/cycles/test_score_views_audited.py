"""Every page and API answer that shows confidential scores is in the audit trail
(R-CONFIDENTIAL): one record per view, naming the sheet and whose scores were shown,
whatever the size of the team."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.accounts.models import Role
from bagalau.audit.models import AuditRecord
from bagalau.cycles.models import RankingEntry, RankingSheet
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.kpi_people import atyrau_specialist, user
from tests.cycles.test_kpi_views import placed_sheet
from tests.cycles.test_ranking_pages import client_for, post_scores, team_url, with_role
from tests.cycles.test_ranking_services import open_quarter, team_ids

pytestmark = pytest.mark.django_db


def _sheet_views() -> list[tuple[str, str, list[int], str]]:
    rows = AuditRecord.objects.filter(action="view", object_type="cycles.rankingsheet")
    return [(r.actor_name, r.object_id, (r.after or {})["shown"], r.note) for r in rows]


@pytest.fixture
def scored():  # type: ignore[no-untyped-def]
    org = shakhtinsk_body(staff=4)
    period = open_quarter(org)
    ids = team_ids(period, org)
    client = client_for(org.head.user)
    saved = client.post(
        team_url(period, org), post_scores(period, org, {p: ["4"] * 4 for p in ids}, 0)
    )
    assert saved.status_code == 302
    return org, period, ids, client


def test_the_team_page_is_one_record_with_everyone_shown(scored) -> None:  # type: ignore[no-untyped-def]
    org, period, ids, client = scored
    before = AuditRecord.objects.count()
    assert client.get(team_url(period, org)).status_code == 200
    sheet = RankingSheet.objects.get()
    assert AuditRecord.objects.count() == before + 1
    assert _sheet_views()[0] == (
        org.head.user.username,
        str(sheet.pk),
        sorted(ids),
        "ranking team page",
    )


def test_an_empty_team_page_logs_nothing() -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    assert client_for(org.head.user).get(team_url(period, org)).status_code == 200
    assert _sheet_views() == []


def test_the_review_page_and_the_paper_page_are_logged(scored) -> None:  # type: ignore[no-untyped-def]
    org, period, ids, client = scored
    client.post(
        team_url(period, org), post_scores(period, org, {p: ["4"] * 4 for p in ids}, 1, do="submit")
    )
    hr = with_role(org, Role.HR, "hr")
    sheet = RankingSheet.objects.get()
    assert client_for(hr).get(reverse("cycles:ranking_review", args=[sheet.pk])).status_code == 200
    assert ("hr", str(sheet.pk), sorted(ids), "ranking review page") in _sheet_views()
    entry = RankingEntry.objects.filter(participation_id=ids[0]).get()
    paper = client_for(hr).get(reverse("cycles:ranking_paper", args=[entry.participation_id]))
    assert paper.status_code == 200
    assert ("hr", str(sheet.pk), [ids[0]], "paper sheet page") in _sheet_views()


def test_the_api_team_sheet_is_logged(scored) -> None:  # type: ignore[no-untyped-def]
    org, period, ids, _client = scored
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(org.head.user)
    url = reverse("api:ranking_team", args=[period.pk, org.head.pk])
    answer = api.get(url)
    assert answer.status_code == 200
    assert _sheet_views()[0][2:] == (sorted(ids), "API: ranking team sheet")


def test_a_refused_viewer_is_not_logged_as_having_seen(scored) -> None:  # type: ignore[no-untyped-def]
    org, period, _ids, _client = scored
    stranger = with_role(org, Role.AUDITOR, "auditor")
    assert Client().get(team_url(period, org)).status_code == 302
    assert client_for(stranger).get(team_url(period, org)).status_code == 403
    assert _sheet_views() == []


def test_the_kpi_sheet_page_and_its_api_answer_are_logged() -> None:
    world = atyrau_specialist()
    sheet = placed_sheet(world, count=5)
    evaluator = user(world.evaluator)
    page = client_for(evaluator).get(reverse("cycles:kpi_sheet", args=[world.participation.pk]))
    assert page.status_code == 200
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(evaluator)
    assert api.get(reverse("api:kpi_sheet", args=[world.participation.pk])).status_code == 200
    views = AuditRecord.objects.filter(action="view", object_type="cycles.kpisheet")
    assert sorted((r.object_id, (r.after or {})["shown"], r.note) for r in views) == [
        (str(sheet.pk), [world.participation.pk], "API: KPI sheet"),
        (str(sheet.pk), [world.participation.pk], "KPI sheet page"),
    ]

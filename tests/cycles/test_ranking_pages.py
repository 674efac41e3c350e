"""The team page, the review of a sheet, paper entry and the scan: who may, what is
saved, and a query count that does not grow with the team."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries
from pytest_django.fixtures import Settings

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.audit.models import AuditRecord
from bagalau.cycles.models import EvaluationPeriod, RankingEntry, RankingSheet, Result
from tests.cycles.factories import Body, shakhtinsk_body
from tests.cycles.test_ranking_services import PDF, open_quarter, team_ids

pytestmark = pytest.mark.django_db


def client_for(user: User | None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def with_role(org: Body, role: Role, username: str) -> User:
    user = User.objects.get_or_create(username=username)[0]
    RoleAssignment.objects.create(user=user, body=org.body, role=role)
    return user


def team_url(period: EvaluationPeriod, org: Body) -> str:
    return reverse("cycles:ranking_team", args=[period.pk, org.head.pk])


def post_scores(
    period: EvaluationPeriod, org: Body, rows: dict[int, list[str]], version: int, **extra: str
) -> dict[str, object]:
    data: dict[str, object] = {"version": str(version), "row": [str(p) for p in rows], **extra}
    for pid, values in rows.items():
        for code, value in zip(
            ("quality", "deadlines", "independence", "discipline"), values, strict=True
        ):
            data[f"s-{pid}-{code}"] = value
        data[f"c-{pid}"] = "ok"
    return data


def test_the_evaluator_saves_a_draft_without_javascript_then_submits() -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    a, b = team_ids(period, org)
    client = client_for(org.head.user)
    page = client.get(team_url(period, org))
    assert page.status_code == 200
    assert (
        "Маман0" in page.content.decode()
        and "Серікбаев" not in page.content.decode().split("<table")[1]
    )
    saved = client.post(
        team_url(period, org), post_scores(period, org, {a: ["5", "4", "", ""]}, 0, do="save")
    )
    assert saved.status_code == 302
    assert RankingEntry.objects.get(participation_id=a).scores == {"quality": 5, "deadlines": 4}
    done = client.post(
        team_url(period, org),
        post_scores(
            period, org, {a: ["5", "4", "4", "3"], b: ["3", "3", "3", "3"]}, 1, do="submit"
        ),
    )
    assert done.status_code == 302
    assert RankingSheet.objects.get().state == "submitted"
    assert Result.objects.count() == 2


def test_htmx_saves_in_place_and_a_refusal_keeps_what_was_typed() -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    a, b = team_ids(period, org)
    client = client_for(org.head.user)
    ok = client.post(
        team_url(period, org),
        post_scores(period, org, {a: ["5", "5", "5", "5"]}, 0, do="save"),
        HTTP_HX_REQUEST="true",
    )
    assert ok.status_code == 200
    assert b'id="ranking-team"' in ok.content and b'name="version" value="1"' in ok.content
    bad = client.post(
        team_url(period, org),
        post_scores(period, org, {a: ["4", "4", "4", "4"], b: ["7", "1", "1", "1"]}, 1, do="save"),
    )
    assert bad.status_code == 400
    text = bad.content.decode()
    assert (
        "Shakhtinsk city maslikhat apparatus methodology, paragraph 31" in text
        and 'value="7"' in text
    )  # the rule, and the typed value
    stale = client.post(
        team_url(period, org), post_scores(period, org, {a: ["1", "1", "1", "1"]}, 0, do="save")
    )
    assert stale.status_code == 409
    assert "Someone else saved" in stale.content.decode() and 'value="1"' in stale.content.decode()
    assert RankingEntry.objects.get(participation_id=a).scores == dict.fromkeys(
        ("quality", "deadlines", "independence", "discipline"), 5
    )


@pytest.mark.parametrize("who", ["colleague", "hr", "appointing", "anonymous"])
def test_only_the_evaluator_opens_and_saves_the_team_page(who: str) -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    users = {
        "colleague": org.staff[1].user,
        "hr": with_role(org, Role.HR, "hr"),
        "appointing": with_role(org, Role.APPOINTING_OFFICIAL, "akim"),
        "anonymous": None,
    }
    client = client_for(users[who])
    a = team_ids(period, org)[0]
    expected = 302 if who == "anonymous" else 403
    assert client.get(team_url(period, org)).status_code == expected
    post = client.post(
        team_url(period, org), post_scores(period, org, {a: ["5", "5", "5", "5"]}, 0)
    )
    assert post.status_code == expected
    assert not RankingEntry.objects.exists()


@pytest.mark.parametrize("size", [2, 7])
def test_the_team_page_query_count_does_not_grow_with_the_team(
    size: int, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    org = shakhtinsk_body(staff=size)
    period = open_quarter(org)
    client = client_for(org.head.user)
    ids = team_ids(period, org)
    saved = client.post(
        team_url(period, org), post_scores(period, org, {p: ["4"] * 4 for p in ids}, 0)
    )
    assert saved.status_code == 302 and RankingEntry.objects.count() == size
    # 7, the unread notices badge, the header's links and the one audit record of the view
    with django_assert_num_queries(10):
        page = client.get(team_url(period, org))
    assert page.content.decode().count('name="row"') == size


def test_the_approver_returns_and_approves_a_submitted_sheet() -> None:
    org = shakhtinsk_body(staff=1)
    period = open_quarter(org)
    (a,) = team_ids(period, org)
    client_for(org.head.user).post(
        team_url(period, org), post_scores(period, org, {a: ["4", "4", "4", "4"]}, 0, do="submit")
    )
    sheet = RankingSheet.objects.get()
    url = reverse("cycles:ranking_review", args=[sheet.pk])
    assert client_for(org.head.user).get(url).status_code == 403
    assert client_for(org.staff[0].user).get(url).status_code == 403
    akim = client_for(with_role(org, Role.APPOINTING_OFFICIAL, "akim"))
    assert akim.get(url).status_code == 200
    assert AuditRecord.objects.filter(action="view", object_type="cycles.result").count() == 1
    refused = akim.post(url, {"decision": "returned", "reason": "", "version": sheet.version})
    assert refused.status_code == 200 and RankingSheet.objects.get().state == "submitted"
    assert (
        akim.post(url, {"decision": "approved", "reason": "", "version": sheet.version}).status_code
        == 302
    )
    assert Result.objects.get().state == "approved"


@pytest.fixture
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_paper_entry_and_the_scan_behind_permission(media: Path) -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    a, _b = team_ids(period, org)
    hr = with_role(org, Role.HR, "hr")
    url = reverse("cycles:ranking_paper", args=[a])
    assert client_for(org.head.user).get(url).status_code == 403
    form = {
        "score_quality": "3", "score_deadlines": "4", "score_independence": "4",
        "score_discipline": "5", "comment": "", "version": "0",
    }  # fmt: skip
    gif = SimpleUploadedFile("sheet.pdf", b"GIF89a", content_type="application/pdf")
    refused = client_for(hr).post(url, form | {"scan": gif})
    assert refused.status_code == 400 and not RankingEntry.objects.exists()
    scan = SimpleUploadedFile("sheet.pdf", PDF, content_type="image/png")
    assert client_for(hr).post(url, form | {"scan": scan}).status_code == 302
    assert RankingEntry.objects.get().on_paper
    scan_url = reverse("cycles:ranking_scan", args=[a])
    for user in (hr, org.staff[0].user, org.head.user):
        got = client_for(user).get(scan_url)
        assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
        assert b"".join(got.streaming_content) == PDF  # type: ignore[attr-defined]
    assert client_for(org.staff[1].user).get(scan_url).status_code == 403
    assert client_for(None).get(scan_url).status_code == 302
    assert AuditRecord.objects.filter(action="view", object_type="cycles.rankingentry").count() == 3
    # no public URL: the file under MEDIA_ROOT is not served by path
    name = RankingEntry.objects.get().scan.name
    assert (media / name).exists()
    assert client_for(hr).get(f"/media/{name}").status_code == 404

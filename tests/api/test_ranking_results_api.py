"""Ranking sheets, results and bonus points through the API: the team sheet saved and
submitted, its review, results only for those R-CONFIDENTIAL names with every view
logged, bonus awards by the direct manager."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.accounts.models import Role
from bagalau.audit.models import AuditRecord
from bagalau.cycles.models import BonusAward, Participation, RankingEntry, RankingSheet, Result
from tests.api.helpers import api, error
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.test_bonus_points import almaty_quarter
from tests.cycles.test_ranking_pages import with_role
from tests.cycles.test_ranking_services import open_quarter, scores, team_ids
from tests.cycles.test_results_pages import other_body_user, ranked

pytestmark = pytest.mark.django_db

FULL = {"quality": "5", "deadlines": "4", "independence": "4", "discipline": "3"}


def test_the_evaluator_saves_the_team_sheet_then_submits_it() -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    a, b = team_ids(period, org)
    url = reverse("api:ranking_team", args=[period.pk, org.head.pk])
    head = api(org.head.user)
    page = head.get(url).json()
    assert (page["version"], page["sheet"], page["scale_min"], page["scale_max"]) == (0, None, 0, 5)
    assert [r["participation"] for r in page["rows"]] == [a, b]
    assert [p["code"] for p in page["parameters"]] == [
        "quality",
        "deadlines",
        "independence",
        "discipline",
    ]
    draft = {
        "version": 0,
        "entries": [{"participation": a, "scores": {"quality": "5", "deadlines": "4"}}],
    }
    saved = head.put(url, draft, format="json")
    assert saved.status_code == 200
    assert saved.json()["version"] == 1
    assert RankingEntry.objects.get(participation_id=a).scores == {"quality": 5, "deadlines": 4}
    bad = {"version": 1, "entries": [{"participation": b, "scores": FULL | {"quality": "7"}}]}
    refused = head.put(url, bad, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "score_out_of_range"
    assert RankingEntry.objects.filter(participation_id=b).count() == 0
    stale = head.put(url, draft, format="json")
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_version"
    everyone = {"version": 1, "entries": [
        {"participation": a, "scores": FULL}, {"participation": b, "scores": FULL},
    ]}  # fmt: skip
    assert head.put(url, everyone, format="json").status_code == 200
    submit = reverse("api:ranking_team_submit", args=[period.pk, org.head.pk])
    done = head.post(submit, {"version": 2}, format="json")
    assert done.status_code == 200
    assert done.json()["sheet"]["state"] == "submitted"
    assert Result.objects.count() == 2


def test_only_the_evaluator_may_open_the_team_sheet() -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    url = reverse("api:ranking_team", args=[period.pk, org.head.pk])
    hr = with_role(org, Role.HR, "hr")
    for refused in (hr, org.staff[0].user):
        assert api(refused).get(url).status_code == 403
        assert (
            api(refused).put(url, {"version": 0, "entries": []}, format="json").status_code == 403
        )
    assert not RankingSheet.objects.exists()
    submit = reverse("api:ranking_team_submit", args=[period.pk, org.head.pk])
    assert api(org.head.user).post(submit, {"version": 0}, format="json").status_code == 404


def test_review_approves_or_returns_with_a_reason() -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    sheet = ranked(org, period, [scores(5, 4, 4, 3), scores(3, 3, 3, 2)], approve=False)
    url = reverse("api:ranking_sheet", args=[sheet.pk])
    assert api(org.head.user).get(url).status_code == 403
    hr = api(with_role(org, Role.HR, "hr"))
    before = AuditRecord.objects.filter(action="view").count()
    page = hr.get(url).json()
    # each result shown, and the sheet with both people's scores once
    assert AuditRecord.objects.filter(action="view").count() == before + 3
    assert AuditRecord.objects.filter(action="view", object_type="cycles.rankingsheet").count() == 1
    assert [r["result"]["score"] for r in page["rows"]] == ["4.00", "2.75"]
    no_reason = hr.post(url, {"version": sheet.version, "decision": "returned"}, format="json")
    assert no_reason.status_code == 400
    assert no_reason.json() == error(
        "invalid",
        "The request has errors. Correct the fields named.",
        fields={"reason": ["Say what is to be corrected."]},
    )
    done = hr.post(url, {"version": sheet.version, "decision": "approved"}, format="json")
    assert done.status_code == 200
    assert done.json()["sheet"]["state"] == "approved"
    assert set(Result.objects.values_list("state", flat=True)) == {"approved"}


@pytest.mark.parametrize(
    ("who", "status", "listed"),
    [
        ("self", 200, 1), ("evaluator", 200, 2), ("hr", 200, 2), ("appointing", 200, 2),
        ("colleague", 403, 1), ("auditor", 403, 0), ("other_body", 403, 0), ("anonymous", 401, None),
    ],
)  # fmt: skip
def test_results_only_for_those_r_confidential_names_each_view_logged(
    who: str, status: int, listed: int | None
) -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    ranked(org, period, [scores(5, 4, 4, 3), scores(3, 3, 3, 2)], approve=True)
    users = {
        "self": org.staff[0].user,
        "evaluator": org.head.user,
        "hr": with_role(org, Role.HR, "hr"),
        "appointing": with_role(org, Role.APPOINTING_OFFICIAL, "akim"),
        "colleague": org.staff[1].user,
        "auditor": with_role(org, Role.AUDITOR, "auditor"),
        "other_body": other_body_user(),
        "anonymous": None,
    }
    client = api(users[who])
    target = Participation.objects.get(period=period, employee=org.staff[0])
    views = AuditRecord.objects.filter(action="view")
    response = client.get(reverse("api:result", args=[target.pk]))
    assert response.status_code == status
    if status != 200:
        assert views.count() == 0
    else:
        result = Result.objects.get(participation=target)
        record = views.get()
        assert (record.object_type, record.object_id, record.actor) == (
            "cycles.result",
            str(result.pk),
            users[who],
        )
        data = response.json()["results"][0]
        assert (data["score"], data["band"], data["state"]) == ("4.00", "effective", "approved")
        assert data["band_names"] == {
            "kk": "Функционалдық міндеттерін тиімді атқарады",
            "ru": "Эффективно исполняет функциональные обязанности",
        }
        assert "Shakhtinsk city maslikhat apparatus methodology, paragraph 32" in data["cites"]
        assert response.json()["annual"]["pending"] == []
    logged = views.count()
    listing = client.get(reverse("api:results"))
    if listed is None:
        assert listing.status_code == 401
        return
    assert listing.json()["count"] == listed
    assert views.count() == logged + listed  # each result listed is a view, logged


def test_the_results_list_filters_by_period_and_refuses_a_bad_filter() -> None:
    org = shakhtinsk_body(staff=1)
    q1, q2 = open_quarter(org, "2024-Q1"), open_quarter(org, "2024-Q2")
    ranked(org, q1, [scores(5, 4, 4, 3)], approve=True)
    ranked(org, q2, [scores(4, 3, 4, 3)], approve=True)
    client = api(org.staff[0].user)
    assert client.get(reverse("api:results")).json()["count"] == 2
    only = client.get(reverse("api:results"), {"period": q2.pk}).json()
    assert [r["period"] for r in only["results"]] == ["2024-Q2"]
    bad = client.get(reverse("api:results"), {"period": "x"})
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"] == {"period": ["A valid integer is required."]}


def test_bonus_awards_by_the_direct_manager_with_the_total() -> None:
    org, person = almaty_quarter()
    url = reverse("api:bonus", args=[person.pk])
    head = api(org.head.user)
    created = head.post(url, {"points": 5, "activity": 0, "evidence": "order No. 5"}, format="json")
    assert created.status_code == 201
    data = created.json()
    assert data["total"] == 5 and data["cites"] == [
        "Almaty region akimat resolution No. 266, appendix 1-1"
    ]
    assert data["awards"][0]["evidence"] == "order No. 5"
    refused = head.post(url, {"points": 7, "activity": 0, "evidence": "x"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "bonus_level_unknown"
    hr = with_role(org, Role.HR, "hr")
    assert api(hr).get(url).json()["total"] == 5
    assert (
        api(hr).post(url, {"points": 1, "activity": 0, "evidence": "x"}, format="json").status_code
        == 403
    )
    assert api(org.staff[1].user).get(url).status_code == 403
    assert BonusAward.objects.count() == 1


def test_the_direct_manager_withdraws_an_award_once() -> None:
    org, person = almaty_quarter()
    head = api(org.head.user)
    url = reverse("api:bonus", args=[person.pk])
    award = head.post(url, {"points": 3, "activity": 1, "evidence": "order 7"}, format="json")
    award_id = award.json()["awards"][0]["id"]
    one = reverse("api:bonus_award", args=[person.pk, award_id])
    assert api(org.staff[0].user).delete(one).status_code == 403
    done = head.delete(one)
    assert done.status_code == 200 and done.json()["awards"] == []
    again = head.delete(one)
    assert again.status_code == 409 and again.json()["error"]["code"] == "stale_version"
    assert not BonusAward.objects.exists()
    assert AuditRecord.objects.filter(object_type="cycles.bonusaward", action="delete").count() == 1

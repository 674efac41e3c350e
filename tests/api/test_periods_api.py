"""Periods through the API: the list of the user's bodies' periods, one period with its
deadlines, the people in it, opening a period; refusals in the one error format."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.accounts.models import Role
from bagalau.audit.models import AuditRecord
from bagalau.cycles.models import EvaluationPeriod
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from tests.api.helpers import api, error, role_user, token_client
from tests.cycles.factories import shakhtinsk_body

pytestmark = pytest.mark.django_db

PERIODS = reverse("api:periods")


def test_hr_opens_a_quarter_and_reads_it_back() -> None:
    org = shakhtinsk_body(staff=2)
    hr = api(role_user("hr", Role.HR, org.body))
    response = hr.post(PERIODS, {"body": org.body.code, "period": "2024-Q1"}, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    period = EvaluationPeriod.objects.get()
    assert data["id"] == period.pk
    assert (data["code"], data["body"], data["status"], data["participants"]) == (
        "2024-Q1",
        org.body.code,
        "open",
        3,
    )
    assert data["schedule_state"] == "draft"
    assert data["deadlines"] and all(d["cite"] for d in data["deadlines"])
    assert data["by_method"] == [
        {"code": "kpi", "label": "KPI achievement", "count": 1},
        {"code": "ranking", "label": "ranking", "count": 2},
    ]
    assert data["deadlines"][0] == {
        "rule": "kpi_plan",
        "name": "Set KPIs in the individual work plan",
        "due": "2024-01-16",
        "planned": "2024-01-16",
        "cite": "Shakhtinsk city maslikhat apparatus methodology, paragraph 22",
        "unverified": False,
    }
    listed = hr.get(PERIODS).json()
    assert listed["count"] == 1 and listed["results"][0]["code"] == "2024-Q1"
    people = hr.get(reverse("api:period_participations", args=[period.pk])).json()
    assert people["count"] == 3
    assert [(r["name"], r["methods"], r["evaluator"]) for r in people["results"]] == [
        ("Маман0 Айгерим", ["ranking"], org.head.pk),
        ("Маман1 Айгерим", ["ranking"], org.head.pk),
        ("Серікбаев Айгерим", ["kpi"], None),
    ]


def test_opening_twice_is_refused_with_the_rule_and_nothing_changes() -> None:
    org = shakhtinsk_body(staff=1)
    hr_user = role_user("hr", Role.HR, org.body)
    do_open_period(actor=hr_user, body=org.body, period=Period(2024, 1))
    before = AuditRecord.objects.count()
    response = api(hr_user).post(
        PERIODS, {"body": org.body.code, "period": "2024-Q1"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == error(
        "period_already_open",
        "The period 2024-Q1 is already open for this body. Open it from the list of periods.",
    )
    assert AuditRecord.objects.count() == before
    assert EvaluationPeriod.objects.count() == 1


def test_a_bad_period_and_missing_fields_are_named() -> None:
    org = shakhtinsk_body(staff=1)
    hr = api(role_user("hr", Role.HR, org.body))
    response = hr.post(PERIODS, {"body": org.body.code, "period": "2024-Q9"}, format="json")
    assert response.status_code == 400
    assert response.json() == error(
        "bad_period",
        "“2024-Q9” is not a valid period. Write a year (2026) or a quarter (2026-Q1).",
    )
    response = hr.post(PERIODS, {"body": org.body.code}, format="json")
    assert response.status_code == 400
    assert response.json() == error(
        "invalid",
        "The request has errors. Correct the fields named.",
        fields={"period": ["This field is required."]},
    )
    assert not EvaluationPeriod.objects.exists()


def test_refusals_401_403_404_405_in_the_one_format() -> None:
    org = shakhtinsk_body(staff=1)
    do_open_period(actor=role_user("hr", Role.HR, org.body), body=org.body, period=Period(2024, 1))
    period = EvaluationPeriod.objects.get()
    url = reverse("api:period", args=[period.pk])
    anonymous = api(None).get(url)
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"
    assert anonymous.json() == error(
        "not_authenticated", "Sign in, or send a valid token in the Authorization header."
    )
    staff = api(org.staff[0].user).get(url)
    assert staff.status_code == 403
    assert staff.json() == error("permission_denied", "You are not allowed to do this.")
    opening = api(org.staff[0].user).post(
        PERIODS, {"body": org.body.code, "period": "2024-Q2"}, format="json"
    )
    assert opening.status_code == 403
    missing = api(org.staff[0].user).get(reverse("api:period", args=[period.pk + 100]))
    assert missing.status_code == 404
    assert missing.json() == error(
        "not_found", "Nothing is found at this address, or it does not exist any more."
    )
    wrong = api(org.staff[0].user).delete(url)
    assert wrong.status_code == 405
    assert wrong.json() == error(
        "method_not_allowed", "This address does not accept the method used."
    )
    assert EvaluationPeriod.objects.count() == 1


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "“2024-Q9” is not a valid period. Write a year (2026) or a quarter (2026-Q1)."),
        ("ru", "«2024-Q9» — некорректный период. Укажите год (2026) или квартал (2026-Q1)."),
        ("kk", "«2024-Q9» — қате кезең. Жылды (2026) немесе тоқсанды (2026-Q1) жазыңыз."),
    ],
)
def test_messages_follow_accept_language(lang: str, message: str) -> None:
    org = shakhtinsk_body(staff=1)
    hr = api(role_user("hr", Role.HR, org.body), lang=lang)
    response = hr.post(PERIODS, {"body": org.body.code, "period": "2024-Q9"}, format="json")
    assert response.status_code == 400
    assert response.json() == error("bad_period", message)


def test_a_token_signs_an_integration_in_and_csrf_guards_the_session() -> None:
    org = shakhtinsk_body(staff=1)
    hr_user = role_user("hr", Role.HR, org.body)
    by_token = token_client(hr_user).post(
        PERIODS, {"body": org.body.code, "period": "2024-Q1"}, format="json"
    )
    assert by_token.status_code == 201
    browser = APIClient(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(hr_user)
    refused = browser.post(PERIODS, {"body": org.body.code, "period": "2024-Q2"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"
    assert EvaluationPeriod.objects.count() == 1


def test_the_list_holds_only_the_users_bodies_and_is_paginated() -> None:
    org = shakhtinsk_body(staff=1)
    hr_user = role_user("hr", Role.HR, org.body)
    for quarter in (1, 2, 3):
        do_open_period(actor=hr_user, body=org.body, period=Period(2024, quarter))
    page = api(hr_user).get(PERIODS, {"page_size": 2}).json()
    assert page["count"] == 3 and [r["code"] for r in page["results"]] == ["2024-Q3", "2024-Q2"]
    assert api(org.staff[0].user).get(PERIODS).json()["count"] == 0
    other = role_user("auditor", Role.AUDITOR, org.body)
    assert api(other).get(PERIODS, {"body": "elsewhere"}).json()["count"] == 0


def test_a_wrong_token_is_refused_in_the_one_format() -> None:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get(PERIODS)
    assert response.status_code == 401
    assert response.json() == error(
        "authentication_failed", "The token or the sign-in is not valid. Sign in again."
    )

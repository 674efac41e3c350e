"""The API's lists answer in a fixed number of queries, whatever their length."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from bagalau.accounts.models import Role
from bagalau.audit.models import AuditRecord
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from tests.api.helpers import api, role_user
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.test_ranking_services import open_quarter, scores
from tests.cycles.test_results_pages import ranked

pytestmark = pytest.mark.django_db

# session, user, count (the bodies and their grants are subqueries), page of periods
PERIODS_QUERIES = 4
# session, user, period, permission, count, page of people
PARTICIPATIONS_QUERIES = 6


# session, user, own employee, count, page of results, the audit records in one insert
# (PostgreSQL receives those by COPY, which the query counter does not see)
def results_queries() -> int:
    return 5 if connection.vendor == "postgresql" else 6


@pytest.mark.parametrize("quarters", [1, 4])
def test_the_period_list(quarters: int, django_assert_num_queries: Any) -> None:
    org = shakhtinsk_body(staff=1)
    hr = role_user("hr", Role.HR, org.body)
    for quarter in range(1, quarters + 1):
        do_open_period(actor=hr, body=org.body, period=Period(2024, quarter))
    client = api(hr)
    with django_assert_num_queries(PERIODS_QUERIES):
        assert client.get(reverse("api:periods")).json()["count"] == quarters


@pytest.mark.parametrize("size", [3, 60])
def test_the_people_of_a_period(size: int, django_assert_num_queries: Any) -> None:
    org = shakhtinsk_body(staff=size)
    hr = role_user("hr", Role.HR, org.body)
    period = do_open_period(actor=hr, body=org.body, period=Period(2024, 1))
    client = api(hr)
    url = reverse("api:period_participations", args=[period.pk])
    with django_assert_num_queries(PARTICIPATIONS_QUERIES):
        assert len(client.get(url).json()["results"]) == min(size + 1, 50)


@pytest.mark.parametrize("size", [1, 12])
def test_the_results_list(size: int, django_assert_num_queries: Any) -> None:
    org = shakhtinsk_body(staff=size)
    period = open_quarter(org)
    ranked(org, period, [scores(5, 4, 4, 3)] * size, approve=True)
    client = api(org.head.user)  # the evaluator sees the whole team's
    views = AuditRecord.objects.filter(action="view")
    with django_assert_num_queries(results_queries()):
        assert client.get(reverse("api:results")).json()["count"] == size
    assert views.count() == size

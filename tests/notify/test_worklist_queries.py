"""The start page costs the same queries for every role whatever the body's size
(R-SCALE): the worklist reads every evaluation of the user's bodies set-based."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.cycles.models import RankingSheet
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.period_pages import EN, client_for_user

pytestmark = pytest.mark.django_db


def role_user(username: str, role: Role, body: object) -> User:
    account = User.objects.create_user(username, password="pw-for-tests-only")
    RoleAssignment.objects.create(user=account, body=body, role=role)
    return account


# session, user, the worklist's (roles, periods, the progress rows' eight, the body
# roles, the superior managers' two when a step waits for one), my_work's own queries
# (employee, evaluated rows, KPI candidates, own periods and results), the header's
# links and the unread notices badge. A commission member's bodies have no period to
# read here (nothing of the cycle is theirs yet).
QUERIES = {"evaluator": 19, "employee": 19, "hr": 15, "official": 15, "commission": 7}


@pytest.mark.parametrize("role", list(QUERIES))
@pytest.mark.parametrize("size", [2, 25])
def test_the_start_page_costs_the_same_queries_for_each_role(
    role: str,
    size: int,
    django_assert_num_queries: DjangoAssertNumQueries,
    clock_at: object,
) -> None:
    org = shakhtinsk_body(staff=size)
    hr = role_user("hr-officer", Role.HR, org.body)
    period = do_open_period(actor=hr, body=org.body, period=Period(2024, 1))
    RankingSheet.objects.create(period=period, evaluator=org.head, state="submitted")
    accounts = {
        "evaluator": org.head.user,
        "employee": org.staff[0].user,
        "hr": hr,
        "official": role_user("akim", Role.APPOINTING_OFFICIAL, org.body),
        "commission": role_user("member", Role.COMMISSION_MEMBER, org.body),
    }
    clock_at(date(2024, 3, 20))  # type: ignore[operator]
    client = client_for_user(accounts[role])
    with django_assert_num_queries(QUERIES[role]):
        assert client.get(reverse("home"), headers=EN).status_code == 200

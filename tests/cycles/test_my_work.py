"""The start page leads each employee to their work: the evaluator to the team page and
the KPI plans, the approver to the plans to approve, everyone to their own results."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.cycles.models import Participation
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.kpi_people import shakhtinsk_head, user
from tests.cycles.period_pages import EN, client_for_user

pytestmark = pytest.mark.django_db


def home(account: object) -> str:
    return client_for_user(account).get(reverse("home"), headers=EN).content.decode()  # type: ignore[arg-type]


def test_the_evaluator_finds_the_team_and_the_kpi_plan_the_person_their_result() -> None:
    world = shakhtinsk_head("2024-Q1")
    period = world.participation.period
    staff = Participation.objects.get(period=period, employee=world.colleague)

    head_page = home(user(world.person))  # the head of apparatus ranks the staff
    team = reverse("cycles:ranking_team", args=[period.pk, world.person.pk])
    assert f'<a href="{team}">Evaluate my team for 2024-Q1</a>' in head_page
    assert reverse("cycles:result", args=[world.participation.pk]) in head_page  # own result
    assert reverse("cycles:kpi_plan", args=[world.participation.pk]) not in head_page

    chair_page = home(user(world.evaluator))  # the chair drafts and approves the head's KPIs
    assert reverse("cycles:kpi_plan", args=[world.participation.pk]) in chair_page
    assert reverse("cycles:kpi_sheet", args=[world.participation.pk]) in chair_page
    assert "Evaluate my team" not in chair_page  # nobody the chair ranks

    staff_page = home(user(world.colleague))
    assert reverse("cycles:result", args=[staff.pk]) in staff_page
    assert "My team" not in staff_page and "/kpi/" not in staff_page


def test_nothing_is_shown_to_a_visitor() -> None:
    from django.test import Client

    html = Client().get(reverse("home"), headers=EN).content.decode()
    assert "My results" not in html and "My team" not in html


@pytest.mark.parametrize("staff", [2, 25])
def test_the_start_page_costs_the_same_queries_at_any_team_size(
    staff: int, django_assert_num_queries: object
) -> None:
    org = shakhtinsk_body(staff=staff)
    do_open_period(actor=org.head.user, body=org.body, period=Period(2024, 1))  # type: ignore[arg-type]
    client = client_for_user(org.head.user)
    # session, user, employee, evaluated rows, KPI candidates below, own periods and their
    # results (no KPI candidate here, so no permission query), the worklist (roles,
    # periods, the progress rows' eight, the body roles, the superior managers' two),
    # the header's links, the unread notices badge
    with django_assert_num_queries(START_PAGE_QUERIES):  # type: ignore[operator]
        assert client.get(reverse("home"), headers=EN).status_code == 200


START_PAGE_QUERIES = 19

"""Pages of evaluation periods: HR opens a quarter, viewers see who is evaluated and how,
everyone else is refused (R-CONFIDENTIAL); the list costs the same queries at any size."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from bagalau.accounts.models import Role
from bagalau.cycles.models import EvaluationPeriod, Participation, RankingSheet, ScheduleItem
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from bagalau.orgs.models import Absence
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.period_pages import EN, client_for_user, client_with_role

pytestmark = pytest.mark.django_db


def periods_url(code: str) -> str:
    return reverse("cycles:periods", args=[code])


def test_hr_opens_a_quarter_and_sees_everyone_with_method_status_and_basis() -> None:
    org = shakhtinsk_body(staff=3)
    Absence.objects.create(
        employee=org.staff[0], kind="labour_leave", start=date(2024, 4, 1), end=date(2024, 4, 20)
    )
    hr = client_with_role("hr", Role.HR, org.body)

    page = hr.get(periods_url(org.body.code), headers=EN)
    assert page.status_code == 200
    assert "Open a period" in page.content.decode()

    response = hr.post(periods_url(org.body.code), {"year": "2024", "quarter": "1"}, headers=EN)
    assert response.status_code == 302
    assert response["Location"] == reverse("cycles:period", args=[org.body.code, "2024-Q1"])
    opened = EvaluationPeriod.objects.get(body=org.body)
    assert (opened.year, opened.quarter, opened.pack_id) == (2024, 1, "shakhtinsk-2023")
    assert Participation.objects.filter(period=opened).count() == 4

    html = hr.get(response["Location"], headers=EN).content.decode()
    assert "The period 2024-Q1 is open." in html
    assert "Маман1 Айгерим" in html  # names in Russian on English pages
    assert "Главный специалист (E-4)" in html
    assert (
        'Ranking <span class="note">— Shakhtinsk city maslikhat apparatus methodology, paragraph 28'
        in html
    )
    assert (
        'KPI achievement <span class="note">— Shakhtinsk city maslikhat apparatus methodology, paragraph 21'
        in html
    )
    assert "Evaluated without participation" in html
    assert (
        'Absent during the evaluation <span class="note">— Shakhtinsk city maslikhat apparatus methodology, paragraph 5'
        in html
    )
    assert "Evaluated: 3" in html and "Evaluated without participation: 1" in html
    assert "Ranking: 3" in html and "KPI achievement: 1" in html

    listing = hr.get(periods_url(org.body.code), headers=EN).content.decode()
    assert "2024-Q1" in listing and "shakhtinsk-2023" in listing


def test_names_are_shown_in_kazakh_on_kazakh_pages() -> None:
    org = shakhtinsk_body(staff=1)
    do_open_period(actor=org.head.user, body=org.body, period=Period(2024, 1))  # type: ignore[arg-type]
    hr = client_with_role("hr", Role.HR, org.body)
    url = reverse("cycles:period", args=[org.body.code, "2024-Q1"])
    html = hr.get(url, headers={"accept-language": "kk"}).content.decode()
    assert "Маман0 Айгерім" in html and "Бас маман" in html


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"year": "20x4", "quarter": "1"}, "Write the year as four digits, for example 2024."),
        ({"year": "2024", "quarter": "5"}, "Select a valid choice."),
        ({"year": "99999", "quarter": "1"}, "“99999-Q1” is not a valid period."),
        (
            {"year": "2016", "quarter": "2"},
            "No methodology of shakhtinsk-maslikhat is in force on 30.06.2016.",
        ),
    ],
)
def test_bad_period_input_is_refused_with_a_message_and_the_input_kept(
    form: dict[str, str], expected: str
) -> None:
    org = shakhtinsk_body(staff=1)
    hr = client_with_role("hr", Role.HR, org.body)
    response = hr.post(periods_url(org.body.code), form, headers=EN)
    assert response.status_code == 400
    html = response.content.decode()
    assert expected in html
    assert f'value="{form["year"]}"' in html
    assert not EvaluationPeriod.objects.exists()
    assert not Participation.objects.exists()


def test_a_period_opened_twice_is_refused_and_nothing_changes() -> None:
    org = shakhtinsk_body(staff=2)
    hr = client_with_role("hr", Role.HR, org.body)
    hr.post(periods_url(org.body.code), {"year": "2024", "quarter": "2"})
    response = hr.post(periods_url(org.body.code), {"year": "2024", "quarter": "2"}, headers=EN)
    assert response.status_code == 400
    assert "The period 2024-Q2 is already open for this body." in response.content.decode()
    assert EvaluationPeriod.objects.count() == 1
    assert Participation.objects.count() == 3


def test_a_whole_year_can_be_opened() -> None:
    org = shakhtinsk_body(staff=1)
    hr = client_with_role("hr", Role.HR, org.body)
    response = hr.post(periods_url(org.body.code), {"year": "2024", "quarter": "0"})
    assert response["Location"] == reverse("cycles:period", args=[org.body.code, "2024"])
    assert EvaluationPeriod.objects.get().quarter == 0


@pytest.mark.parametrize("role", [Role.APPOINTING_OFFICIAL, Role.AUDITOR])
def test_viewers_see_the_list_but_cannot_open(role: Role) -> None:
    org = shakhtinsk_body(staff=1)
    do_open_period(actor=org.head.user, body=org.body, period=Period(2024, 1))  # type: ignore[arg-type]
    viewer = client_with_role("viewer", role, org.body)
    page = viewer.get(periods_url(org.body.code), headers=EN)
    assert page.status_code == 200
    assert "Open a period" not in page.content.decode()
    assert viewer.get(reverse("cycles:period", args=[org.body.code, "2024-Q1"])).status_code == 200
    refused = viewer.post(periods_url(org.body.code), {"year": "2024", "quarter": "2"})
    assert refused.status_code == 403
    assert EvaluationPeriod.objects.count() == 1


def test_employees_commission_members_and_other_bodies_are_refused() -> None:
    org = shakhtinsk_body(staff=2)
    do_open_period(actor=org.head.user, body=org.body, period=Period(2024, 1))  # type: ignore[arg-type]
    period_url = reverse("cycles:period", args=[org.body.code, "2024-Q1"])
    schedule_url = reverse("cycles:schedule", args=[org.body.code, "2024-Q1"])
    refused = [
        client_for_user(org.staff[0].user),  # results are confidential (R-CONFIDENTIAL)
        client_for_user(org.head.user),  # the head of apparatus holds no role here
        client_with_role("member", Role.COMMISSION_MEMBER, org.body),
        client_with_role("stranger", None, org.body),
    ]
    for client in refused:
        for url in (periods_url(org.body.code), period_url, schedule_url):
            assert client.get(url).status_code == 403, url
        assert (
            client.post(periods_url(org.body.code), {"year": "2024", "quarter": "2"}).status_code
            == 403
        )
    anonymous = client_with_role("x", None, org.body)
    anonymous.logout()
    assert anonymous.get(period_url).status_code == 302
    assert EvaluationPeriod.objects.count() == 1


def test_an_unknown_period_is_not_found() -> None:
    org = shakhtinsk_body(staff=1)
    hr = client_with_role("hr", Role.HR, org.body)
    assert hr.get(reverse("cycles:period", args=[org.body.code, "2024-Q3"])).status_code == 404
    assert hr.get(reverse("cycles:period", args=[org.body.code, "spring"])).status_code == 404


def test_the_body_page_links_to_periods_only_for_those_who_may_see_them() -> None:
    org = shakhtinsk_body(staff=1)
    link = f'href="{periods_url(org.body.code)}"'
    body_url = reverse("orgs:body", args=[org.body.code])
    hr = client_with_role("hr", Role.HR, org.body)
    assert link in hr.get(body_url).content.decode()
    employee_page = client_for_user(org.staff[0].user).get(body_url)
    assert employee_page.status_code == 200
    assert link not in employee_page.content.decode()


def test_get_changes_nothing() -> None:
    org = shakhtinsk_body(staff=1)
    hr = client_with_role("hr", Role.HR, org.body)
    hr.get(periods_url(org.body.code), {"year": "2024", "quarter": "1"})
    assert not EvaluationPeriod.objects.exists()
    assert not ScheduleItem.objects.exists()


def test_the_list_is_paginated() -> None:
    org = shakhtinsk_body(staff=55)
    do_open_period(actor=org.head.user, body=org.body, period=Period(2024, 1))  # type: ignore[arg-type]
    hr = client_with_role("hr", Role.HR, org.body)
    url = reverse("cycles:period", args=[org.body.code, "2024-Q1"])
    first = hr.get(url, headers=EN).content.decode()
    assert "Page 1 of 2" in first and "56 people" in first
    second = hr.get(url, {"page": "2"}, headers={**EN, "hx-request": "true"}).content.decode()
    assert "<html" not in second and "Page 2 of 2" in second
    assert second.count("<tr>") + second.count('<tr class="unverified">') == 1 + 6


@pytest.mark.parametrize("size", [3, 60])
def test_period_page_query_count_does_not_grow(
    size: int, django_assert_num_queries: object
) -> None:
    org = shakhtinsk_body(staff=size)
    do_open_period(actor=org.head.user, body=org.body, period=Period(2024, 1))  # type: ignore[arg-type]
    hr = client_with_role("hr", Role.HR, org.body)
    url = reverse("cycles:period", args=[org.body.code, "2024-Q1"])
    with django_assert_num_queries(PERIOD_PAGE_QUERIES):  # type: ignore[operator]
        assert hr.get(url).status_code == 200


# session, user, body, permission check, period with schedule, counts, page count, page rows,
# the user's roles deciding every row's links at once, may review sheets, the sheets,
# whether the user may close the period, its close run if any, whether the user may record
# familiarization (the link to that list), unread notices badge, the header's links
PERIOD_PAGE_QUERIES = 16


def test_rows_link_to_the_pages_each_viewer_may_open() -> None:
    """HR reaches the KPI plan and sheet, the paper entry and the result of each person;
    the appointing official reaches results and the sheets to review, not KPI pages; the
    auditor sees the list without a link to anything confidential."""
    org = shakhtinsk_body(staff=2)
    opened = do_open_period(actor=org.head.user, body=org.body, period=Period(2024, 1))  # type: ignore[arg-type]
    head = Participation.objects.get(period=opened, employee=org.head)
    staff = Participation.objects.get(period=opened, employee=org.staff[0])
    RankingSheet.objects.create(period=opened, evaluator=org.head, state="submitted")
    url = reverse("cycles:period", args=[org.body.code, "2024-Q1"])

    def links(client: object) -> set[str]:
        html = client.get(url, headers=EN).content.decode()  # type: ignore[attr-defined]
        return set(re.findall(r'href="(/[^"]*(?:participations|ranking-sheets)/[^"]*)"', html))

    hr = links(client_with_role("hr", Role.HR, org.body))
    assert {
        reverse("cycles:kpi_plan", args=[head.pk]),
        reverse("cycles:kpi_sheet", args=[head.pk]),
        reverse("cycles:result", args=[head.pk]),
        reverse("cycles:ranking_paper", args=[staff.pk]),
        reverse("cycles:result", args=[staff.pk]),
        reverse("cycles:ranking_review", args=[RankingSheet.objects.get().pk]),
    } <= hr
    assert reverse("cycles:kpi_plan", args=[staff.pk]) not in hr
    assert reverse("cycles:ranking_paper", args=[head.pk]) not in hr

    appointing = links(client_with_role("appointing", Role.APPOINTING_OFFICIAL, org.body))
    assert reverse("cycles:result", args=[head.pk]) in appointing
    assert reverse("cycles:ranking_review", args=[RankingSheet.objects.get().pk]) in appointing
    assert not any("/kpi/" in link or "/paper/" in link for link in appointing)

    assert links(client_with_role("auditor", Role.AUDITOR, org.body)) == set()

    EvaluationPeriod.objects.filter(pk=opened.pk).update(status="closed")
    closed = links(client_with_role("hr2", Role.HR, org.body))
    assert reverse("cycles:result", args=[staff.pk]) in closed
    assert not any("/paper/" in link for link in closed)  # no entry into a closed period

"""The cycle's lists through the shared list query: the body's periods, a period's
participants and HR's familiarization list search, sort, page and export exactly the
rows shown, at a fixed number of queries; the period page links to familiarization."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pytest_django import DjangoAssertNumQueries

from bagalau.accounts.models import Role
from bagalau.core import clock
from bagalau.cycles.models import EvaluationPeriod
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.period_pages import EN, client_with_role
from tests.cycles.test_familiarize_pages import client_for, hr_of, list_url, period_of_size

pytestmark = pytest.mark.django_db
RU = {"accept-language": "ru"}


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def opened_body(staff: int = 3, periods: tuple[Period, ...] = (Period(2024, 1),)):  # type: ignore[no-untyped-def]
    org = shakhtinsk_body(staff=staff)
    for period in periods:
        do_open_period(actor=org.head.user, body=org.body, period=period)  # type: ignore[arg-type]
    return org


def test_the_periods_sort_search_and_export() -> None:
    org = opened_body(periods=(Period(2024, 1), Period(2024, 2), Period(2023, 4)))
    hr = client_with_role("hr", Role.HR, org.body)
    url = reverse("cycles:periods", args=[org.body.code])
    html = hr.get(url, {"sort": "period"}, headers=EN).content.decode()
    assert html.index(">2023-Q4<") < html.index(">2024-Q1<") < html.index(">2024-Q2<")
    assert '<th scope="col" aria-sort="ascending">' in html
    found = hr.get(url, {"q": "2024", "export": "csv", "sort": "-opened"}, headers=RU)
    table = csv_rows(found.content)
    assert table[0][:3] == ["Период", "Версия методики", "Статус"]
    assert [r[0] for r in table[1:]] == ["2024-Q2", "2024-Q1"]  # the last opened first
    opened_at = EvaluationPeriod.objects.get(year=2024, quarter=2).opened_at
    # the day it was opened in the site's time zone, as the page shows it
    assert table[1][5] == f"{clock.local_day(opened_at):%d.%m.%Y}" and table[1][3] == "4"
    book = load_workbook(io.BytesIO(hr.get(url, {"export": "xlsx"}, headers=EN).content))
    assert [r[0] for r in book.active.iter_rows(min_row=2, values_only=True)] == [
        "2024-Q2", "2024-Q1", "2023-Q4",
    ]  # fmt: skip
    html = hr.get(url, {"q": "1999"}, headers=EN).content.decode()
    assert "No period matches the search." in html


def test_a_period_page_sorts_searches_and_exports_its_participants() -> None:
    org = opened_body(staff=4)
    hr = client_with_role("hr", Role.HR, org.body)
    url = reverse("cycles:period", args=[org.body.code, "2024-Q1"])
    html = hr.get(url, {"q": "Маман2"}, headers=EN).content.decode()
    assert "Маман2 Айгерим" in html and "Маман1 Айгерим" not in html
    assert "export=csv" in html and "q=%D0%9C" in html  # the export keeps the search
    table = csv_rows(hr.get(url, {"sort": "-name", "export": "csv"}, headers=EN).content)
    assert table[0] == ["Employee", "Position", "Category", "Method", "Status",
                        "Reason and basis"]  # fmt: skip
    names = [r[0] for r in table[1:]]
    assert len(names) == 5 and names == sorted(names, reverse=True)
    assert "Ranking" in {r[3] for r in table[1:]}


def test_the_familiarization_list_is_linked_from_the_period_page_for_hr_only() -> None:
    org = opened_body()
    period = EvaluationPeriod.objects.get(body=org.body)
    target = reverse("cycles:familiarization_list", args=[period.pk])
    url = reverse("cycles:period", args=[org.body.code, "2024-Q1"])
    hr = client_with_role("hr", Role.HR, org.body)
    assert target in hr.get(url, headers=EN).content.decode()
    auditor = client_with_role("auditor", Role.AUDITOR, org.body)
    page = auditor.get(url, headers=EN)
    assert page.status_code == 200 and target not in page.content.decode()
    assert auditor.get(target).status_code == 403


def test_the_familiarization_list_searches_and_exports_without_scores() -> None:
    case = period_of_size(4)
    client = client_for(hr_of(case))
    url = list_url(case)
    html = client.get(url, {"q": "Тізім4x1"}).content.decode()
    assert html.count("<tr>") == 1 + 1
    table = csv_rows(client.get(url, {"export": "csv", "sort": "-familiarized"}).content)
    assert table[0] == ["Employee", "Position", "Method", "Deadline", "Familiarization",
                        "Channel", "Application"]  # fmt: skip
    assert len(table) == 1 + 4
    assert sum(1 for r in table[1:] if r[4] == "awaiting") == 3
    assert "3.50" not in client.get(url, {"export": "csv"}).content.decode()


@pytest.mark.parametrize("size", [2, 9])
def test_the_familiarization_export_query_count_does_not_grow(
    size: int, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    case = period_of_size(size)
    client = client_for(hr_of(case))
    # session, user, period with body, permission check, day transfers, the rows
    with django_assert_num_queries(6):
        assert client.get(list_url(case), {"export": "xlsx"}).status_code == 200


@pytest.mark.parametrize("size", [3, 40])
def test_list_exports_query_counts_do_not_grow(
    size: int, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    org = opened_body(staff=size)
    hr = client_with_role("hr", Role.HR, org.body)
    # session, user, body, permission check, may open a period, the page's count and rows,
    # may close (the closes' table), the periods and their close runs, unread notices badge
    with django_assert_num_queries(PERIODS_PAGE_QUERIES):
        hr.get(reverse("cycles:periods", args=[org.body.code]), {"q": "2024", "sort": "-people"})
    # session, user, body, permission check, the periods with their counts
    with django_assert_num_queries(5):
        hr.get(reverse("cycles:periods", args=[org.body.code]), {"export": "csv"})
    # session, user, body, period with schedule, permission check, the participants
    with django_assert_num_queries(6):
        hr.get(reverse("cycles:period", args=[org.body.code, "2024-Q1"]), {"export": "xlsx"})


PERIODS_PAGE_QUERIES = 12  # with the header's links (one query)

"""The dashboard's evaluations through the shared list query: search, sorting, pages
that keep the filter, and the export of exactly the filtered rows at fixed queries."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.test import RequestFactory
from pytest_django import DjangoAssertNumQueries

from bagalau.core.listing import ListQuery
from bagalau.notify.dashboard_table import dashboard_spec
from tests.conftest import ClockAt
from tests.cycles.period_pages import EN
from tests.notify.test_dashboard import DASHBOARD_QUERIES, _body_with_departments, cells, url

pytestmark = pytest.mark.django_db
CODE = "shakhtinsk-test"


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_dashboard_searches_sorts_and_exports_the_filtered_rows(clock_at: ClockAt) -> None:
    clock_at(date(2024, 4, 5))
    hr = _body_with_departments(4)
    html = hr.get(url(CODE), {"q": "Финансы", "sort": "-name"}, headers=EN).content.decode()
    rows = cells(html, "evaluations")
    assert len(rows) == 2 and all("Финансы" in r[1] for r in rows)
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), reverse=True)
    assert 'aria-sort="descending"' in html
    table = csv_rows(hr.get(url(CODE), {"q": "Финансы", "export": "csv"}, headers=EN).content)
    assert table[0] == ["Employee", "Position", "Department", "Step owed", "Owed by",
                        "Deadline", "Basis", "Status", "Days overdue"]  # fmt: skip
    assert len(table) == 1 + 2 and {r[2] for r in table[1:]} == {"Финансы"}
    filtered = hr.get(url(CODE), {"step": "approve_kpi_plan", "export": "csv"}, headers=EN)
    assert [r[3:5] for r in csv_rows(filtered.content)[1:]] == [
        ["Approve the KPI plan", "Superior manager — Төраға Айгерим"]
    ]


def test_sort_and_page_links_keep_the_filter(settings, clock_at: ClockAt) -> None:  # type: ignore[no-untyped-def]
    clock_at(date(2024, 4, 5))
    settings.LIST_PAGE_SIZE = 2
    hr = _body_with_departments(4)
    html = hr.get(
        url(CODE), {"owner": "evaluator", "sort": "deadline"}, headers=EN
    ).content.decode()
    assert "owner=evaluator&amp;sort=deadline&amp;page=2" in html
    assert "owner=evaluator&amp;sort=-deadline" in html


def test_an_unknown_sort_falls_back_to_the_name() -> None:
    request = RequestFactory().get("/", {"sort": "-participation__employee__iin"})
    query = ListQuery.parse(request, dashboard_spec("ru"))
    assert (query.sort, query.descending) == ("name", False)


@pytest.mark.parametrize("size", [3, 40])
def test_the_dashboard_export_query_count_does_not_grow(
    size: int, django_assert_num_queries: DjangoAssertNumQueries, clock_at: ClockAt
) -> None:
    clock_at(date(2024, 4, 5))
    hr = _body_with_departments(size)
    # the page's queries without the unread notices badge and the header's links
    with django_assert_num_queries(DASHBOARD_QUERIES - 2):
        assert hr.get(url(CODE), {"export": "xlsx"}).status_code == 200

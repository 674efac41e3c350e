"""The staff list's search, sorting, pages and exports (the shared list query)."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from bagalau.accounts.models import Role
from bagalau.core.listing import ListQuery
from bagalau.orgs.models import Employee
from bagalau.orgs.staff_list import staff_spec
from tests.orgs.test_pages import build_unit, client_for

pytestmark = pytest.mark.django_db


def rows_of_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ("name", False)),
        ("-start", ("start", True)),
        ("category", ("category", False)),
        ("iin", ("name", False)),  # not sortable: the default
        ("-employee__iin", ("name", False)),  # not a column key: the default
        ("name;drop", ("name", False)),
    ],
)
def test_the_list_query_keeps_only_whitelisted_sort_keys(sort: str, expected: tuple) -> None:  # type: ignore[type-arg]
    request = RequestFactory().get("/", {"sort": sort, "q": "  a" * 80})
    query = ListQuery.parse(request, staff_spec("ru"))
    assert (query.sort, query.descending) == expected
    assert len(query.q) <= 100


def test_headers_link_to_their_sort_and_say_it_with_aria_sort() -> None:
    unit = build_unit()
    hr = client_for("hr", role=Role.HR, body=unit.body)
    url = reverse("orgs:staff", args=[unit.body.code])
    html = hr.get(url, {"sort": "-category", "q": "Сарсенбаев"}).content.decode()
    assert 'aria-sort="descending"><a class="sort-link" href="?q=' in html
    assert "sort=category" in html  # a click on the active header flips it
    assert 'aria-sort="none"' in html
    assert "export=xlsx" in html and "export=csv" in html


def test_the_csv_export_holds_exactly_the_searched_and_sorted_rows() -> None:
    unit = build_unit(staff=4)
    hr = client_for("hr", role=Role.HR, body=unit.body)
    url = reverse("orgs:staff", args=[unit.body.code])
    response = hr.get(
        url, {"q": "Сарсенбаев", "sort": "-name", "export": "csv", "on": "01.06.2024"},
        headers={"accept-language": "ru"},
    )  # fmt: skip
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="staff-shakhtinsk-maslikhat-20240601.csv"' in response["Content-Disposition"]
    table = rows_of_csv(response.content)
    assert table[0] == ["Работник", "Должность", "Категория", "Подразделение", "Начало", "ИИН"]
    names = [row[0] for row in table[1:]]
    assert names == sorted(names, reverse=True) and len(names) == 4
    worker = unit.staff[3]
    assert [worker.iin, "01.01.2020"] == [table[1][5], table[1][4]]


def test_the_xlsx_export_hides_the_iin_of_people_the_user_may_not_open() -> None:
    unit = build_unit(staff=2)
    official = client_for("official", role=Role.APPOINTING_OFFICIAL, body=unit.body)
    url = reverse("orgs:staff", args=[unit.body.code])
    response = official.get(url, {"export": "xlsx"}, headers={"accept-language": "en"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Employee", "Position", "Category", "Department", "From", "IIN")
    assert len(rows) == 1 + 6  # two heads, two specialists, one person acting in a second post
    shown = {r[5] for r in rows[1:]}
    assert shown <= {None} | set(Employee.objects.values_list("iin", flat=True))
    assert official.get(url, {"export": "pdf"})["Content-Type"].startswith("text/html")


def test_pages_keep_the_search_and_the_sort(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LIST_PAGE_SIZE = 2
    unit = build_unit(staff=4)
    hr = client_for("hr", role=Role.HR, body=unit.body)
    url = reverse("orgs:staff", args=[unit.body.code])
    html = hr.get(url, {"q": "Ерлан", "sort": "-start"}, headers={"accept-language": "en"})
    text = html.content.decode()
    assert "Page 1 of 4" in text
    assert 'href="?q=%D0%95%D1%80%D0%BB%D0%B0%D0%BD&amp;sort=-start&amp;page=2"' in text


def test_the_staff_list_finds_a_department() -> None:
    unit = build_unit()
    hr = client_for("hr", role=Role.HR, body=unit.body)
    url = reverse("orgs:staff", args=[unit.body.code])
    html = hr.get(url, {"q": "Финансовый", "export": "csv"}, headers={"accept-language": "ru"})
    assert [r[0] for r in rows_of_csv(html.content)[1:]] == ["Алиева Ерлан", "Алиева Ерлан (и.о.)"]


@pytest.mark.parametrize("size", [5, 50])
def test_the_staff_export_query_count_does_not_grow(
    size: int, django_assert_num_queries: object
) -> None:
    unit = build_unit(staff=size)
    hr = client_for("hr", role=Role.HR, body=unit.body)
    url = reverse("orgs:staff", args=[unit.body.code])
    # session, user, body, the permission checks, the rows' ids, the personal-data check, the rows
    with django_assert_num_queries(EXPORT_QUERIES):  # type: ignore[operator]
        assert hr.get(url, {"export": "xlsx"}).status_code == 200


EXPORT_QUERIES = 9

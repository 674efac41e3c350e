"""The HR dashboard of a period: per department done / pending / due soon / overdue, and
who owes each next step by when; no score shown (R-CONFIDENTIAL); a fixed number of
queries whatever the number of people."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from bagalau.accounts.models import Role
from bagalau.cycles.models import Familiarization, KpiPlan, RankingSheet, Result
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from bagalau.orgs.models import Assignment, Department, Position
from tests.conftest import ClockAt
from tests.cycles.factories import employee, shakhtinsk_body
from tests.cycles.period_pages import EN, client_with_role
from tests.notify.world import cycle

pytestmark = pytest.mark.django_db


def url(code: str, period: str = "2024-Q1") -> str:
    return reverse("notify:dashboard", args=[code, period])


def cells(html: str, table: str) -> list[list[str]]:
    """The text of each body row's cells of the table with ``id``."""
    body = html.split(f'id="{table}"')[1].split("<tbody>")[1].split("</tbody>", maxsplit=1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [[_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def on_day(clock_at: ClockAt) -> Callable[[date], None]:
    return clock_at


def test_hr_sees_each_evaluation_with_the_step_owed_and_its_deadline(
    on_day: Callable[[date], None],
) -> None:
    on_day(date(2024, 4, 11))
    c = cycle()
    sheet = RankingSheet.objects.create(period=c.period, evaluator=c.head, state="approved")
    assert sheet.pk
    results = [
        Result.objects.create(
            participation=c.part(p), method="ranking", score=Decimal("4.37"), state="approved"
        )
        for p in c.staff
    ]
    Familiarization.objects.create(result=results[0], channel="system", at="2024-04-11T09:00Z")
    client = Client()
    client.force_login(c.hr)
    html = client.get(url(c.body.code), headers=EN).content.decode()
    rows = {r[0].split(" Айгерим")[0]: r for r in cells(html, "evaluations")}
    # the head's KPI plan is not drafted: the chair owes it, overdue since 16.01.2024
    head = rows["Серікбаев"]
    assert head[2:4] == ["Draft the individual work plan with KPIs", "Evaluator Төраға Айгерим"]
    assert head[4].startswith(
        "16.01.2024 Set KPIs in the individual work plan — Shakhtinsk city maslikhat apparatus"
    )
    assert head[5] == "Overdue 86 days"
    assert rows["Маман0"][2:] == ["All steps done", "", "—", "Done"]
    assert rows["Маман1"][2:4] == [
        "Get acquainted with the evaluation result",
        "The employee Маман1 Айгерим",
    ]
    assert rows["Маман1"][4].startswith("12.04.2024 (projected) Familiarize with the results")
    assert rows["Маман1"][5] == "Due soon"
    assert "4.37" not in html and "4,37" not in html  # R-CONFIDENTIAL
    summary = cells(html, "by-department")
    # Done, pending, due soon, overdue, total; the head has no department (the chair holds
    # no "B" corps post and is not evaluated, 004 p1-2).
    assert summary == [
        ["No department", "0", "0", "0", "1", "1"],
        ["Орготдел", "1", "0", "1", "0", "2"],
    ]


def test_the_list_filters_by_status_and_owner(on_day: Callable[[date], None]) -> None:
    on_day(date(2024, 1, 12))
    c = cycle()
    client = Client()
    client.force_login(c.hr)
    soon = client.get(url(c.body.code), {"status": "due_soon", "owner": "evaluator"}, headers=EN)
    # 12.01.2024: two working days to the KPI plan's 16.01.2024; ranking is months away
    assert [r[0] for r in cells(soon.content.decode(), "evaluations")] == [
        "Серікбаев Айгерим Руководитель аппарата"
    ]
    later = client.get(url(c.body.code), {"status": "due_soon", "soon": "1"}, headers=EN)
    assert cells(later.content.decode(), "evaluations") == [["No evaluation matches the filter."]]
    pending = client.get(url(c.body.code), {"step": "score_ranking"}, headers=EN)
    assert len(cells(pending.content.decode(), "evaluations")) == 2  # the staff
    done = client.get(url(c.body.code), {"status": "done"}, headers=EN).content.decode()
    assert cells(done, "evaluations") == [["No evaluation matches the filter."]]
    bad = client.get(url(c.body.code), {"status": "lost"}, headers=EN)
    assert bad.status_code == 400


@pytest.mark.parametrize("role", [Role.HR, Role.APPOINTING_OFFICIAL, Role.AUDITOR])
def test_body_roles_may_open_it(role: Role) -> None:
    c = cycle()
    assert client_with_role("someone", role, c.body).get(url(c.body.code)).status_code == 200


def test_staff_and_unknown_periods_are_refused() -> None:
    c = cycle()
    staff = Client()
    staff.force_login(c.user(c.head))
    assert staff.get(url(c.body.code)).status_code == 403
    hr = Client()
    hr.force_login(c.hr)
    assert hr.get(url(c.body.code, "2030-Q1")).status_code == 404


def _body_with_departments(size: int) -> Client:
    """``size`` staff in two departments, ranked by the head of apparatus, whose KPI plan
    (drafted by the chair above him) waits for the chair's approval as the first head."""
    org = shakhtinsk_body(staff=size)
    second = Department.objects.create(
        body=org.body, code="fin", name_kk="Қаржы", name_ru="Финансы"
    )
    Position.objects.filter(pk__in=[p.pk for p in org.staff_positions[::2]]).update(
        department=second
    )
    chair_position = Position.objects.create(
        body=org.body, code="chair", title_kk="Төраға", title_ru="Председатель", category=""
    )
    chair = employee("Төраға")
    Assignment.objects.create(employee=chair, position=chair_position, start=date(2023, 1, 1))
    Position.objects.filter(pk=org.head_position.pk).update(reports_to=chair_position)
    do_open_period(actor=org.head.user, body=org.body, period=Period(2024, 1))  # type: ignore[arg-type]
    KpiPlan.objects.create(
        employee=org.head, body=org.body, year=2024, quarter=0, evaluator=chair, state="agreed"
    )
    return client_with_role("hr", Role.HR, org.body)


@pytest.mark.parametrize("size", [3, 60])
def test_query_count_does_not_grow_with_the_body(
    size: int, django_assert_num_queries: DjangoAssertNumQueries, on_day: Callable[[date], None]
) -> None:
    on_day(date(2024, 4, 5))
    hr = _body_with_departments(size)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        page = hr.get(url("shakhtinsk-test"), {"soon": "5"}, headers=EN)
    html = page.content.decode()
    assert page.status_code == 200
    assert f"{size + 1} evaluations" in html  # the staff and the head, not the chair
    approve = hr.get(url("shakhtinsk-test"), {"step": "approve_kpi_plan"}, headers=EN)
    row = cells(approve.content.decode(), "evaluations")
    assert [r[2:4] for r in row] == [["Approve the KPI plan", "Superior manager Төраға Айгерим"]]


# session, user, body, period with schedule, permission check, participations, KPI plans,
# appointments during the period, KPI sheets, ranking sheets, results, the calendar's
# transfers, the evaluators' positions (the chair is the first head: no holder of a
# position above to read), unread notices badge
DASHBOARD_QUERIES = 15  # with the header's links (one query)


def test_the_period_page_links_to_the_dashboard() -> None:
    c = cycle()
    hr = Client()
    hr.force_login(c.hr)
    page = hr.get(reverse("cycles:period", args=[c.body.code, c.period.code]))
    assert f'href="{url(c.body.code)}"' in page.content.decode()

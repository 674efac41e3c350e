"""Result pages (R-CONFIDENTIAL, 004 p15, p20): who may see a result, the audit of
every view, the band's official names, the "why", and the annual mean (R-PERIODS)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from bagalau.accounts.models import Role
from bagalau.audit.models import AuditRecord
from bagalau.cycles.models import EvaluationPeriod, Participation, RankingSheet, Result
from bagalau.cycles.ranking import services as ranking
from bagalau.cycles.results.selectors import annual_ranking
from bagalau.orgs.models import Assignment, Employee, Position, StateBody
from bagalau.packs import registry
from tests.cycles.factories import Body, employee, shakhtinsk_body
from tests.cycles.test_ranking_pages import client_for, with_role
from tests.cycles.test_ranking_services import hr_user, open_quarter, save, scores, team_ids

pytestmark = pytest.mark.django_db

START = date(2023, 1, 1)


def ranked(
    org: Body, period: EvaluationPeriod, values: list[dict[str, object]], *, approve: bool
) -> RankingSheet:
    ids = team_ids(period, org)
    sheet = save(org, period, dict(zip(ids, values, strict=True)), 0)
    sheet = ranking.do_submit_ranking_sheet(
        actor=org.head.user, sheet_id=sheet.pk, version=sheet.version
    )
    if approve:
        sheet = ranking.do_review_ranking_sheet(
            actor=hr_user(), sheet_id=sheet.pk, to_state="approved", version=sheet.version
        )
    return sheet


def other_body_user() -> User:
    body = StateBody.objects.create(code="other", name_kk="other", name_ru="other", kind="akimat")
    position = Position.objects.create(
        body=body, code="x", title_kk="x", title_ru="x", category="E-4"
    )
    person = employee("Басқа")
    Assignment.objects.create(employee=person, position=position, start=START)
    assert person.user is not None
    return person.user


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("self", 200), ("evaluator", 200), ("hr", 200), ("appointing", 200),
        ("colleague", 403), ("auditor", 403), ("other_body", 403), ("anonymous", 302),
    ],
)  # fmt: skip
def test_a_result_is_shown_only_to_those_r_confidential_names_and_each_view_is_logged(
    who: str, status: int
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
    target = Participation.objects.get(period=period, employee=org.staff[0])
    before = AuditRecord.objects.filter(action="view").count()
    page = client_for(users[who]).get(reverse("cycles:result", args=[target.pk]))
    assert page.status_code == status
    views = AuditRecord.objects.filter(action="view")
    if status != 200:
        assert views.count() == before
        return
    result = Result.objects.get(participation=target)
    record = views.get()
    assert (record.object_type, record.object_id, record.actor) == (
        "cycles.result",
        str(result.pk),
        users[who],
    )
    text = page.content.decode()
    assert "4.00" in text
    assert "Функционалдық міндеттерін тиімді атқарады" in text  # the band's official kk name
    assert "Эффективно исполняет функциональные обязанности" in text  # and ru name
    assert (
        "Shakhtinsk city maslikhat apparatus methodology, paragraph 32" in text
        and "Shakhtinsk city maslikhat apparatus methodology, paragraph 7" in text
    )
    assert "unverified rule" in text and "How ranking scores combine" in text
    assert "one score per parameter and their arithmetic mean" in text  # the pack's note
    assert "ranking.aggregation" not in text
    assert "2.75" not in text  # the colleague's result is not on the page


def test_the_annual_score_is_the_mean_of_the_approved_quarters() -> None:
    org = shakhtinsk_body(staff=1)
    q1, q2, q3 = (open_quarter(org, f"2024-Q{n}") for n in (1, 2, 3))
    ranked(org, q1, [scores(5, 4, 4, 3)], approve=True)  # 4.00
    ranked(org, q2, [scores(4, 3, 4, 3)], approve=True)  # 3.50
    ranked(org, q3, [scores(1, 1, 1, 1)], approve=False)  # submitted, not final
    person = Participation.objects.select_related("period").get(period=q3, employee=org.staff[0])
    annual = annual_ranking(person, registry().pack(q3.pack_id))
    # hand-computed: (4.00 + 3.50) / 2 = 3.75, "proper" (3-3.99, 004 p7)
    assert annual.score == Decimal("3.75")
    assert annual.band == "proper"
    assert annual.quarters == [("2024-Q1", Decimal("4.00")), ("2024-Q2", Decimal("3.50"))]
    assert annual.pending == ["2024-Q3"]
    assert annual.band_names["ru"] == "Надлежащим образом исполняет функциональные обязанности"
    page = client_for(org.staff[0].user).get(reverse("cycles:result", args=[person.pk]))
    text = page.content.decode()
    assert "3.75" in text and "not final until approved" in text and "2024-Q3" in text


def test_a_manager_by_structure_may_see_the_result_but_not_a_peer() -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    ranked(org, period, [scores(3, 3, 3, 3), scores(3, 3, 3, 3)], approve=False)
    unit_head = employee("Бөлімбасы")
    head_position = Position.objects.create(
        body=org.body, department=org.unit, code="unit-head", title_kk="x", title_ru="x",
        category="E-3", is_head_of_unit=True,
    )  # fmt: skip
    Assignment.objects.create(employee=unit_head, position=head_position, start=START)
    target = Participation.objects.get(period=period, employee=org.staff[0])
    url = reverse("cycles:result", args=[target.pk])
    assert client_for(unit_head.user).get(url).status_code == 200
    assert client_for(org.staff[1].user).get(url).status_code == 403
    assert Employee.objects.count() == 4

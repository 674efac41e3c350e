"""Bonus points (Almaty 2017, 002 p17-18, app. 1-1): the direct manager records
activities of the scale +1..+5 with evidence; the period's total comes from the domain."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from bagalau.accounts.models import Role
from bagalau.audit.models import AuditRecord
from bagalau.cycles.bonus.selectors import bonus_page
from bagalau.cycles.bonus.services import do_award_bonus, do_withdraw_bonus
from bagalau.cycles.models import BonusAward, EvaluationPeriod, Participation
from bagalau.domain.errors import DomainError, ErrorCode
from tests.cycles.factories import Body, shakhtinsk_body
from tests.cycles.test_ranking_pages import client_for, with_role

pytestmark = pytest.mark.django_db


def almaty_quarter() -> tuple[Body, Participation]:
    """An Almaty region body in 2017-Q4 under No. 97 as amended by No. 266.

    The 2017 pack has no eligibility rules (not in the sources), so the period cannot be
    opened by ``do_open_period``; its rows are made here as opening would make them.
    """
    org = shakhtinsk_body(staff=2)
    org.body.methodology_code = "almaty-region-akimat"
    org.body.save()
    period = EvaluationPeriod.objects.create(
        body=org.body, year=2017, quarter=4, pack_id="almaty-2017-266"
    )
    for n, person in enumerate(org.staff):
        Participation.objects.create(
            period=period, employee=person, position=org.staff_positions[n], evaluator=org.head,
            status="evaluated", methods=["bonus_points"],
        )  # fmt: skip
    return org, Participation.objects.select_related("period").get(employee=org.staff[0])


def award(
    org: Body, person: Participation, points: int, activity: int, evidence: str = "order No. 5"
) -> BonusAward:
    return do_award_bonus(
        actor=org.head.user, participation_id=person.pk, points=points, activity=activity,
        evidence=evidence, awarded_by=org.head,
    )  # fmt: skip


def test_awards_and_the_period_total() -> None:
    org, person = almaty_quarter()
    for points, activity in [(5, 0), (3, 1), (3, 0), (1, 3)]:
        award(org, person, points, activity)
    data = bonus_page(person, "ru")
    # hand-computed: 5 + 3 + 3 + 1 = 12; one award at +1, two at +3, one at +5
    assert data["total"].total == 12
    assert data["total"].by_level == ((1, 1), (3, 2), (5, 1))
    assert data["cites"] == ["Almaty region akimat resolution No. 266, appendix 1-1"]
    assert data["awards"][0][1] == "Разработка проектов нормативных правовых актов"
    assert AuditRecord.objects.filter(object_type="cycles.bonusaward", action="create").count() == 4


@pytest.mark.parametrize(
    ("points", "activity", "evidence", "code"),
    [
        (6, 0, "order", ErrorCode.BONUS_LEVEL_UNKNOWN),
        (0, 0, "order", ErrorCode.BONUS_LEVEL_UNKNOWN),
        (2, 2, "order", ErrorCode.BONUS_LEVEL_UNKNOWN),  # +2 lists two activities
        (2, 1, "   ", ErrorCode.EVIDENCE_MISSING),
    ],
)
def test_an_award_off_the_scale_or_without_evidence_is_refused(
    points: int, activity: int, evidence: str, code: ErrorCode
) -> None:
    org, person = almaty_quarter()
    with pytest.raises(DomainError) as err:
        award(org, person, points, activity, evidence)
    assert err.value.code is code
    assert err.value.cite is not None and err.value.cite.act == "almaty-266-2017"
    assert not BonusAward.objects.exists() and not AuditRecord.objects.exists()


def test_withdrawing_twice_is_stale_and_a_closed_period_refuses() -> None:
    org, person = almaty_quarter()
    first = award(org, person, 4, 0)
    do_withdraw_bonus(actor=org.head.user, participation_id=person.pk, award_id=first.pk)
    with pytest.raises(DomainError) as err:
        do_withdraw_bonus(actor=org.head.user, participation_id=person.pk, award_id=first.pk)
    assert err.value.code is ErrorCode.STALE_VERSION
    EvaluationPeriod.objects.update(status="closed")
    with pytest.raises(DomainError) as err:
        award(org, person, 4, 0)
    assert err.value.code is ErrorCode.PERIOD_CLOSED


def test_the_direct_manager_records_others_only_see() -> None:
    org, person = almaty_quarter()
    url = reverse("cycles:bonus", args=[person.pk])
    manager = client_for(org.head.user)
    assert manager.get(url).status_code == 200
    assert manager.post(url, {"activity": "5:0", "evidence": "decree draft"}).status_code == 302
    assert (
        manager.post(url, {"activity": "9:0", "evidence": "x"}).status_code == 200
    )  # not a choice
    assert BonusAward.objects.count() == 1
    own = client_for(org.staff[0].user).get(url)
    assert own.status_code == 200 and "+5" in own.content.decode()
    hr = client_for(with_role(org, Role.HR, "hr"))
    assert hr.get(url).status_code == 200
    assert hr.post(url, {"activity": "1:0", "evidence": "x"}).status_code == 403
    colleague = client_for(org.staff[1].user)
    assert colleague.get(url).status_code == 403
    assert colleague.post(url, {"activity": "1:0", "evidence": "x"}).status_code == 403
    withdraw = reverse("cycles:bonus_withdraw", args=[person.pk, BonusAward.objects.get().pk])
    assert colleague.post(withdraw).status_code == 403
    assert manager.post(withdraw).status_code == 302
    assert not BonusAward.objects.exists()


def test_a_superuser_without_a_person_is_told_an_award_needs_its_giver() -> None:
    _org, person = almaty_quarter()
    admin = User.objects.create_superuser("root-admin", password="pw-for-tests-only")
    answer = client_for(admin).post(
        reverse("cycles:bonus", args=[person.pk]),
        {"activity": "5:0", "evidence": "decree draft"},
        headers={"accept-language": "en"},
    )
    assert answer.status_code == 400
    assert "the award names its giver" in answer.content.decode()
    assert not BonusAward.objects.exists()

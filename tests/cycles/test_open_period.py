"""Opening a period: who is evaluated and how, from the people history (R-ELIGIBLE,
R-DISMISSED, R-METHODS, R-KPI-PLAN), and the schedule drafted from the deadlines."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from bagalau.audit.models import AuditRecord
from bagalau.cycles.models import Participation, ScheduleItem
from bagalau.cycles.periods.services import do_move_schedule, do_open_period, do_plan_schedule_item
from bagalau.domain.calendar import Period
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.orgs.models import Absence, Assignment, Dismissal, Position
from tests.cycles.factories import employee, shakhtinsk_body

pytestmark = pytest.mark.django_db


def hr() -> User:
    return User.objects.create_user("hr-officer", password="pw-for-tests-only")


def test_opening_decides_everyone_with_reasons_and_citations() -> None:
    org = shakhtinsk_body(staff=3)
    late = employee("Кеш")
    position = Position.objects.create(
        body=org.body,
        department=org.unit,
        code="late",
        title_kk="Маман",
        title_ru="Специалист",
        category="E-4",
        reports_to=org.head_position,
    )
    Assignment.objects.create(employee=late, position=position, start=date(2024, 3, 5))
    Absence.objects.create(
        employee=org.staff[0], kind="labour_leave", start=date(2024, 4, 1), end=date(2024, 4, 20)
    )
    Dismissal.objects.create(employee=org.staff[1], body=org.body, date=date(2024, 3, 15))
    Assignment.objects.filter(employee=org.staff[1]).update(end=date(2024, 3, 15))

    period = do_open_period(actor=hr(), body=org.body, period=Period.parse("2024-Q1"))

    assert period.pack_id == "shakhtinsk-2023"
    rows = {p.employee_id: p for p in Participation.objects.filter(period=period)}
    head = rows[org.head.pk]
    assert (head.status, head.methods) == ("evaluated", ["kpi"])
    assert head.evaluator_id is None  # the head of apparatus reports to no position here
    assert rows[org.staff[2].pk].methods == ["ranking"]
    assert rows[org.staff[2].pk].evaluator_id == org.head.pk  # direct manager on 31.03.2024
    # R-ELIGIBLE: on labour leave during the evaluation -> without participation
    assert rows[org.staff[0].pk].status == "without_participation"
    assert rows[org.staff[0].pk].reasons[0]["cite"]["paragraph"] == "5"
    # R-DISMISSED: dismissed before the period ends -> without participation
    assert rows[org.staff[1].pk].status == "without_participation"
    assert rows[org.staff[1].pk].reasons[0]["cite"]["paragraph"] == "6"
    # R-ELIGIBLE: under one month in the position -> not evaluated
    assert rows[late.pk].status == "not_evaluated"
    assert rows[late.pk].methods == []
    items = {i.rule_id: i for i in ScheduleItem.objects.filter(schedule__period=period)}
    assert items["quarter_evaluation"].due == date(2024, 4, 10)
    assert AuditRecord.objects.filter(object_type="cycles.evaluationperiod").count() == 1


def test_a_period_opens_once_and_the_refusal_changes_nothing() -> None:
    org = shakhtinsk_body(staff=1)
    do_open_period(actor=hr(), body=org.body, period=Period.parse("2024-Q1"))
    with pytest.raises(DomainError) as err:
        do_open_period(
            actor=User.objects.get(username="hr-officer"),
            body=org.body,
            period=Period.parse("2024-Q1"),
        )
    assert err.value.code is ErrorCode.PERIOD_ALREADY_OPEN
    assert Participation.objects.count() == 2


def test_no_methodology_in_force_refuses_to_open() -> None:
    org = shakhtinsk_body(staff=1)
    with pytest.raises(DomainError) as err:
        do_open_period(actor=hr(), body=org.body, period=Period.parse("2016-Q1"))
    assert err.value.code is ErrorCode.NO_METHODOLOGY_IN_FORCE
    assert not Participation.objects.exists()


def test_schedule_is_planned_submitted_and_approved_with_version_checks() -> None:
    org = shakhtinsk_body(staff=1)
    period = do_open_period(actor=hr(), body=org.body, period=Period.parse("2024-Q1"))
    schedule = period.schedule
    item = schedule.items.get(rule_id="quarter_evaluation")
    with pytest.raises(DomainError) as err:
        do_plan_schedule_item(
            actor=User.objects.get(username="hr-officer"),
            item_id=item.pk,
            planned=date(2024, 4, 11),
            version=1,
        )
    assert err.value.code is ErrorCode.PLANNED_AFTER_DEADLINE
    do_plan_schedule_item(
        actor=User.objects.get(username="hr-officer"),
        item_id=item.pk,
        planned=date(2024, 4, 8),
        version=1,
    )
    # a second editor still holding version 1 is refused, not merged
    with pytest.raises(DomainError) as err:
        do_plan_schedule_item(
            actor=User.objects.get(username="hr-officer"),
            item_id=item.pk,
            planned=date(2024, 4, 9),
            version=1,
        )
    assert err.value.code is ErrorCode.STALE_VERSION
    do_move_schedule(
        actor=User.objects.get(username="hr-officer"),
        schedule_id=schedule.pk,
        to_state="submitted",
        version=2,
    )
    approved = do_move_schedule(
        actor=User.objects.get(username="hr-officer"),
        schedule_id=schedule.pk,
        to_state="approved",
        version=3,
    )
    assert approved.state == "approved" and approved.approved_at is not None
    with pytest.raises(DomainError) as err:
        do_move_schedule(
            actor=User.objects.get(username="hr-officer"),
            schedule_id=schedule.pk,
            to_state="draft",
            version=4,
        )
    assert err.value.code is ErrorCode.TRANSITION_NOT_ALLOWED
    item.refresh_from_db()
    assert item.planned == date(2024, 4, 8)


def test_atyrau_year_opened_while_chapter_6_acts_evaluates_the_absent_by_count_kpi() -> None:
    # 001 p5: on social leave within 01.07.2021-31.12.2022 -> chapter 6; it acts until
    # 31.08.2023 (No. 105 p2), and its plan is due 10 working days after the opening (p43).
    org = shakhtinsk_body(staff=2, start=date(2019, 1, 1))
    org.body.methodology_code = "atyrau-region-akimat"
    org.body.save()
    Absence.objects.create(
        employee=org.staff[0], kind="social_leave", start=date(2022, 2, 1), end=date(2022, 12, 1)
    )

    period = do_open_period(
        actor=hr(), body=org.body, period=Period.parse("2023"), today=date(2023, 7, 3)
    )

    assert period.pack_id == "atyrau-2023-105"
    assert period.opened_at.date() == date(2023, 7, 3)
    rows = {p.employee_id: p for p in Participation.objects.filter(period=period)}
    assert "count_kpi" in rows[org.staff[0].pk].methods
    assert "count_kpi" not in rows[org.staff[1].pk].methods
    items = {i.rule_id: i.due for i in ScheduleItem.objects.filter(schedule__period=period)}
    assert items["count_kpi_plan"] == date(2023, 7, 19)


def test_atyrau_year_opened_after_chapter_6_ended_has_no_count_kpi() -> None:
    org = shakhtinsk_body(staff=1, start=date(2019, 1, 1))
    org.body.methodology_code = "atyrau-region-akimat"
    org.body.save()
    Absence.objects.create(
        employee=org.staff[0], kind="social_leave", start=date(2022, 2, 1), end=date(2022, 12, 1)
    )
    period = do_open_period(
        actor=hr(), body=org.body, period=Period.parse("2023"), today=date(2023, 9, 1)
    )
    part = Participation.objects.get(period=period, employee=org.staff[0])
    assert "count_kpi" not in part.methods
    assert not ScheduleItem.objects.filter(
        schedule__period=period, rule_id="count_kpi_plan"
    ).exists()

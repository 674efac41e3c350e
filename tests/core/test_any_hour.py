"""The site counts days in Almaty whatever the hour in UTC: at 19:30 UTC on 31 March it is
already 1 April (a new quarter) in Almaty, and 23:59 in Almaty on a deadline day is still
within the deadline although UTC has not reached that day's evening. Each flow that reads
"today" is run at those moments through the one clock (``core.clock``), never with a
``today=`` passed in."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

import pytest
from django.test import TestCase
from django.urls import reverse

from bagalau.audit.models import AuditRecord
from bagalau.core import clock
from bagalau.core.messages import error_message
from bagalau.cycles.familiarization import services as familiarize
from bagalau.cycles.models import EvaluationPeriod
from bagalau.domain.calendar import Period
from bagalau.domain.errors import DomainError, ErrorCode
from tests.conftest import ClockAt
from tests.cycles.test_close_period import (
    _hr_client,
    _submit_two,
    approve,
    approve_schedule,
    body_with_head_not_evaluated,
)
from tests.cycles.test_familiarize_services import approved_result, at, user_of
from tests.cycles.test_ranking_services import open_quarter

pytestmark = pytest.mark.django_db

EVE_OF_Q2 = datetime(2026, 3, 31, 19, 30, tzinfo=UTC)  # 01.04.2026 after midnight in Almaty
LAST_MINUTE = time(23, 59)


def test_the_one_clock_is_already_in_the_new_quarter(clock_at: ClockAt) -> None:
    clock_at(EVE_OF_Q2)
    assert datetime.now(UTC).date() == date(2026, 3, 31)
    assert clock.today() == date(2026, 4, 1)
    assert clock.local_day(clock.now()) == date(2026, 4, 1)
    assert Period.parse("2026-Q2").start == clock.today()


def test_the_open_period_form_offers_the_local_year(clock_at: ClockAt) -> None:
    clock_at(datetime(2026, 12, 31, 19, 30, tzinfo=UTC))  # 01.01.2027 in Almaty
    org = body_with_head_not_evaluated(staff=1)
    page = _hr_client(org).get(reverse("cycles:periods", kwargs={"code": org.body.code}))
    assert re.search(r'name="year"[^>]*value="2027"', page.content.decode())


def test_a_period_opened_in_the_evening_is_opened_on_the_local_day(clock_at: ClockAt) -> None:
    clock_at(EVE_OF_Q2)
    org = body_with_head_not_evaluated(staff=2)
    opened = open_quarter(org, "2026-Q1")
    assert clock.local_day(opened.opened_at) == date(2026, 4, 1)
    page = _hr_client(org).get(reverse("cycles:periods", kwargs={"code": org.body.code}))
    assert "01.04.2026" in page.content.decode()


def test_acknowledging_at_23_59_on_the_deadline_day_is_in_time(clock_at: ClockAt) -> None:
    case = approved_result("shakhtinsk-2023")  # approved 10.04.2024, due Friday 12.04
    clock_at(date(2024, 4, 12), LAST_MINUTE)
    done = familiarize.do_acknowledge_result(
        actor=user_of(case.person), result_id=case.result.pk, version=1
    )
    assert (done.due, done.late, clock.local_day(done.at)) == (
        date(2024, 4, 12),
        False,
        date(2024, 4, 12),
    )


def test_acknowledging_in_the_utc_evening_of_the_deadline_day_is_late(clock_at: ClockAt) -> None:
    case = approved_result("shakhtinsk-2023")
    clock_at(datetime(2024, 4, 12, 19, 30, tzinfo=UTC))  # Saturday 13.04 in Almaty
    done = familiarize.do_acknowledge_result(
        actor=user_of(case.person), result_id=case.result.pk, version=1
    )
    assert (done.due, done.late, clock.local_day(done.at)) == (
        date(2024, 4, 12),
        True,
        date(2024, 4, 13),
    )


def test_an_application_at_23_59_on_the_last_day_of_the_window_is_accepted(
    clock_at: ClockAt,
) -> None:
    case = approved_result("shakhtinsk-2023", approved=date(2024, 4, 1))
    familiarize.do_acknowledge_result(
        actor=user_of(case.person), result_id=case.result.pk, version=1, now=at(date(2024, 4, 1))
    )  # five working days end on Monday 08.04
    clock_at(date(2024, 4, 8), LAST_MINUTE)
    applied = familiarize.do_submit_disagreement(
        actor=user_of(case.person), result_id=case.result.pk, text="I disagree"
    )
    assert applied.due == date(2024, 4, 8)


def test_an_application_after_local_midnight_is_refused(clock_at: ClockAt) -> None:
    case = approved_result("shakhtinsk-2023", approved=date(2024, 4, 1))
    familiarize.do_acknowledge_result(
        actor=user_of(case.person), result_id=case.result.pk, version=1, now=at(date(2024, 4, 1))
    )
    clock_at(datetime(2024, 4, 8, 19, 30, tzinfo=UTC))  # 09.04 in Almaty
    with pytest.raises(DomainError) as err:
        familiarize.do_submit_disagreement(
            actor=user_of(case.person), result_id=case.result.pk, text="I disagree"
        )
    assert err.value.code is ErrorCode.DISAGREEMENT_LATE
    assert "cannot be submitted on 09.04.2024" in error_message(err.value)


def test_a_close_in_the_utc_evening_is_recorded_on_the_local_day(clock_at: ClockAt) -> None:
    clock_at(datetime(2024, 4, 10, 9, 0))
    org = body_with_head_not_evaluated(staff=2)
    period = approve_schedule(open_quarter(org))
    approve(_submit_two(org, period))
    clock_at(datetime(2024, 4, 30, 19, 30, tzinfo=UTC))  # 01.05.2024 in Almaty
    client = _hr_client(org)
    url = reverse("cycles:period_close", kwargs={"code": org.body.code, "period": "2024-Q1"})
    with TestCase.captureOnCommitCallbacks(execute=True):  # the close runs after commit
        client.post(url, {"version": str(period.version)})
    response = client.get(url.removesuffix("close/"))
    closed = EvaluationPeriod.objects.get(pk=period.pk)
    assert closed.status == "closed"
    assert clock.local_day(closed.closed_at) == date(2024, 5, 1)
    assert "Closed on 01.05.2024" in response.content.decode()
    note = AuditRecord.objects.filter(object_type="cycles.evaluationperiod").latest("pk").note
    assert note == "closed on 2024-05-01"

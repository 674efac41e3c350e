"""Reminders to whoever owes the next step (issue 4, item 8), on Shakhtinsk's 2024-Q1:
KPIs set by 16.01.2024 (004 p22), the quarterly evaluation by 10.04.2024 (004 p4),
familiarization within 2 working days of it (004 p11)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import DjangoAssertNumQueries

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.cycles.models import (
    Familiarization,
    KpiPlan,
    RankingSheet,
    Result,
)
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from bagalau.domain.progress import Status
from bagalau.notify.models import NoticeKind, NoticeLanguage, Notification
from bagalau.notify.selectors import progress_rows
from bagalau.notify.services import do_send_reminders
from bagalau.orgs.models import Assignment
from tests.cycles.factories import shakhtinsk_body
from tests.notify.world import Cycle, cycle

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


def notices() -> list[tuple[str, str, str, str]]:
    """(recipient, kind, step, due) of every notice, sorted."""
    rows = Notification.objects.select_related("recipient").order_by("recipient__username", "key")
    return sorted(
        (n.recipient.username, n.kind, n.params["step"], n.due.isoformat() if n.due else "")
        for n in rows
    )


def remind(today: date, capture: Capture, soon: int = 3) -> Any:
    with capture(execute=True):
        return do_send_reminders(today=today, soon_days=soon)


def plan(c: Cycle, state: str) -> KpiPlan:
    return KpiPlan.objects.create(
        employee=c.head, body=c.body, year=2024, quarter=0, evaluator=c.chair, state=state
    )


def team_sheet(c: Cycle, state: str) -> RankingSheet:
    return RankingSheet.objects.create(period=c.period, evaluator=c.head, state=state)


def staff_results(c: Cycle, state: str) -> list[Result]:
    return [
        Result.objects.create(
            participation=c.part(person), method="ranking", score=Decimal("4.25"), state=state
        )
        for person in c.staff
    ]


def test_each_step_owed_goes_to_its_owner_once(django_capture_on_commit_callbacks: Capture) -> None:
    c = cycle()
    count = remind(date(2024, 1, 3), django_capture_on_commit_callbacks)
    # The chair drafts the head's KPI plan; the head ranks his two staff on one team page.
    assert notices() == [
        ("серікбаев", NoticeKind.STEP_WAITING, "score_ranking", "2024-04-10"),
        ("төраға", NoticeKind.STEP_WAITING, "draft_kpi_plan", "2024-01-16"),
    ]
    team = Notification.objects.get(params__step="score_ranking")
    assert team.participation is None and team.params["count"] == 2
    assert team.url == f"/periods/{c.period.pk}/ranking/{c.head.pk}/"
    kpi = Notification.objects.get(params__step="draft_kpi_plan")
    assert kpi.participation == c.part(c.head) and kpi.rule_id == "kpi_plan"
    assert kpi.url == f"/participations/{kpi.participation_id}/kpi/plan/"
    # the chair holds no "B" corps post and is not evaluated (004 p1-2)
    assert (count.evaluations, count.owed, sum(count.created.values())) == (3, 3, 2)

    again = remind(date(2024, 1, 3), django_capture_on_commit_callbacks)
    assert sum(again.created.values()) == 0 and again.emailed == 0
    assert Notification.objects.count() == 2


def test_before_the_deadline_and_when_it_passes(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    cycle()
    remind(date(2024, 1, 3), django_capture_on_commit_callbacks)
    # 16.01.2024 is a Tuesday: on Thursday 11.01 three working days remain.
    remind(date(2024, 1, 10), django_capture_on_commit_callbacks)
    assert not Notification.objects.filter(kind=NoticeKind.DEADLINE_SOON).exists()
    remind(date(2024, 1, 11), django_capture_on_commit_callbacks)
    remind(date(2024, 1, 12), django_capture_on_commit_callbacks)
    soon = Notification.objects.get(kind=NoticeKind.DEADLINE_SOON)
    assert (soon.recipient.username, soon.due) == ("төраға", date(2024, 1, 16))
    remind(date(2024, 1, 17), django_capture_on_commit_callbacks)
    remind(date(2024, 2, 1), django_capture_on_commit_callbacks)
    passed = Notification.objects.get(kind=NoticeKind.DEADLINE_PASSED)
    assert (passed.recipient.username, passed.params["step"]) == ("төраға", "draft_kpi_plan")


@pytest.mark.parametrize(
    ("state", "step", "recipient"),
    [
        ("draft", "agree_kpi_plan", "hr-officer"),
        # the head of apparatus reports to the chair, the first head, who approves
        ("agreed", "approve_kpi_plan", "төраға"),
        ("approved", "place_kpi_plan", "hr-officer"),
        ("placed", "enter_kpi_actuals", "hr-officer"),
    ],
)
def test_kpi_plan_steps_go_to_hr_and_the_superior_manager(
    state: str, step: str, recipient: str, django_capture_on_commit_callbacks: Capture
) -> None:
    c = cycle()
    plan(c, state)
    remind(date(2024, 1, 3), django_capture_on_commit_callbacks)
    found = Notification.objects.filter(participation=c.part(c.head)).select_related("recipient")
    assert [(n.recipient.username, n.params["step"]) for n in found] == [(recipient, step)]


def test_the_appointing_official_reviews_and_the_employee_gets_acquainted(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    c = cycle()
    sheet = team_sheet(c, "submitted")
    results = staff_results(c, "submitted")
    remind(date(2024, 4, 1), django_capture_on_commit_callbacks)
    review = Notification.objects.get(params__step="review_ranking")
    assert review.recipient == c.official and review.url == f"/ranking-sheets/{sheet.pk}/"

    RankingSheet.objects.filter(pk=sheet.pk).update(state="approved")
    Result.objects.filter(pk__in=[r.pk for r in results]).update(state="approved")
    Familiarization.objects.create(result=results[1], channel="system", at="2024-04-11T10:00Z")
    remind(date(2024, 4, 11), django_capture_on_commit_callbacks)
    acquaint = Notification.objects.filter(params__step="familiarize")
    # Only the one not yet acquainted, due 2 working days after 10.04.2024 (004 p11).
    assert [(n.recipient, n.kind, n.due) for n in acquaint] == [
        (c.user(c.staff[0]), NoticeKind.DEADLINE_SOON, date(2024, 4, 12))
    ]


def test_a_closed_period_sends_nothing(django_capture_on_commit_callbacks: Capture) -> None:
    c = cycle()
    type(c.period).objects.filter(pk=c.period.pk).update(status="closed")
    count = remind(date(2024, 1, 17), django_capture_on_commit_callbacks)
    assert (count.evaluations, Notification.objects.count()) == (0, 0)


# -- e-mail -------------------------------------------------------------------------


def test_one_email_per_recipient_in_their_language(
    django_capture_on_commit_callbacks: Capture, mailoutbox: list[EmailMessage]
) -> None:
    c = cycle()
    NoticeLanguage.objects.create(user=c.user(c.chair), language="kk")
    count = remind(date(2024, 1, 3), django_capture_on_commit_callbacks)
    assert count.emailed == 2
    mails = {m.to[0]: m for m in mailoutbox}
    assert sorted(mails) == ["серікбаев@example.kz", "төраға@example.kz"]
    chair, head = mails["төраға@example.kz"], mails["серікбаев@example.kz"]
    assert chair.subject == "bagalau: бағалаудың 1 сатысы сізді күтуде"  # the chair chose Kazakh
    # The deadline's name and the body's name come from the data, in each reader's language.
    assert "НМИ жеке жұмыс жоспарында белгілеу" in chair.body
    assert "Шахтинск қалалық мәслихатының аппараты" in chair.body
    assert "Оценка по итогам квартала" in head.body  # no choice recorded: the site's Russian
    assert "Аппарат Шахтинского городского маслихата" in head.body
    assert f"/participations/{c.part(c.head).pk}/kpi/plan/" in chair.body
    assert not Notification.objects.filter(emailed_at=None).exists()


def test_no_email_without_an_address_and_never_a_score(
    django_capture_on_commit_callbacks: Capture, mailoutbox: list[EmailMessage]
) -> None:
    c = cycle()
    chair = c.user(c.chair)
    chair.email = ""
    chair.save()
    team_sheet(c, "approved")
    staff_results(c, "approved")
    remind(date(2024, 4, 11), django_capture_on_commit_callbacks)
    assert Notification.objects.get(recipient=chair).emailed_at is None
    assert sorted(m.to[0] for m in mailoutbox) == ["маман0@example.kz", "маман1@example.kz"]
    for mail in mailoutbox:
        assert "ознакомиться с результатом оценки" in mail.body  # the site's Russian
        assert "4.25" not in mail.body and "4,25" not in mail.body


# -- the command --------------------------------------------------------------------


def test_the_command_prints_counts() -> None:
    cycle()
    out = StringIO()
    call_command("remind", "--today", "17.01.2024", "--soon", "2", "--lang", "en", stdout=out)
    text = out.getvalue()
    assert "Evaluations in open periods: 3; with a step owed: 3." in text
    assert "deadline passed: 1" in text and "a step is waiting for you: 1" in text
    call_command("remind", "--today", "17.01.2024", "--lang", "en", stdout=(again := StringIO()))
    assert "deadline passed: 0" in again.getvalue()


@pytest.mark.parametrize("args", [["--today", "31.02.2024"], ["--soon", "-1"], ["--soon", "x"]])
def test_the_command_refuses_bad_input(args: list[str]) -> None:
    cycle()
    with pytest.raises((CommandError, SystemExit)):
        call_command("remind", *args, "--lang", "en", stdout=StringIO(), stderr=StringIO())
    assert not Notification.objects.exists()


# -- scale ----------------------------------------------------------------------------


def _ranked_body(size: int) -> None:
    """``size`` staff ranked by the head of apparatus; their team sheet is submitted, so
    the appointing official owes its review; every person has a login and an e-mail."""
    org = shakhtinsk_body(staff=size)
    period = do_open_period(actor=org.head.user, body=org.body, period=Period(2024, 1))  # type: ignore[arg-type]
    RankingSheet.objects.create(period=period, evaluator=org.head, state="submitted")
    official = User.objects.create_user("akim", "akim@example.kz", "pw-for-tests-only")
    RoleAssignment.objects.create(user=official, body=org.body, role=Role.APPOINTING_OFFICIAL)
    User.objects.exclude(pk=official.pk).update(email="someone@example.kz")


@pytest.mark.parametrize("size", [3, 40])
def test_reminders_read_and_write_in_a_fixed_number_of_queries(
    size: int,
    django_assert_num_queries: DjangoAssertNumQueries,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _ranked_body(size)
    with django_assert_num_queries(REMINDER_QUERIES):
        count = remind(date(2024, 4, 9), django_capture_on_commit_callbacks)
    # the head's KPI plan (no evaluator above him: nobody to remind) and one team review
    assert (count.owed, sum(count.created.values()), count.emailed) == (size + 1, 1, 1)


# open periods, participations, KPI plans, appointments during the period, KPI sheets,
# ranking sheets, results, the calendar's transfers, role holders, known keys, savepoint,
# insert, release; then the e-mail task: recipients waiting, savepoint, their notices
# (locked), stamping them e-mailed, release
REMINDER_QUERIES = 18


def test_a_head_appointed_during_the_quarter_has_kpis_due_from_the_appointment() -> None:
    """R-KPI-PLAN (004 p22): 10 working days from the appointment, 01.02.2024 -> 15.02.2024."""
    c = cycle()
    Assignment.objects.filter(employee=c.head).update(start=date(2024, 2, 1))
    rows = progress_rows([c.period], today=date(2024, 2, 14), soon=3)
    head = next(r.progress for r in rows if r.participation.employee_id == c.head.pk)
    assert head.deadline is not None
    assert (head.deadline.id, head.due, head.status) == (
        "kpi_plan_after_appointment",
        date(2024, 2, 15),
        Status.DUE_SOON,
    )

"""The daily retention run (R-RETAIN, 004 p14): it tells HR of the body and the
administrators which periods' documents are past their retention period and wait for
their confirmation; it removes nothing, and tells each person once."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import translation
from pytest_django.fixtures import Settings

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.core import clock
from bagalau.jobs.models import RunStatus, TaskRun
from bagalau.jobs.schedule import do_enqueue_due_daily
from bagalau.notify.models import NoticeKind, Notification
from bagalau.notify.texts import notice_text
from tests.conftest import ClockAt
from tests.cycles.retention_world import closed_quarter, everything, retention_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_quarter(settings: Settings, tmp_path: Path, clock_at: ClockAt) -> int:
    """2024-Q1 closed on 10.04.2024: past its retention period from 11.04.2027."""
    settings.MEDIA_ROOT = tmp_path
    org = retention_body()
    period = closed_quarter(org, "2024-Q1", date(2024, 4, 10), clock_at)
    hr = User.objects.create_user("retention-hr", "hr@example.kz")
    RoleAssignment.objects.create(user=hr, body=org.body, role=Role.HR)
    appointing = User.objects.create_user("retention-appointing", "ao@example.kz")
    RoleAssignment.objects.create(user=appointing, body=org.body, role=Role.APPOINTING_OFFICIAL)
    User.objects.create_superuser("retention-admin", "admin@example.kz", "pw")
    User.objects.create_superuser("retired-admin", "old@example.kz", "pw", is_active=False)
    Notification.objects.all().delete()  # the close's own notices: not these tests' concern
    mail.outbox.clear()
    return period.pk


def run_the_day(day: date, capture: object) -> TaskRun:
    with capture(execute=True):  # type: ignore[operator]
        runs = do_enqueue_due_daily(now=clock.now())
    [run] = [r for r in runs if r.kind == "retention"]
    assert run.key == f"retention:{day.isoformat()}"
    run.refresh_from_db()
    return run


def retention_notices() -> list[tuple[str, str, int | None]]:
    rows = Notification.objects.filter(kind=NoticeKind.RETENTION_DUE).order_by(
        "recipient__username"
    )
    return list(rows.values_list("recipient__username", "key", "period_id"))


def test_the_day_after_the_anniversary_hr_and_admins_are_told_and_nothing_is_removed(
    past_quarter: int, clock_at: ClockAt, django_capture_on_commit_callbacks: object
) -> None:
    clock_at(date(2027, 4, 10), time(8))  # the anniversary: still kept, nobody told
    run = run_the_day(date(2027, 4, 10), django_capture_on_commit_callbacks)
    assert (run.status, run.outcome) == (RunStatus.DONE, {"processed": 0, "notices": 0})
    assert retention_notices() == []
    clock_at(date(2027, 4, 11), time(8))
    before = everything()
    run = run_the_day(date(2027, 4, 11), django_capture_on_commit_callbacks)
    assert (run.status, run.outcome) == (RunStatus.DONE, {"processed": 1, "notices": 2})
    assert everything() == before  # no document, record or period touched
    assert retention_notices() == [
        (
            "retention-admin",
            f"retention_due:{past_quarter}:u{User.objects.get(username='retention-admin').pk}",
            past_quarter,
        ),
        (
            "retention-hr",
            f"retention_due:{past_quarter}:u{User.objects.get(username='retention-hr').pk}",
            past_quarter,
        ),
    ]
    notice = Notification.objects.filter(kind=NoticeKind.RETENTION_DUE).first()
    assert notice is not None and notice.due == date(2027, 4, 10)
    assert notice.url == "/bodies/shakhtinsk-test/periods/2024-Q1/"
    with translation.override("en"):
        text = notice_text(notice)
    assert text.title == (
        "The evaluation documents of Аппарат Шахтинского городского маслихата 2024-Q1 were "
        "kept until 10.04.2027, the end of their retention period: confirm their removal "
        "with bagalau retention --remove."
    )
    assert "paragraph 14" in text.detail
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@example.kz", "hr@example.kz"]


def test_each_person_is_told_once(
    past_quarter: int, clock_at: ClockAt, django_capture_on_commit_callbacks: object
) -> None:
    clock_at(date(2027, 4, 11), time(8))
    run_the_day(date(2027, 4, 11), django_capture_on_commit_callbacks)
    clock_at(date(2027, 4, 12), time(8))
    run = run_the_day(date(2027, 4, 12), django_capture_on_commit_callbacks)
    assert run.outcome == {"processed": 1, "notices": 0}
    assert len(retention_notices()) == 2

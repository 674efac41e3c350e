"""E-mail as a retried task: a mail server that is down loses nothing, and every notice
held back is sent exactly once when it answers again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend
from pytest_django.fixtures import Settings

from bagalau.notify.models import NoticeKind, Notification
from bagalau.notify.tasks import retry_delay, send_pending_emails
from tests.conftest import ClockAt
from tests.jobs.flaky_mail import FlakyBackend

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 12, 7, 12, 0, tzinfo=ZoneInfo("Asia/Almaty"))


@pytest.fixture
def flaky(settings: Settings, clock_at: ClockAt) -> Iterator[type[FlakyBackend]]:
    settings.EMAIL_BACKEND = "tests.jobs.flaky_mail.FlakyBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    clock_at(date(2026, 12, 7), time(12))
    mail.outbox = []
    FlakyBackend.reset()
    yield FlakyBackend
    FlakyBackend.reset()


def notices(*usernames: str) -> list[Notification]:
    made = []
    for n, name in enumerate(usernames):
        user = User.objects.create_user(name, f"{name}@example.kz")
        for step in ("draft_kpi_plan", "score_kpi"):
            made.append(
                Notification.objects.create(
                    recipient=user,
                    kind=NoticeKind.STEP_WAITING,
                    key=f"{step}:u{n}",
                    params={"step": step, "pack": "typical-2025"},
                )
            )
    return made


def queued() -> list[tuple[datetime | None, list[object]]]:
    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    return [(r.task.run_after, r.args) for r in backend.results]


def test_a_server_down_stamps_nothing_and_schedules_a_retry(
    flaky: type[FlakyBackend],
) -> None:
    notices("aigerim", "bolat")
    assert send_pending_emails.call() == 0
    assert not Notification.objects.exclude(emailed_at=None).exists()
    assert mail.outbox == []
    assert queued() == [(NOON + timedelta(minutes=1), [1])]

    # the retry: the server answers; both people get one message with both their steps
    assert send_pending_emails.call(1) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["aigerim@example.kz", "bolat@example.kz"]
    assert [m.body.count("\n- ") for m in mail.outbox] == [2, 2]
    assert not Notification.objects.filter(emailed_at=None).exists()
    assert len(queued()) == 1  # no further retry

    # a later run (new notices elsewhere, the next reminders) sends nothing twice
    assert send_pending_emails.call() == 0
    assert len(mail.outbox) == 2


def test_a_disconnect_midway_stamps_only_what_went(flaky: type[FlakyBackend]) -> None:
    flaky.reset(FAIL_AFTER=1)
    made = notices("aigerim", "bolat")
    assert send_pending_emails.call() == 0
    assert [m.to[0] for m in mail.outbox] == ["aigerim@example.kz"]
    stamped = set(Notification.objects.exclude(emailed_at=None).values_list("pk", flat=True))
    assert stamped == {made[0].pk, made[1].pk}
    assert send_pending_emails.call(1) == 1
    assert [m.to[0] for m in mail.outbox] == ["aigerim@example.kz", "bolat@example.kz"]


def test_notices_created_elsewhere_are_emailed_too(
    flaky: type[FlakyBackend], django_capture_on_commit_callbacks: object
) -> None:
    """The quarter close creates RESULT_READY notices through notify_many: they wait
    for the e-mail task like any other."""
    from bagalau.notify.services import notify_many

    user = User.objects.create_user("aigerim", "aigerim@example.kz")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        notify_many([Notification(recipient=user, kind=NoticeKind.RESULT_READY, key="r:1")])
    assert len(queued()) == 1  # enqueued after commit
    flaky.reset(FAILURES=0)
    assert send_pending_emails.call() == 1
    assert "ознакомления" in mail.outbox[0].body  # the site's Russian


def test_the_retry_waits_longer_each_time() -> None:
    assert [retry_delay(n).total_seconds() / 60 for n in range(8)] == [1, 2, 4, 8, 16, 32, 60, 60]

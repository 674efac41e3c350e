"""The worker's small scheduler: each daily task once per local day, at or after its
time, however many workers run it."""

from __future__ import annotations

from datetime import date, time

import pytest
from pytest_django.fixtures import Settings

from bagalau.core import clock
from bagalau.jobs.models import RunStatus, TaskRun
from bagalau.jobs.schedule import do_enqueue_due_daily
from tests.conftest import ClockAt

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def daily_check(settings: Settings) -> None:
    settings.DAILY_TASKS = [
        {"kind": "check", "task": "tests.jobs.sample_tasks.count_to", "at": "07:15"}
    ]


def test_once_a_day_at_its_time(
    clock_at: ClockAt, django_capture_on_commit_callbacks: object
) -> None:
    clock_at(date(2026, 12, 7), time(7, 14))
    assert do_enqueue_due_daily(now=clock.now()) == []
    clock_at(date(2026, 12, 7), time(7, 15))
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        [run] = do_enqueue_due_daily(now=clock.now())
    assert (run.key, run.once) == ("check:2026-12-07", True)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    # a second worker, or the next tick: today's slot is taken even though the run ended
    clock_at(date(2026, 12, 7), time(23, 59))
    assert do_enqueue_due_daily(now=clock.now()) == []
    # local midnight in Almaty; a worker started late still runs the missed day once
    clock_at(date(2026, 12, 8), time(16))
    assert [r.key for r in do_enqueue_due_daily(now=clock.now())] == ["check:2026-12-08"]
    assert TaskRun.objects.count() == 2


def test_the_database_refuses_a_second_slot_for_the_day() -> None:
    from django.db import IntegrityError, transaction

    TaskRun.objects.create(kind="remind", key="remind:2026-12-07", once=True, status="done")
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskRun.objects.create(kind="remind", key="remind:2026-12-07", once=True, status="done")


def test_no_worker_for_tasks_run_in_the_process(settings: Settings) -> None:
    from django.core.management import CommandError, call_command

    settings.TASKS_BACKEND = "immediate"
    with pytest.raises(CommandError, match="no worker is needed"):
        call_command("worker", "--batch")


def test_the_daily_reminders_run_as_a_run(
    settings: Settings, clock_at: ClockAt, django_capture_on_commit_callbacks: object
) -> None:
    settings.DAILY_TASKS = [
        {"kind": "remind", "task": "bagalau.notify.tasks.remind_daily", "at": "07:15"}
    ]
    clock_at(date(2026, 12, 7), time(7, 20))
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        [run] = do_enqueue_due_daily(now=clock.now())
    run.refresh_from_db()
    assert (run.key, run.status) == ("remind:2026-12-07", RunStatus.DONE)
    assert run.outcome == {"processed": 0, "notices": 0}  # no open period

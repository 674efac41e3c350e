"""A run's life: started after commit, progress, outcome; refused twice; failed in words;
retried; recovered after its worker died."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import translation
from pytest_django.fixtures import Settings

from bagalau.core import clock
from bagalau.core.messages import error_message
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.jobs.models import RunKind, RunStatus, TaskRun
from bagalau.jobs.pages import progress_text
from bagalau.jobs.selectors import progress_of, runs_for
from bagalau.jobs.services import do_recover_runs, do_retry_run, do_start_run
from tests.conftest import ClockAt
from tests.jobs import sample_tasks

pytestmark = pytest.mark.django_db

ALMATY = ZoneInfo("Asia/Almaty")
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
Capture = Callable[..., Any]


def start(task: Any, capture: Capture, *, key: str = "period:12", **params: Any) -> TaskRun:
    with capture(execute=True):
        run = do_start_run(
            kind=RunKind.CLOSE_PERIOD,
            key=key,
            actor=None,
            body_id=7,
            params=params,
            task=task,
        )
    run.refresh_from_db()
    return run


def test_a_run_is_enqueued_after_commit_and_stores_its_outcome(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = do_start_run(
            kind=RunKind.CLOSE_PERIOD,
            key="period:12",
            actor=None,
            body_id=7,
            params={"total": 4},
            task=sample_tasks.count_to,
        )
        # nothing runs before the transaction that started it commits
        assert TaskRun.objects.get().status == RunStatus.QUEUED
    assert len(callbacks) == 1
    callbacks[0]()
    run.refresh_from_db()
    assert (run.status, run.processed, run.total, run.attempts) == (RunStatus.DONE, 4, 4, 1)
    assert run.outcome == {"processed": 4, "created": 3}
    assert run.task_id and run.error_code == ""
    assert run.started_at is not None and run.finished_at is not None
    progress = progress_of(run)
    assert (progress.percent, progress.finished, progress.remaining) == (100, True, None)
    assert [(f.label, f.value) for f in progress.outcome] == [("processed", 4), ("added", 3)]
    assert [row.run.pk for row in runs_for(7, RunKind.CLOSE_PERIOD)] == [run.pk]


def test_progress_and_the_time_left_at_the_rate_so_far(clock_at: ClockAt) -> None:
    began = datetime(2026, 12, 7, 10, 0, tzinfo=ALMATY)
    run = TaskRun.objects.create(
        kind=RunKind.IMPORT_STAFF,
        key="body:3",
        status=RunStatus.RUNNING,
        task_path="tests.jobs.sample_tasks.count_to",
        started_at=began,
        heartbeat_at=began,
        processed=0,
        total=None,
    )
    clock_at(began + timedelta(seconds=20))
    early = progress_of(run)
    # no size and no rate yet: an indeterminate bar and no guess
    assert (early.percent, early.remaining, early.elapsed) == (None, None, timedelta(seconds=20))
    assert progress_text(early) == "waiting for a worker, 00:20"
    run.processed, run.total, run.stage = 250, 1000, "write"
    clock_at(began + timedelta(seconds=60))
    halfway = progress_of(run)
    assert (halfway.percent, halfway.remaining) == (25, timedelta(minutes=3))
    assert progress_text(halfway) == "250 / 1000, writing, 01:00, about 3 min left"
    run.processed = 990
    assert progress_text(progress_of(run)) == "990 / 1000, writing, 01:00, less than a minute left"


def test_a_second_run_of_the_same_thing_is_refused(
    settings: Settings, clock_at: ClockAt, django_capture_on_commit_callbacks: Capture
) -> None:
    settings.TASKS = DUMMY  # the first run stays queued
    clock_at(date(2026, 12, 7), time(9, 30))
    first = start(sample_tasks.count_to, django_capture_on_commit_callbacks)
    with pytest.raises(DomainError) as refused:
        start(sample_tasks.count_to, django_capture_on_commit_callbacks)
    assert refused.value.code is ErrorCode.TASK_ALREADY_RUNNING
    assert error_message(refused.value) == (
        "The same work is already queued or running (started 07.12.2026 09:30). Wait for it "
        "to finish: its progress is shown on its page."
    )
    with translation.override("ru"):
        assert "уже" in error_message(refused.value)
    assert list(TaskRun.objects.values_list("pk", flat=True)) == [first.pk]
    # another thing, or the same thing once the first has finished, may run
    start(sample_tasks.count_to, django_capture_on_commit_callbacks, key="period:13")
    TaskRun.objects.filter(pk=first.pk).update(status=RunStatus.DONE)
    start(sample_tasks.count_to, django_capture_on_commit_callbacks)
    assert TaskRun.objects.count() == 3


def test_a_refusal_is_stored_as_its_message(django_capture_on_commit_callbacks: Capture) -> None:
    run = start(sample_tasks.refuse, django_capture_on_commit_callbacks)
    assert (run.status, run.error_code) == (RunStatus.FAILED, ErrorCode.PERIOD_CLOSED)
    assert run.error_params == {"period": "2024-Q1"}
    assert progress_of(run).error == (
        "The period 2024-Q1 is closed; nothing in it can be changed any more."
    )


def test_a_crash_shows_words_and_logs_the_traceback(
    django_capture_on_commit_callbacks: Capture, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="bagalau.jobs.services"):
        run = start(sample_tasks.crash, django_capture_on_commit_callbacks)
    assert (run.status, run.error_code) == (RunStatus.FAILED, ErrorCode.INTERNAL_ERROR)
    error = progress_of(run).error
    assert error.startswith("The work stopped because of an internal error")
    assert "secret" not in error and "Traceback" not in error
    assert "secret" not in str(run.outcome) + str(run.error_params)
    logged = caplog.records[-1]
    assert logged.exc_info is not None and "secret" in str(logged.exc_info[1])


def test_a_failed_run_is_retried_from_the_start(
    django_capture_on_commit_callbacks: Capture, make_user: Callable[..., User]
) -> None:
    run = start(sample_tasks.fails_once, django_capture_on_commit_callbacks, total=2)
    assert run.status == RunStatus.FAILED
    with django_capture_on_commit_callbacks(execute=True):
        do_retry_run(run_id=run.pk, actor=make_user())
    run.refresh_from_db()
    assert (run.status, run.attempts, run.outcome["processed"]) == (RunStatus.DONE, 2, 2)
    assert run.error_code == ""
    with pytest.raises(DomainError) as refused:
        do_retry_run(run_id=run.pk, actor=None)
    assert refused.value.code is ErrorCode.TASK_NOT_RETRIABLE
    assert TaskRun.objects.get().status == RunStatus.DONE


def test_a_run_whose_worker_died_is_run_again(
    clock_at: ClockAt, django_capture_on_commit_callbacks: Capture
) -> None:
    began = datetime(2026, 12, 7, 10, 0, tzinfo=ALMATY)

    def running(key: str, heartbeat: datetime) -> TaskRun:
        return TaskRun.objects.create(
            kind=RunKind.CLOSE_PERIOD,
            key=key,
            status=RunStatus.RUNNING,
            task_path="tests.jobs.sample_tasks.count_to",
            params={"total": 3},
            started_at=began,
            heartbeat_at=heartbeat,
            processed=1,
            total=3,
            attempts=1,
            task_id="lost-with-its-worker",
        )

    dead = running("period:1", began)
    alive = running("period:2", began + timedelta(seconds=100))
    clock_at(began + timedelta(seconds=150))  # the timeout is 120 s
    with django_capture_on_commit_callbacks(execute=True):
        assert do_recover_runs() == [dead.pk]
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.status, dead.attempts, dead.processed) == (RunStatus.DONE, 2, 3)
    assert dead.task_id != "lost-with-its-worker"
    assert (alive.status, alive.processed) == (RunStatus.RUNNING, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert do_recover_runs() == []


def test_a_run_queued_while_the_queue_was_down_is_enqueued_by_recovery(
    clock_at: ClockAt, django_capture_on_commit_callbacks: Capture
) -> None:
    began = datetime(2026, 12, 7, 10, 0, tzinfo=ALMATY)
    clock_at(began)
    lost = TaskRun.objects.create(
        kind=RunKind.CLOSE_PERIOD,
        key="period:1",
        task_path="tests.jobs.sample_tasks.count_to",
        heartbeat_at=clock.now(),
    )
    clock_at(began + timedelta(minutes=5))
    out = _recover_command(django_capture_on_commit_callbacks)
    assert out == "Abandoned runs queued again: 1.\n"
    lost.refresh_from_db()
    assert lost.status == RunStatus.DONE


def _recover_command(capture: Capture) -> str:
    from io import StringIO

    out = StringIO()
    with capture(execute=True):
        call_command("jobs", "recover", "--lang", "en", stdout=out)
    return out.getvalue()

"""Starting, running, retrying and recovering background runs.

How a long operation becomes a task with progress::

    @task()
    def close_period_task(run_id: int) -> None:
        execute_run(run_id, _close)

    def _close(run: TaskRun) -> dict[str, object]:
        ids = ...                                  # what is left to do, read afresh
        for start in range(0, len(ids), CHUNK):
            with transaction.atomic():
                ...                                # one chunk, committed on its own
            report_progress(run.pk, processed=start + CHUNK, total=len(ids), stage="write")
        return {"closed": len(ids)}                # the figures shown when it is done

    run = do_start_run(kind=RunKind.CLOSE_PERIOD, key=f"period:{period.pk}", actor=user,
                       body_id=period.body_id, params={}, task=close_period_task)

The contract a task body keeps:

- It is **idempotent and chunked**: each chunk commits on its own and a rerun from the
  start redoes nothing twice (it reads what is left, or writes with keys). A run is
  delivered at least once: a worker killed mid-run leaves it ``running`` with a stale
  heartbeat, and ``do_recover_runs`` (``bagalau jobs recover``, and every worker start)
  queues it again from the start.
- It calls ``report_progress`` after each committed chunk, at least once per
  ``TASK_HEARTBEAT_TIMEOUT`` (120 s); a run silent for longer is taken as abandoned.
- It refuses with ``DomainError`` (the run fails with that message, in words); any other
  exception is logged with its traceback and the run shows a generic internal error.
- It returns a small JSON-able mapping of figures (``outcome``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from bagalau.core import clock
from bagalau.domain.calendar import format_date
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.jobs.models import ACTIVE, RunStatus, TaskRun

logger = logging.getLogger(__name__)

RunTask = Task[[int], None]
Body = Callable[[TaskRun], Mapping[str, Any] | None]


def do_start_run(
    *,
    kind: str,
    key: str,
    actor: AbstractBaseUser | None,
    body_id: int | None,
    params: Mapping[str, Any],
    task: RunTask,
    once: bool = False,
) -> TaskRun:
    """Record a run of ``task`` on ``key`` and enqueue it after commit.

    Refused with ``TASK_ALREADY_RUNNING`` while a run of the same kind and key is queued or
    running (and, for a ``once`` run, if the key was ever used): nothing is written.
    """
    existing = TaskRun.objects.filter(kind=kind, key=key)
    found = existing.filter(Q(status__in=ACTIVE) | Q(once=True)).first()
    if found is not None:
        raise _already_running(found)
    now = clock.now()
    try:
        with transaction.atomic():
            run = TaskRun.objects.create(
                kind=kind,
                key=key,
                once=once,
                body_id=body_id,
                started_by_id=actor.pk if actor is not None else None,
                params=dict(params),
                task_path=task.module_path,
                created_at=now,
                heartbeat_at=now,
            )
            enqueue_on_commit(run)
    except IntegrityError:
        # Another request started the same run between the check and the insert.
        raise _already_running(existing.order_by("-pk").first()) from None
    return run


def _already_running(run: TaskRun | None) -> DomainError:
    started = timezone.localtime(run.created_at).strftime("%d.%m.%Y %H:%M") if run else "?"
    return DomainError(ErrorCode.TASK_ALREADY_RUNNING, {"started": started})


def enqueue_on_commit(run: TaskRun, *, run_after: datetime | None = None) -> None:
    """Hand the run to the task backend once the transaction that queued it commits."""
    run_id, task_path = run.pk, run.task_path

    def send() -> None:
        task = cast(RunTask, import_string(task_path))
        result = enqueue_later(task, run_after, run_id)
        TaskRun.objects.filter(pk=run_id, task_id="").update(task_id=result.id)

    # robust: if the queue is down, the run stays queued without a task id, and
    # do_recover_runs enqueues it again; the request that queued it still succeeds.
    transaction.on_commit(send, robust=True)


def enqueue_later(task: Task[Any, Any], run_after: datetime | None, *args: Any) -> Any:
    """Enqueue ``task``, not before ``run_after`` when the backend can defer (the
    immediate backend cannot: it runs the task now)."""
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    return task.enqueue(*args)


def report_progress(run_id: int, *, processed: int, total: int | None, stage: str = "") -> None:
    """How far the run got, in one UPDATE; it also proves the worker is alive."""
    TaskRun.objects.filter(pk=run_id).update(
        processed=processed, total=total, stage=stage, heartbeat_at=clock.now()
    )


def execute_run(run_id: int, body: Body) -> None:
    """Run ``body`` for the queued run ``run_id`` and store how it ended.

    A run that is not queued (already taken by another worker, finished, or deleted) is
    left alone: a task delivered twice does the work once.
    """
    now = clock.now()
    claimed = TaskRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        finished_at=None,
        attempts=F("attempts") + 1,
    )
    if not claimed:
        logger.info("Task run %s is not queued; nothing to do", run_id)
        return
    run = TaskRun.objects.get(pk=run_id)
    try:
        outcome = body(run)
    except DomainError as err:
        _finish(run_id, RunStatus.FAILED, error_code=err.code, error_params=_plain(err.params))
        return
    except Exception:
        logger.exception("Task run %s (%s %s) failed", run_id, run.kind, run.key)
        _finish(run_id, RunStatus.FAILED, error_code=ErrorCode.INTERNAL_ERROR)
        return
    _finish(run_id, RunStatus.DONE, outcome=_plain(outcome or {}))


def run_here(run_id: int, body: Body) -> Mapping[str, Any]:
    """Run ``body`` for the queued run ``run_id`` in this process and transaction (a
    command, the demo's data): a refusal or an error is raised to the caller, whose
    transaction then undoes the run as well; the queued copy later finds it done."""
    now = clock.now()
    claimed = TaskRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        raise DomainError(ErrorCode.TASK_ALREADY_RUNNING, {"started": "?"})
    outcome = _plain(body(TaskRun.objects.get(pk=run_id)) or {})
    _finish(run_id, RunStatus.DONE, outcome=outcome)
    return outcome


def _finish(
    run_id: int,
    status: RunStatus,
    *,
    outcome: Mapping[str, Any] | None = None,
    error_code: str = "",
    error_params: Mapping[str, Any] | None = None,
) -> None:
    TaskRun.objects.filter(pk=run_id).update(
        status=status,
        outcome=dict(outcome or {}),
        error_code=error_code,
        error_params=dict(error_params or {}),
        finished_at=clock.now(),
        heartbeat_at=clock.now(),
    )


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    """JSON-able values: dates as dd.mm.yyyy, anything unknown as its text."""
    plain: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, date):
            plain[str(name)] = format_date(value)
        elif isinstance(value, str | int | float | bool) or value is None:
            plain[str(name)] = value
        else:
            plain[str(name)] = str(value)
    return plain


@transaction.atomic
def do_retry_run(*, run_id: int, actor: AbstractBaseUser | None) -> TaskRun:
    """Queue a failed run again from the start (its body is idempotent)."""
    run = TaskRun.objects.select_for_update().get(pk=run_id)
    if run.status != RunStatus.FAILED:
        raise DomainError(ErrorCode.TASK_NOT_RETRIABLE, {"status": run.get_status_display()})
    run.status = RunStatus.QUEUED
    run.stage, run.processed, run.outcome = "", 0, {}
    run.error_code, run.error_params, run.task_id = "", {}, ""
    run.started_at = run.finished_at = None
    run.heartbeat_at = clock.now()
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError:
        other = TaskRun.objects.filter(kind=run.kind, key=run.key, status__in=ACTIVE).first()
        raise _already_running(other) from None
    logger.info("Task run %s retried by user %s", run.pk, actor.pk if actor else None)
    enqueue_on_commit(run)
    return run


def abandoned(now: datetime) -> Q:
    """Runs whose worker is gone: running without a heartbeat for the timeout, or queued
    without a task because the queue was down when they were started."""
    cutoff = now - timedelta(seconds=settings.TASK_HEARTBEAT_TIMEOUT)
    running = Q(status=RunStatus.RUNNING, heartbeat_at__lt=cutoff)
    lost = Q(status=RunStatus.QUEUED, task_id="", heartbeat_at__lt=cutoff)
    return running | lost


def do_recover_runs() -> list[int]:
    """Queue every abandoned run again from the start; return their ids.

    Each run is taken back with a conditional UPDATE, so two workers starting together
    recover it once. Its old queue entry (the dead worker's, marked RUNNING by the
    backend for ever) is left; a duplicate delivery finds the run not queued and stops.
    """
    now = clock.now()
    recovered: list[int] = []
    for run in TaskRun.objects.filter(abandoned(now)).order_by("pk"):
        with transaction.atomic():
            taken = TaskRun.objects.filter(abandoned(now), pk=run.pk).update(
                status=RunStatus.QUEUED, task_id="", heartbeat_at=now
            )
            if taken:
                logger.warning(
                    "Task run %s (%s %s) abandoned: queued again", run.pk, run.kind, run.key
                )
                enqueue_on_commit(run)
                recovered.append(run.pk)
    return recovered

"""The daily schedule: Django's task interface has no scheduler, so every worker runs
this small one (``bagalau worker``). Each entry of ``settings.DAILY_TASKS`` is enqueued
once per local day, at or after its time, as a ``once`` run keyed ``<kind>:<yyyy-mm-dd>``:
the database refuses a second such row, so two workers never enqueue it twice the same
day, and a worker started late in the day still enqueues what was missed that day."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time
from typing import cast

from django.conf import settings
from django.utils.module_loading import import_string

from bagalau.domain.errors import DomainError
from bagalau.jobs.models import TaskRun
from bagalau.jobs.services import RunTask, do_start_run

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Daily:
    kind: str
    task_path: str
    at: time


def daily_entries() -> list[Daily]:
    return [
        Daily(kind=entry["kind"], task_path=entry["task"], at=time.fromisoformat(entry["at"]))
        for entry in settings.DAILY_TASKS
    ]


def do_enqueue_due_daily(*, now: datetime) -> list[TaskRun]:
    """Start today's run of every daily entry whose time has come and that has none yet.
    ``now`` is the site's local time (``clock.now()``)."""
    started: list[TaskRun] = []
    day = now.date()
    for entry in daily_entries():
        if now.time() < entry.at:
            continue
        key = f"{entry.kind}:{day.isoformat()}"
        if TaskRun.objects.filter(kind=entry.kind, key=key, once=True).exists():
            continue
        task = cast(RunTask, import_string(entry.task_path))
        try:
            run = do_start_run(
                kind=entry.kind,
                key=key,
                actor=None,
                body_id=None,
                params={"day": day.isoformat()},
                task=task,
                once=True,
            )
        except DomainError:
            continue  # another worker took today's slot a moment ago
        logger.info("Daily %s enqueued for %s (run %s)", entry.kind, day, run.pk)
        started.append(run)
    return started

"""Small task bodies for the jobs tests: they count, refuse, crash, or fail once."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.jobs.models import TaskRun
from bagalau.jobs.services import execute_run, report_progress


@task()
def count_to(run_id: int) -> None:
    execute_run(run_id, _count)


def _count(run: TaskRun) -> dict[str, Any]:
    total = int(run.params.get("total", 4))
    for done in range(1, total + 1):
        report_progress(run.pk, processed=done, total=total, stage="write")
    return {"processed": total, "created": total - 1}


@task()
def refuse(run_id: int) -> None:
    execute_run(run_id, _refuse)


def _refuse(run: TaskRun) -> dict[str, Any]:
    raise DomainError(ErrorCode.PERIOD_CLOSED, {"period": "2024-Q1"})


@task()
def crash(run_id: int) -> None:
    execute_run(run_id, _crash)


def _crash(run: TaskRun) -> dict[str, Any]:
    raise RuntimeError("connection string postgres://secret@db")


@task()
def fails_once(run_id: int) -> None:
    execute_run(run_id, _fails_once)


def _fails_once(run: TaskRun) -> dict[str, Any]:
    if run.attempts == 1:
        raise RuntimeError("first attempt breaks")
    return _count(run)

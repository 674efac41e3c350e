"""Reading runs: how far one got (``progress_of``) and the past runs on a body."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bagalau.core import clock
from bagalau.core.messages import error_message
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.jobs.labels import figure_label, figure_order, stage_label
from bagalau.jobs.models import RunStatus, TaskRun

RECENT = 20


@dataclass(frozen=True)
class Figure:
    label: str
    value: Any


@dataclass(frozen=True)
class Progress:
    """A run as a page shows it. ``percent`` and ``total`` are None while the size of the
    work is not known yet; ``remaining`` is None until there is a rate to count from."""

    run_id: int
    kind: str
    kind_label: str
    status: str
    status_label: str
    processed: int
    total: int | None
    percent: int | None
    stage: str
    stage_label: str
    elapsed: timedelta
    remaining: timedelta | None
    finished: bool
    failed: bool
    error: str = ""
    outcome: tuple[Figure, ...] = field(default_factory=tuple)


def progress_of(run: TaskRun) -> Progress:
    now = clock.now()
    end = run.finished_at or now
    elapsed = max(end - run.started_at, timedelta(0)) if run.started_at else timedelta(0)
    failed = run.status == RunStatus.FAILED
    return Progress(
        run_id=run.pk,
        kind=run.kind,
        kind_label=str(run.get_kind_display()),
        status=run.status,
        status_label=str(run.get_status_display()),
        processed=run.processed,
        total=run.total,
        percent=_percent(run),
        stage=run.stage,
        stage_label=stage_label(run.stage),
        elapsed=elapsed,
        remaining=None if run.finished else _remaining(run, elapsed),
        finished=run.finished,
        failed=failed,
        error=run_error(run) if failed else "",
        outcome=outcome_of(run),
    )


def _percent(run: TaskRun) -> int | None:
    if run.status == RunStatus.DONE:
        return 100
    if not run.total:
        return None
    return min(100, run.processed * 100 // run.total)


def _remaining(run: TaskRun, elapsed: timedelta) -> timedelta | None:
    """The rest at the rate so far: nothing to count from before the first chunk."""
    if not run.total or run.processed <= 0 or elapsed <= timedelta(0):
        return None
    left = max(run.total - run.processed, 0)
    return elapsed * left / run.processed


def run_error(run: TaskRun) -> str:
    """The failure in words: a domain message, never a traceback."""
    try:
        code = ErrorCode(run.error_code)
    except ValueError:
        code = ErrorCode.INTERNAL_ERROR
    return error_message(DomainError(code, run.error_params))


def outcome_of(run: TaskRun) -> tuple[Figure, ...]:
    names = sorted(run.outcome, key=figure_order)
    return tuple(Figure(figure_label(name), run.outcome[name]) for name in names)


@dataclass(frozen=True)
class RunRow:
    run: TaskRun
    outcome: tuple[Figure, ...]
    what: str = ""  # what the run acted on, in words, when the list mixes several
    url: str = ""  # where its details are, when not the run's own page


def runs_for(body_id: int | None, kind: str, *, limit: int = RECENT) -> list[RunRow]:
    """The latest runs of ``kind`` on a body, newest first, with who started them and
    their figures in words (one query)."""
    rows = TaskRun.objects.filter(kind=kind, body_id=body_id).select_related("started_by")
    return [RunRow(run, outcome_of(run)) for run in rows.order_by("-created_at", "-pk")[:limit]]

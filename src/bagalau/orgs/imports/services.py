"""Staff import: the dry run (``check_staff_import``) and applying it (``do_apply_staff_import``).

Both are set-based: the body's current data is read in a fixed number of queries (IIN
lists in chunks of ``IN_CHUNK``). Applying first re-checks the stored rows against the
data as it is at that moment and writes nothing unless every row is valid; then it
writes in chunks that each commit with their audit records (one per created or changed
object), so a timeout cannot roll back what was done, and running it again after a
failure finishes the job without doubling anything. Rows are matched,
so importing the same file twice changes nothing the second time: employees by IIN,
departments and positions by body and code, assignments by employee, position and
start, absences by employee, kind and start, dismissals by employee, body and date.
Rows of the body that the file does not mention are left as they are.

The ``*_steps`` generators yield ``(phase, done, total)`` as they go, so that a page can
show progress while a large file is processed; ``check_staff_import`` and
``do_apply_staff_import`` run them to the end. The pages apply a job in the background:
``do_start_apply`` refuses what cannot be applied and queues a run of
``tasks.apply_import``, which reports each chunk as the run's progress.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from bagalau.core import clock
from bagalau.core.bulk import fewer_collections
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.jobs.models import RunKind, TaskRun
from bagalau.jobs.services import do_start_run
from bagalau.orgs.imports.apply import CHUNK, apply_plan_steps
from bagalau.orgs.imports.kept import fingerprint, plan_from_data, plan_to_data
from bagalau.orgs.imports.limits import read_within_limits
from bagalau.orgs.imports.read import ReadResult
from bagalau.orgs.imports.rules import Existing, Plan, plan_import_steps
from bagalau.orgs.imports.state import (
    iins_kept,
    iins_read,
    load_existing,
    rows_from_data,
    rows_to_data,
)
from bagalau.orgs.models import ImportJob, ImportStatus, StateBody

Actor = AbstractBaseUser | AnonymousUser | None
Progress = tuple[str, int, int]
T = TypeVar("T")


def _run(steps: Generator[Progress, None, T]) -> T:
    with fewer_collections():
        return _drain(steps)


def _drain(steps: Generator[Progress, None, T]) -> T:
    while True:
        try:
            next(steps)
        except StopIteration as done:
            result: T = done.value
            return result


# --- the dry run ---------------------------------------------------------------------


def plan_data(plan: Plan) -> dict[str, Any]:
    return {
        "counts": plan.counts(),
        "outcomes": [[s.value, row, o.value] for s, row, o in plan.outcomes],
        "issues": [i.as_data() for i in plan.issues],
    }


def check_staff_import_steps(
    *,
    body: StateBody,
    files: Iterable[tuple[str, bytes]],
    actor: Actor,
    read: ReadResult | None = None,
) -> Generator[Progress, None, ImportJob]:
    """The dry run step by step; ``read`` when the caller has read the files already
    (with ``read_within_limits``, which refuses a file over the limits: ValidationError)."""
    files = list(files)
    if read is None:
        read = read_within_limits(files)
    total = read.row_count
    yield ("read", total, total)
    existing = load_existing(body, iins_read(read))
    plan = yield from _planning(read, existing, total)
    rows = rows_to_data(read)
    if plan.valid:
        rows |= {"_plan": plan_to_data(plan), "_basis": fingerprint(existing)}
    job = ImportJob.objects.create(
        body=body,
        created_by=actor if isinstance(actor, User) else None,
        file_names=", ".join(name for name, _ in files)[:500],
        status=ImportStatus.CHECKED if plan.valid else ImportStatus.INVALID,
        rows=rows,
        result=plan_data(plan),
    )
    return job


def _planning(read: ReadResult, existing: Existing, total: int) -> Generator[Progress, None, Plan]:
    steps = plan_import_steps(read, existing)
    while True:
        try:
            done = next(steps)
        except StopIteration as finished:
            plan: Plan = finished.value
            return plan
        yield ("check", done, total)


def check_staff_import(
    *, body: StateBody, files: Iterable[tuple[str, bytes]], actor: Actor
) -> ImportJob:
    """Read and check the files against the body's data; write only the job (the dry run).

    Files over the import's limits are refused (ValidationError) and nothing is stored."""
    return _run(check_staff_import_steps(body=body, files=files, actor=actor))


# --- applying ------------------------------------------------------------------------


def _lock(pk: int, *defer: str) -> ImportJob:
    """The job, locked for this transaction: applies of one job take turns chunk by chunk."""
    return ImportJob.objects.select_for_update().select_related("body").defer(*defer).get(pk=pk)


def _recheck(job: ImportJob) -> Generator[Progress, None, Plan | None]:
    """Check the kept rows again against the data as it is now; the plan when valid.

    When nothing the checks read has changed since the dry run, its kept plan is taken
    (``kept``). A run resumed after a failure finds part of its own rows written:
    they match the plan as a re-import would, so the plan stays valid, and the outcomes
    shown stay those of the run that started writing.
    """
    with transaction.atomic():
        job = _lock(job.pk)
        existing = load_existing(job.body, iins_kept(job.rows))
        total = sum(len(sheet["rows"]) for k, sheet in job.rows.items() if k[:1] != "_")
        if "_plan" in job.rows and job.rows.get("_basis") == fingerprint(existing):
            # The data the dry run checked against is unchanged: so is its verdict.
            yield ("check", total, total)
            plan, fresh = plan_from_data(job.rows["_plan"]), False
        else:
            read = rows_from_data(job.rows)
            plan = yield from _planning(read, existing, read.row_count)
            fresh = True
        if not plan.valid:
            # The data changed since the dry run: nothing is written but the new outcome.
            job.result = plan_data(plan)
            job.status = ImportStatus.INVALID
            job.save(update_fields=["status", "result"])
            return None
        if not job.result.get("writing"):
            job.result = {**(plan_data(plan) if fresh else job.result), "writing": True}
            job.save(update_fields=["result"])
    return plan


def do_apply_staff_import_steps(
    *, job: ImportJob, actor: Actor, chunk_size: int = CHUNK
) -> Generator[Progress, None, ImportJob]:
    """Apply a checked import: check every row again, then write in chunks that each
    commit (``apply``); yields ``(phase, done, total)`` as it goes."""
    job = ImportJob.objects.select_related("body").defer("rows", "result").get(pk=job.pk)
    if job.status != ImportStatus.CHECKED:
        # Applied already (a second click, a reload): nothing more. Invalid: some problems
        # (a file that is not a spreadsheet) leave no rows to re-check; the verdict stands.
        return job
    plan = yield from _recheck(job)
    if plan is None:
        return ImportJob.objects.get(pk=job.pk)

    def lock() -> None:  # the job's row only, not its rows of cells
        list(ImportJob.objects.select_for_update().filter(pk=job.pk).values_list("pk"))

    written = yield from apply_plan_steps(
        body=job.body, plan=plan, actor=actor, chunk_size=chunk_size, before_chunk=lock
    )
    with transaction.atomic():
        job = _lock(job.pk, "rows")
        if job.status == ImportStatus.APPLIED:
            return job  # another run of the same job finished first
        job.result.pop("writing", None)
        job.result["written"] = written
        job.status = ImportStatus.APPLIED
        job.applied_at = clock.now()
        job.save(update_fields=["status", "result", "applied_at"])
    return job


def do_apply_staff_import(
    *,
    job: ImportJob,
    actor: Actor,
    chunk_size: int = CHUNK,
    progress: Callable[[int, int, str], None] | None = None,
) -> ImportJob:
    """Apply a checked import: nothing is written unless every row is valid; then chunks
    of ``chunk_size`` rows each commit, calling ``progress(processed, total, stage)``.

    After a failure mid-way, running it again completes the job with the same rows and
    audit records as one uninterrupted run (see ``apply``).
    """
    steps = do_apply_staff_import_steps(job=job, actor=actor, chunk_size=chunk_size)
    with fewer_collections():
        while True:
            try:
                stage, done, total = next(steps)
            except StopIteration as finished:
                result: ImportJob = finished.value
                return result
            if progress is not None:
                progress(done, total, stage)


# --- applying in the background --------------------------------------------------------


def run_key(job: ImportJob) -> str:
    return f"import:{job.pk}"


def do_start_apply(*, job: ImportJob, actor: AbstractBaseUser | None) -> TaskRun:
    """Queue the background apply of a checked job (``tasks.apply_import``).

    Refused with ``IMPORT_ALREADY_APPLIED`` or ``IMPORT_HAS_ERRORS`` when there is nothing
    to apply, and with ``TASK_ALREADY_RUNNING`` while a run of the same job is queued or
    running; nothing is written then.
    """
    from bagalau.orgs.imports.tasks import apply_import  # the task module imports this one

    if job.status == ImportStatus.APPLIED:
        applied = timezone.localtime(job.applied_at).date() if job.applied_at else "?"
        raise DomainError(ErrorCode.IMPORT_ALREADY_APPLIED, {"date": applied})
    if job.status != ImportStatus.CHECKED:
        raise DomainError(ErrorCode.IMPORT_HAS_ERRORS)
    return do_start_run(
        kind=RunKind.IMPORT_STAFF,
        key=run_key(job),
        actor=actor,
        body_id=job.body_id,
        params={"job": job.pk},
        task=apply_import,
    )


def latest_run(job: ImportJob) -> TaskRun | None:
    """The job's last background apply, if it was ever started."""
    runs = TaskRun.objects.filter(kind=RunKind.IMPORT_STAFF, key=run_key(job))
    return runs.select_related("started_by").order_by("-created_at", "-pk").first()

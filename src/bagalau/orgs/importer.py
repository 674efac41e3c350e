"""Staff import: the dry run (``check_staff_import``) and applying it (``do_apply_staff_import``).

Both are set-based: the body's current data is read in a fixed number of queries (IIN
lists in chunks of ``IN_CHUNK``), and applying writes with ``bulk_create`` /
``bulk_update`` in batches, with one audit record per created or changed object, saved in
bulk. Applying re-checks the stored rows against the data as it is at that moment,
inside one transaction, and writes nothing unless every row is valid. Rows are matched,
so importing the same file twice changes nothing the second time: employees by IIN,
departments and positions by body and code, assignments by employee, position and
start, absences by employee, kind and start, dismissals by employee, body and date.
Rows of the body that the file does not mention are left as they are.

The ``*_steps`` generators yield ``(phase, done, total)`` as they go, so that a page can
show progress while a large file is processed; ``check_staff_import`` and
``do_apply_staff_import`` run them to the end.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction

from bagalau.core import clock
from bagalau.orgs.import_apply import apply_plan_steps
from bagalau.orgs.import_read import ReadResult, read_files
from bagalau.orgs.import_rules import Existing, Plan, plan_import_steps
from bagalau.orgs.import_state import load_current, rows_from_data, rows_to_data
from bagalau.orgs.models import ImportJob, ImportStatus, StateBody

Actor = AbstractBaseUser | AnonymousUser | None
Progress = tuple[str, int, int]
T = TypeVar("T")


def _run(steps: Generator[Progress, None, T]) -> T:
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
    *, body: StateBody, files: Iterable[tuple[str, bytes]], actor: Actor
) -> Generator[Progress, None, ImportJob]:
    files = list(files)
    read = read_files(files)
    total = read.row_count
    yield ("read", total, total)
    _cur, existing = load_current(body, read)
    plan = yield from _planning(read, existing, total)
    job = ImportJob.objects.create(
        body=body,
        created_by=actor if isinstance(actor, User) else None,
        file_names=", ".join(name for name, _ in files)[:500],
        status=ImportStatus.CHECKED if plan.valid else ImportStatus.INVALID,
        rows=rows_to_data(read),
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
    """Read and check the files against the body's data; write only the job (the dry run)."""
    return _run(check_staff_import_steps(body=body, files=files, actor=actor))


# --- applying ------------------------------------------------------------------------


def do_apply_staff_import_steps(
    *, job: ImportJob, actor: Actor
) -> Generator[Progress, None, ImportJob]:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("body").get(pk=job.pk)
        if job.status == ImportStatus.APPLIED:
            return job  # applying twice (a second click, a reload) does nothing more
        if job.status != ImportStatus.CHECKED:
            # The dry run found problems; some (a file that is not a spreadsheet, a sheet
            # with wrong headers) leave no rows to re-check, so its verdict stands.
            return job
        read = rows_from_data(job.rows)
        total = read.row_count
        cur, existing = load_current(job.body, read)
        plan = yield from _planning(read, existing, total)
        job.result = plan_data(plan)
        if not plan.valid:
            # The data changed since the dry run: nothing is written but the new outcome.
            job.status = ImportStatus.INVALID
            job.save(update_fields=["status", "result"])
            return job
        written = yield from apply_plan_steps(body=job.body, plan=plan, cur=cur, actor=actor)
        job.result["written"] = written
        job.status = ImportStatus.APPLIED
        job.applied_at = clock.now()
        job.save(update_fields=["status", "result", "applied_at"])
    return job


def do_apply_staff_import(*, job: ImportJob, actor: Actor) -> ImportJob:
    """Apply a checked import atomically: everything, or nothing when a row has an issue."""
    return _run(do_apply_staff_import_steps(job=job, actor=actor))

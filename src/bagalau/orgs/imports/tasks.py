"""Applying a checked staff import in the background (``apply_import``).

The page starts a run (``services.do_start_apply``); a worker takes it and applies the
job with ``services.do_apply_staff_import_steps``: the stored rows are checked again,
then written ``IMPORT_CHUNK`` rows per transaction, each chunk with its audit records,
and the run's progress is reported after every committed chunk. A run whose worker died
half-way is queued again from the start (or retried from the job's page): the chunks
already written are found equal to the plan and nothing is written twice.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from bagalau.core.bulk import fewer_collections
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.jobs.labels import add_labels
from bagalau.jobs.models import TaskRun
from bagalau.jobs.services import execute_run, report_progress
from bagalau.orgs.imports.services import do_apply_staff_import_steps
from bagalau.orgs.models import ImportJob, ImportStatus

add_labels(
    stages={
        "check": _("checking the rows again"),
        "departments": _("writing departments"),
        "positions": _("writing positions"),
        "employees": _("writing employees"),
        "assignments": _("writing assignments"),
        "absences": _("writing absences"),
        "dismissals": _("writing dismissals"),
    },
    figures={"audit": _("audit records")},
)


@task()
def apply_import(run_id: int) -> None:
    execute_run(run_id, apply_job)


def apply_job(run: TaskRun) -> dict[str, Any]:
    """The body of an import run: apply the job ``run.params["job"]``, report each chunk."""
    job = ImportJob.objects.defer("rows", "result").get(pk=run.params["job"])
    actor = User.objects.filter(pk=run.started_by_id).first() if run.started_by_id else None
    pause = float(settings.IMPORT_PAUSE)
    steps = do_apply_staff_import_steps(job=job, actor=actor, chunk_size=settings.IMPORT_CHUNK)
    with fewer_collections():
        while True:
            try:
                stage, done, total = next(steps)
            except StopIteration as finished:
                job = finished.value
                break
            report_progress(run.pk, processed=done, total=total, stage=stage)
            if pause > 0:
                time.sleep(pause)
    if job.status != ImportStatus.APPLIED:
        # The data changed since the dry run and a row is no longer valid: nothing was
        # written, the job's page shows the new errors.
        raise DomainError(ErrorCode.IMPORT_HAS_ERRORS)
    return figures(job)


def figures(job: ImportJob) -> dict[str, int]:
    """What an applied job did: its rows by outcome and the audit records written."""
    counts: dict[str, int] = job.result.get("counts", {})
    written: dict[str, int] = job.result.get("written", {})
    return {
        "processed": sum(counts.values()),
        "created": counts.get("create", 0),
        "updated": counts.get("update", 0),
        "skipped": counts.get("unchanged", 0),
        "audit": written.get("audit", 0),
    }

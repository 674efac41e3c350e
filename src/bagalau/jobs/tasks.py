"""The jobs app's own task: a worker check that does nothing but report progress, so
``bagalau jobs check`` shows that a worker takes runs and records them (``--pause``
makes it slow enough to watch, or to kill its worker and see it recovered)."""

from __future__ import annotations

import time
from typing import Any

from django_tasks import task

from bagalau.jobs.models import TaskRun
from bagalau.jobs.services import execute_run, report_progress


@task()
def check_worker(run_id: int) -> None:
    execute_run(run_id, _count)


def _count(run: TaskRun) -> dict[str, Any]:
    steps = int(run.params.get("steps", 3))
    pause = float(run.params.get("pause", 0))  # seconds per step: a slow check
    for done in range(1, steps + 1):
        time.sleep(pause)
        report_progress(run.pk, processed=done, total=steps, stage="compute")
    return {"processed": steps}

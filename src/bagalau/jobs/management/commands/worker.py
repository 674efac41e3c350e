"""``bagalau worker``: runs background tasks with the backend ``TASKS_BACKEND`` names.

    bagalau worker              # recover abandoned runs, keep the daily schedule, work
    bagalau worker --batch      # run what is queued now, then exit

It first queues again the runs a dead worker left (``bagalau jobs recover``), then keeps
a small scheduler thread (the daily reminders, docs/adr/0008-background-tasks.md) and
starts the backend's own worker in the foreground: ``db_worker`` for the database,
RQ's worker for Redis (``TASKS_BACKEND=rq REDIS_URL=... bagalau worker`` on each machine).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from bagalau.core import clock
from bagalau.jobs.schedule import do_enqueue_due_daily
from bagalau.jobs.services import do_recover_runs

logger = logging.getLogger(__name__)

TICK_SECONDS = 30


def tick() -> None:
    """One round of the scheduler: today's daily runs, then the runs of dead workers."""
    close_old_connections()
    try:
        do_enqueue_due_daily(now=clock.now())
        do_recover_runs()
    except Exception:
        # A locked SQLite file or a lost connection: try again on the next tick.
        logger.exception("Scheduler tick failed")


def _keep_schedule() -> None:
    while True:
        time.sleep(TICK_SECONDS)
        tick()


class Command(BaseCommand):
    help = "Run background tasks: recovery, the daily schedule and the backend's worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="run the tasks queued now, then exit"
        )
        parser.add_argument(
            "--no-schedule", action="store_true", help="do not enqueue the daily tasks"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        backend = settings.TASKS_BACKEND
        if backend not in ("db", "rq"):
            raise CommandError(
                f"TASKS_BACKEND={backend} runs tasks in the web process; no worker is needed."
            )
        recovered = do_recover_runs()
        if recovered:
            self.stdout.write(f"Abandoned runs queued again: {recovered}")
        if not options["no_schedule"]:
            do_enqueue_due_daily(now=clock.now())
            if not options["batch"]:
                threading.Thread(target=_keep_schedule, name="schedule", daemon=True).start()
        verbosity = options["verbosity"]
        batch = options["batch"]
        if backend == "db":
            call_command(
                "db_worker",
                queue_name="default",
                batch=batch,
                reload=False,
                startup_delay=not batch,
                verbosity=verbosity,
            )
        else:
            call_command(
                "rqworker",
                "default",
                job_class="django_tasks_rq.Job",
                with_scheduler=True,
                burst=batch,
                verbosity=verbosity,
            )

"""Background tasks of notices: e-mailing what waits, the daily reminders, and the
daily look for evaluation documents past their retention period (which only tells HR and
the administrators: removing them needs a person's confirmation, ``bagalau retention``).

``send_pending_emails`` e-mails every notice not e-mailed yet; while the mail server
is unreachable it enqueues itself again later (1, 2, 4 … minutes, at most an hour apart)
and nothing is lost: a notice is stamped only once its message was accepted.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from typing import Any

from django_tasks import task

from bagalau.core import clock
from bagalau.jobs.models import TaskRun
from bagalau.jobs.services import enqueue_later, execute_run, report_progress
from bagalau.notify.mail import send_pending_emails as send_pending

logger = logging.getLogger(__name__)

FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
SOON_DAYS = 3


def retry_delay(attempt: int) -> timedelta:
    """Doubling from one minute, capped at an hour."""
    delay: timedelta = FIRST_RETRY * 2 ** min(attempt, 10)
    return min(delay, LONGEST_RETRY)


@task()
def send_pending_emails(attempt: int = 0) -> int:
    """E-mail the waiting notices; on a mail server error, try again later."""
    try:
        return send_pending()
    except (smtplib.SMTPException, OSError) as err:  # ConnectionError is an OSError
        delay = retry_delay(attempt)
        logger.warning("E-mail failed (%s); trying again in %s", err, delay)
        if send_pending_emails.get_backend().supports_defer:
            enqueue_later(send_pending_emails, clock.now() + delay, attempt + 1)
        # Otherwise (tasks run in the process) the next notices or reminders send them.
        return 0


@task()
def remind_daily(run_id: int) -> None:
    """The daily reminder run the worker's schedule enqueues (``bagalau remind`` by hand)."""
    execute_run(run_id, _remind)


def _remind(run: TaskRun) -> dict[str, Any]:
    # Imported here: the reminders enqueue this module's e-mail task.
    from bagalau.notify.services import do_send_reminders

    report_progress(run.pk, processed=0, total=None, stage="compute")
    count = do_send_reminders(today=clock.today(), soon_days=SOON_DAYS)
    return {
        "processed": count.evaluations,
        "notices": sum(count.created.values()),
    }


@task()
def retention_daily(run_id: int) -> None:
    """The daily retention run the worker's schedule enqueues: notices only."""
    execute_run(run_id, _retention)


def _retention(run: TaskRun) -> dict[str, Any]:
    # Imported here: the notices enqueue this module's e-mail task.
    from bagalau.notify.retention import do_notify_retention_due

    report_progress(run.pk, processed=0, total=None, stage="compute")
    count = do_notify_retention_due(today=clock.today())
    return {"processed": count.periods, "notices": count.notices}

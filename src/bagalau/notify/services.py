"""Creating notices in bulk, idempotently (the quarter close and reminders call this),
reminders to whoever owes the next step, and marking notices read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django_tasks import TaskResultStatus

from bagalau.core import clock
from bagalau.core.bulk import insert_many
from bagalau.cycles.models import EvaluationPeriod, PeriodStatus
from bagalau.domain.progress import Status
from bagalau.notify import selectors
from bagalau.notify.models import NoticeKind, NoticeLanguage, Notification
from bagalau.notify.owners import TEAM_STEPS, StepOwners, step_url, subject_of
from bagalau.notify.tasks import send_pending_emails

BATCH = 2000

KIND_OF_STATUS = {
    Status.PENDING: NoticeKind.STEP_WAITING,
    Status.DUE_SOON: NoticeKind.DEADLINE_SOON,
    Status.OVERDUE: NoticeKind.DEADLINE_PASSED,
}


def new_notices(notices: Sequence[Notification]) -> list[Notification]:
    """The notices whose ``key`` is not saved yet (one query per 2,000 keys)."""
    keys = [n.key for n in notices]
    existing: set[str] = set()
    for start in range(0, len(keys), BATCH):
        chunk = keys[start : start + BATCH]
        existing.update(Notification.objects.filter(key__in=chunk).values_list("key", flat=True))
    fresh: dict[str, Notification] = {}
    for notice in notices:
        if notice.key not in existing:
            fresh.setdefault(notice.key, notice)
    return list(fresh.values())


def notify_many(notices: Sequence[Notification]) -> int:
    """Save the notices whose ``key`` is new; return how many were new. Their e-mail is
    enqueued after commit.

    Existing keys are left as they are (already sent, perhaps read): running a reminder
    or a close twice sends nothing twice.
    """
    if not notices:
        return 0
    fresh = new_notices(notices)
    try:
        # insert_many (COPY on PostgreSQL) is several times faster than bulk_create for
        # a close's hundred thousand notices; a key sent meanwhile by another process
        # makes it fail whole, and then the slow path skips the duplicates.
        # Nobody reads the new notices' ids back: none are reserved (one COPY).
        with transaction.atomic():
            insert_many(fresh, keep_ids=False)
    except IntegrityError:
        for notice in fresh:
            notice.pk = None
        Notification.objects.bulk_create(fresh, batch_size=BATCH, ignore_conflicts=True)
    if fresh:
        transaction.on_commit(_enqueue_emails, robust=True)
    return len(fresh)


def _enqueue_emails() -> None:
    send_pending_emails.enqueue()


@dataclass
class ReminderCount:
    """What a reminder run did: people looked at, steps owed, notices by kind, e-mails
    sent (known when the task ran at once; ``mail_queued`` when a worker sends them)."""

    evaluations: int = 0
    owed: int = 0
    created: Counter[str] = field(default_factory=Counter)
    emailed: int = 0
    mail_queued: bool = False


def do_send_reminders(*, today: date, soon_days: int) -> ReminderCount:
    """Notices to whoever owes the next step in every open period, before its deadline
    (``soon_days`` working days) and once it has passed; e-mail enqueued after commit
    (every notice not e-mailed yet, so one that failed before goes now).

    Set-based: the same queries whatever the number of people (more only per 2,000
    notices, and per distinct last day of the periods for the superior managers). Keys
    name the step, the deadline, the kind and the recipient: a rerun sends nothing twice.
    """
    periods = list(EvaluationPeriod.objects.filter(status=PeriodStatus.OPEN).select_related("body"))
    rows = selectors.progress_rows(periods, today=today, soon=soon_days)
    owed = [r for r in rows if r.progress.status is not Status.DONE]
    count = ReminderCount(evaluations=len(rows), owed=len(owed))
    with transaction.atomic():
        fresh = new_notices(step_notices(owed, periods))
        Notification.objects.bulk_create(fresh, batch_size=BATCH, ignore_conflicts=True)
        count.created.update(n.kind for n in fresh)

        def mail() -> None:
            result = send_pending_emails.enqueue()
            if result.status == TaskResultStatus.SUCCESSFUL:
                count.emailed = int(result.return_value or 0)
            else:
                count.mail_queued = not result.is_finished

        transaction.on_commit(mail, robust=True)
    return count


def step_notices(
    rows: list[selectors.ProgressRow],
    periods: list[EvaluationPeriod],
    *,
    occasion: str = "",
    skip_user: int | None = None,
) -> list[Notification]:
    """A notice to each user owing the step on ``rows`` (a team's sheet once, counted);
    ``occasion`` keys the notices of one hand-over rather than of a deadline."""
    recipients = StepOwners(rows, periods)
    notices: list[Notification] = []
    teams: dict[str, Notification] = {}
    for row in rows:
        for user_id in recipients.of(row):
            if user_id == skip_user:
                continue
            notice = _notice(row, user_id, occasion)
            if row.progress.step in TEAM_STEPS:
                found = teams.setdefault(notice.key, notice)
                found.params["count"] = found.params.get("count", 0) + 1
            else:
                notices.append(notice)
    return notices + list(teams.values())


def _notice(row: selectors.ProgressRow, user_id: int, occasion: str = "") -> Notification:
    part, found = row.participation, row.progress
    kind = KIND_OF_STATUS[found.status]
    rule = found.deadline.id if found.deadline else ""
    due = found.due
    team = found.step in TEAM_STEPS
    if occasion:
        key = f"handed:{occasion}:{found.step}:{subject_of(row)}:u{user_id}"
    else:
        key = f"{kind}:{found.step}:{rule or '-'}:{due or '-'}:{subject_of(row)}:u{user_id}"
    return Notification(
        recipient_id=user_id,
        kind=kind,
        key=key,
        period_id=part.period_id,
        participation=None if team else part,
        rule_id=rule,
        due=due,
        params={"step": found.step.value, "pack": part.period.pack_id},
        url=step_url(row),
    )


# -- the reader's own notices -----------------------------------------------------


@transaction.atomic
def do_mark_notice_read(*, user: AbstractBaseUser, notice_id: int) -> int:
    """Mark one of the user's own notices read; another user's notice is not touched."""
    return Notification.objects.filter(
        pk=notice_id, recipient_id=user.pk, read_at__isnull=True
    ).update(read_at=clock.now())


@transaction.atomic
def do_mark_all_notices_read(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).update(
        read_at=clock.now()
    )


@transaction.atomic
def do_set_notice_language(*, user: AbstractBaseUser, language: str) -> NoticeLanguage:
    row, _created = NoticeLanguage.objects.update_or_create(
        user_id=user.pk, defaults={"language": language}
    )
    return row

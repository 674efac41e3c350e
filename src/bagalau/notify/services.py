"""Creating notices in bulk, idempotently (the quarter close and reminders call this),
reminders to whoever owes the next step, and marking notices read."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.urls import reverse
from django_tasks import TaskResultStatus

from bagalau.core import clock
from bagalau.core.bulk import insert_many
from bagalau.cycles.models import EvaluationPeriod, PeriodStatus
from bagalau.domain.calendar import Period
from bagalau.domain.progress import Owner, Status, Step
from bagalau.notify import selectors
from bagalau.notify.models import NoticeKind, NoticeLanguage, Notification
from bagalau.notify.tasks import send_pending_emails

BATCH = 2000

KIND_OF_STATUS = {
    Status.PENDING: NoticeKind.STEP_WAITING,
    Status.DUE_SOON: NoticeKind.DEADLINE_SOON,
    Status.OVERDUE: NoticeKind.DEADLINE_PASSED,
}
# Steps on a whole team's sheet: one notice per team, not one per person on it.
TEAM_STEPS = frozenset({Step.SCORE_RANKING, Step.REVIEW_RANKING})
_PLAN_STEPS = frozenset(
    {Step.DRAFT_KPI_PLAN, Step.AGREE_KPI_PLAN, Step.APPROVE_KPI_PLAN, Step.PLACE_KPI_PLAN}
)
_SHEET_STEPS = frozenset(
    {Step.OPEN_KPI_SHEET, Step.ENTER_KPI_ACTUALS, Step.SCORE_KPI, Step.REVIEW_KPI_SHEET}
)


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
        fresh = new_notices(_notices(owed, periods))
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


def _notices(
    rows: list[selectors.ProgressRow], periods: list[EvaluationPeriod]
) -> list[Notification]:
    recipients = _Recipients(rows, periods)
    notices: list[Notification] = []
    teams: dict[str, Notification] = {}
    for row in rows:
        for user_id in recipients.of(row):
            notice = _notice(row, user_id)
            if row.progress.step in TEAM_STEPS:
                found = teams.setdefault(notice.key, notice)
                found.params["count"] = found.params.get("count", 0) + 1
            else:
                notices.append(notice)
    return notices + list(teams.values())


def _notice(row: selectors.ProgressRow, user_id: int) -> Notification:
    part, found = row.participation, row.progress
    kind = KIND_OF_STATUS[found.status]
    rule = found.deadline.id if found.deadline else ""
    due = found.due
    team = found.step in TEAM_STEPS
    subject = f"t{part.period_id}-{part.evaluator_id}" if team else f"p{part.pk}"
    key = f"{kind}:{found.step}:{rule or '-'}:{due or '-'}:{subject}:u{user_id}"
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


def step_url(row: selectors.ProgressRow) -> str:
    """The page where the step owed on ``row`` is taken."""
    part, step = row.participation, row.progress.step
    if step in _PLAN_STEPS:
        return reverse("cycles:kpi_plan", args=[part.pk])
    if step in _SHEET_STEPS:
        return reverse("cycles:kpi_sheet", args=[part.pk])
    if step is Step.REVIEW_RANKING and row.ranking_sheet_id is not None:
        return reverse("cycles:ranking_review", args=[row.ranking_sheet_id])
    if step in TEAM_STEPS and part.evaluator_id is not None:
        return reverse("cycles:ranking_team", args=[part.period_id, part.evaluator_id])
    return reverse("cycles:result", args=[part.pk])


class _Recipients:
    """Users owing each step, resolved for all rows at once (R-SCALE)."""

    def __init__(self, rows: list[selectors.ProgressRow], periods: list[EvaluationPeriod]) -> None:
        self.roles = selectors.role_users({p.body_id for p in periods})
        by_day: dict[date, set[int]] = defaultdict(set)
        for row in rows:
            part = row.participation
            if row.progress.owner is Owner.SUPERIOR_MANAGER and part.evaluator_id is not None:
                by_day[Period(part.period.year, part.period.quarter).end].add(part.evaluator_id)
        # Read on the period's last day, as the evaluator was recorded (access).
        self.superiors = {
            (day, evaluator): superior
            for day, ids in by_day.items()
            for evaluator, superior in selectors.superiors_of(ids, day).items()
        }

    def of(self, row: selectors.ProgressRow) -> list[int]:
        part, owner = row.participation, row.progress.owner
        if owner is Owner.EVALUATOR:
            return _user(part.evaluator.user_id if part.evaluator else None)
        if owner is Owner.EMPLOYEE:
            return _user(part.employee.user_id)
        if owner is Owner.SUPERIOR_MANAGER:
            day = Period(part.period.year, part.period.quarter).end
            superior = self.superiors.get((day, part.evaluator_id or 0))
            return _user(superior.user_id if superior else None)
        if owner in (Owner.HR, Owner.APPOINTING_OFFICIAL):
            return self.roles.get((part.period.body_id, str(owner)), [])
        return []


def _user(user_id: int | None) -> list[int]:
    return [user_id] if user_id is not None else []


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

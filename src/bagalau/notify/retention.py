"""Notices that a period's evaluation documents are past their retention period (R-RETAIN,
004 p14) and wait for a person to confirm their removal (``bagalau retention --remove``).

The daily task (``tasks.retention_daily``) sends them to HR of the period's body and to
the administrators (active superusers); it never removes anything itself. A notice's key
names the period and the recipient, so each is told once however often the task runs;
its text holds the period and the dates only, nothing of the documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.core import clock
from bagalau.cycles.retention.selectors import PeriodRetention, past_retention
from bagalau.notify.models import NoticeKind, Notification
from bagalau.notify.services import notify_many


@dataclass(frozen=True)
class RetentionNotices:
    """What a run found: periods past their retention period, and notices created."""

    periods: int
    notices: int


def do_notify_retention_due(*, today: date) -> RetentionNotices:
    """Tell HR of each body and the administrators which periods' documents may be
    removed on ``today``, once per period and person; a fixed number of queries."""
    past = past_retention(today=today)
    if not past:
        return RetentionNotices(periods=0, notices=0)
    admins = list(
        User.objects.filter(is_superuser=True, is_active=True).values_list("pk", flat=True)
    )
    hr: dict[int, set[int]] = {}
    rows = RoleAssignment.objects.filter(
        body_id__in={item.period.body_id for item in past}, role=Role.HR, user__is_active=True
    ).values_list("body_id", "user_id")
    for body_id, user_id in rows:
        hr.setdefault(body_id, set()).add(user_id)
    now = clock.now()
    notices = [
        _notice(item, user_id, now)
        for item in past
        for user_id in sorted(hr.get(item.period.body_id, set()) | set(admins))
    ]
    with transaction.atomic():
        created = notify_many(notices)
    return RetentionNotices(periods=len(past), notices=created)


def _notice(item: PeriodRetention, user_id: int, now: datetime) -> Notification:
    period, retention = item.period, item.retention
    assert retention is not None  # past_retention lists decided periods only
    return Notification(
        recipient_id=user_id,
        kind=NoticeKind.RETENTION_DUE,
        key=f"retention_due:{period.pk}:u{user_id}",
        period_id=period.pk,
        due=retention.ends,
        params={"pack": period.pack_id, "completed": retention.completed.isoformat()},
        url=reverse("cycles:period", args=[period.body.code, period.code]),
        created_at=now,
    )

"""Creating notices in bulk, idempotently (the quarter close and reminders call this)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, transaction

from bagalau.core.bulk import insert_many
from bagalau.notify.models import Notification

BATCH = 2000


def notify_many(notices: Sequence[Notification]) -> int:
    """Save the notices whose ``key`` is new; return how many were new.

    Existing keys are left as they are (already sent, perhaps read): running a reminder
    or a close twice sends nothing twice.
    """
    if not notices:
        return 0
    keys = [n.key for n in notices]
    existing: set[str] = set()
    for start in range(0, len(keys), BATCH):
        chunk = keys[start : start + BATCH]
        existing.update(Notification.objects.filter(key__in=chunk).values_list("key", flat=True))
    fresh = [n for n in notices if n.key not in existing]
    try:
        # insert_many (COPY on PostgreSQL) is several times faster than bulk_create for
        # a close's hundred thousand notices; a key sent meanwhile by another process
        # makes it fail whole, and then the slow path skips the duplicates.
        with transaction.atomic():
            for start in range(0, len(fresh), BATCH):
                insert_many(fresh[start : start + BATCH])
    except IntegrityError:
        for notice in fresh:
            notice.pk = None
        Notification.objects.bulk_create(fresh, batch_size=BATCH, ignore_conflicts=True)
    return len(fresh)

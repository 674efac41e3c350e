"""Writing the audit trail: one record per change, before and after as JSON.

Services call ``record_change`` inside their transaction, so a change and its record
are saved together or not at all. Bulk paths build records with ``build_record`` and
save them with ``record_many`` in one query; the largest (the staff import) build plain
rows of values with ``record_row`` and save them with ``record_rows``, which skips
constructing a model object per record.

Records are never changed, with one exception: when an object's documents are removed
after their retention period (R-RETAIN), ``redact_records`` empties the before and
after of that object's records, which hold its personal data, and keeps who did what
to which object and when.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import connections, models, router

from bagalau.audit.models import AuditAction, AuditRecord
from bagalau.core.bulk import insert_many, insert_values

SYSTEM = "system"


def snapshot(obj: models.Model, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """The concrete field values of ``obj`` as JSON-safe data (foreign keys by id)."""
    skipped = set(exclude)
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in skipped:
            continue
        value = getattr(obj, field.attname)
        data[field.attname] = value if type(value) in _PLAIN else _json_safe(value)
    return data


_PLAIN = frozenset({str, int, bool, float, type(None)})  # JSON as they are


def _json_safe(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def build_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: AuditAction,
    obj: models.Model,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    body_id: int | None = None,
    note: str = "",
) -> AuditRecord:
    user = actor if isinstance(actor, User) else None
    return AuditRecord(
        actor=user,
        actor_name=user.get_username() if user is not None else SYSTEM,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        body_id=body_id,
        before=dict(before) if before is not None else None,
        after=dict(after) if after is not None else None,
        note=note[:300],
    )


def actor_fields(actor: AbstractBaseUser | AnonymousUser | None) -> dict[str, Any]:
    """Who, as a record stores it: the account (when a user) and the name kept with it."""
    user = actor if isinstance(actor, User) else None
    return {"actor_id": user.pk if user else None,
            "actor_name": user.get_username() if user is not None else SYSTEM}  # fmt: skip


_ROW = ("at", "actor_id", "actor_name", "action", "object_type", "object_id", "object_repr",
        "body_id", "before", "after", "note")  # fmt: skip


def record_row(
    who: Mapping[str, Any],
    action: AuditAction,
    obj: models.Model,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    *,
    at: datetime,
    body_id: int | None,
    note: str,
) -> tuple[Any, ...]:
    """The values ``build_record`` would give, as a row for ``record_rows``; ``who`` from
    ``actor_fields``."""
    return (at, who["actor_id"], who["actor_name"], action.value, obj._meta.label_lower,
            str(obj.pk), str(obj)[:300], body_id, before, after, note[:300])  # fmt: skip


def record_rows(rows: Sequence[tuple[Any, ...]]) -> int:
    """Save records given as rows of values (``record_row``) in bulk, straight to the
    driver: the JSON encoded once here, one moment per batch prepared once."""
    connection = connections[router.db_for_write(AuditRecord)]
    moments: dict[datetime, Any] = {}

    def moment(at: datetime) -> Any:
        if at not in moments:
            moments[at] = connection.ops.adapt_datetimefield_value(at)
        return moments[at]

    def text(value: Mapping[str, Any] | None) -> str | None:
        return None if value is None else json.dumps(value)

    prepared = [(moment(r[0]), *r[1:8], text(r[8]), text(r[9]), r[10]) for r in rows]
    return insert_values(AuditRecord, _ROW, prepared)


def record_change(**kwargs: Any) -> AuditRecord:
    """Save one audit record; see ``build_record`` for the arguments."""
    record = build_record(**kwargs)
    record.save()
    return record


def record_scores_view(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    obj: models.Model,
    body_id: int | None,
    shown: Iterable[int],
    note: str,
) -> AuditRecord | None:
    """Log one page or API answer that showed confidential scores (R-CONFIDENTIAL).

    One record per view, however many people are on it: who, when, which sheet
    (``obj``), what showed it (``note``: the page or endpoint) and whose scores, as the
    sorted participation ids under ``after["shown"]``. Nothing shown, nothing logged.
    """
    participations = sorted(set(shown))
    if not participations:
        return None
    return record_change(
        actor=actor, action=AuditAction.VIEW, obj=obj, body_id=body_id,
        after={"shown": participations}, note=note,
    )  # fmt: skip


def record_many(records: Iterable[AuditRecord]) -> int:
    """Save new records in bulk (``insert_many``: ``bulk_create`` without its overhead)."""
    return len(insert_many(list(records), keep_ids=False))


REDACTED = "[removed after its retention period]"
REDACT_BATCH = 2000


def redact_records(object_type: str, object_ids: Sequence[int], *, note: str) -> int:
    """Empty the before and after of every record about the objects ``object_ids`` of
    ``object_type`` (``cycles.result``), replace their text with ``REDACTED`` and their
    note with ``note`` (the retention rule's citation label); keep the actor, the
    moment, the action and the object's kind and id. In one UPDATE per 2,000 objects;
    return how many records were redacted. Run again, it redacts nothing new."""
    redacted = 0
    ids = [str(pk) for pk in object_ids]
    for start in range(0, len(ids), REDACT_BATCH):
        redacted += (
            AuditRecord.objects.filter(
                object_type=object_type, object_id__in=ids[start : start + REDACT_BATCH]
            )
            .exclude(object_repr=REDACTED)
            .update(before=None, after=None, object_repr=REDACTED, note=note[:300])
        )
    return redacted


def changed_fields(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> dict[str, tuple[Any, Any]]:
    return {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}

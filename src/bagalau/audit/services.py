"""Writing the audit trail: one record per change, before and after as JSON.

Services call ``record_change`` inside their transaction, so a change and its record
are saved together or not at all. Bulk paths build records with ``build_record`` and
save them with ``record_many`` in one query.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import models

from bagalau.audit.models import AuditAction, AuditRecord
from bagalau.core.bulk import insert_many

SYSTEM = "system"


def snapshot(obj: models.Model, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """The concrete field values of ``obj`` as JSON-safe data (foreign keys by id)."""
    skipped = set(exclude)
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in skipped:
            continue
        data[field.attname] = _json_safe(getattr(obj, field.attname))
    return data


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


def record_change(**kwargs: Any) -> AuditRecord:
    """Save one audit record; see ``build_record`` for the arguments."""
    record = build_record(**kwargs)
    record.save()
    return record


def record_many(records: Iterable[AuditRecord]) -> int:
    """Save new records in bulk (``insert_many``: ``bulk_create`` without its overhead)."""
    return len(insert_many(list(records), keep_ids=False))


def changed_fields(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> dict[str, tuple[Any, Any]]:
    return {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}

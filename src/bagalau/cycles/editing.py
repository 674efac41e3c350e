"""How every edit of the cycle is made: the period's row locked and still open, the
edited row locked at the version the user saw, then saved with its version bumped and
its audit record written.

The close locks the period's row first too when it starts (``close.services``), so an
edit and the close are never interleaved: an edit waiting for the start of a close
finds the period being closed (PERIOD_CLOSING) and, later, closed (PERIOD_CLOSED); a
close waiting for an edit sees it. The period is
always locked before the rows in it, in the same order as the close, so the two never
wait for each other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.db import models
from django.db.models import QuerySet

from bagalau.audit.models import AuditAction
from bagalau.audit.services import record_change, snapshot
from bagalau.core.locking import lock_for_change
from bagalau.cycles.common import Actor
from bagalau.cycles.models import EvaluationPeriod, PeriodStatus
from bagalau.domain.errors import DomainError, ErrorCode

M = TypeVar("M", bound=models.Model)


def check_open(period: EvaluationPeriod) -> None:
    if period.status == PeriodStatus.CLOSING:
        raise DomainError(ErrorCode.PERIOD_CLOSING, {"period": period.code})
    if period.status != PeriodStatus.OPEN:
        raise DomainError(ErrorCode.PERIOD_CLOSED, {"period": period.code})


def lock_open_period(period_id: int) -> EvaluationPeriod:
    """The period's row, locked (as the close locks it), and still open."""
    period = lock_for_change(EvaluationPeriod, period_id, None)
    check_open(period)
    return period


def lock_in_open_period(
    rows: QuerySet[M], pk: int, version: int | None, *, period: str, what: str | None = None
) -> M:
    """Lock the period of row ``pk`` (``period`` is the lookup of its id, e.g.
    ``participation__period_id``) and check it is open, then lock the row at ``version``."""
    period_id = rows.filter(pk=pk).values_list(period, flat=True).get()
    lock_open_period(period_id)
    return lock_for_change(rows, pk, version, what=what)


def bump_version(obj: Any, fields: list[str] | None = None) -> None:
    """Count one more change of the row and save it (only ``fields`` and the version, if
    given): a page still showing the old version is refused when it saves."""
    obj.version += 1
    obj.save(update_fields=[*fields, "version"] if fields is not None else None)


def save_changed(
    obj: Any,
    *,
    actor: Actor,
    before: Mapping[str, Any] | None,
    body_id: int,
    after: Callable[[Any], Mapping[str, Any]] = snapshot,
    fields: list[str] | None = None,
    note: str = "",
) -> None:
    """Bump the row's version, save it (only ``fields`` and the version, if given) and
    write the audit record of the change; ``after`` reads the row as saved."""
    bump_version(obj, fields)
    record_change(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=obj,
        before=before,
        after=after(obj),
        body_id=body_id,
        note=note,
    )

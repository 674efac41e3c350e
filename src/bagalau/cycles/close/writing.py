"""The close's writes: results in bulk with their audit records, then the announcement
that they are ready. Each call writes one chunk of results in the caller's transaction,
and writes only what differs from the stored rows, so a rerun writes nothing twice."""

from __future__ import annotations

from typing import Any

from bagalau.audit.models import AuditAction
from bagalau.audit.services import actor_fields, record_row, record_rows, snapshot
from bagalau.core import clock, events
from bagalau.core.bulk import insert_many, new_objects, update_many
from bagalau.cycles.close.compute import Computed
from bagalau.cycles.close.selectors import CloseData
from bagalau.cycles.common import Actor
from bagalau.cycles.events import ResultsReady
from bagalau.cycles.models import EvaluationPeriod, Result

RESULT_FIELDS = (
    "score", "band", "inputs", "cites", "unverified", "state", "computed_at",
    "approved_by", "approved_at", "version",
)  # fmt: skip
# What makes a computed result differ from the stored one (the time of computing does not).
_COMPARED = ("score", "band", "inputs", "cites", "unverified", "state")


def write_results(*, actor: Actor, data: CloseData, computed: list[Computed]) -> int:
    """Create the results of ``computed`` not stored yet and update those that differ
    (set-based); one audit record per result written. Returns how many were written."""
    body_id = data.period.body_id
    now = clock.now()
    who = actor_fields(actor)
    new: list[dict[str, Any]] = []
    changed: list[Result] = []
    records = []
    for item in computed:
        stored = data.results.get((item.participation_id, item.method))
        values = item.values()
        if stored is None:
            new.append(
                {"participation_id": item.participation_id, "method": item.method,
                 "computed_at": now, "version": 1} | values
            )  # fmt: skip
            continue
        if all(getattr(stored, name) == values[name] for name in _COMPARED):
            continue
        before = snapshot(stored)
        for name, value in values.items():
            setattr(stored, name, value)
        stored.computed_at = now
        stored.version += 1
        changed.append(stored)
        records.append(
            record_row(who, AuditAction.UPDATE, stored, before, snapshot(stored), at=now,
                       body_id=body_id, note="")
        )  # fmt: skip
    if new:
        records += [
            record_row(who, AuditAction.CREATE, r, None, snapshot(r), at=now, body_id=body_id,
                       note="")
            for r in insert_many(new_objects(Result, new))
        ]  # fmt: skip
    if changed:
        update_many(changed, RESULT_FIELDS)
    if records:
        record_rows(records)
    return len(new) + len(changed)


def notify_results(period: EvaluationPeriod, data: CloseData, computed: list[Computed]) -> int:
    """Announce, for after commit, that the results are ready (``ResultsReady``; notify
    tells each person with a result and a login, R-FAMILIARIZE, 004 p11). Returns how
    many people are told: the audit record's ``notified``."""
    people = tuple(
        (participation_id, user_id)
        for participation_id in dict.fromkeys(c.participation_id for c in computed)
        if (user_id := data.people[participation_id].user_id) is not None
    )
    events.publish(ResultsReady(period_id=period.pk, period_code=period.code, people=people))
    return len(people)

"""Closing a quarter or a year (R-PERIODS, 004 p4): HR closes the period once every
evaluation in it is complete (``domain.closing``); every result and band is computed by
the domain and written in bulk, each evaluated person with a login is told their result
is ready (R-FAMILIARIZE, 004 p11), and the period takes no further change.

The work is set-based: a fixed number of reads whatever the size of the body, then
chunked bulk writes (``core.bulk``; COPY on PostgreSQL), all in one transaction.
It is idempotent: a result already written by the sheet workflow (or by an earlier
run) is rewritten only where it differs, and a notice's key is never sent twice.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from bagalau.audit.models import AuditAction
from bagalau.audit.services import build_record, record_many, snapshot
from bagalau.core import clock, events
from bagalau.core.bulk import insert_many, new_objects, update_many
from bagalau.core.locking import check_version, lock_for_change
from bagalau.cycles.close.compute import Computed, compute_annual, compute_quarter, gaps_error
from bagalau.cycles.close.selectors import CloseData, load_close_data
from bagalau.cycles.common import Actor
from bagalau.cycles.editing import check_open, save_changed
from bagalau.cycles.events import ResultsReady
from bagalau.cycles.models import EvaluationPeriod, PeriodStatus, Result
from bagalau.cycles.results.selectors import mean_cite
from bagalau.packs import registry

CHUNK = 5000
RESULT_FIELDS = (
    "score", "band", "inputs", "cites", "unverified", "state", "computed_at",
    "approved_by", "approved_at", "version",
)  # fmt: skip
# What makes a computed result differ from the stored one (the time of computing does not).
_COMPARED = ("score", "band", "inputs", "cites", "unverified", "state")


@transaction.atomic
def do_close_period(*, actor: Actor, period_id: int, version: int, today: date) -> EvaluationPeriod:
    """Close the period: refused with every gap listed (PERIOD_INCOMPLETE, nothing
    changed) unless ``domain.closing`` finds it complete; then results, notices, audit."""
    # The period's row is locked first, as every edit in it locks it (``cycles.editing``).
    period = lock_for_change(EvaluationPeriod.objects.select_related("body"), period_id, None)
    check_open(period)
    check_version(period, version)
    pack = registry().pack(period.pack_id)
    data = load_close_data(period)
    computed = compute_annual(data, pack) if period.quarter == 0 else compute_quarter(data, pack)
    if computed.gaps or computed.open_quarters:
        raise gaps_error(period, data, computed, mean_cite(pack))
    written = write_results(actor=actor, data=data, computed=computed.results)
    notified = notify_results(period, data, computed.results)
    before = snapshot(period)
    period.status = PeriodStatus.CLOSED
    period.closed_at = clock.now()
    save_changed(
        period,
        actor=actor,
        before=before,
        body_id=period.body_id,
        after=lambda closed: snapshot(closed) | {"results": written, "notified": notified},
        fields=["status", "closed_at"],
        note=f"closed on {today.isoformat()}",
    )
    return period


def write_results(*, actor: Actor, data: CloseData, computed: list[Computed]) -> int:
    """Create the results not stored yet and update those that differ (set-based, chunked);
    one audit record per result written. Returns how many were written."""
    body_id = data.period.body_id
    now = clock.now()
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
            build_record(actor=actor, action=AuditAction.UPDATE, obj=stored, before=before,
                         after=snapshot(stored), body_id=body_id)
        )  # fmt: skip
    for start in range(0, len(new), CHUNK):
        chunk = insert_many(new_objects(Result, new[start : start + CHUNK]))
        records += [
            build_record(actor=actor, action=AuditAction.CREATE, obj=r, after=snapshot(r),
                         body_id=body_id)
            for r in chunk
        ]  # fmt: skip
    for start in range(0, len(changed), CHUNK):
        update_many(changed[start : start + CHUNK], RESULT_FIELDS)
    for start in range(0, len(records), CHUNK):
        record_many(records[start : start + CHUNK])
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

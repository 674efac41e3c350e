"""Removing the documents of the periods past their retention period (R-RETAIN, 004 p14),
once a person has confirmed it (``bagalau retention --remove``): never on its own, never
a period within its retention period, never one held (``selectors``).

Each period is done in one transaction with its row locked: the period is checked again
under the lock (closed, documents still there, past its retention on ``today``), the
ids of its documents are read (the plans drawn up for the year only when it is the last
of the year's periods to go: ``selectors.takes_the_year``), the audit records about
those objects are redacted (``audit.services.redact_records``: their before and after,
which hold the personal data, are emptied; who did what to which object and when is
kept), the documents are deleted kind by kind, leaves first (one DELETE per kind per
2,000 rows), the participations and the schedule are anonymized in one UPDATE each,
and one audit record on the period says what went: the counts and ids of each kind,
the rule and its citation, the completion day and the last day kept, and how and by
whom the removal was confirmed. The scanned files are deleted once that transaction
has committed. Run again, it finds the period marked (``documents_removed_at``) and
does nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.core.files.storage import default_storage
from django.db import transaction

from bagalau.audit.models import AuditAction
from bagalau.audit.services import record_change, redact_records, snapshot
from bagalau.core import clock
from bagalau.core.locking import lock_for_change
from bagalau.cycles.common import Actor
from bagalau.cycles.models import EvaluationPeriod, KpiPlan, Participation, Schedule
from bagalau.cycles.retention.documents import BATCH, KINDS, scan_names
from bagalau.cycles.retention.selectors import (
    past_retention,
    period_retention,
    takes_the_year,
    year_is_open,
)
from bagalau.domain.retention import RULE_ID, Retention, held_back

logger = logging.getLogger(__name__)

# Leaves first, so that no protected reference is ever met and each DELETE is plain.
DELETE_ORDER = (
    "disagreements", "familiarizations", "refusal_acts", "results", "kpi_lines",
    "kpi_sheets", "ranking_entries", "ranking_sheets", "bonus_awards", "kpi_items",
    "kpi_plans", "schedule_steps",
)  # fmt: skip


@dataclass(frozen=True)
class Confirmation:
    """How the removal was confirmed (``prompt``: answered yes in a terminal; ``--yes``:
    given on the command line) and by whom (the operating system account)."""

    how: str
    by: str


@dataclass(frozen=True)
class Removed:
    """What one period lost: rows by kind, participations anonymized, files deleted,
    and the id of the audit record that says so."""

    period: EvaluationPeriod
    retention: Retention
    removed: dict[str, int]
    anonymized: int
    files: int
    record_id: int


def do_remove_past_retention(
    *, actor: Actor, today: date, confirmation: Confirmation, body_code: str | None = None
) -> list[Removed]:
    """Remove the documents of every period past its retention period on ``today`` (of
    one body, or of all), one transaction per period; return what each lost."""
    done: list[Removed] = []
    for item in past_retention(today=today, body_code=body_code):
        removed = _remove_period(
            item.period.pk, actor=actor, today=today, confirmation=confirmation
        )
        if removed is not None:
            done.append(removed)
    return done


@transaction.atomic
def _remove_period(
    period_id: int, *, actor: Actor, today: date, confirmation: Confirmation
) -> Removed | None:
    period = lock_for_change(EvaluationPeriod.objects.select_related("body"), period_id, None)
    if period.documents_removed_at is not None:
        return None  # another run removed them a moment ago
    retention = period_retention(period).retention
    if retention is None or not retention.is_past(today):
        return None
    # Checked again under the lock: the year may have been opened since it was listed.
    if held_back(retention, quarter_of_open_year=year_is_open(period)) is not None:
        return None
    with_year = takes_the_year(period)
    ids = {
        kind.code: list(kind.of_period(period, with_year=with_year).values_list("pk", flat=True))
        for kind in KINDS
    }
    files = scan_names(period)
    note = retention.cite.label()
    for kind in KINDS:
        redact_records(kind.model._meta.label_lower, ids[kind.code], note=note)
    schedules = list(Schedule.objects.filter(period=period).values_list("pk", flat=True))
    redact_records(Schedule._meta.label_lower, schedules, note=note)
    _delete(ids)
    anonymized = Participation.objects.filter(period=period).update(evaluator=None, reasons=[])
    Schedule.objects.filter(period=period).update(note="", approved_by=None)
    before = snapshot(period)
    period.documents_removed_at = clock.now()
    period.version += 1
    period.save(update_fields=["documents_removed_at", "version"])
    removed = {code: len(found) for code, found in ids.items()} | {"scans": len(files)}
    record = record_change(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=period,
        before=before,
        after=snapshot(period)
        | {
            "rule": RULE_ID,
            "completed_on": retention.completed.isoformat(),
            "kept_until": retention.ends.isoformat(),
            "retention_years": retention.years,
            "removed": removed,
            "removed_ids": ids,
            "anonymized": {"participations": anonymized},
            "confirmed": {"how": confirmation.how, "by": confirmation.by},
        },
        body_id=period.body_id,
        note=note,
    )
    transaction.on_commit(lambda: _delete_files(files), robust=True)
    return Removed(period, retention, removed, anonymized, len(files), record.pk)


def _delete(ids: dict[str, list[int]]) -> None:
    """Delete each kind's rows by id, leaves first; a plan's earlier revision is let go
    of by its later one before either is deleted."""
    plans = ids["kpi_plans"]
    for start in range(0, len(plans), BATCH):
        KpiPlan.objects.filter(pk__in=plans[start : start + BATCH]).update(supersedes=None)
    by_code = {kind.code: kind for kind in KINDS}
    for code in DELETE_ORDER:
        rows = by_code[code].model._default_manager
        found = ids[code]
        for start in range(0, len(found), BATCH):
            rows.filter(pk__in=found[start : start + BATCH]).delete()


def _delete_files(names: list[str]) -> None:
    """Delete the scans' files; one already gone is not an error (a rerun)."""
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("The scan %s could not be deleted", name, exc_info=True)

"""The close as a background run (``jobs``): read everything once, compute every result
by the domain, write them in chunks that each commit, announce them, then mark the
period closed, in that order, so a rerun from the start (a killed worker, a retry)
ends exactly as one uninterrupted run: chunks already written compare equal and are
skipped, notices are keyed, and the period is closed once, by the last step."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from bagalau.audit.services import snapshot
from bagalau.core import clock
from bagalau.core.locking import lock_for_change
from bagalau.cycles.close.compute import compute_annual, compute_quarter, gaps_error
from bagalau.cycles.close.selectors import load_close_data
from bagalau.cycles.close.writing import notify_results, write_results
from bagalau.cycles.common import Actor
from bagalau.cycles.editing import save_changed
from bagalau.cycles.models import EvaluationPeriod, PeriodStatus, Result
from bagalau.cycles.results.selectors import mean_cite
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.jobs.labels import add_labels
from bagalau.jobs.models import TaskRun
from bagalau.jobs.services import execute_run, report_progress
from bagalau.packs import registry

add_labels(
    stages={"notify": _("telling each person"), "close": _("closing the period")},
    figures={"results": _("results"), "written": _("results added or corrected"),
             "notified": _("people told")},
)  # fmt: skip


@task()
def close_period(run_id: int) -> None:
    execute_run(run_id, run_close)


def run_close(run: TaskRun) -> dict[str, Any]:
    period_id = int(run.params["period_id"])
    today = date.fromisoformat(str(run.params["today"]))
    actor = run.started_by or AnonymousUser()
    period = EvaluationPeriod.objects.select_related("body").get(pk=period_id)
    if period.status == PeriodStatus.CLOSED:  # a rerun after the last step committed
        return {"results": Result.objects.filter(participation__period=period).count()}
    if period.status != PeriodStatus.CLOSING:
        raise DomainError(
            ErrorCode.TRANSITION_NOT_ALLOWED,
            {"object": period.code, "from": period.get_status_display(),
             "to": PeriodStatus.CLOSED.label},
        )  # fmt: skip
    report_progress(run.pk, processed=0, total=None, stage="read")
    pack = registry().pack(period.pack_id)
    data = load_close_data(period)
    report_progress(run.pk, processed=0, total=None, stage="compute")
    computed = compute_annual(data, pack) if period.quarter == 0 else compute_quarter(data, pack)
    if computed.gaps or computed.open_quarters:
        # Not reachable while edits respect the closing period; said in words if it is.
        _reopen(period_id, actor, today)
        raise gaps_error(period, data.people, computed, mean_cite(pack))
    results = computed.results
    total, written = len(results), 0
    chunk = max(1, settings.CLOSE_CHUNK)
    for start in range(0, total, chunk):
        with transaction.atomic():
            written += write_results(
                actor=actor, data=data, computed=results[start : start + chunk]
            )
        report_progress(run.pk, processed=min(start + chunk, total), total=total, stage="write")
        if settings.CLOSE_PAUSE:
            time.sleep(settings.CLOSE_PAUSE)
    report_progress(run.pk, processed=total, total=total, stage="notify")
    with transaction.atomic():
        notified = notify_results(period, data, results)
    report_progress(run.pk, processed=total, total=total, stage="close")
    _mark_closed(period_id, actor, today, results=total, notified=notified)
    return {"results": total, "written": written, "notified": notified}


def _mark_closed(period_id: int, actor: Actor, today: date, *, results: int, notified: int) -> None:
    _move(period_id, actor, PeriodStatus.CLOSED, f"closed on {today.isoformat()}",
          figures={"results": results, "notified": notified})  # fmt: skip


def _reopen(period_id: int, actor: Actor, today: date) -> None:
    note = f"close stopped on {today.isoformat()}: the period is not complete"
    _move(period_id, actor, PeriodStatus.OPEN, note)


@transaction.atomic
def _move(
    period_id: int,
    actor: Actor,
    status: PeriodStatus,
    note: str,
    *,
    figures: dict[str, int] | None = None,
) -> None:
    """The period's row locked, moved to ``status`` (stamped when closed), its audit
    record with the close's ``figures``."""
    period = lock_for_change(EvaluationPeriod.objects.select_related("body"), period_id, None)
    before = snapshot(period)
    period.status = status
    fields = ["status"]
    if status == PeriodStatus.CLOSED:
        period.closed_at = clock.now()
        fields.append("closed_at")
    save_changed(
        period,
        actor=actor,
        before=before,
        body_id=period.body_id,
        after=lambda moved: snapshot(moved) | (figures or {}),
        fields=fields,
        note=note,
    )

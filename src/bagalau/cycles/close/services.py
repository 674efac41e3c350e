"""Closing a quarter or a year (R-PERIODS, 004 p4): HR closes the period once every
evaluation in it is complete (``domain.closing``); every result and band is computed by
the domain and written in bulk, each evaluated person with a login is told their result
is ready (R-FAMILIARIZE, 004 p11), and the period takes no further change.

``do_start_close`` refuses at once, with every gap listed, a period that is not complete
(read from its sheet states only), marks the period as being closed, so that no edit in
it commits any more, and starts the close as a background run (``close.tasks``). The
run writes the results in chunks that each commit: a timeout or a killed worker cannot
roll it back, and a rerun writes only what is not yet written (``write_results``
compares with the stored rows, a notice's key is never sent twice).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from bagalau.audit.services import snapshot
from bagalau.core.locking import check_version, lock_for_change
from bagalau.cycles.close.compute import gaps_error, sheet_gaps
from bagalau.cycles.close.selectors import close_key, load_sheet_facts
from bagalau.cycles.close.tasks import close_period, run_close
from bagalau.cycles.common import Actor, user_of
from bagalau.cycles.editing import check_open, save_changed
from bagalau.cycles.models import EvaluationPeriod, PeriodStatus, Schedule
from bagalau.cycles.results.selectors import mean_cite
from bagalau.domain.closing import check_may_close
from bagalau.jobs.models import RunKind, TaskRun
from bagalau.jobs.services import do_start_run, run_here
from bagalau.packs import registry


@transaction.atomic
def do_start_close(*, actor: Actor, period_id: int, version: int, today: date) -> TaskRun:
    """Start closing the period: refused while its schedule is not approved
    (SCHEDULE_NOT_APPROVED, R-SCHEDULE), refused with every gap listed (PERIOD_INCOMPLETE,
    nothing changed) unless ``domain.closing`` finds it complete, refused while it is
    being closed (PERIOD_CLOSING) or closed; else the period is being closed from now on
    and its close is queued."""
    # The period's row is locked first, as every edit in it locks it (``cycles.editing``).
    period = lock_for_change(EvaluationPeriod.objects.select_related("body"), period_id, None)
    check_open(period)
    check_version(period, version)
    schedule = Schedule.objects.filter(period=period).values_list("state", flat=True).first()
    check_may_close(period.code, schedule)  # R-SCHEDULE: approved by the appointing official
    facts = load_sheet_facts(period)
    found = sheet_gaps(facts)
    if found.gaps or found.open_quarters:
        pack = registry().pack(period.pack_id)
        raise gaps_error(period, facts.people, found, mean_cite(pack))
    before = snapshot(period)
    period.status = PeriodStatus.CLOSING
    save_changed(
        period, actor=actor, before=before, body_id=period.body_id, fields=["status"],
        note=f"close started on {today.isoformat()}",
    )  # fmt: skip
    return do_start_run(
        kind=RunKind.CLOSE_PERIOD,
        key=close_key(period.pk),
        actor=user_of(actor),
        body_id=period.body_id,
        params={"period_id": period.pk, "today": today.isoformat()},
        task=close_period,
    )


@transaction.atomic
def do_close_period(*, actor: Actor, period_id: int, version: int, today: date) -> EvaluationPeriod:
    """Close the period here and now, in this process: the same run a worker would do
    (the demo's data and commands; the web page starts it in the background)."""
    run = do_start_close(actor=actor, period_id=period_id, version=version, today=today)
    # The queued copy, once delivered, finds the run no longer queued and does nothing.
    run_here(run.pk, run_close)
    return EvaluationPeriod.objects.select_related("body").get(pk=period_id)

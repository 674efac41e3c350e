"""The close as a background run: HR starts it and watches its progress on the period's
page; while it runs nothing in the period changes and a second close is refused; a run
stopped half-way and run again ends exactly as an uninterrupted one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from bagalau.audit.models import AuditRecord
from bagalau.core import clock
from bagalau.cycles.close import tasks
from bagalau.cycles.close.selectors import close_run_of
from bagalau.cycles.close.services import do_start_close
from bagalau.cycles.models import EvaluationPeriod, PeriodStatus, RankingSheet, Result
from bagalau.cycles.ranking import services as ranking
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.jobs.models import RunStatus, TaskRun
from bagalau.jobs.services import do_recover_runs
from bagalau.notify.models import Notification
from tests.cycles.factories import Body
from tests.cycles.test_close_period import (
    TODAY,
    _hr_client,
    approve,
    body_with_head_not_evaluated,
    open_quarter,
)
from tests.cycles.test_ranking_services import (
    hr_user,
    save,
    scores,
    team_ids,
)

pytestmark = pytest.mark.django_db
STAFF = 7


@pytest.fixture
def ready() -> tuple[Body, EvaluationPeriod]:
    """A quarter of seven people ranked and approved: ready to close, with four results
    to create and one to correct."""
    org = body_with_head_not_evaluated(staff=STAFF)
    period = open_quarter(org)
    ids = team_ids(period, org)
    sheet = save(org, period, {pid: scores(5, 4, 3, n % 5) for n, pid in enumerate(ids)}, 0)
    sheet = ranking.do_submit_ranking_sheet(
        actor=org.head.user, sheet_id=sheet.pk, version=sheet.version
    )
    approve(sheet)
    # The approval wrote the results; the close writes those missing or wrong.
    Result.objects.filter(participation_id__in=ids[::2]).delete()
    Result.objects.filter(participation_id=ids[1]).update(score=0)
    period.refresh_from_db()
    return org, period


def page_url(org: Body, name: str = "cycles:period") -> str:
    return reverse(name, args=[org.body.code, "2024-Q1"])


def test_hr_starts_the_close_and_watches_it_end(ready: tuple[Body, EvaluationPeriod]) -> None:
    org, period = ready
    hr = _hr_client(org)
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        started = hr.post(page_url(org, "cycles:period_close"), {"version": period.version})
    assert started.status_code == 302
    # Not run yet: the period is being closed, and the page says so with a live bar.
    period.refresh_from_db()
    assert period.status == PeriodStatus.CLOSING
    html = hr.get(page_url(org)).content.decode()
    assert "The period is being closed" in html
    assert 'hx-get="' + page_url(org, "cycles:period_close_progress") in html
    assert "Closing the period: queued" in html and "waiting for a worker" in html
    assert "Close the period</button>" not in html
    for callback in queued:  # the worker takes the run
        callback()
    period.refresh_from_db()
    assert period.status == PeriodStatus.CLOSED
    poll = hr.get(page_url(org, "cycles:period_close_progress"), HTTP_HX_REQUEST="true")
    partial = poll.content.decode()
    assert poll["HX-Refresh"] == "true"  # the page reloads to show the period closed
    assert "<html" not in partial and "Closing the period: done" in partial
    assert "Results</dt><dd>7</dd>" in partial and "People told</dt><dd>7</dd>" in partial
    assert "hx-trigger" not in partial  # finished: it stops polling
    listing = hr.get(reverse("cycles:periods", args=[org.body.code])).content.decode()
    assert "Closes of periods" in listing and ">2024-Q1</a>" in listing


def test_a_second_close_and_edits_are_refused_while_it_runs(
    ready: tuple[Body, EvaluationPeriod],
) -> None:
    org, period = ready
    do_start_close(actor=hr_user(), period_id=period.pk, version=period.version, today=TODAY)
    period.refresh_from_db()
    hr = _hr_client(org)
    again = hr.post(page_url(org, "cycles:period_close"), {"version": period.version})
    assert again.status_code == 400
    assert "is being closed; nothing in it can be changed" in again.content.decode()
    with pytest.raises(DomainError) as err:
        save(org, period, {team_ids(period, org)[0]: scores(1, 1, 1, 1)}, 2)
    assert err.value.code is ErrorCode.PERIOD_CLOSING
    assert TaskRun.objects.count() == 1


def test_only_hr_of_the_body_sees_and_starts_the_close(
    ready: tuple[Body, EvaluationPeriod],
) -> None:
    org, period = ready
    head = Client(HTTP_ACCEPT_LANGUAGE="en")
    head.force_login(org.head.user)
    refused = head.post(page_url(org, "cycles:period_close"), {"version": period.version})
    assert refused.status_code == 403
    assert head.get(page_url(org, "cycles:period_close_progress")).status_code == 403
    assert EvaluationPeriod.objects.get(pk=period.pk).status == PeriodStatus.OPEN


def everything(period: EvaluationPeriod) -> dict[str, Any]:
    """What the close leaves, without the times and the new rows' ids (PostgreSQL does
    not give back the ids of a rolled-back run), which differ from run to run."""

    def plain(values: dict[str, Any] | None) -> dict[str, Any] | None:
        if values is None:
            return None
        return {k: v for k, v in values.items() if "_at" not in k and k != "id"}

    records = AuditRecord.objects.exclude(object_type="jobs.taskrun").order_by("pk")
    return {
        "period": EvaluationPeriod.objects.values("status", "version").get(pk=period.pk),
        "results": sorted(
            Result.objects.filter(participation__period=period).values_list(
                "participation_id", "method", "score", "band", "state", "version"
            )
        ),
        "audit": [
            (r.object_type, r.action, plain(r.before), plain(r.after), r.note) for r in records
        ],
        "notices": sorted(Notification.objects.values_list("recipient_id", "key", "kind")),
    }


class Undo(Exception):
    """Rolls back a clean run once its state is read."""


def clean_run(period: EvaluationPeriod) -> dict[str, Any]:
    try:
        with transaction.atomic():
            with TestCase.captureOnCommitCallbacks(execute=True):
                do_start_close(
                    actor=hr_user(), period_id=period.pk, version=period.version, today=TODAY
                )
            got = everything(period)
            raise Undo
    except Undo:
        pass
    return got


@override_settings(CLOSE_CHUNK=2)
def test_a_close_stopped_half_way_and_run_again_ends_as_a_clean_run(
    ready: tuple[Body, EvaluationPeriod],
) -> None:
    _, period = ready
    expected = clean_run(period)
    assert len(expected["results"]) == STAFF and len(expected["notices"]) == STAFF
    assert EvaluationPeriod.objects.get(pk=period.pk).status == PeriodStatus.OPEN
    dying = mock.patch.object(tasks, "report_progress", _dying_reporter())
    with dying, TestCase.captureOnCommitCallbacks(execute=True):
        do_start_close(actor=hr_user(), period_id=period.pk, version=period.version, today=TODAY)
    run = close_run_of(period)
    assert run is not None and run.status == RunStatus.RUNNING  # as a killed worker leaves it
    # two chunks of two committed: three of their four results written, two still missing
    assert run.processed == 4
    assert Result.objects.filter(participation__period=period).count() == STAFF - 2
    assert EvaluationPeriod.objects.get(pk=period.pk).status == PeriodStatus.CLOSING
    assert not Notification.objects.exists()
    # Silent for longer than the timeout, it is taken as abandoned and queued again.
    TaskRun.objects.filter(pk=run.pk).update(heartbeat_at=clock.now() - timedelta(hours=1))
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert do_recover_runs() == [run.pk]
    run.refresh_from_db()
    assert (run.status, run.attempts, run.outcome["written"]) == (RunStatus.DONE, 2, 2)
    assert everything(period) == expected


def _dying_reporter() -> Any:
    real = tasks.report_progress
    written: list[int] = []

    def report(run_id: int, **progress: Any) -> None:
        real(run_id, **progress)
        if progress["stage"] == "write":
            written.append(progress["processed"])
            if len(written) == 2:
                raise SystemExit("worker killed")  # not an error the run could record

    return report


def test_a_failed_close_says_why_in_words_and_can_be_retried(
    ready: tuple[Body, EvaluationPeriod],
) -> None:
    org, period = ready
    hr = _hr_client(org)
    broken = mock.patch.object(tasks, "load_close_data", side_effect=RuntimeError("disk"))
    with broken, TestCase.captureOnCommitCallbacks(execute=True):
        hr.post(page_url(org, "cycles:period_close"), {"version": period.version})
    html = hr.get(page_url(org)).content.decode()
    assert "Closing the period: failed" in html
    assert "internal error" in html and "Traceback" not in html and "disk" not in html
    assert "Retry</button>" in html
    with TestCase.captureOnCommitCallbacks(execute=True):
        retried = hr.post(page_url(org, "cycles:period_close_retry"))
    assert retried.status_code == 302
    assert EvaluationPeriod.objects.get(pk=period.pk).status == PeriodStatus.CLOSED


def test_a_close_that_finds_the_period_incomplete_reopens_it_and_says_who(
    ready: tuple[Body, EvaluationPeriod],
) -> None:
    org, period = ready
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        do_start_close(actor=hr_user(), period_id=period.pk, version=period.version, today=TODAY)
    # Changed behind the services' back (edits are refused while it closes).
    RankingSheet.objects.filter(period=period).update(state="submitted")
    for callback in queued:
        callback()
    run = close_run_of(period)
    assert run is not None and run.status == RunStatus.FAILED
    assert run.error_code == ErrorCode.PERIOD_INCOMPLETE
    assert EvaluationPeriod.objects.get(pk=period.pk).status == PeriodStatus.OPEN
    html = _hr_client(org).get(page_url(org)).content.decode()
    assert "cannot be closed yet" in html and "sheet not approved" in html
    assert "Close the period</button>" in html  # HR may close it again once it is complete

"""Notices for what other apps announce (``core.events``), subscribed in ``apps.ready``."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from bagalau.core import clock
from bagalau.core.bulk import new_objects
from bagalau.cycles.events import ResultsReady, StepHandedOver
from bagalau.cycles.models import EvaluationPeriod, PeriodStatus
from bagalau.domain.progress import Status
from bagalau.notify.models import NoticeKind, Notification
from bagalau.notify.selectors import progress_rows
from bagalau.notify.services import notify_many, step_notices
from bagalau.notify.worklist import SOON_DAYS

_URL_MARK = 987654321


def tell_results_ready(event: ResultsReady) -> None:
    """RESULT_READY to each person with a result and a login (R-FAMILIARIZE, 004 p11).

    The key names the period and the person, so a second close sends nothing again; the
    notice carries the period's code only, never a score (R-CONFIDENTIAL).
    """
    # One reverse() for all: the URL differs only by the participation's id.
    url = reverse("cycles:result", kwargs={"participation_id": _URL_MARK})
    now, params = clock.now(), {"period": event.period_code}
    notices = [
        {
            "recipient_id": user_id,
            "kind": NoticeKind.RESULT_READY,
            "key": f"result_ready:{event.period_id}:{participation_id}",
            "period_id": event.period_id,
            "participation_id": participation_id,
            "params": params,
            "url": url.replace(str(_URL_MARK), str(participation_id)),
            "created_at": now,
        }
        for participation_id, user_id in event.people
    ]
    notify_many(new_objects(Notification, notices))


def tell_step_handed_over(event: StepHandedOver) -> None:
    """A notice to whoever now owes the next step on the moved evaluations: the same
    owners the worklist and the reminders name (``owners.StepOwners``), keyed by the
    hand-over so it is told once. The notice names the step, never a score."""
    periods = list(
        EvaluationPeriod.objects.filter(
            pk=event.period_id, status=PeriodStatus.OPEN
        ).select_related("body")
    )
    rows = progress_rows(
        periods, today=clock.today(), soon=SOON_DAYS, only=Q(pk__in=event.participation_ids)
    )
    owed = [r for r in rows if r.progress.status is not Status.DONE]
    notify_many(step_notices(owed, periods, occasion=event.occasion, skip_user=event.actor_id))

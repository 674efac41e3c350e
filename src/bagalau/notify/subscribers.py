"""Notices for what other apps announce (``core.events``), subscribed in ``apps.ready``."""

from __future__ import annotations

from django.urls import reverse

from bagalau.core import clock
from bagalau.core.bulk import new_objects
from bagalau.cycles.events import ResultsReady
from bagalau.notify.models import NoticeKind, Notification
from bagalau.notify.services import notify_many

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

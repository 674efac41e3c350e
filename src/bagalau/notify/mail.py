"""E-mailing notices: every notice not e-mailed yet, one message per recipient in the
recipient's language, through the configured backend (the console in the demo). Only to
users with an address; a notice e-mailed is stamped so it is never e-mailed again. Run
as a task (``notify.tasks.send_pending_emails``) that retries while the server is down.
No score or band ever goes into a message (R-CONFIDENTIAL, 004 p15): the text is the
notice's, which holds none."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bagalau.core import clock
from bagalau.notify.models import Notification
from bagalau.notify.texts import notice_text

BATCH = 2000
RECIPIENT_BATCH = 500
_SUPPORTED = {code for code, _name in settings.LANGUAGES}


def recipient_language(notice: Notification) -> str:
    """The language the recipient chose for notices, else the site's default."""
    chosen = getattr(notice.recipient, "notice_language", None)
    if chosen is not None and chosen.language in _SUPPORTED:
        return str(chosen.language)
    return str(settings.LANGUAGE_CODE)


def recipient_address(notice: Notification) -> str:
    """The user's e-mail, else the address on their employee record, else none."""
    user = notice.recipient
    employee = getattr(user, "employee", None)
    return str(user.email or (employee.email if employee is not None else ""))


def send_pending_emails() -> int:
    """E-mail every notice not e-mailed yet, one message per recipient; return how many
    messages went.

    Recipients are taken in batches; each batch's notices are locked while they are sent
    (skipped by a second worker on PostgreSQL), and only the notices of messages the
    server accepted are stamped. An SMTP or network error is raised after stamping what
    went, so a retry sends the rest and nothing twice.
    """
    pending = Notification.objects.filter(emailed_at=None)
    recipients = sorted(set(pending.values_list("recipient_id", flat=True)))
    sent = 0
    for start in range(0, len(recipients), RECIPIENT_BATCH):
        sent += _send_batch(recipients[start : start + RECIPIENT_BATCH])
    return sent


def _send_batch(recipient_ids: Sequence[int]) -> int:
    with transaction.atomic():
        rows = (
            Notification.objects.filter(recipient_id__in=recipient_ids, emailed_at=None)
            .select_related(
                "recipient__notice_language",
                "recipient__employee",
                "period__body",
                "participation__employee",
            )
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("recipient_id", "due", "pk")
        )
        grouped: dict[int, list[Notification]] = defaultdict(list)
        for notice in rows:
            grouped[notice.recipient_id].append(notice)
        accepted: list[list[int]] = []
        failure: Exception | None = None
        try:
            _send_each(grouped.values(), accepted)
        except Exception as err:
            # Raised only after the block commits, or the stamps of what went roll back.
            failure = err
        ids = [pk for message in accepted for pk in message]
        now = clock.now()
        for start in range(0, len(ids), BATCH):
            Notification.objects.filter(pk__in=ids[start : start + BATCH]).update(emailed_at=now)
    if failure is not None:
        raise failure
    return len(accepted)


def _send_each(groups: Iterable[list[Notification]], accepted: list[list[int]]) -> None:
    """Send one message per group, noting each group's notice ids once it went."""
    connection = None
    try:
        for notices in groups:
            address = recipient_address(notices[0])
            if not address:
                continue
            with translation.override(recipient_language(notices[0])):
                subject, body = compose(notices)
            if connection is None:
                connection = get_connection(fail_silently=False)
                connection.open()
            message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
            connection.send_messages([message])
            accepted.append([n.pk for n in notices])
    finally:
        if connection is not None:
            connection.close()


def compose(notices: Sequence[Notification]) -> tuple[str, str]:
    """Subject and plain-text body in the active language."""
    count = len(notices)
    subject = ngettext(
        "bagalau: %(count)d evaluation step waits for you",
        "bagalau: %(count)d evaluation steps wait for you",
        count,
    ) % {"count": count}
    lines = [_("Steps of the civil servants' evaluation that wait for you:"), ""]
    base = str(getattr(settings, "SITE_URL", "")).rstrip("/")
    for notice in notices:
        text = notice_text(notice)
        lines.append(f"- {text.title}")
        if text.detail:
            lines.append(f"  {text.detail}")
        if notice.url:
            lines.append(f"  {base}{notice.url}")
    lines += [
        "",
        _("This message was sent by bagalau; the results themselves are shown only in the system."),
    ]
    return subject, "\n".join(lines)

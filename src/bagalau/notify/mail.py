"""E-mailing new notices: one message per recipient in the recipient's language, through
the configured backend (the console in the demo). Only to users with an address; a
notice e-mailed is stamped so it is never e-mailed again. No score or band ever goes
into a message (R-CONFIDENTIAL, 004 p15): the text is the notice's, which holds none."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import get_connection, send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bagalau.core import clock
from bagalau.notify.models import Notification
from bagalau.notify.texts import notice_text

BATCH = 2000
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


def send_notice_emails(keys: Sequence[str]) -> int:
    """E-mail the notices with ``keys`` not e-mailed yet; return how many messages went."""
    grouped: dict[int, list[Notification]] = defaultdict(list)
    for start in range(0, len(keys), BATCH):
        rows = (
            Notification.objects.filter(key__in=keys[start : start + BATCH], emailed_at=None)
            .select_related(
                "recipient__notice_language",
                "recipient__employee",
                "period__body",
                "participation__employee",
            )
            .order_by("recipient_id", "due", "pk")
        )
        for notice in rows:
            grouped[notice.recipient_id].append(notice)
    messages = []
    sent: list[int] = []
    for notices in grouped.values():
        address = recipient_address(notices[0])
        if not address:
            continue
        with translation.override(recipient_language(notices[0])):
            subject, body = compose(notices)
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [address]))
        sent.extend(n.pk for n in notices)
    if not messages:
        return 0
    send_mass_mail(messages, fail_silently=False, connection=get_connection())
    now = clock.now()
    for start in range(0, len(sent), BATCH):
        Notification.objects.filter(pk__in=sent[start : start + BATCH]).update(emailed_at=now)
    return len(messages)


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

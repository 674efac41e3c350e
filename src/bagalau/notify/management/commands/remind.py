"""``bagalau remind``: notices and e-mail to whoever owes the next step of the cycle.

    bagalau remind                      # today, "due soon" = 3 working days before
    bagalau remind --today 05.04.2024 --soon 2

The worker (``bagalau worker``) enqueues it every day at ``REMIND_AT``; run it by hand
or from cron without a worker. It is idempotent: a notice already sent is never sent
again. E-mail goes through the task backend: with a worker, the worker sends it.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from bagalau.core import clock
from bagalau.core.management.base import DomainCommand, Output
from bagalau.domain.calendar import parse_date
from bagalau.notify.models import NoticeKind
from bagalau.notify.services import do_send_reminders

SOON_DAYS = 3


def _working_days(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(
            _("“%(value)s” is not a number of working days (0 or more).") % {"value": text}
        )
    return int(text)


class Command(DomainCommand):
    help = "Remind whoever owes the next step of the evaluation cycle, by notice and e-mail."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--today", default="", help="the day to remind on, dd.mm.yyyy")
        parser.add_argument(
            "--soon",
            type=_working_days,
            default=SOON_DAYS,
            help="remind this many working days before a deadline",
        )

    def run(self, **options: Any) -> Output:
        today = parse_date(options["today"]) if options["today"] else clock.today()
        count = do_send_reminders(today=today, soon_days=options["soon"])
        kinds = [NoticeKind.STEP_WAITING, NoticeKind.DEADLINE_SOON, NoticeKind.DEADLINE_PASSED]
        lines = [
            _("Evaluations in open periods: %(count)d; with a step owed: %(owed)d.")
            % {"count": count.evaluations, "owed": count.owed},
            *(f"  {kind.label}: {count.created.get(kind.value, 0)}" for kind in kinds),
            _("E-mails: queued for the background worker.")
            if count.mail_queued
            else _("E-mails sent: %(count)d.") % {"count": count.emailed},
        ]
        data = {
            "today": today.isoformat(),
            "evaluations": count.evaluations,
            "owed": count.owed,
            "created": {kind.value: count.created.get(kind.value, 0) for kind in kinds},
            "emailed": count.emailed,
            "mail_queued": count.mail_queued,
        }
        return Output(text="\n".join(lines), data=data)

"""``bagalau retention``: evaluation documents past their retention period (R-RETAIN,
004 p14: kept three years from the day the evaluation was completed).

    bagalau retention                    # what is past, held, coming due; changes nothing
    bagalau retention --body CODE        # one state body's periods
    bagalau retention --remove           # asks yes/no in a terminal, then removes
    bagalau retention --remove --yes     # removes without asking (cron, scripts)

Listing changes nothing. Removing needs a confirmation: the answer yes at the prompt in
a terminal, or ``--yes``; without one (no terminal, ``--json``, any other answer) it
refuses with exit code 2 and removes nothing. "Today" is the site's local date
(``clock.today()``), never another day: a removal cannot be moved forward in time.
The daily task (``notify.tasks.retention_daily``) only lists and notifies.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any, TextIO

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from bagalau.core import clock
from bagalau.core.management.base import DomainCommand, Output
from bagalau.cycles.retention.report import (
    overview_data,
    overview_lines,
    removed_data,
    removed_lines,
)
from bagalau.cycles.retention.selectors import SOON_DAYS, retention_overview
from bagalau.cycles.retention.services import Confirmation, do_remove_past_retention
from bagalau.domain.errors import DomainError, ErrorCode


class Command(DomainCommand):
    help = "Evaluation documents past their retention period: list them, or remove them."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--body", default=None, help="only this state body (its code)")
        parser.add_argument(
            "--soon",
            type=int,
            default=SOON_DAYS,
            help="list what comes due within this many days (30)",
        )
        parser.add_argument(
            "--remove", action="store_true", help="remove what is past, once confirmed"
        )
        parser.add_argument("--yes", action="store_true", help="confirm the removal here")

    def run(self, **options: Any) -> Output:
        stdin: TextIO = options.get("stdin") or sys.stdin
        today = clock.today()
        overview = retention_overview(
            today=today, body_code=options["body"], soon_days=max(0, options["soon"])
        )
        lines = overview_lines(overview)
        data: dict[str, Any] = overview_data(overview)
        if not options["remove"]:
            lines.append(_("Nothing was changed. To remove: bagalau retention --remove"))
            return Output(text="\n".join(lines), data=data)
        if not overview.past:
            lines.append(_("Nothing is past its retention period; nothing was removed."))
            return Output(text="\n".join(lines), data=data | {"removed": []})
        how = self._confirmation(options, stdin, lines, len(overview.past))
        removed = do_remove_past_retention(
            actor=AnonymousUser(),
            today=today,
            confirmation=Confirmation(how=how, by=_os_user()),
            body_code=options["body"],
        )
        shown = [] if how == "prompt" else lines  # the prompt showed the listing already
        return Output(
            text="\n".join([*shown, *removed_lines(removed)]),
            data=data | {"removed": removed_data(removed)},
        )

    def _confirmation(
        self, options: dict[str, Any], stdin: TextIO, lines: list[str], count: int
    ) -> str:
        """ "--yes", or "prompt" once yes was answered in a terminal; otherwise refused
        (RETENTION_NOT_CONFIRMED) before anything is removed."""
        if options["yes"]:
            return "--yes"
        if options["json"] or not stdin.isatty():
            raise DomainError(ErrorCode.RETENTION_NOT_CONFIRMED)
        self.stdout.write("\n".join(lines))
        question = _(
            "Remove the documents of the periods listed above (%(count)d)? This cannot be "
            "undone. Type yes to confirm: "
        ) % {"count": count}
        self.stdout.write(question, ending="")
        self.stdout.flush()
        answer = stdin.readline().strip().lower()
        if answer not in {"yes", _("yes").lower()}:
            raise DomainError(ErrorCode.RETENTION_NOT_CONFIRMED)
        return "prompt"


def _os_user() -> str:
    """The operating system account that confirmed, as the audit record names it."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"

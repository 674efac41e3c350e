"""``bagalau calendar``: Kazakhstan working days from the command line.

``bagalau calendar add 20.03.2026 1`` prints 26.03.2026 (the Nauryz days are skipped);
``bagalau calendar check 07.07.2023`` says it is not a working day, and why.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from bagalau.core.management.base import DomainCommand, Output, parse_int
from bagalau.domain.calendar import format_date, parse_date


class Command(DomainCommand):
    help = "Count and check Kazakhstan working days."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        actions = parser.add_subparsers(dest="action", required=True)
        add = self.add_subcommand(actions, "add", help="the N-th working day after DATE")
        add.add_argument("date", help="dd.mm.yyyy or yyyy-mm-dd")
        add.add_argument("count", help="working days to add; negative counts back")
        check = self.add_subcommand(actions, "check", help="is DATE a working day?")
        check.add_argument("date", help="dd.mm.yyyy or yyyy-mm-dd")

    def run(self, **options: Any) -> Output:
        if options["action"] == "add":
            return self._add(options["date"], options["count"])
        return self._check(options["date"])

    def _add(self, date_text: str, count_text: str) -> Output:
        start, count = parse_date(date_text), parse_int(count_text)
        result = self.working_calendar().add_working_days(start, count)
        return Output(
            text=format_date(result),
            data={"date": start.isoformat(), "count": count, "result": result.isoformat()},
        )

    def _check(self, date_text: str) -> Output:
        day = parse_date(date_text)
        calendar = self.working_calendar()
        reason = calendar.why_not_working(day)
        if not reason:
            text = _("%(date)s is a working day.") % {"date": format_date(day)}
        elif reason == "weekend":
            text = _("%(date)s is not a working day: weekend.") % {"date": format_date(day)}
        else:
            text = _("%(date)s is not a working day: %(reason)s.") % {
                "date": format_date(day),
                "reason": reason,
            }
        return Output(
            text=text,
            data={"date": day.isoformat(), "working_day": not reason, "reason": reason},
        )

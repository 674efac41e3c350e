"""``bagalau deadlines BODY PERIOD``: every deadline of one evaluation cycle.

    bagalau deadlines shakhtinsk-maslikhat 2026-Q1
    bagalau deadlines shakhtinsk-maslikhat 2026 --event familiarized=14.01.2027

The version in force on the last day of the period governs the cycle. Deadlines counted
from an event that has not happened are projected from the latest date it may happen.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from bagalau.core.management.base import DomainCommand, Output
from bagalau.core.packview import deadline_rows
from bagalau.domain.calendar import Period, parse_date
from bagalau.domain.deadlines import cycle_deadlines
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.methodology import EXTERNAL_EVENTS
from bagalau.packs import registry


class Command(DomainCommand):
    help = "Every deadline of a body's evaluation cycle, with dates and citations."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("body", help="body code, as 'methodology list' prints it")
        parser.add_argument("period", help="a quarter like 2026-Q1 or a year like 2026")
        parser.add_argument(
            "--event", action="append", default=[], help="an event that happened: name=dd.mm.yyyy"
        )

    def run(self, **options: Any) -> Output:
        lang: str = options["lang"]
        reg = registry()
        body = options["body"]
        reg.body(body)
        period = Period.parse(options["period"])
        events = dict(_event(text) for text in options["event"])
        pack = reg.in_force(body, period.end)
        deadlines = cycle_deadlines(pack, period, self.working_calendar(), events)
        rows = deadline_rows(deadlines, lang)
        lines = [
            _("Deadlines of %(period)s for %(body)s under %(pack)s:")
            % {"period": period.code, "body": body, "pack": pack.id}
        ]
        for row in rows:
            note = " " + _("(projected)") if row["projected"] else ""
            cite = row["cite"]
            lines.append(f"  {row['due']}  {row['name']}{note}  [{cite['text']}; {cite['label']}]")
        data = {"body": body, "period": period.code, "pack": pack.id, "deadlines": rows}
        return Output(text="\n".join(lines), data=data)


def _event(text: str) -> tuple[str, date]:
    name, _sep, day = text.partition("=")
    if name not in EXTERNAL_EVENTS:
        raise DomainError(
            ErrorCode.EVENT_UNKNOWN, {"event": name, "known": ", ".join(sorted(EXTERNAL_EVENTS))}
        )
    return name, parse_date(day)

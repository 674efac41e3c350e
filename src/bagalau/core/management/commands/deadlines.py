"""``bagalau deadlines BODY PERIOD``: every deadline of one evaluation cycle.

    bagalau deadlines shakhtinsk-maslikhat 2026-Q1
    bagalau deadlines shakhtinsk-maslikhat 2026 --event familiarized=14.01.2027
    bagalau deadlines atyrau-region-akimat 2023 --method count_kpi

The version in force on the last day of the period governs the cycle. Deadlines counted
from an event that has not happened are projected from the latest date it may happen;
those counted from an event nobody can foresee (a sheet returned for correction, the
Commission's sitting) are listed with the rule in words and the ``--event`` that would
date them. A method that applies only to some people (Atyrau's chapter 6) is listed
when it may apply in the period, and marked. ``--method`` lists only that method's own
deadlines (counted with the whole cycle); a method that does not apply to the period is
refused with its rule, exit code 2.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from bagalau.core.deadlinewords import method_name, only_for_words
from bagalau.core.labels import code_label
from bagalau.core.management.base import DomainCommand, Output
from bagalau.core.packview import listed_deadline_row
from bagalau.domain.calendar import Period, parse_date
from bagalau.domain.deadline_list import DeadlineList, list_deadlines
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
        parser.add_argument(
            "--method",
            default=None,
            help="only this method's own deadlines, e.g. count_kpi (none of the general ones)",
        )

    def run(self, **options: Any) -> Output:
        lang: str = options["lang"]
        reg = registry()
        body = options["body"]
        reg.body(body)
        period = Period.parse(options["period"])
        events = dict(_event(text) for text in options["event"])
        pack = reg.in_force(body, period.end)
        method = options["method"] or None
        calendar = self.working_calendar()
        listing = list_deadlines(
            pack, period, calendar, events, method=method, versions=reg.versions(body)
        )
        dated = [listed_deadline_row(e, pack, lang) for e in listing.dated]
        undated = [listed_deadline_row(e, pack, lang) for e in listing.undated]
        data = {
            "body": body,
            "period": period.code,
            "pack": pack.id,
            "method": listing.method.value if listing.method else None,
            "deadlines": dated,
            "undated": undated,
        }
        heading = {"period": period.code, "body": body, "pack": pack.id}
        return Output(text="\n".join(_lines(listing, heading, dated, undated)), data=data)


def _lines(
    listing: DeadlineList,
    heading: dict[str, str],
    dated: list[dict[str, Any]],
    undated: list[dict[str, Any]],
) -> list[str]:
    """The answer for people: only the citation in words, never the internal label."""
    if listing.method is None:
        lines = [_("Deadlines of %(period)s for %(body)s under %(pack)s:") % heading]
    else:
        method = listing.method.value
        named = heading | {"method": f"{code_label(method)} ({method})"}
        lines = [_("Deadlines of %(method)s in %(period)s for %(body)s under %(pack)s:") % named]
    for row in dated:
        note = " " + _("(projected)") if row["projected"] else ""
        if row["plan_period"]:
            note += " " + _("(the work plan for %(period)s)") % {"period": row["plan_period"]}
        lines.append(f"  {row['due']}  {row['name']}{note}{_marked(row)}  [{row['cite']['text']}]")
    if undated:
        lines.append(_("Not dated until the event they are counted from is given:"))
    for row in undated:
        lines.append(f"  {row['name']}{_marked(row)}  [{row['cite']['text']}]")
        hint = _("to date it: %(option)s") % {"option": row["hint"]} if row["hint"] else ""
        lines.append(f"      {row['rule']}" + (f"; {hint}" if hint else ""))
    if not dated and not undated:
        lines.append("  " + _("No deadline of the methodology applies to this period."))
    if listing.limited:
        lines.append(_("Only for some employees:"))
        lines += [f"  {method_name(r)}: {only_for_words(r)}" for r in listing.limited]
    return lines


def _marked(row: dict[str, Any]) -> str:
    only = row["only_for"]
    if only is None:
        return ""
    return " " + _("(%(method)s: only for some employees, see below)") % {
        "method": only["method_label"]
    }


def _event(text: str) -> tuple[str, date]:
    name, _sep, day = text.partition("=")
    if name not in EXTERNAL_EVENTS:
        raise DomainError(
            ErrorCode.EVENT_UNKNOWN, {"event": name, "known": ", ".join(sorted(EXTERNAL_EVENTS))}
        )
    return name, parse_date(day)

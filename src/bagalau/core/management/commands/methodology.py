"""``bagalau methodology``: which methodology versions exist and which one governs.

bagalau methodology list
bagalau methodology show shakhtinsk-maslikhat --on 01.03.2024
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from bagalau.core import clock
from bagalau.core.management.base import DomainCommand, Output
from bagalau.core.packview import pack_detail, pack_summary
from bagalau.domain.calendar import format_date, parse_date
from bagalau.packs import registry


class Command(DomainCommand):
    help = "List methodology versions, or show the one governing a body on a date."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        actions = parser.add_subparsers(dest="action", required=True)
        self.add_subcommand(actions, "list", help="bodies, acts, versions and validity")
        show = self.add_subcommand(actions, "show", help="the version in force, with citations")
        show.add_argument("body", help="body code, as 'methodology list' prints it")
        show.add_argument("--on", default="", help="date, dd.mm.yyyy (default: today)")

    def run(self, **options: Any) -> Output:
        lang: str = options["lang"]
        if options["action"] == "list":
            return self._list(lang)
        day = parse_date(options["on"]) if options["on"] else clock.today()
        return self._show(options["body"], day, lang)

    def _list(self, lang: str) -> Output:
        packs = registry().packs
        lines: list[str] = []
        for pack in sorted(packs, key=lambda p: (p.line, p.valid.start)):
            until = format_date(pack.valid.end) if pack.valid.end else "…"
            bodies = ", ".join(b.code for b in pack.governs) or _("fallback for every body")
            lines.append(f"{pack.id:24} {format_date(pack.valid.start)} – {until:10}  {bodies}")
            lines.extend(
                f"    {a.role.value:9} {a.number:14} {a.title.get(lang)}" for a in pack.acts
            )
        data = {"packs": [pack_summary(p, lang) for p in packs]}
        return Output(text="\n".join(lines), data=data)

    def _show(self, body_code: str, day: date, lang: str) -> Output:
        reg = registry()
        reg.body(body_code)  # an unknown body is refused before the date is looked at
        pack = reg.in_force(body_code, day)
        detail = pack_detail(pack, lang)
        detail["body"] = body_code
        detail["on"] = format_date(day)
        return Output(text=_show_text(detail), data=detail)


def _show_text(detail: dict[str, Any]) -> str:
    until = detail["valid_to"] or "…"
    lines = [
        f"{detail['title']} [{detail['id']}]",
        _("In force for %(body)s on %(date)s: %(start)s – %(end)s")
        % {
            "body": detail["body"],
            "date": detail["on"],
            "start": detail["valid_from"],
            "end": until,
        },
        "",
        _("Acts:"),
    ]
    for act in detail["acts"]:
        mark = " *" if act["date_unverified"] else ""
        lines.append(
            f"  {act['role']:9} №{act['number']} {act['adopted']} → {act['in_force_from']}{mark}"
        )
    lines += ["", _("Methods:")]
    lines += [
        f"  {m['method']:12} {m['audience']:18} {m['period']:8} [{m['cite']['label']}]"
        for m in detail["methods"]
    ]
    lines += ["", _("Parameters:")]
    for row in detail["parameters"]:
        flag = " " + _("UNVERIFIED") if row["unverified"] else ""
        lines.append(f"  {row['key']} = {_short(row['value'])}  [{row['cite']['label']}]{flag}")
    lines += ["", _("Deadlines:")]
    lines += [f"  {d['id']:28} {d['rule']:40} [{d['cite']['label']}]" for d in detail["deadlines"]]
    if detail["unverified"]:
        lines += [
            "",
            _("* and UNVERIFIED: not given by the sources; confirm from the body's approved text."),
        ]
    return "\n".join(lines)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 90 else text[:87] + "..."

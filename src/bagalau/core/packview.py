"""Methodology packs as plain data for the console, the API and the pages.

Only presentation: which version governs is decided by the domain registry.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from bagalau.core.deadlinewords import (
    event_hint,
    event_label,
    method_name,
    only_for_words,
    rule_words,
)
from bagalau.core.labels import cite_text, code_label
from bagalau.core.rulelabels import rule_label
from bagalau.domain.calendar import format_date
from bagalau.domain.deadline_list import Entry
from bagalau.domain.deadlines import Deadline
from bagalau.domain.law import Act, Cite, Text
from bagalau.domain.methodology import MethodRule, Pack, iter_parameters, unverified_parameters


def plain(value: Any, lang: str) -> Any:  # noqa: PLR0911
    """A rule value as JSON-ready data in ``lang``; dates as dd.mm.yyyy."""
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, Cite):
        return value.label()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [plain(item, lang) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: plain(getattr(value, f.name), lang)
            for f in dataclasses.fields(value)
            if getattr(value, f.name) not in (None, (), "")
        }
    return value


def act_row(act: Act, lang: str) -> dict[str, Any]:
    return {
        "id": act.id,
        "role": act.role.value,
        "role_label": code_label(act.role.value),
        "kind": act.kind.get(lang),
        "number": act.number,
        "issuer": act.issuer.get(lang),
        "title": act.title.get(lang),
        "adopted": format_date(act.adopted),
        "in_force_from": format_date(act.in_force_from()),
        "date_unverified": act.entry_date_unverified,
        "registration": act.registration,
        "note": act.note.get(lang) if act.note else "",
    }


def cite_row(cite: Cite) -> dict[str, Any]:
    """``label`` is stable for machines; ``text`` is written in the active language."""
    return {
        "label": cite.label(),
        "text": cite_text(cite),
        "act": cite.act,
        "paragraph": cite.paragraph,
        "quote": cite.quote,
        "borrowed": cite.borrowed,
    }


def pack_summary(pack: Pack, lang: str) -> dict[str, Any]:
    return {
        "id": pack.id,
        "line": pack.line,
        "title": pack.title.get(lang),
        "fallback": pack.fallback,
        "valid_from": format_date(pack.valid.start),
        "valid_to": format_date(pack.valid.end) if pack.valid.end else None,
        "bodies": [{"code": b.code, "name": b.name.get(lang)} for b in pack.governs],
        "acts": [act_row(a, lang) for a in pack.acts],
        "unverified": list(unverified_parameters(pack.rules)),
    }


def pack_detail(pack: Pack, lang: str) -> dict[str, Any]:
    """Every parameter of the version with its citation and unverified marker."""
    detail = pack_summary(pack, lang)
    detail["notes"] = [n.get(lang) for n in pack.notes]
    detail["methods"] = [
        {
            "method": m.method.value,
            "method_label": code_label(m.method.value),
            "audience": m.audience.value,
            "audience_label": code_label(m.audience.value),
            "period": m.period,
            "period_label": code_label(m.period),
            "period_cite": cite_row(m.period_cite) if m.period_cite else None,
            "categories": list(m.categories),
            "in_force": plain(m.in_force, lang),
            "absent_between": plain(m.absent_between, lang),
            "cite": cite_row(m.cite),
            "unverified": m.unverified,
            "note": m.note.get(lang) if m.note else "",
        }
        for m in pack.rules.methods
    ]
    detail["parameters"] = [
        {
            "key": key,
            "label": rule_label(key),
            "value": plain(cited.value, lang),
            "cite": cite_row(cited.cite),
            "unverified": cited.unverified,
            "note": cited.note.get(lang) if cited.note else "",
        }
        for key, cited in iter_parameters(pack.rules)
    ]
    detail["deadlines"] = [
        {
            "id": d.id,
            "name": d.name.get(lang),
            "rule": f"{d.kind.value} {d.count}" + (f" after {d.after}" if d.after else ""),
            "method": d.method.value if d.method else None,
            "period": d.period,
            "period_label": code_label(d.period) if d.period else "",
            "cite": cite_row(d.cite),
            "unverified": d.unverified,
            "note": d.note.get(lang) if d.note else "",
        }
        for d in pack.rules.deadlines
    ]
    detail["forms"] = [
        {"code": f.code, "title": f.title.get(lang), "cite": cite_text(f.cite)}
        for f in pack.rules.forms
    ]
    return detail


def deadline_rows(deadlines: Iterable[Deadline], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "id": d.id,
            "name": d.name.get(lang),
            "due": format_date(d.due),
            "counted_from": format_date(d.counted_from) if d.counted_from else None,
            "projected": d.projected,
            "binding": d.rule.binding,
            "method": d.rule.method.value if d.rule.method else None,
            "cite": cite_row(d.cite),
            "unverified": d.rule.unverified,
        }
        for d in deadlines
    ]


def listed_deadline_row(entry: Entry, pack: Pack, lang: str) -> dict[str, Any]:
    """A deadline of ``list_deadlines``: its date as ``deadline_rows`` gives it, or
    ``due`` None with the event that would date it; the rule in words either way."""
    if entry.deadline is not None:
        row = deadline_rows([entry.deadline], lang)[0]
    else:
        row = {
            "id": entry.id,
            "name": entry.name.get(lang),
            "due": None,
            "counted_from": None,
            "projected": False,
            "binding": entry.rule.binding,
            "method": entry.rule.method.value if entry.rule.method else None,
            "cite": cite_row(entry.cite),
            "unverified": entry.rule.unverified,
        }
    event = entry.event
    row |= {
        "rule": rule_words(entry.rule, pack),
        "event": event or None,
        "event_label": event_label(event, pack) if event else None,
        "hint": event_hint(event) if event else None,
        "only_for": _only_for_row(entry.only_for, lang) if entry.only_for else None,
        "plan_period": entry.plan_period.code if entry.plan_period else None,
    }
    return row


def _only_for_row(rule: MethodRule, lang: str) -> dict[str, Any]:
    return {
        "method": rule.method.value,
        "method_label": method_name(rule),
        "text": only_for_words(rule),
        "in_force": plain(rule.in_force, lang),
        "absent_between": plain(rule.absent_between, lang),
        "cite": cite_row(rule.cite),
        "in_force_cite": cite_row(rule.in_force_cite) if rule.in_force_cite else None,
    }


def timeline(packs: Iterable[Pack], start: date, end: date, lang: str) -> list[dict[str, Any]]:
    """Each methodology line as a row of version segments placed on [start, end] in %.

    Open-ended versions run to ``end``; a version wholly outside the axis is left out.
    """
    span = (end - start).days or 1
    rows: dict[str, dict[str, Any]] = {}
    for pack in sorted(packs, key=lambda p: (not p.fallback, p.line, p.valid.start)):
        first = max(pack.valid.start, start)
        last = min(pack.valid.end or end, end)
        row = rows.setdefault(
            pack.line,
            {
                "line": pack.line,
                "fallback": pack.fallback,
                "bodies": [b.name.get(lang) for b in pack.governs],
                "segments": [],
            },
        )
        if first > last:
            continue
        row["segments"].append(
            {
                "id": pack.id,
                "left": round((first - start).days / span * 100, 2),
                "width": max(round(((last - first).days + 1) / span * 100, 2), 0.5),
                "valid_from": format_date(pack.valid.start),
                "valid_to": format_date(pack.valid.end) if pack.valid.end else None,
                "unverified": bool(unverified_parameters(pack.rules)),
            }
        )
    return list(rows.values())

"""What a pack must satisfy beyond its types: a base act, dates where the entry needs
them, bands that partition the scale, deadlines counted from known events, citations
of known acts only."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from bagalau.domain.law import ActRole
from bagalau.domain.methodology.schema import Band, Pack
from bagalau.domain.methodology.walk import iter_cites
from bagalau.domain.plaindata import PackError


def check_pack(name: str, pack: Pack) -> None:
    if not any(a.role is ActRole.BASE for a in pack.acts):
        raise PackError(name, "acts", "a version needs its base act (role: base)")
    for act in pack.acts:
        if act.entry.value == "on_date" and act.effective is None:
            raise PackError(name, f"acts.{act.id}.effective", "required when entry is on_date")
    if pack.rules.bands is not None:
        _check_bands(name, pack.rules.bands.value)
    known = {d.id for d in pack.rules.deadlines} | {
        d.marks for d in pack.rules.deadlines if d.marks
    }
    for rule in pack.rules.deadlines:
        if rule.after and rule.after not in known and rule.after not in EXTERNAL_EVENTS:
            raise PackError(
                name, f"rules.deadlines.{rule.id}.after", f"unknown event {rule.after!r}"
            )


EXTERNAL_EVENTS = frozenset(
    {
        "period_start",
        # the first day of the period the KPI plan is drawn up for (004 p22; ADR 0010)
        "plan_period_start",
        "evaluation_opened",  # the day HR opens the period (Atyrau ch. 6, 001 p43)
        "appointment",
        "kpi_set",
        "evaluation_completed",
        "familiarized",
        "application_received",
        "protocol_signed",
        "commission_decision",
        "sheet_returned",
        "sheet_agreed",
        "commission_meeting",
        "evaluation_deadline",
        "results_approved",  # 001 p66: the authorized person approves the results
    }
)


def _check_bands(name: str, bands: tuple[Band, ...]) -> None:
    """Bands must partition the scale at two decimal places with no gap or overlap."""
    ordered = sorted(bands, key=lambda b: b.min)
    step = Decimal("0.01")
    for low, high in itertools.pairwise(ordered):
        if high.min - low.max != step:
            raise PackError(
                name, "rules.bands", f"gap or overlap between {low.code} and {high.code}"
            )


def check_citations(files: Mapping[str, Mapping[str, Any]], packs: tuple[Pack, ...]) -> None:
    """Every citation must name an act the registry knows: no invented sources."""
    acts = {a.id for p in packs for a in p.acts}
    for pack in packs:
        file = next((f for f, d in files.items() if d.get("id") == pack.id), pack.id)
        for path, cite in iter_cites(pack.rules, "rules"):
            if cite.act not in acts:
                raise PackError(file, f"{path}.cite.act", f"unknown act {cite.act!r}")

"""What a pack must satisfy beyond its types: a base act, dates where the entry needs
them, bands that partition the scale, deadlines counted from known events, citations
of known acts only, and another body's act cited only as borrowed and unverified."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import fields
from decimal import Decimal
from typing import Any

from bagalau.domain.law import ActRole, Cited
from bagalau.domain.methodology.schema import Band, BehaviouralIndicators, Pack, Rules
from bagalau.domain.methodology.values import Labelled
from bagalau.domain.methodology.walk import iter_cite_holders, iter_cites
from bagalau.domain.plaindata import PackError


def check_pack(name: str, pack: Pack) -> None:
    if not any(a.role is ActRole.BASE for a in pack.acts):
        raise PackError(name, "acts", "a version needs its base act (role: base)")
    for act in pack.acts:
        if act.entry.value == "on_date" and act.effective is None:
            raise PackError(name, f"acts.{act.id}.effective", "required when entry is on_date")
    if pack.rules.bands is not None:
        _check_bands(name, pack.rules.bands.value)
    if pack.rules.behavioural_indicators is not None:
        _check_indicator_groups(name, pack.rules.behavioural_indicators.value)
    _check_procedure(name, pack.rules)
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


# The roles a procedure rule may name (004 p10, p16, p38; 001 p62, p66): a later
# commission or calibration feature maps each code to the people who hold the role.
PROCEDURE_ROLES = frozenset({"appointing_official", "authorized_person", "hr_service", "chair"})
RECORDS = frozenset({"protocol"})  # 001 p66: where the approved results are entered


def _check_procedure(name: str, rules: Rules) -> None:
    """Roles named by known codes; the duties and the documents listed, each code once."""
    commission, calibration = rules.commission, rules.calibration
    named: list[tuple[str, Cited[Labelled] | None, frozenset[str]]] = [
        ("procedure_disputes", rules.procedure_disputes, PROCEDURE_ROLES)
    ]
    listed: list[tuple[str, Cited[tuple[Labelled, ...]] | None]] = []
    if calibration is not None:
        named.append(
            ("calibration.members_approved_by", calibration.members_approved_by, PROCEDURE_ROLES)
        )
    if commission is not None:
        named += [
            ("commission.meeting_arranged_by", commission.meeting_arranged_by, PROCEDURE_ROLES),
            (
                "commission.meeting_dates_agreed_with",
                commission.meeting_dates_agreed_with,
                PROCEDURE_ROLES,
            ),
            ("commission.results_approved_by", commission.results_approved_by, PROCEDURE_ROLES),
            ("commission.results_recorded_in", commission.results_recorded_in, RECORDS),
        ]
        listed.append(("commission.meeting_documents", commission.meeting_documents))
    if rules.duties is not None:
        listed += [
            (f"duties.{f.name}", getattr(rules.duties, f.name)) for f in fields(rules.duties)
        ]
    for key, cited, known in named:
        if cited is not None and cited.value.code not in known:
            raise PackError(
                name,
                f"rules.{key}.value.code",
                f"must be one of {', '.join(sorted(known))}, not {cited.value.code!r}",
            )
    for key, items in listed:
        if items is None:
            continue
        codes = [item.code for item in items.value]
        if not codes:
            raise PackError(name, f"rules.{key}.value", "must list at least one")
        if len(set(codes)) != len(codes):
            raise PackError(name, f"rules.{key}.value", "each code must be listed once")


def _check_indicator_groups(name: str, indicators: tuple[BehaviouralIndicators, ...]) -> None:
    """A category in two groups of a competency (E-3 in 003 app. 4) is told apart by
    ``heads_of_units``: each such group says it, and no two say the same."""
    for one in indicators:
        path = f"rules.behavioural_indicators.{one.competency.code}.groups"
        for category in sorted({c for g in one.groups for c in g.categories}):
            groups = [g for g in one.groups if category in g.categories]
            if len(groups) < 2:
                continue
            flags = [g.heads_of_units for g in groups]
            if None in flags or len(set(flags)) != len(flags):
                raise PackError(
                    name,
                    path,
                    f"{category} is in {len(groups)} groups: each must say heads_of_units, "
                    "true for one and false for the other",
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
    """Every citation must name an act the registry knows: no invented sources. A value
    cites the version's own acts or the Typical Methodology; another body's act only
    as ``borrowed`` (docs/adr/0011-borrowed-citations.md)."""
    acts = {a.id for p in packs for a in p.acts}
    typical = {a.id for p in packs if p.fallback for a in p.acts}
    for pack in packs:
        file = next((f for f, d in files.items() if d.get("id") == pack.id), pack.id)
        for path, cite in iter_cites(pack.rules, "rules"):
            if cite.act not in acts:
                raise PackError(file, f"{path}.cite.act", f"unknown act {cite.act!r}")
            if cite.borrowed and path.endswith(".restated_in"):
                raise PackError(file, f"{path}.borrowed", "a restating paragraph is not borrowed")
        _check_borrowed(file, pack, typical)


def _check_borrowed(file: str, pack: Pack, typical: set[str]) -> None:
    """A borrowed cite names another body's act, on a value marked unverified; any other
    cite names one of the version's acts or the Typical Methodology."""
    own = {a.id for a in pack.acts}
    for path, holder in iter_cite_holders(pack.rules, "rules"):
        cite = holder.cite
        key = f"{path}.cite"
        if not cite.borrowed:
            if cite.act not in own and cite.act not in typical:
                raise PackError(
                    file,
                    f"{key}.act",
                    f"{cite.act!r} is another body's act: cite it as borrowed, or cite the "
                    "version's own act",
                )
            continue
        if cite.act in own:
            raise PackError(file, f"{key}.borrowed", "the act is the version's own: not borrowed")
        if cite.act in typical or cite.via_typical:
            raise PackError(
                file, f"{key}.borrowed", "the Typical Methodology is cited with via_typical"
            )
        if cite.restated_in is not None:
            raise PackError(file, f"{key}.borrowed", "a borrowed paragraph is quoted itself")
        if not getattr(holder, "unverified", False):
            raise PackError(
                file, f"{path}.unverified", "a value borrowed from another body is unverified"
            )

"""The close's arithmetic, all by the domain: which evaluations are incomplete
(``domain.closing``), each quarter result and band (``domain.ranking``, ``domain.kpi``,
``domain.scoring``) and a year's mean of its quarters (R-PERIODS, 004 p4)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from bagalau.core.labels import code_label, name_lang
from bagalau.cycles.close.selectors import (
    ANNUAL_METHODS,
    CloseData,
    Person,
    RankingRow,
    SheetFacts,
)
from bagalau.cycles.kpi.sheet_services import compute_sheet
from bagalau.cycles.models import EvaluationPeriod, SheetState
from bagalau.cycles.ranking.results import ranking_result_values
from bagalau.cycles.results.cites import cite_rows
from bagalau.cycles.results.selectors import mean_cite
from bagalau.domain.closing import CloseFacts, Gap, GapKind, close_gaps, results_owed
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite
from bagalau.domain.methodology import Method, Pack
from bagalau.domain.scoring import annual_result, bonus_total
from bagalau.orgs.models import Employee

GAPS_SHOWN = 20
GAP_LABELS = {
    GapKind.NO_SHEET: _("nothing entered"),
    GapKind.NOT_APPROVED: _("sheet not approved"),
    GapKind.NOT_SUPPORTED: _("no sheet of this method is kept in the system"),
}


@dataclass
class Computed:
    """One result as the domain computed it, ready for a ``Result`` row."""

    participation_id: int
    method: str
    score: Decimal | None
    band: str
    inputs: dict[str, Any]
    cites: list[dict[str, Any]]
    unverified: list[str]
    approved_by_id: int | None = None
    approved_at: datetime | None = None

    def values(self) -> dict[str, Any]:
        return {
            "score": self.score, "band": self.band, "inputs": self.inputs,
            "cites": self.cites, "unverified": self.unverified,
            "state": SheetState.APPROVED, "approved_by_id": self.approved_by_id,
            "approved_at": self.approved_at,
        }  # fmt: skip


@dataclass
class Outcome:
    results: list[Computed] = field(default_factory=list)
    gaps: tuple[Gap, ...] = ()
    open_quarters: list[str] = field(default_factory=list)


def _facts(data: CloseData, person: Person) -> CloseFacts:
    pid = person.participation_id
    sheets: dict[str, str] = {}
    if pid in data.ranking:
        sheets[Method.RANKING] = data.ranking[pid].sheet_state
    if pid in data.kpi:
        sheet, _lines = data.kpi[pid]
        sheets[sheet.plan.kind] = sheet.state
    return CloseFacts(pid, person.status, person.methods, sheets)


def sheet_gaps(facts: SheetFacts) -> Outcome:
    """What keeps the period open, from its sheet states alone: no result computed."""
    people = []
    for person in facts.people.values():
        pid = person.participation_id
        sheets: dict[str, str] = {}
        if pid in facts.ranking:
            sheets[Method.RANKING] = facts.ranking[pid]
        if pid in facts.kpi:
            kind, state = facts.kpi[pid]
            sheets[kind] = state
        people.append(CloseFacts(pid, person.status, person.methods, sheets))
    return Outcome(gaps=close_gaps(people), open_quarters=list(facts.open_quarters))


def compute_quarter(data: CloseData, pack: Pack) -> Outcome:
    """Every result the period owes, or the gaps that keep it open (then no result)."""
    facts = [_facts(data, person) for person in data.people.values()]
    gaps = close_gaps(facts)
    if gaps:
        return Outcome(gaps=gaps)
    results = []
    shared: dict[tuple[Any, ...], list[Any]] = {}
    ranked: dict[Hashable, dict[str, Any]] = {}
    for person in facts:
        for method in results_owed(person):
            got = _one(data, pack, person.key, method, ranked)
            # Equal citation and unverified lists become one object, encoded once on write.
            got.cites = shared.setdefault(("c", *map(id, got.cites)), got.cites)
            got.unverified = shared.setdefault(("u", *got.unverified), got.unverified)
            results.append(got)
    return Outcome(results)


def _ranking_values(pack: Pack, row: RankingRow, memo: dict[Hashable, dict[str, Any]]) -> Any:
    """``ranking_result_values``, a pure function of the row, called once per distinct
    row (scores, comment, paper): a body's hundred thousand rows repeat a few thousand."""
    try:
        key: Hashable = (tuple(sorted(row.scores.items())), row.comment, row.on_paper)
        hash(key)
    except (AttributeError, TypeError):  # not a flat mapping: the domain will say why
        return ranking_result_values(pack, row)
    if key not in memo:
        memo[key] = ranking_result_values(pack, row)
    return memo[key]


def _one(
    data: CloseData, pack: Pack, pid: int, method: str, memo: dict[Hashable, dict[str, Any]]
) -> Computed:
    if method == Method.RANKING:
        row = data.ranking[pid]
        values = _ranking_values(pack, row, memo)
        return Computed(
            pid, method, values["score"], values["band"], values["inputs"], values["cites"],
            list(values["unverified"]), row.approved_by_id, row.approved_at,
        )  # fmt: skip
    if method in (Method.KPI, Method.COUNT_KPI):
        sheet, lines = data.kpi[pid]
        got = compute_sheet(sheet, lines, pack)
        cites = cite_rows(tuple(dict.fromkeys(got.cites)))
        return Computed(
            pid, got.method, got.score, got.band, got.inputs, cites,
            list(got.unverified), sheet.approved_by_id, sheet.approved_at,
        )  # fmt: skip
    levels = pack.rules.bonus_points
    if levels is None:
        raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": "bonus_points"})
    total = bonus_total(data.bonus.get(pid, []), levels)
    inputs = {"total": total.total, "by_level": [list(pair) for pair in total.by_level]}
    return Computed(
        pid, method, None, "", inputs | {"pack": pack.id}, cite_rows(total.cites),
        list(total.unverified),
    )  # fmt: skip


def compute_annual(data: CloseData, pack: Pack) -> Outcome:
    """A year: its own sheets as a quarter's, and for each person the mean of the
    quarters evaluated, with its band (R-PERIODS, R-BANDS); every quarter closed first."""
    outcome = compute_quarter(data, pack)
    outcome.open_quarters = list(data.open_quarters)
    if outcome.gaps or outcome.open_quarters:
        outcome.results = []
        return outcome
    done = {(c.participation_id, c.method) for c in outcome.results}
    cite = mean_cite(pack)
    for person in data.people.values():
        for method in ANNUAL_METHODS:
            scores = data.quarters.get((person.employee_id, method))
            pid = person.participation_id
            if not scores or (pid, method) in done or all(v is None for v in scores.values()):
                continue
            year = annual_result(scores, cite=cite, bands=pack.rules.bands)
            final = year.final
            band = year.band.band.code if year.band else ""
            inputs = {
                "quarters": [[p.code, str(scores[p])] for p in final.quarters],
                "excluded": [p.code for p in final.excluded],
                "pack": pack.id,
            }
            cites, unverified = cite_rows(year.cites), list(year.unverified)
            outcome.results.append(
                Computed(pid, method, final.score, band, inputs, cites, unverified)
            )
    return outcome


def gaps_error(
    period: EvaluationPeriod, people: dict[int, Person], outcome: Outcome, cite: Cite
) -> DomainError:
    """PERIOD_INCOMPLETE naming who is missing what (the first GAPS_SHOWN of them)."""
    gaps = outcome.gaps
    shown = gaps[:GAPS_SHOWN]
    wanted = {people[g.key].employee_id for g in shown}
    found = Employee.objects.in_bulk(wanted)
    lang = name_lang()
    parts = [f"{q} ({_('open')})" for q in outcome.open_quarters]
    for gap in shown:
        person = found[people[gap.key].employee_id]
        label = GAP_LABELS[gap.kind]
        state = f" ({SheetState(gap.state).label})" if gap.state in SheetState.values else ""
        parts.append(f"{person.full_name(lang)}: {code_label(gap.method)} — {label}{state}")
    more = len(gaps) - len(shown)
    return DomainError(
        ErrorCode.PERIOD_INCOMPLETE,
        {
            "period": period.code,
            "count": len(gaps) + len(outcome.open_quarters),
            "missing": "; ".join(parts) + (f"; … (+{more})" if more else ""),
        },
        cite,
    )

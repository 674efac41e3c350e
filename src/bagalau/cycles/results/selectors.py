"""Reads for ranking sheets and results. ``access_result`` and ``access_scan`` are the
only ways to fetch a person's result or scan for a user (R-CONFIDENTIAL, 004 p15, p20):
they check permission and write the view to the audit trail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from bagalau.access import Action, UserLike
from bagalau.audit.models import AuditAction
from bagalau.audit.services import build_record, record_many
from bagalau.core.labels import cite_text, in_ui_lang
from bagalau.core.rulelabels import rule_label
from bagalau.cycles.models import (
    Participation,
    ParticipationStatus,
    Result,
    SheetState,
)
from bagalau.cycles.periods.selectors import access_participation
from bagalau.cycles.ranking.selectors import RANKING, sheet_parameters
from bagalau.cycles.results.cites import cite_from
from bagalau.domain.calendar import Period
from bagalau.domain.errors import DomainError
from bagalau.domain.law import Cite, Cited, Text
from bagalau.domain.methodology import Pack
from bagalau.domain.scoring import annual_result

# --- results --------------------------------------------------------------------


def access_result(
    user: UserLike, participation_id: int, *, today: date
) -> tuple[Participation, list[Result]]:
    """A person's results of a period, for a user allowed to see them (R-CONFIDENTIAL).

    Each result shown is logged in the audit trail: who, when, which result.
    """
    participation = access_participation(user, Action.VIEW_RESULT, participation_id, today=today)
    results = list(Result.objects.filter(participation=participation).order_by("method"))
    record_many(
        build_record(
            actor=user, action=AuditAction.VIEW, obj=r, body_id=participation.period.body_id
        )
        for r in results
    )
    return participation, results


@dataclass(frozen=True)
class UnverifiedRule:
    """A pack value the sources do not give, named for people, with the pack's note on
    what is used meanwhile (DOMAIN.md §7); ``key`` is the value's key in the pack."""

    key: str
    label: str
    note: str


def unverified_notes(pack: Pack, names: list[str]) -> list[UnverifiedRule]:
    """Each unverified pack value used, with the pack's note on it in the active language."""
    found = []
    for name in names:
        value: Any = pack.rules
        for part in name.split("."):
            value = getattr(value, part, None)
        note = in_ui_lang(value.note) if isinstance(value, Cited) else ""
        found.append(UnverifiedRule(name, rule_label(name), note))
    return found


@dataclass
class ResultView:
    """One result with its "why": each input and the paragraphs applied."""

    result: Result
    band_names: dict[str, str]
    inputs: list[tuple[str, str]]
    cites: list[str]
    unverified: list[UnverifiedRule]
    comment: str = ""
    on_paper: bool = False
    counted: tuple[int, int] | None = None  # KPIs fully achieved, of how many (001 p49)


def band_names(pack: Pack, code: str, method: str = "") -> dict[str, str]:
    """The band's official name in Kazakh and Russian (R-BANDS, 004 p7); a count-based
    result is named in the words of its own paragraph (Atyrau 001 p49)."""
    counted = pack.rules.count_kpi if method == "count_kpi" else None
    found: Text | None
    if counted is not None:
        found = next((b.name for b in counted.bands_by_count.value if b.band == code), None)
    else:
        bands = pack.rules.bands.value if pack.rules.bands else ()
        found = next((b.name for b in bands if b.code == code), None)
    return {"kk": found.kk, "ru": found.ru} if found else {}


def result_view(result: Result, pack: Pack, lang: str) -> ResultView:
    inputs = result.inputs if isinstance(result.inputs, dict) else {}
    names = dict(sheet_parameters(pack.rules.ranking, lang)) if pack.rules.ranking else {}
    rows = [
        (names.get(str(p.get("code")), str(p.get("code"))), str(p.get("score")))
        for p in inputs.get("parameters", [])
        if isinstance(p, dict)
    ]
    lines = [x for x in inputs.get("lines", []) if isinstance(x, dict)]
    if not rows and lines:  # a KPI sheet: each KPI with its % and score, or achieved
        rows = [(str(x.get("name", "")), _kpi_line_value(x)) for x in lines]
    if not rows:  # results written by other methods keep their own inputs
        rows = [(str(k), str(v)) for k, v in inputs.items() if not isinstance(v, dict | list)]
    cites = [cite_text(cite_from(c)) for c in result.cites if isinstance(c, dict)]
    counted = None
    if result.method == "count_kpi" and "achieved" in inputs:
        counted = (int(inputs["achieved"]), int(inputs.get("total", len(lines))))
    return ResultView(
        result=result,
        band_names=band_names(pack, result.band, result.method),
        inputs=rows,
        cites=cites,
        unverified=unverified_notes(pack, [str(u) for u in result.unverified]),
        comment=str(inputs.get("comment", "")),
        on_paper=bool(inputs.get("on_paper", False)),
        counted=counted,
    )


def _kpi_line_value(line: dict[str, Any]) -> str:
    if line.get("achieved") is not None:
        return _("achieved in full") if line["achieved"] else _("not achieved")
    percent = line.get("percent")
    shown = f"{percent}% → " if percent is not None else ""
    return f"{shown}{line.get('score', '—')}"


@dataclass
class AnnualView:
    """R-PERIODS (004 p4): the mean of the quarters evaluated, from approved results."""

    score: Decimal | None
    band: str
    band_names: dict[str, str]
    quarters: list[tuple[str, Decimal | None]]
    cites: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    error: DomainError | None = None


def mean_cite(pack: Pack) -> Cite:
    """R-PERIODS: the pack names the rule's paragraph with the quarter's evaluation
    deadline (004 p4 states both); the schema has no value of its own for the mean."""
    for rule in pack.rules.deadlines:
        if rule.marks == "evaluation_completed" and rule.period == "quarter":
            c = rule.cite
            return Cite(
                c.act,
                c.paragraph,
                via_typical=c.via_typical,
                restated_in=c.restated_in,
                borrowed=c.borrowed,
            )
    method = next(m for m in pack.rules.methods if m.method.value == RANKING)
    return Cite(method.cite.act, method.cite.paragraph)


def annual_ranking(participation: Participation, pack: Pack) -> AnnualView:
    """The annual ranking score of the person in the body for the period's year."""
    return annual_mean(participation, pack, RANKING)


def annual_mean(participation: Participation, pack: Pack, method: str) -> AnnualView:
    """The annual score by ``method``, ranking or KPI (R-PERIODS, 004 p4: "НМИ және
    саралау бойынша қорытынды баға ... есепті тоқсандардағы орташа бағасынан құралады"),
    of the person in the body for the period's year."""
    quarters = (
        Participation.objects.filter(
            employee_id=participation.employee_id,
            period__body_id=participation.period.body_id,
            period__year=participation.period.year,
            period__quarter__gt=0,
        )
        .select_related("period")
        .prefetch_related("results")
    )
    scores: dict[Period, Decimal | None] = {}
    pending: list[str] = []
    for row in quarters:
        period = Period(row.period.year, row.period.quarter)
        result = next((r for r in row.results.all() if r.method == method), None)
        if row.status == ParticipationStatus.NOT_EVALUATED:
            scores[period] = None
        elif result is not None and result.state == SheetState.APPROVED:
            scores[period] = result.score
        else:
            pending.append(period.code)
    shown = [(p.code, s) for p, s in sorted(scores.items())]
    try:
        year = annual_result(scores, cite=mean_cite(pack), bands=pack.rules.bands)
    except DomainError as err:
        return AnnualView(None, "", {}, shown, pending=pending, error=err)
    band = year.band.band.code if year.band else ""
    cites = [cite_text(c) for c in year.cites]
    return AnnualView(year.final.score, band, band_names(pack, band), shown, cites, pending)

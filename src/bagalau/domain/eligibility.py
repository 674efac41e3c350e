"""Who is evaluated for a period, how, and by which methods.

R-ELIGIBLE (004 p5), R-DISMISSED (004 p6), R-METHODS (004 p3), R-KPI-PLAN (004 p22)
and Atyrau's chapter 6 (001 p5, ch. 6). The person's facts come in as plain data
(time in the actual position, absences, dismissal); the decision says
``evaluated`` / ``without_participation`` / ``not_evaluated``, the methods that
apply, and every reason with its citation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bagalau.domain.calendar import Period
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite, DateRange
from bagalau.domain.methodology import (
    AbsenceKind,
    Audience,
    Eligibility,
    Method,
    MethodRule,
    Pack,
)
from bagalau.domain.plan_period import plan_period
from bagalau.domain.tenure import (
    PositionSpell,
    appointed_in_plan_period,
    reaches_months,
    tenure_in,
)

# 001 ch. 6 title and p5: "әлеуметтік демалыста, еңбекке уақытша жарамсыздық кезінде".
COUNT_KPI_ABSENCES = frozenset({AbsenceKind.SOCIAL_LEAVE, AbsenceKind.SICK_LEAVE})


@dataclass(frozen=True)
class Absence:
    """A leave, sick leave, trip or training, from ``start`` to ``end`` inclusive."""

    kind: AbsenceKind
    start: date
    end: date


@dataclass(frozen=True)
class PersonFacts:
    """What the procedure needs to know about the evaluated person (бағаланатын адам).

    ``audience`` is the person's group (the head of the apparatus, a head of a
    structural unit, or other staff) and ``category`` the position's category (E-2...).
    """

    audience: Audience
    spells: tuple[PositionSpell, ...]
    category: str = ""
    absences: tuple[Absence, ...] = ()
    dismissed: date | None = None


class Status(StrEnum):
    EVALUATED = "evaluated"
    WITHOUT_PARTICIPATION = "without_participation"  # оның қатысуынсыз
    NOT_EVALUATED = "not_evaluated"  # бағалау жүргізілмейді


class ReasonCode(StrEnum):
    UNDER_MIN_TENURE = "under_min_tenure"
    DISMISSED_BEFORE_PERIOD_END = "dismissed_before_period_end"
    ABSENT_DURING_EVALUATION = "absent_during_evaluation"
    KPI_NOT_SET_SHORT_TENURE = "kpi_not_set_short_tenure"
    COUNT_KPI_ABSENT = "count_kpi_absent"
    NO_METHOD_APPLIES = "no_method_applies"
    # Why a head whom a KPI rule addresses gets no KPIs in this period (R-METHODS, p3-4).
    KPI_IN_OTHER_PERIOD = "kpi_in_other_period"
    KPI_NOT_FOR_CATEGORY = "kpi_not_for_category"
    KPI_NOT_IN_FORCE = "kpi_not_in_force"


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    cite: Cite
    detail: tuple[tuple[str, str], ...] = ()
    unverified: bool = False


@dataclass(frozen=True)
class EligibilityDecision:
    status: Status
    methods: tuple[MethodRule, ...]
    reasons: tuple[Reason, ...]
    unverified: tuple[str, ...] = ()

    @property
    def cites(self) -> tuple[Cite, ...]:
        found: list[Cite] = []
        for cite in [r.cite for r in self.reasons] + [m.cite for m in self.methods]:
            if cite not in found:
                found.append(cite)
        return tuple(found)


def decide(
    facts: PersonFacts,
    period: Period,
    pack: Pack,
    evaluation: DateRange,
    opened_on: date | None = None,
) -> EligibilityDecision:
    """R-ELIGIBLE (004 p5), R-DISMISSED (004 p6), R-METHODS (004 p3), R-KPI-PLAN (004 p22).

    ``evaluation`` is the evaluation window: from the day after the period to the
    evaluation deadline (R-PERIODS, 004 p4). In order:
    1. under ``min_months_in_position`` in the actual position during the period ->
       not evaluated (the longest continuous stretch counts, see ``tenure_in``);
    2. the methods: those of the pack whose period kind is the period's, whose
       audience and categories take the person, and which are in force on some day of
       the window or on ``opened_on``, the day HR opens the period; chapter 6 of Atyrau
       (count_kpi) only for someone on social or sick leave within its
       ``absent_between`` span. Chapter 6 acts 30.06-31.08.2023 (No. 105 p2) and its
       procedure starts with a yearly plan (001 p43, p49): a year opened while it acts
       is evaluated by it, though the year's evaluation falls after the chapter ends;
       KPI only when at least ``min_months_remaining`` months run from the appointment
       (or the period start) to the period end, else no KPIs are set and the reason
       says so; no method left -> not evaluated;
    3. dismissed on or before the period's last day (a dismissal dated that day is
       within the period) -> without participation; a dismissal after the period is
       not R-DISMISSED and changes nothing here;
    4. on one of the pack's ``without_participation`` absences on any day of the
       window -> without participation.
    """
    rules = pack.rules.eligibility
    if rules is None:
        raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"pack": pack.id, "rule": "eligibility"})
    _check_facts(facts, evaluation)
    tenure = tenure_in(facts.spells, period)
    minimum = rules.min_months_in_position
    if tenure is None or not reaches_months(*tenure, minimum.value):
        detail = (("months", str(minimum.value)),)
        reason = Reason(ReasonCode.UNDER_MIN_TENURE, minimum.cite, detail, minimum.unverified)
        return _decision(Status.NOT_EVALUATED, (), [reason])
    methods, reasons = _methods(
        facts, period, pack, evaluation, since=tenure[0], opened_on=opened_on
    )
    if not methods:
        cite = pack.rules.methods[0].cite if pack.rules.methods else minimum.cite
        reasons.append(Reason(ReasonCode.NO_METHOD_APPLIES, cite))
        return _decision(Status.NOT_EVALUATED, (), reasons)
    reasons += _participation(facts, period, rules, evaluation)
    absent = any(
        r.code in (ReasonCode.DISMISSED_BEFORE_PERIOD_END, ReasonCode.ABSENT_DURING_EVALUATION)
        for r in reasons
    )
    status = Status.WITHOUT_PARTICIPATION if absent else Status.EVALUATED
    return _decision(status, methods, reasons)


def _participation(
    facts: PersonFacts, period: Period, rules: Eligibility, evaluation: DateRange
) -> list[Reason]:
    reasons: list[Reason] = []
    dismissal = rules.dismissed_without_participation
    if facts.dismissed is not None and facts.dismissed <= period.end and dismissal.value:
        detail = (("dismissed", facts.dismissed.isoformat()),)
        reasons.append(
            Reason(
                ReasonCode.DISMISSED_BEFORE_PERIOD_END, dismissal.cite, detail, dismissal.unverified
            )
        )
    kinds = rules.without_participation
    absent = [
        a
        for a in facts.absences
        if a.kind in kinds.value and DateRange(a.start, a.end).overlaps(evaluation)
    ]
    if absent:
        spans = tuple(("absence", f"{a.kind.value} {a.start}..{a.end}") for a in absent)
        reasons.append(
            Reason(ReasonCode.ABSENT_DURING_EVALUATION, kinds.cite, spans, kinds.unverified)
        )
    return reasons


def _methods(
    facts: PersonFacts,
    period: Period,
    pack: Pack,
    evaluation: DateRange,
    *,
    since: date,
    opened_on: date | None,
) -> tuple[tuple[MethodRule, ...], list[Reason]]:
    chosen: list[MethodRule] = []
    reasons: list[Reason] = []
    missed: list[Reason] = []
    for rule in pack.rules.methods:
        miss = _miss(rule, facts, period, evaluation, opened_on)
        if miss is not None:
            if rule.method is Method.KPI and miss is not _AUDIENCE:
                missed.append(_kpi_missed(rule, miss))
            continue
        if rule.method is Method.COUNT_KPI:
            if not _absent_in(facts, rule):
                continue
            reasons.append(Reason(ReasonCode.COUNT_KPI_ABSENT, rule.cite, (), rule.unverified))
        if rule.method is Method.KPI and pack.rules.kpi is not None:
            short = _short_for_kpi(facts, period, pack, since)
            if short is not None:
                reasons.append(short)
                continue
        chosen.append(rule)
    kpi_decided = any(r.method is Method.KPI for r in chosen) or any(
        r.code is ReasonCode.KPI_NOT_SET_SHORT_TENURE for r in reasons
    )
    if missed and not kpi_decided:
        reasons.append(missed[0])
    return tuple(chosen), reasons


def _short_for_kpi(facts: PersonFacts, period: Period, pack: Pack, since: date) -> Reason | None:
    """R-KPI-PLAN (004 p22): no KPIs when under ``min_months_remaining`` months run from
    the appointment to the end of the plan period (the year, for yearly plans)."""
    assert pack.rules.kpi is not None
    remaining = pack.rules.kpi.min_months_remaining
    span = plan_period(period, pack.rules.kpi)
    appointed = appointed_in_plan_period(facts.spells, span, since)
    if reaches_months(appointed, span.end, remaining.value):
        return None
    return Reason(
        ReasonCode.KPI_NOT_SET_SHORT_TENURE,
        remaining.cite,
        (
            ("months", str(remaining.value)),
            ("appointed", appointed.isoformat()),
            ("plan_period", span.code),
        ),
        remaining.unverified,
    )


_AUDIENCE = "audience"


def _miss(
    rule: MethodRule,
    facts: PersonFacts,
    period: Period,
    evaluation: DateRange,
    opened_on: date | None,
) -> ReasonCode | str | None:
    """Why ``rule`` does not take the person in ``period``, or None when it does."""
    if not _audience_takes(rule, facts):
        return _AUDIENCE
    if rule.period != period.kind.value:
        return ReasonCode.KPI_IN_OTHER_PERIOD
    if rule.in_force is not None and not _acts(rule.in_force, period, evaluation, opened_on):
        return ReasonCode.KPI_NOT_IN_FORCE
    if rule.categories and facts.category not in rule.categories:
        return ReasonCode.KPI_NOT_FOR_CATEGORY
    return None


def _kpi_missed(rule: MethodRule, code: ReasonCode | str) -> Reason:
    detail: tuple[tuple[str, str], ...] = ()
    cite = rule.cite
    if code is ReasonCode.KPI_IN_OTHER_PERIOD:
        detail = (("period", rule.period),)
        cite = rule.period_cite or rule.cite
    elif code is ReasonCode.KPI_NOT_FOR_CATEGORY:
        detail = (("categories", ", ".join(rule.categories)),)
    elif code is ReasonCode.KPI_NOT_IN_FORCE and rule.in_force is not None:
        end = rule.in_force.end.isoformat() if rule.in_force.end else ""
        detail = (("in_force", f"{rule.in_force.start.isoformat()}..{end}"),)
        cite = rule.in_force_cite or rule.cite
    return Reason(ReasonCode(code), cite, detail, rule.unverified)


def _audience_takes(rule: MethodRule, facts: PersonFacts) -> bool:
    if rule.audience is Audience.ALL or rule.audience is facts.audience:
        return True
    # "B" corps staff are everyone but the head of the apparatus (004 p2(5)).
    return rule.audience is Audience.STAFF and facts.audience is Audience.HEADS_OF_UNITS


def methods_in_play(
    pack: Pack, period: Period, evaluation: DateRange, opened_on: date | None = None
) -> frozenset[Method]:
    """The methods that may apply to someone in ``period`` (as ``decide`` takes them),
    so the schedule shows the deadlines of each, a chapter 6 opened in time included."""
    return frozenset(
        rule.method
        for rule in pack.rules.methods
        if rule.period == period.kind.value
        and (rule.in_force is None or _acts(rule.in_force, period, evaluation, opened_on))
    )


def may_apply(
    rule: MethodRule, period: Period, evaluation: DateRange, opened_on: date | None = None
) -> bool:
    """Whether ``rule``'s method may apply to someone in ``period``, before knowing who.

    Its period kind must be the period's. A method limited in time acts as ``decide``
    takes it once the opening day is known (``_acts``); before the period is opened it
    may still apply if it acts on some day of the period or of the evaluation window,
    since HR may open the period on any day of it (Atyrau ch. 6, 001 p43, p49).
    """
    if rule.period != period.kind.value:
        return False
    if rule.in_force is None:
        return True
    if opened_on is None:
        return rule.in_force.overlaps(DateRange(period.start, evaluation.end))
    return _acts(rule.in_force, period, evaluation, opened_on)


def _acts(
    in_force: DateRange, period: Period, evaluation: DateRange, opened_on: date | None
) -> bool:
    """A method limited in time applies if it acts during the evaluation, or on the day a
    period is opened within that period: the plan is made for the current year (001 p49)."""
    if in_force.overlaps(evaluation):
        return True
    if opened_on is None or not period.start <= opened_on <= period.end:
        return False
    return in_force.contains(opened_on)


def _absent_in(facts: PersonFacts, rule: MethodRule) -> bool:
    span = rule.absent_between
    if span is None:
        return False
    return any(
        a.kind in COUNT_KPI_ABSENCES and DateRange(a.start, a.end).overlaps(span)
        for a in facts.absences
    )


def _check_facts(facts: PersonFacts, evaluation: DateRange) -> None:
    ranges: list[tuple[date, date | None]] = [(s.start, s.end) for s in facts.spells]
    ranges += [(a.start, a.end) for a in facts.absences]
    ranges.append((evaluation.start, evaluation.end))
    for start, end in ranges:
        if end is not None and end < start:
            raise DomainError(
                ErrorCode.BAD_DATE, {"value": f"{start.isoformat()}..{end.isoformat()}"}
            )


def _decision(
    status: Status, methods: tuple[MethodRule, ...], reasons: list[Reason]
) -> EligibilityDecision:
    unverified = [f"reason.{r.code.value}" for r in reasons if r.unverified]
    unverified += [f"method.{m.method.value}" for m in methods if m.unverified]
    return EligibilityDecision(status, methods, tuple(reasons), tuple(dict.fromkeys(unverified)))

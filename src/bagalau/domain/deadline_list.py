"""Every deadline of a cycle: dated where it can be counted, and the rest with what would
date them.

``cycle_deadlines`` dates the deadlines it can count, projecting pending events from the
deadline that marks them. A deadline counted from an event nobody can foresee (a sheet
returned for correction, the day the Commission sits: Atyrau 001 p54, p56) has no date
until the event is given; ``list_deadlines`` lists it too, undated, with the event that
would date it, so that HR sees every deadline of the pack that applies to the period.

The methods listed are those that may apply to someone in the period
(``eligibility.may_apply``). A method that applies only to some people is marked:
Atyrau's chapter 6 (count_kpi, 001 p5) only for those on social or sick leave within
01.07.2021-31.12.2022, and only for a year opened while it acts, 30.06-31.08.2023
(No. 105 p2; ADR 0005). Asking for one method that does not apply to the period is
refused with the rule and its dates, never answered with an empty list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NoReturn

from bagalau.domain.calendar import Period, PeriodKind, WorkCalendar
from bagalau.domain.deadlines import (
    Deadline,
    OfRule,
    cycle_deadlines,
    evaluation_window,
    rule_applies,
)
from bagalau.domain.eligibility import may_apply
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import DateRange
from bagalau.domain.methodology import EXTERNAL_EVENTS, DeadlineRule, Method, MethodRule, Pack
from bagalau.domain.plan_period import plan_period


@dataclass(frozen=True)
class Entry(OfRule):
    """One deadline rule of the period.

    ``deadline`` is its computed date, or ``None`` when it is counted from an event not
    given and not projectable; ``event`` is then the event to give that would date it
    (empty when none can be given). ``only_for`` is the rule of the method the deadline
    belongs to when that method applies only to some people.
    """

    rule: DeadlineRule
    deadline: Deadline | None
    event: str = ""
    only_for: MethodRule | None = None
    # the work plan's period, when the deadline belongs to a plan drawn up for a longer
    # period than this one (the year's plan listed in a later quarter, ADR 0010)
    plan_period: Period | None = None


@dataclass(frozen=True)
class DeadlineList:
    """The deadlines of ``period``: the dated ones in date order, then the undated ones
    in the pack's order. ``method`` is the one method asked for, if any."""

    period: Period
    methods: tuple[MethodRule, ...]
    entries: tuple[Entry, ...]
    method: Method | None = None

    @property
    def dated(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.deadline is not None)

    @property
    def undated(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.deadline is None)

    @property
    def limited(self) -> tuple[MethodRule, ...]:
        """The methods of the listed deadlines that apply only to some people."""
        found = [e.only_for for e in self.entries if e.only_for is not None]
        return tuple(dict.fromkeys(found))


def list_deadlines(
    pack: Pack,
    period: Period,
    calendar: WorkCalendar,
    events: Mapping[str, date] | None = None,
    *,
    method: str | None = None,
    versions: Sequence[Pack] = (),
) -> DeadlineList:
    """Every deadline of ``pack`` that applies to ``period``, dated or not.

    ``events`` are the dates that happened (``evaluation_opened``, ``sheet_returned``...).
    With ``method`` only that method's deadlines are listed (those of no method are
    left out: some methods have their own, as chapter 6 its familiarization, 001 p67);
    they are still counted with the whole cycle, since one may be counted from a
    general deadline (R-KPI-PLAN, 004 p22: 5 working days before the evaluation's).
    A method the pack lacks, of the other period kind, or not acting in the period is
    refused (METHOD_NOT_IN_PACK, or METHOD_IN_OTHER_VERSION when one of ``versions``, the
    body's other methodology versions, has it; METHOD_NOT_FOR_PERIOD_KIND;
    METHOD_NOT_IN_FORCE_IN_PERIOD or _ON_OPENING).
    """
    known = dict(events or {})
    # Every deadline is listed: a quarter later in the year than its work plan's start
    # still shows when the year's plan was due (004 p22; ADR 0010).
    span = plan_period(period, pack.rules.kpi)
    known.setdefault("plan_period_start", span.start)
    window = evaluation_window(period, cycle_deadlines(pack, period, calendar, known))
    opened = known.get("evaluation_opened")
    in_play = tuple(m for m in pack.rules.methods if may_apply(m, period, window, opened))
    wanted = None
    if method:
        wanted = check_method(pack, period, window, method, opened=opened, versions=versions)
    methods = frozenset(m.method for m in in_play)
    dated = {d.id: d for d in cycle_deadlines(pack, period, calendar, known, methods)}
    order = {r.id: n for n, r in enumerate(pack.rules.deadlines)}
    entries = [
        Entry(
            rule,
            dated.get(rule.id),
            "" if rule.id in dated else event_to_give(pack, rule),
            _only_for(rule, in_play),
            span if rule.after == "plan_period_start" and span != period else None,
        )
        for rule in pack.rules.deadlines
        if rule_applies(rule, period, methods) and (wanted is None or rule.method is wanted)
    ]
    entries.sort(
        key=lambda e: (e.deadline is None, e.deadline.due if e.deadline else date.min, order[e.id])
    )
    return DeadlineList(period, in_play, tuple(entries), wanted)


def check_method(
    pack: Pack,
    period: Period,
    window: DateRange,
    code: str,
    *,
    opened: date | None = None,
    versions: Sequence[Pack] = (),
) -> Method:
    """The method ``code`` if it may apply to someone in ``period``, else the refusal
    that names its rule: not in the pack (naming the other version of ``versions`` that
    has it, and when), evaluated by the other period kind, or limited in time to days
    outside the period, its evaluation and its opening day."""
    rules = [m for m in pack.rules.methods if m.method.value == code]
    if not rules:
        _not_in_pack(pack, period, code, versions)
    of_kind = [m for m in rules if m.period == period.kind.value]
    if not of_kind:
        rule = rules[0]
        params: dict[str, object] = {
            "method": rule.method,
            "kind": PeriodKind(rule.period),
            "period": period.code,
            "example": Period(period.year).code if rule.period == "year" else f"{period.year}-Q1",
        }
        raise DomainError(ErrorCode.METHOD_NOT_FOR_PERIOD_KIND, params, cite=rule.cite)
    if any(may_apply(m, period, window, opened) for m in of_kind):
        return of_kind[0].method
    rule = of_kind[0]
    params = {"method": rule.method, "span": rule.in_force, "period": period.code}
    error = ErrorCode.METHOD_NOT_IN_FORCE_IN_PERIOD
    if opened is not None:
        params["opened"] = opened
        error = ErrorCode.METHOD_NOT_IN_FORCE_ON_OPENING
    raise DomainError(error, params, cite=rule.in_force_cite or rule.cite)


def _not_in_pack(pack: Pack, period: Period, code: str, versions: Sequence[Pack]) -> NoReturn:
    for other in versions:
        rule = next((m for m in other.rules.methods if m.method.value == code), None)
        if rule is not None and other.id != pack.id:
            params = {
                "method": rule.method,
                "pack": pack.id,
                "period": period.code,
                "other": other.id,
                "span": rule.in_force or other.valid,
            }
            cite = rule.in_force_cite or rule.cite
            raise DomainError(ErrorCode.METHOD_IN_OTHER_VERSION, params, cite=cite)
    known = ", ".join(dict.fromkeys(m.method.value for m in pack.rules.methods))
    raise DomainError(
        ErrorCode.METHOD_NOT_IN_PACK, {"method": code, "pack": pack.id, "methods": known}
    )


def event_to_give(pack: Pack, rule: DeadlineRule) -> str:
    """The event whose date would date ``rule``: the one it is counted from, or, when it is
    counted from another deadline, the event that one is counted from; "" if none."""
    by_id = {r.id: r for r in pack.rules.deadlines}
    marked = {r.marks: r for r in pack.rules.deadlines if r.marks}
    name, seen = rule.after, {rule.id}
    while name:
        if name in EXTERNAL_EVENTS:
            return name
        source = by_id.get(name) or marked.get(name)
        if source is None or source.id in seen:
            return ""
        seen.add(source.id)
        name = source.after
    return ""


def _only_for(rule: DeadlineRule, in_play: tuple[MethodRule, ...]) -> MethodRule | None:
    """The method's rule when every rule of that method in play applies only to some
    people: limited in time (``in_force``) or to those absent in a span."""
    if rule.method is None:
        return None
    of_method = [m for m in in_play if m.method is rule.method]
    if of_method and all(m.in_force is not None or m.absent_between for m in of_method):
        return of_method[0]
    return None

"""Every deadline of the procedure, computed from the events it counts from.

A pack declares its deadlines as data (``DeadlineRule``): "not later than the 10th
of the month after the quarter" (R-PERIODS, 004 p4), "within 2 working days of
completion" (R-FAMILIARIZE, 004 p11), "5 working days before the last day of the
evaluation" (R-KPI-PLAN, 004 p22)... This module turns them into dates.

When an event has not happened yet, a deadline counted from it is *projected* from
the latest date the event may take place (the deadline that ``marks`` it), so HR
sees the whole cycle at once; a projected date is flagged as such.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from bagalau.domain.calendar import Period, WorkCalendar
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite, DateRange, Text
from bagalau.domain.methodology import DeadlineKind, DeadlineRule, Method, Pack
from bagalau.domain.plan_period import plan_period, starts_in


class OfRule:
    """The id, name and citation of what is worked out from one deadline rule."""

    rule: DeadlineRule

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def name(self) -> Text:
        return self.rule.name

    @property
    def cite(self) -> Cite:
        return self.rule.cite


@dataclass(frozen=True)
class Deadline(OfRule):
    """A computed deadline: the last day allowed, and what it was counted from."""

    rule: DeadlineRule
    due: date
    counted_from: date | None
    projected: bool


def cycle_deadlines(
    pack: Pack,
    period: Period,
    calendar: WorkCalendar,
    events: Mapping[str, date] | None = None,
    methods: frozenset[Method] | None = None,
) -> tuple[Deadline, ...]:
    """The deadlines of ``period`` under ``pack`` in procedure order.

    ``events`` holds dates that have happened (``appointment``, ``familiarized``...);
    deadlines counted from an event that is neither given nor projectable (such as an
    appointment in the middle of the period) are left out. Only the rules of
    ``methods`` (default: all methods in force at the period end) are computed, and
    only those whose period kind matches ``period``.
    """
    known = dict(events or {})
    known.setdefault("period_start", period.start)
    # A yearly plan's "ten working days after the period start" falls in the year's
    # first quarter only (004 p22; ADR 0010); other quarters evaluate the plan made then.
    if starts_in(period, pack.rules.kpi):
        known.setdefault("plan_period_start", plan_period(period, pack.rules.kpi).start)
    wanted = methods if methods is not None else _methods_for(pack, period)
    rules = [r for r in pack.rules.deadlines if rule_applies(r, period, wanted)]
    computed: dict[str, Deadline] = {}
    pending = list(rules)
    # Rules can be counted from one another in any file order: resolve to a fixpoint.
    while pending:
        progressed = False
        for rule in list(pending):
            deadline = _compute(rule, period, calendar, known, computed)
            if deadline is not None:
                computed[rule.id] = deadline
                pending.remove(rule)
                progressed = True
            elif not _resolvable(rule, known, pending, computed):
                pending.remove(rule)
                progressed = True
        if not progressed:
            break
    return tuple(sorted(computed.values(), key=lambda d: (d.due, rules.index(d.rule))))


def evaluation_window(period: Period, deadlines: tuple[Deadline, ...]) -> DateRange:
    """From the day after the period to the evaluation deadline (R-PERIODS, 004 p4).

    Where the pack names no evaluation deadline for the period kind, the window is the
    month after the period.
    """
    due = next((d.due for d in deadlines if d.rule.marks == "evaluation_completed"), None)
    first = date.fromordinal(period.end.toordinal() + 1)
    return DateRange(first, due or period.day_of_month_after(31))


def _methods_for(pack: Pack, period: Period) -> frozenset[Method]:
    return frozenset(m.method for m in pack.methods_on(period.end) if m.period == period.kind.value)


def rule_applies(rule: DeadlineRule, period: Period, methods: frozenset[Method]) -> bool:
    """Whether ``rule`` belongs to ``period``'s kind and to one of ``methods`` (or to none)."""
    if rule.period is not None and rule.period != period.kind.value:
        return False
    return rule.method is None or rule.method in methods


def _compute(
    rule: DeadlineRule,
    period: Period,
    calendar: WorkCalendar,
    known: Mapping[str, date],
    computed: Mapping[str, Deadline],
) -> Deadline | None:
    if rule.kind is DeadlineKind.DAY_OF_MONTH_AFTER_PERIOD:
        return Deadline(rule, period.day_of_month_after(rule.count), None, projected=False)
    anchor, projected = _anchor(rule.after, known, computed)
    if anchor is None:
        return None
    if rule.kind is DeadlineKind.WORKING_DAYS_AFTER:
        due = calendar.add_working_days(anchor, rule.count)
    elif rule.kind is DeadlineKind.WORKING_DAYS_BEFORE:
        due = calendar.add_working_days(anchor, -rule.count)
    else:
        due = anchor + timedelta(days=rule.count)
    return Deadline(rule, due, anchor, projected=projected)


def _anchor(
    name: str, known: Mapping[str, date], computed: Mapping[str, Deadline]
) -> tuple[date | None, bool]:
    """The date an event happened, or else the latest date it may happen."""
    if name in known:
        return known[name], False
    if name in computed:
        return computed[name].due, True
    for deadline in computed.values():
        if deadline.rule.marks == name:
            return deadline.due, True
    return None, False


def _resolvable(
    rule: DeadlineRule,
    known: Mapping[str, date],
    pending: list[DeadlineRule],
    computed: Mapping[str, Deadline],
) -> bool:
    """Whether a later pass may still compute ``rule``."""
    if rule.after in known or rule.after in computed:
        return True
    return any(rule.after in (p.id, p.marks) for p in pending if p is not rule)


def check_not_late(deadline: Deadline, acted_on: date) -> None:
    """Refuse an act after a binding deadline (e.g. R-DISAGREE: 5 working days)."""
    if deadline.rule.binding and acted_on > deadline.due:
        raise DomainError(
            ErrorCode.DEADLINE_PASSED,
            {"deadline": deadline.rule.id, "due": deadline.due, "date": acted_on},
            cite=deadline.cite,
        )


def find_rule(pack: Pack, rule_id: str) -> DeadlineRule:
    for rule in pack.rules.deadlines:
        if rule.id == rule_id:
            return rule
    raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": f"deadlines.{rule_id}", "pack": pack.id})

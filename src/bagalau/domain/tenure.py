"""Time in the actual position (нақты лауазымда): stretches, months reached, and the
appointment a plan period counts from (R-ELIGIBLE, 004 p5; R-KPI-PLAN, 004 p22)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bagalau.domain.calendar import Period, add_months

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class PositionSpell:
    """A stretch in the actual position (нақты лауазымда), ``end`` inclusive or open."""

    start: date
    end: date | None = None


def reaches_months(start: date, end: date, months: int) -> bool:
    """Whether ``start..end`` (both inclusive) lasts at least ``months`` months.

    A month from D is reached on the day before the same date a month later: in the
    position from 01.03 to 31.03 is exactly one month (add_months(01.03, 1) - 1 day =
    31.03); from 02.03 to 31.03 is not. From 31.01 one month ends on 27.02 (28.02 - 1
    day) since add_months clips to the month's end.
    """
    return add_months(start, months) - _DAY <= end


def tenure_in(spells: tuple[PositionSpell, ...], period: Period) -> tuple[date, date] | None:
    """The longest continuous stretch in the position within the period, or None.

    Spells that overlap or follow each other without a gap day are one stretch. The
    law ("нақты лауазымда болу мерзімі бір айдан кем") does not say whether separate
    stretches add up; months of separate stretches cannot be added without inventing a
    month length, so only a continuous stretch counts (ties: the earliest).
    """
    merged = _stretches(spells, period)
    if not merged:
        return None
    return max(merged, key=lambda s: (s[1] - s[0], -s[0].toordinal()))


def _stretches(spells: tuple[PositionSpell, ...], span: Period) -> list[tuple[date, date]]:
    """The continuous stretches in the position within ``span``, in order."""
    clipped = sorted(
        (max(s.start, span.start), min(s.end or span.end, span.end))
        for s in spells
        if s.start <= span.end and (s.end is None or s.end >= span.start)
    )
    merged: list[tuple[date, date]] = []
    for start, end in clipped:
        if merged and start <= merged[-1][1] + _DAY:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def appointed_in_plan_period(spells: tuple[PositionSpell, ...], span: Period, since: date) -> date:
    """When the stretch that holds ``since`` began within the plan period ``span``: the
    appointment p22 counts from, or the plan period's start for someone already there."""
    for start, end in _stretches(spells, span):
        if start <= since <= end:
            return start
    return since

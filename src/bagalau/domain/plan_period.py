"""The period an individual work plan covers, and the quarters evaluated against it.

R-KPI-PLAN (004 p22-23, p4; 001 p2(13), app. 9): the plan is drawn up for the
period its form names (``kpi.plan_period``: a year for the methodologies of this
generation), KPIs reflect the results expected "by the end of the evaluated period"
(p23), and their achievement is evaluated each quarter (p4). See docs/adr/0010.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from bagalau.domain.calendar import Period
from bagalau.domain.methodology import KpiRules


def plan_period(period: Period, rules: KpiRules | None) -> Period:
    """The plan period that holds ``period``: its year when plans are yearly.

    A pack without KPI rules, or whose plans are drawn up per quarter, plans by the
    period itself.
    """
    if rules is not None and rules.plan_period.value == "year":
        return period.year_period()
    return period


def starts_in(period: Period, rules: KpiRules | None) -> bool:
    """Whether the plan period begins within ``period``: only then is "within ten working
    days of the period start" (004 p22) a deadline of this period's cycle."""
    return period.contains(plan_period(period, rules).start)


def planned_for(
    annual: Decimal | None, by_quarter: Mapping[int, Decimal | None], period: Period
) -> Decimal | None:
    """The planned value a quarter's achievement is measured against.

    A year's plan may set a planned value for each quarter; a quarter without one is
    measured against the plan's own planned value (the value for the plan period).
    """
    if period.quarter:
        quarterly = by_quarter.get(period.quarter)
        if quarterly is not None:
            return quarterly
    return annual

"""Behavioural indicators of competencies for a position (Kentau 003 app. 4).

The appendix gives, for each competency, the effective and ineffective behaviours of
two groups: "Е-2; Е-3 (құрылымдық бөлімшенің басшысы)" and "Е-3; * Е-4". Category E-3
is in both, so the category alone does not choose: an E-3 position that heads a
structural unit takes the heads' group, any other E-3 position the staff group. Where
a category is in one group only (E-2, E-4), that group applies.
"""

from __future__ import annotations

from dataclasses import dataclass

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite, Cited
from bagalau.domain.methodology import BehaviouralIndicators, IndicatorGroup, Labelled


@dataclass(frozen=True)
class CompetencyIndicators:
    """One competency's behaviours that apply to the position."""

    competency: Labelled
    group: IndicatorGroup


@dataclass(frozen=True)
class PositionIndicators:
    competencies: tuple[CompetencyIndicators, ...]
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()


def indicator_group(
    indicators: BehaviouralIndicators, category: str, *, heads_unit: bool
) -> IndicatorGroup | None:
    """The group of one competency for a position of ``category``; ``heads_unit`` is
    whether the position heads a structural unit (the position's head-of-unit flag).
    None where no group lists the category."""
    groups = [g for g in indicators.groups if category in g.categories]
    if len(groups) > 1:
        # The pack's check guarantees each such group says whom it is for, once.
        groups = [g for g in groups if g.heads_of_units is heads_unit]
    return groups[0] if groups else None


def indicators_for(
    cited: Cited[tuple[BehaviouralIndicators, ...]], category: str, *, heads_unit: bool
) -> PositionIndicators:
    """003 app. 4: every competency's behaviours for the position, in the appendix's
    order. A category no group lists is RULE_NOT_IN_PACK, naming the competency."""
    found: list[CompetencyIndicators] = []
    for one in cited.value:
        group = indicator_group(one, category, heads_unit=heads_unit)
        if group is None:
            raise DomainError(
                ErrorCode.RULE_NOT_IN_PACK,
                {"rule": f"behavioural_indicators.{one.competency.code}.{category}"},
                cited.cite,
            )
        found.append(CompetencyIndicators(one.competency, group))
    unverified = ("behavioural_indicators",) if cited.unverified else ()
    return PositionIndicators(tuple(found), (cited.cite,), unverified)

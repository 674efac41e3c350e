"""Rule values for the rule-module tests, built directly (no pack file involved).

The values are those the Typical Methodology's generation states, as restated by
Shakhtinsk's 278/5 (004): bands of p7, KPI 3..5 of p23, 3 months of p22, the four
ranking parameters of p32, the 360 competency lists of p34, 3..7 respondents of p35;
Atyrau's chapter 6 (001 p47, p49, p57-61) for the count-based KPI and the commission.
Values the sources do not give are marked unverified, as the packs mark them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from bagalau.domain.law import Act, ActRole, Cite, Cited, EntryRule, Text
from bagalau.domain.methodology import (
    AbsenceKind,
    AchievementRow,
    Audience,
    Band,
    BonusLevel,
    CalibrationRules,
    CommissionRules,
    CompetencySet,
    CountBand,
    CountKpiRules,
    Eligibility,
    KpiRules,
    Labelled,
    Method,
    MethodRule,
    Pack,
    RankingRules,
    Rules,
    ScoreScale,
    Survey360Rules,
)

T = TypeVar("T")
D = Decimal
TYPICAL = "agency-order-13-2018"


def text(value: str) -> Text:
    return Text(value, value, value)


def cite(paragraph: str, act: str = "shakhtinsk-278-5") -> Cite:
    return Cite(act, paragraph)


def cited(
    value: T, paragraph: str = "", *, act: str = "shakhtinsk-278-5", unverified: bool = False
) -> Cited[T]:
    return Cited(
        value, Cite(act, paragraph), unverified, "not in the sources" if unverified else ""
    )


def labelled(*codes: str) -> tuple[Labelled, ...]:
    return tuple(Labelled(code, text(code)) for code in codes)


def bands() -> Cited[tuple[Band, ...]]:
    """R-BANDS (004 p7): 4-5, 3-3.99, 2-2.99, 0-1.99."""
    return cited(
        (
            Band("effective", D(4), D(5), text("Функционалдық міндеттерін тиімді атқарады")),
            Band("proper", D(3), D("3.99"), text("тиісті түрде")),
            Band("satisfactory", D(2), D("2.99"), text("қанағаттанарлық түрде")),
            Band("unsatisfactory", D(0), D("1.99"), text("қанағаттанарлықсыз түрде")),
        ),
        "7",
    )


def scale(low: int = 0, high: int = 5, *, unverified: bool = False) -> Cited[ScoreScale]:
    return cited(ScoreScale(low, high), "27", unverified=unverified)


def kpi_rules(
    table: tuple[AchievementRow, ...] = (), *, table_unverified: bool = True, **changes: Any
) -> KpiRules:
    rules = KpiRules(
        count_min=cited(3, "23"),
        count_max=cited(5, "23"),
        min_months_remaining=cited(3, "22"),
        scale=scale(),
        achievement_table=cited(table, "app. 3", act=TYPICAL, unverified=table_unverified),
        aggregation=cited("mean", "app. 2", act=TYPICAL, unverified=True),
        plan_fields=cited(
            labelled("name", "source", "unit", "planned_value", "due", "key_result"),
            "app. 1",
            act=TYPICAL,
            unverified=True,
        ),
        smart_criteria=cited(labelled("specific", "measurable"), "24"),
        change_grounds=cited(labelled("functions_changed", "structure_changed"), "25"),
        plan_period=cited("year", "22"),
    )
    return replace(rules, **changes)


# A made-up table for the mechanics only (the real Typical app. 3 is not in the sources).
TEST_TABLE = (
    AchievementRow(D(0), D("49.99"), 0, 1),
    AchievementRow(D(50), D("79.99"), 2, 3),
    AchievementRow(D(80), None, 4, 5),
)


def count_rules() -> CountKpiRules:
    """Atyrau 001 p47, p49."""
    return CountKpiRules(
        count=cited(5, "47", act="atyrau-105"),
        bands_by_count=cited(
            (
                CountBand(5, "effective"),
                CountBand(4, "proper"),
                CountBand(3, "satisfactory"),
                CountBand(0, "unsatisfactory"),
            ),
            "49",
            act="atyrau-105",
        ),
        plan_fields=cited(labelled("name", "unit", "planned_value"), "app. 9", act="atyrau-105"),
        return_reasons=cited(labelled("insufficient", "unreliable"), "53", act="atyrau-105"),
    )


RANKING_PARAMETERS = ("quality", "deadlines", "independence", "discipline")


def ranking_rules(aggregation: str = "mean") -> RankingRules:
    """R-RANK (004 p31-32)."""
    return RankingRules(
        parameters=cited(labelled(*RANKING_PARAMETERS), "32"),
        scale=cited(ScoreScale(0, 5), "31"),
        aggregation=cited(aggregation, "app. 4", act=TYPICAL, unverified=True),  # type: ignore[arg-type]
    )


HEAD_COMPETENCIES = (
    "management",
    "communications",
    "ethics",
    "change_management",
    "results_orientation",
    "decision_making",
    "team_management",
    "leadership",
    "cooperation",
    "promptness",
    "self_development",
    "initiative",
)
STAFF_COMPETENCIES = (
    "communications",
    "ethics",
    "change_management",
    "results_orientation",
    "decision_making",
    "cooperation",
    "promptness",
    "self_development",
)


def survey_rules(**changes: Any) -> Survey360Rules:
    """R-360 (004 p33-36); the 1..5 scale is unverified as in the Typical pack."""
    rules = Survey360Rules(
        competencies=cited(
            (
                CompetencySet(Audience.HEAD_OF_APPARATUS, labelled(*HEAD_COMPETENCIES)),
                CompetencySet(Audience.STAFF, labelled(*STAFF_COMPETENCIES)),
            ),
            "34",
        ),
        respondents_min=cited(3, "35"),
        respondents_max=cited(7, "35"),
        respondent_groups=cited(labelled("direct_manager", "subordinate", "peer"), "35"),
        self_assessment_counts=cited(False, "35"),
        scale=cited(ScoreScale(1, 5), "app. 5", act=TYPICAL, unverified=True),
        scale_labels=cited((), "app. 5", act=TYPICAL, unverified=True),
        weakest_count=cited(3, "36", unverified=True),
    )
    return replace(rules, **changes)


def commission_rules(
    min_members: int = 5, quorum: tuple[int, int] = (2, 3), casting: bool = True
) -> CommissionRules:
    """000 p5 (at least 5), 001 p57 (two thirds), p59-61."""
    return CommissionRules(
        min_members=cited(min_members, "5", act="aktau-02-02-431"),
        quorum=cited(quorum, "57", act="atyrau-105"),
        open_vote=cited(True, "59", act="atyrau-105"),
        chair_casting_vote=cited(casting, "60", act="atyrau-105"),
        secretary_votes=cited(False, "61", act="atyrau-105"),
    )


def calibration_rules(majority_of_participants: bool = True) -> CalibrationRules:
    """R-CALIB (004 p41-42)."""
    return CalibrationRules(
        majority_of_participants=cited(majority_of_participants, "41"),
        adjust_up_or_down=cited(True, "41"),
        feedback_topics=cited(labelled("achievements", "skills", "potential"), "42"),
    )


def bonus_levels() -> Cited[tuple[BonusLevel, ...]]:
    """Almaty 002 p18, appendix 1-1: "+1"-ден "+5"-ке дейін."""
    return cited(
        tuple(BonusLevel(points, (text(f"activity {points}"),)) for points in range(1, 6)),
        "18",
        act="almaty-266-2017",
    )


def eligibility_rules() -> Eligibility:
    """R-ELIGIBLE (004 p5), R-DISMISSED (004 p6)."""
    return Eligibility(
        min_months_in_position=cited(1, "5"),
        without_participation=cited(tuple(AbsenceKind), "5"),
        dismissed_without_participation=cited(True, "6"),
    )


def method(kind: Method, audience: Audience, period: str = "quarter", **extra: Any) -> MethodRule:
    return MethodRule(kind, audience, period, cite("3"), **extra)  # type: ignore[arg-type]


def typical_pack(**rule_changes: Any) -> Pack:
    """R-METHODS (004 p3): KPI for the head, ranking for staff, 360 for everyone."""
    rules = Rules(
        methods=(
            method(Method.KPI, Audience.HEAD_OF_APPARATUS),
            method(Method.RANKING, Audience.STAFF),
            method(Method.SURVEY360, Audience.ALL, "year"),
        ),
        bands=bands(),
        eligibility=eligibility_rules(),
        kpi=kpi_rules(),
        ranking=ranking_rules(),
        survey360=survey_rules(),
    )
    act = Act(
        "shakhtinsk-278-5",
        ActRole.BASE,
        text("decision"),
        text("maslikhat"),
        "278/5",
        date(2023, 9, 19),
        EntryRule.ON_PUBLICATION,
        text("methodology"),
        text("methodology"),
    )
    return Pack("test", "test", text("test"), (), (act,), replace(rules, **rule_changes))

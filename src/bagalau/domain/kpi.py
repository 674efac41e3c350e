"""KPI (НМИ, нысаналы мақсатты индикаторлар) of heads: plans, achievement, scores.

Chapter 2 of the 2023 methodology (004 p21-27, on the Typical Methodology) and the
count-based KPI of Atyrau's chapter 6 (001 p43-55). A KPI of a plan is given as a
mapping from the pack's ``plan_fields`` codes to the text entered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.kpi_values import check_percent
from bagalau.domain.law import Cite, Cited, Text
from bagalau.domain.methodology import (
    AchievementRow,
    Band,
    CountKpiRules,
    KpiRules,
    Labelled,
    ScoreScale,
)
from bagalau.domain.scoring import DECIMAL_CONTEXT, ScoreInput, basis, check_score, mean, quantize

KpiFields = Mapping[str, str]
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PlanCheck:
    """A KPI plan that passed the pack's checks, with the rules applied."""

    count: int
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()


def check_quarter_values(rules: KpiRules | None) -> None:
    """A planned value per quarter belongs to a year's plan evaluated each quarter
    (004 p4, p22-23; ADR 0010); a plan drawn up for one quarter has only its own."""
    if rules is None or rules.plan_period.value != "year":
        cite = rules.plan_period.cite if rules is not None else None
        raise DomainError(ErrorCode.KPI_QUARTER_VALUES_NOT_YEARLY, {}, cite=cite)


def check_plan(kpis: Sequence[KpiFields], rules: KpiRules) -> PlanCheck:
    """R-KPI-COUNT (004 p23) and R-KPI-PLAN (004 p22): "НМИ үштен беске дейінгі мөлшерде".

    The plan must hold from ``count_min`` to ``count_max`` KPIs
    (KPI_COUNT_OUT_OF_RANGE, naming the count and the range) and every KPI must fill
    every field of the individual work plan form (KPI_FIELD_EMPTY, naming the KPI by
    its 1-based number and the field code). Blank text counts as empty.
    """
    low, high = rules.count_min.value, rules.count_max.value
    if not low <= len(kpis) <= high:
        raise DomainError(
            ErrorCode.KPI_COUNT_OUT_OF_RANGE,
            {"count": len(kpis), "min": low, "max": high},
            rules.count_min.cite,
        )
    _check_fields(kpis, rules.plan_fields)
    cites, unverified = basis(
        ("kpi.count_min", rules.count_min),
        ("kpi.count_max", rules.count_max),
        ("kpi.plan_fields", rules.plan_fields),
    )
    return PlanCheck(len(kpis), cites, unverified)


def check_count_plan(kpis: Sequence[KpiFields], rules: CountKpiRules) -> PlanCheck:
    """Atyrau 001 p47: "НМИ саны 5 құрайды" -- exactly ``count`` KPIs, every field filled."""
    if len(kpis) != rules.count.value:
        raise DomainError(
            ErrorCode.KPI_COUNT_OUT_OF_RANGE,
            {"count": len(kpis), "min": rules.count.value, "max": rules.count.value},
            rules.count.cite,
        )
    _check_fields(kpis, rules.plan_fields)
    cites, unverified = basis(
        ("count_kpi.count", rules.count), ("count_kpi.plan_fields", rules.plan_fields)
    )
    return PlanCheck(len(kpis), cites, unverified)


def _check_fields(kpis: Sequence[KpiFields], fields: Cited[tuple[Labelled, ...]]) -> None:
    for number, kpi in enumerate(kpis, start=1):
        for wanted in fields.value:
            if not kpi.get(wanted.code, "").strip():
                raise DomainError(
                    ErrorCode.KPI_FIELD_EMPTY, {"kpi": number, "field": wanted.code}, fields.cite
                )


def achievement_percent(actual: Decimal | int, planned: Decimal | int) -> Decimal:
    """R-KPI-SCORE (004 p27): "НМИ-ді іске асыру пайызы", the % of KPI achievement.

    ``actual / planned * 100``, quantized to two places half up like every figure of
    the sheet (so 89.996 % is 90.00 %). A planned value of 0 has no percentage
    (KPI_PLANNED_ZERO); a negative planned or actual value is ACHIEVEMENT_NEGATIVE; a
    percentage beyond what a sheet records is KPI_PERCENT_TOO_LARGE.
    The law is silent on KPIs where less is better (fewer complaints...): this ratio
    does not handle them, and the plan must state such a KPI as a value to reach.
    """
    for value in (actual, planned):
        if isinstance(value, bool) or not isinstance(value, Decimal | int):
            raise TypeError(f"KPI values are Decimal or int, not {type(value).__name__}")
    if Decimal(planned) == 0:
        raise DomainError(ErrorCode.KPI_PLANNED_ZERO, {"actual": actual, "planned": planned})
    if actual < 0 or planned < 0:
        raise DomainError(ErrorCode.ACHIEVEMENT_NEGATIVE, {"value": min(actual, planned)})
    raw = DECIMAL_CONTEXT.multiply(
        DECIMAL_CONTEXT.divide(Decimal(actual), Decimal(planned)), _HUNDRED
    )
    # checked before rounding: an absurd ratio (1e9 against 100) is refused, not overflowed
    check_percent(raw, Decimal(actual), Decimal(planned))
    return quantize(raw)


@dataclass(frozen=True)
class Admissible:
    """The whole scores an evaluator may give for a % of achievement (Typical app. 3)."""

    percent: Decimal
    min_score: int
    max_score: int
    row: AchievementRow | None
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()

    def allows(self, score: int) -> bool:
        return self.min_score <= score <= self.max_score


def admissible_scores(
    percent: Decimal, table: Cited[tuple[AchievementRow, ...]], scale: Cited[ScoreScale]
) -> Admissible:
    """R-KPI-SCORE (004 p27): the table of admissible scores by % of KPI achievement.

    "нысаналы мақсатты индикаторды іске асыру пайызына қарай жол берілетін бағаны
    айқындау кестесі". A row covers ``min_percent <= % <= max_percent`` (no upper bound
    when ``max_percent`` is empty). The table itself is not in the sources (§7): while a
    pack's table is empty, the whole scale is admissible and the result names
    ``kpi.achievement_table`` as unverified. A % in no row, or in more than one, is
    ACHIEVEMENT_NOT_IN_TABLE (``rows`` tells which): the pack's table must be fixed.
    """
    if percent < 0:
        raise DomainError(ErrorCode.ACHIEVEMENT_NEGATIVE, {"value": percent}, table.cite)
    cites, unverified = basis(("kpi.achievement_table", table), ("kpi.scale", scale))
    if not table.value:
        if "kpi.achievement_table" not in unverified:
            unverified = ("kpi.achievement_table", *unverified)
        return Admissible(percent, scale.value.min, scale.value.max, None, cites, unverified)
    rows = [
        r
        for r in table.value
        if r.min_percent <= percent and (r.max_percent is None or percent <= r.max_percent)
    ]
    if len(rows) != 1:
        raise DomainError(
            ErrorCode.ACHIEVEMENT_NOT_IN_TABLE, {"value": percent, "rows": len(rows)}, table.cite
        )
    row = rows[0]
    for bound in (row.min_score, row.max_score):
        check_score(bound, scale)
    return Admissible(percent, row.min_score, row.max_score, row, cites, unverified)


@dataclass(frozen=True)
class KpiScore:
    """One KPI's score on the evaluation sheet (app. 2), checked against the table."""

    score: int
    admissible: Admissible
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()


def check_kpi_score(score: ScoreInput, percent: Decimal, rules: KpiRules) -> KpiScore:
    """R-KPI-SCORE (004 p27): a whole score "(0-ден 5-ке дейін)" within the admissible range.

    A score that is not whole or not on the scale is refused as ``check_score`` says; a
    score outside the admissible range for ``percent`` is SCORE_NOT_ADMISSIBLE, with
    the range (``min``, ``max``) and the achievement in the error.
    """
    whole = check_score(score, rules.scale)
    allowed = admissible_scores(percent, rules.achievement_table, rules.scale)
    if not allowed.allows(whole):
        raise DomainError(
            ErrorCode.SCORE_NOT_ADMISSIBLE,
            {
                "value": whole,
                "achievement": percent,
                "min": allowed.min_score,
                "max": allowed.max_score,
            },
            rules.achievement_table.cite,
        )
    return KpiScore(whole, allowed, allowed.cites, allowed.unverified)


@dataclass(frozen=True)
class KpiQuarterScore:
    """The quarter's KPI score of the head: the KPI scores combined as the pack says."""

    score: Decimal
    scores: tuple[int, ...]
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()


def kpi_quarter_score(scores: Sequence[ScoreInput], rules: KpiRules) -> KpiQuarterScore:
    """R-KPI-SCORE (004 p27) with the pack's ``aggregation`` (the sheet, app. 2).

    One score per KPI of the plan, so from ``count_min`` to ``count_max`` of them
    (KPI_COUNT_OUT_OF_RANGE), each whole and on the scale. How they combine is not in
    the sources (§7): the pack's ``aggregation`` (the mean) is applied and, being
    unverified in the Typical pack, flagged in the result.
    """
    low, high = rules.count_min.value, rules.count_max.value
    if not low <= len(scores) <= high:
        raise DomainError(
            ErrorCode.KPI_COUNT_OUT_OF_RANGE,
            {"count": len(scores), "min": low, "max": high},
            rules.count_min.cite,
        )
    wholes = tuple(check_score(s, rules.scale) for s in scores)
    if rules.aggregation.value != "mean":
        raise DomainError(
            ErrorCode.RULE_NOT_IN_PACK, {"rule": f"aggregation {rules.aggregation.value}"}
        )
    cites, unverified = basis(
        ("kpi.aggregation", rules.aggregation),
        ("kpi.scale", rules.scale),
        ("kpi.count_min", rules.count_min),
    )
    return KpiQuarterScore(mean([Decimal(s) for s in wholes]), wholes, cites, unverified)


@dataclass(frozen=True)
class CountResult:
    """Atyrau 001 p49: the band given by how many KPIs were fully achieved.

    ``wording`` is the act's own wording of the result, where the pack gives one.
    """

    achieved: int
    total: int
    band: Band
    wording: Text | None
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()


def count_result(
    achieved_flags: Sequence[bool], rules: CountKpiRules, bands: Cited[tuple[Band, ...]]
) -> CountResult:
    """Atyrau 001 p49: "НМИ барлығы орындалған жағдайда ... тиімді" -- 5 effective, 4
    proper, 3 satisfactory, under 3 unsatisfactory.

    A KPI counts only when fully achieved ("барлық көрсеткіштердің толық орындалуын
    көздейді"): the caller passes one flag per KPI of the plan, exactly ``count``
    (KPI_COUNT_OUT_OF_RANGE). The band is the row of ``bands_by_count`` with the
    highest ``min_achieved`` reached; a count no row covers, or a band code the pack's
    bands lack, is BAND_GAP.
    """
    if len(achieved_flags) != rules.count.value:
        raise DomainError(
            ErrorCode.KPI_COUNT_OUT_OF_RANGE,
            {"count": len(achieved_flags), "min": rules.count.value, "max": rules.count.value},
            rules.count.cite,
        )
    achieved = sum(1 for flag in achieved_flags if flag is True)
    reached = [r for r in rules.bands_by_count.value if r.min_achieved <= achieved]
    if not reached:
        raise DomainError(ErrorCode.BAND_GAP, {"value": achieved}, rules.bands_by_count.cite)
    row = max(reached, key=lambda r: r.min_achieved)
    code = row.band
    band = next((b for b in bands.value if b.code == code), None)
    if band is None:
        raise DomainError(
            ErrorCode.BAND_GAP, {"value": achieved, "band": code}, rules.bands_by_count.cite
        )
    cites, unverified = basis(
        ("count_kpi.count", rules.count),
        ("count_kpi.bands_by_count", rules.bands_by_count),
        ("bands", bands),
    )
    return CountResult(achieved, len(achieved_flags), band, row.name, cites, unverified)


@dataclass(frozen=True)
class ChangeCheck:
    """A KPI change after approval that has a ground the methodology accepts."""

    grounds: tuple[str, ...]
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()


def check_change(grounds: Sequence[str], rules: KpiRules, *, affects_kpis: bool) -> ChangeCheck:
    """R-KPI-CHANGE (004 p25): KPIs change only when the body's functions or structure change.

    "НМИ-ге өзгерістер енгізу ... функциялары мен құрылымы өзгерген жағдайда жүзеге
    асырылады, бұл НМИ-ге қол жеткізуге тікелей әсер етеді". At least one ground, each
    one of the pack's ``change_grounds``, and the change must directly affect the
    achievement of the KPIs (``affects_kpis``); otherwise KPI_CHANGE_WITHOUT_GROUND.
    """
    known = {g.code for g in rules.change_grounds.value}
    unknown = [g for g in grounds if g not in known]
    if not grounds or unknown or not affects_kpis:
        raise DomainError(
            ErrorCode.KPI_CHANGE_WITHOUT_GROUND,
            {"grounds": ", ".join(grounds), "unknown": ", ".join(unknown)},
            rules.change_grounds.cite,
        )
    cites, unverified = basis(("kpi.change_grounds", rules.change_grounds))
    return ChangeCheck(tuple(dict.fromkeys(grounds)), cites, unverified)


def check_return_reason(
    code: str, text: str, reasons: Cited[tuple[Labelled, ...]] | None
) -> tuple[str, Cite | None]:
    """001 p53: a sheet goes back for correction "фактілердің жеткіліксіздігі немесе
    дәйексіздігі болған жағдайда" -- for insufficient or unreliable evidence.

    Where the pack lists ``return_reasons`` (Atyrau ch. 6) the reason must be one of
    them; elsewhere the sources name none, and a stated reason in words is required.
    Returns the reason code ('' when free text) and the citation of the list; a
    missing or unknown reason is RETURN_REASON_MISSING.
    """
    if reasons is not None:
        if code not in {r.code for r in reasons.value}:
            raise DomainError(ErrorCode.RETURN_REASON_MISSING, {"reason": code}, reasons.cite)
        return code, reasons.cite
    if not text.strip():
        raise DomainError(ErrorCode.RETURN_REASON_MISSING, {"reason": ""})
    return "", None

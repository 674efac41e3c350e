"""R-KPI-COUNT, R-KPI-PLAN fields, R-KPI-SCORE, R-KPI-CHANGE; Atyrau ch. 6 by count."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.kpi import (
    achievement_percent,
    admissible_scores,
    check_change,
    check_count_plan,
    check_kpi_score,
    check_plan,
    count_result,
    kpi_quarter_score,
)
from bagalau.domain.law import Cite
from bagalau.domain.methodology import AchievementRow
from tests.domain.conftest import TEST_TABLE, bands, cited, count_rules, kpi_rules, scale

D = Decimal
FIELDS = ("name", "source", "unit", "planned_value", "due", "key_result")


def kpi(**blank: str) -> dict[str, str]:
    return {field: blank.get(field, f"{field} text") for field in FIELDS}


# R-KPI-COUNT (004 p23): "НМИ үштен беске дейінгі мөлшерде белгіленеді"
@pytest.mark.parametrize("count", [3, 4, 5])
def test_three_to_five_kpis(count: int) -> None:
    result = check_plan([kpi()] * count, kpi_rules())
    assert result.count == count
    assert Cite("shakhtinsk-278-5", "23") in result.cites
    assert result.unverified == ("kpi.plan_fields",)  # app. 1 is not in the sources


@pytest.mark.parametrize("count", [0, 1, 2, 6, 10])
def test_fewer_than_three_or_more_than_five_kpis_are_refused(count: int) -> None:
    with pytest.raises(DomainError) as err:
        check_plan([kpi()] * count, kpi_rules())
    assert err.value.code is ErrorCode.KPI_COUNT_OUT_OF_RANGE
    assert err.value.params == {"count": count, "min": 3, "max": 5}
    assert err.value.cite == Cite("shakhtinsk-278-5", "23")


@pytest.mark.parametrize("blank", ["", "   ", None])
def test_every_field_of_the_work_plan_is_filled(blank: str | None) -> None:
    second = kpi() if blank is None else kpi(unit=blank)
    if blank is None:
        del second["unit"]
    with pytest.raises(DomainError) as err:
        check_plan([kpi(), second, kpi()], kpi_rules())
    assert err.value.code is ErrorCode.KPI_FIELD_EMPTY
    assert err.value.params == {"kpi": 2, "field": "unit"}


# Atyrau 001 p47: "НМИ саны 5 құрайды"
def test_atyrau_chapter_6_needs_exactly_five_kpis() -> None:
    assert check_count_plan([kpi()] * 5, count_rules()).count == 5
    for count in (3, 4, 6):
        with pytest.raises(DomainError) as err:
            check_count_plan([kpi()] * count, count_rules())
        assert err.value.params == {"count": count, "min": 5, "max": 5}
        assert err.value.cite == Cite("atyrau-105", "47")


@pytest.mark.parametrize(
    ("actual", "planned", "percent"),
    [
        (90, 100, "90.00"),
        (1, 3, "33.33"),
        (2, 3, "66.67"),
        (0, 10, "0.00"),
        (150, 100, "150.00"),
        (D("89.996"), 100, "90.00"),
        (D("0.5"), D("0.5"), "100.00"),
    ],
)
def test_achievement_percent(actual: Decimal | int, planned: Decimal | int, percent: str) -> None:
    assert achievement_percent(actual, planned) == D(percent)


def test_achievement_needs_a_planned_value() -> None:
    with pytest.raises(DomainError) as err:
        achievement_percent(5, 0)
    assert err.value.code is ErrorCode.KPI_PLANNED_ZERO


@pytest.mark.parametrize(("actual", "planned"), [(-1, 10), (5, -10), (D("-0.01"), 1)])
def test_negative_values_are_refused(actual: Decimal | int, planned: Decimal | int) -> None:
    with pytest.raises(DomainError) as err:
        achievement_percent(actual, planned)
    assert err.value.code is ErrorCode.ACHIEVEMENT_NEGATIVE


def test_achievement_refuses_floats() -> None:
    with pytest.raises(TypeError):
        achievement_percent(0.9, 1)  # type: ignore[arg-type]


# R-KPI-SCORE (004 p27): "нысаналы мақсатты индикаторды іске асыру пайызына қарай жол берілетін
# бағаны айқындау кестесін пайдаланады" -- Typical app. 3, not in the sources (§7).
def test_without_the_table_every_score_is_admissible_and_flagged() -> None:
    rules = kpi_rules()
    result = admissible_scores(D("12.5"), rules.achievement_table, rules.scale)
    assert (result.min_score, result.max_score) == (0, 5)
    assert result.row is None
    assert "kpi.achievement_table" in result.unverified


def test_an_empty_table_is_flagged_even_if_not_marked() -> None:
    rules = kpi_rules(table_unverified=False)
    result = admissible_scores(D(50), rules.achievement_table, rules.scale)
    assert result.unverified == ("kpi.achievement_table",)


@pytest.mark.parametrize(
    ("percent", "low", "high"),
    [("0", 0, 1), ("49.99", 0, 1), ("50", 2, 3), ("79.99", 2, 3), ("80", 4, 5), ("250", 4, 5)],
)
def test_a_table_row_bounds_the_score(percent: str, low: int, high: int) -> None:
    rules = kpi_rules(TEST_TABLE, table_unverified=False)
    result = admissible_scores(D(percent), rules.achievement_table, rules.scale)
    assert (result.min_score, result.max_score) == (low, high)
    assert result.unverified == ()


@pytest.mark.parametrize(
    ("table", "rows"),
    [
        ((AchievementRow(D(0), D(49), 0, 1), AchievementRow(D(51), None, 2, 5)), 0),
        ((AchievementRow(D(0), D(50), 0, 1), AchievementRow(D(50), None, 2, 5)), 2),
    ],
)
def test_a_percent_in_no_row_or_two_rows_is_a_table_error(
    table: tuple[AchievementRow, ...], rows: int
) -> None:
    rules = kpi_rules(table)
    with pytest.raises(DomainError) as err:
        admissible_scores(D(50), rules.achievement_table, rules.scale)
    assert err.value.code is ErrorCode.ACHIEVEMENT_NOT_IN_TABLE
    assert err.value.params["rows"] == rows


def test_a_table_row_off_the_scale_is_refused() -> None:
    rules = kpi_rules((AchievementRow(D(0), None, 0, 6),))
    with pytest.raises(DomainError) as err:
        admissible_scores(D(50), rules.achievement_table, rules.scale)
    assert err.value.code is ErrorCode.SCORE_OUT_OF_RANGE


def test_a_score_outside_the_admissible_range_is_refused_with_the_range() -> None:
    rules = kpi_rules(TEST_TABLE)
    with pytest.raises(DomainError) as err:
        check_kpi_score(5, D(60), rules)
    assert err.value.code is ErrorCode.SCORE_NOT_ADMISSIBLE
    assert err.value.params == {"value": 5, "achievement": D(60), "min": 2, "max": 3}
    assert err.value.cite == rules.achievement_table.cite


def test_an_admissible_kpi_score() -> None:
    result = check_kpi_score("3", D(60), kpi_rules(TEST_TABLE, table_unverified=False))
    assert result.score == 3
    assert result.unverified == ()


@pytest.mark.parametrize(
    ("score", "code"), [("4.5", "SCORE_NOT_INTEGER"), (6, "SCORE_OUT_OF_RANGE")]
)
def test_kpi_scores_are_whole_and_on_the_scale(score: object, code: str) -> None:
    with pytest.raises(DomainError) as err:
        check_kpi_score(score, D(100), kpi_rules())  # type: ignore[arg-type]
    assert err.value.code is ErrorCode[code]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [([5, 4, 3], "4.00"), ([5, 4, 4], "4.33"), ([5, 5, 4, 4, 4], "4.40"), ([0, 0, 1], "0.33")],
)
def test_quarter_score_is_the_mean_and_is_flagged_unverified(
    scores: list[int], expected: str
) -> None:
    result = kpi_quarter_score(scores, kpi_rules())
    assert result.score == D(expected)
    assert result.scores == tuple(scores)
    assert "kpi.aggregation" in result.unverified


def test_quarter_score_needs_one_score_per_kpi() -> None:
    with pytest.raises(DomainError) as err:
        kpi_quarter_score([5, 5], kpi_rules())
    assert err.value.code is ErrorCode.KPI_COUNT_OUT_OF_RANGE


@given(st.lists(st.integers(0, 5), min_size=3, max_size=5))
def test_quarter_score_lies_between_the_kpi_scores(scores: list[int]) -> None:
    result = kpi_quarter_score(scores, kpi_rules())
    assert min(scores) <= result.score <= max(scores)
    assert kpi_quarter_score(sorted(scores), kpi_rules()).score == result.score


# Atyrau 001 p49: 5 of 5 -> effective, 4 -> proper, 3 -> satisfactory, under 3 -> unsatisfactory;
# "НМИ-дің орындалуы ... барлық көрсеткіштердің толық орындалуын көздейді"
@pytest.mark.parametrize(
    ("achieved", "band"),
    [
        (5, "effective"),
        (4, "proper"),
        (3, "satisfactory"),
        (2, "unsatisfactory"),
        (0, "unsatisfactory"),
    ],
)
def test_count_of_fully_achieved_kpis_gives_the_band(achieved: int, band: str) -> None:
    flags = [True] * achieved + [False] * (5 - achieved)
    result = count_result(flags, count_rules(), bands())
    assert (result.achieved, result.total, result.band.code) == (achieved, 5, band)
    assert Cite("atyrau-105", "49") in result.cites


def test_count_result_needs_a_flag_per_kpi() -> None:
    with pytest.raises(DomainError) as err:
        count_result([True] * 4, count_rules(), bands())
    assert err.value.code is ErrorCode.KPI_COUNT_OUT_OF_RANGE


def test_count_result_with_a_band_the_pack_lacks_is_refused() -> None:
    rules = count_rules()
    only_three = cited(bands().value[1:])
    with pytest.raises(DomainError) as err:
        count_result([True] * 5, rules, only_three)
    assert err.value.code is ErrorCode.BAND_GAP
    uncovered = replace(rules, bands_by_count=cited(rules.bands_by_count.value[:3]))
    with pytest.raises(DomainError):
        count_result([False] * 5, uncovered, bands())


def test_count_result_with_the_atyrau_pack() -> None:
    from bagalau.packs import registry

    rules = registry().pack("atyrau-2023-105").rules
    assert rules.count_kpi is not None and rules.bands is not None
    result = count_result([True, True, True, True, False], rules.count_kpi, rules.bands)
    assert result.band.code == "proper"
    assert result.wording is not None and "тиісті" in result.wording.kk


# R-KPI-CHANGE (004 p25): "функциялары мен құрылымы өзгерген жағдайда ... бұл НМИ-ге қол
# жеткізуге тікелей әсер етеді"
def test_a_change_needs_a_ground_that_affects_the_kpis() -> None:
    rules = kpi_rules()
    ok = check_change(["structure_changed", "structure_changed"], rules, affects_kpis=True)
    assert ok.grounds == ("structure_changed",)
    assert ok.cites == (Cite("shakhtinsk-278-5", "25"),)
    refused: list[tuple[list[str], bool]] = [
        ([], True),
        (["new_manager"], True),
        (["functions_changed"], False),
    ]
    for grounds, affects in refused:
        with pytest.raises(DomainError) as err:
            check_change(grounds, rules, affects_kpis=affects)
        assert err.value.code is ErrorCode.KPI_CHANGE_WITHOUT_GROUND


def test_scale_helper_is_cited() -> None:
    assert scale().cite == Cite("shakhtinsk-278-5", "27")

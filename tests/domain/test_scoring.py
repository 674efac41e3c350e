"""R-BANDS, R-PERIODS (the final mean), whole scores, Almaty's bonus points."""

from __future__ import annotations

from decimal import Decimal
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.domain.calendar import Period
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite
from bagalau.domain.methodology import Band
from bagalau.domain.scoring import (
    annual_result,
    band_for,
    bonus_total,
    check_score,
    mean_of_quarters,
    quantize,
)
from tests.domain.conftest import bands, bonus_levels, cited, scale, text

D = Decimal
P4 = Cite("shakhtinsk-278-5", "4")


# R-BANDS (004 p7): "тиімді ... 4-тен 5 баллға дейін, тиісті ... 3-тен 3,99 баллға дейін,
# қанағаттанарлық ... 2-ден 2,99 баллға дейін, қанағаттанарлықсыз ... 0-ден 1,99 баллға дейін"
@pytest.mark.parametrize(
    ("score", "band"),
    [
        ("5", "effective"),
        ("4", "effective"),
        ("4.00", "effective"),
        ("3.995", "effective"),  # shown as 4.00 on the sheet
        ("3.994", "proper"),
        ("3.99", "proper"),
        ("3", "proper"),
        ("2.99", "satisfactory"),
        ("2.995", "proper"),
        ("2", "satisfactory"),
        ("1.99", "unsatisfactory"),
        ("1.995", "satisfactory"),
        ("0", "unsatisfactory"),
        ("0.004", "unsatisfactory"),
    ],
)
def test_bands_of_004_p7(score: str, band: str) -> None:
    result = band_for(D(score), bands())
    assert result.band.code == band
    assert result.score == quantize(D(score))
    assert result.cites == (Cite("shakhtinsk-278-5", "7"),)
    assert result.unverified == ()


@pytest.mark.parametrize("score", ["5.01", "5.005", "-0.01", "-1", "100"])
def test_a_score_outside_0_to_5_has_no_band(score: str) -> None:
    with pytest.raises(DomainError) as err:
        band_for(D(score), bands())
    assert err.value.code is ErrorCode.SCORE_OUT_OF_RANGE
    assert err.value.params["min"] == D(0)
    assert err.value.params["max"] == D(5)
    assert err.value.cite == Cite("shakhtinsk-278-5", "7")


def test_a_gap_between_bands_is_refused_not_guessed() -> None:
    pair: tuple[Band, ...] = (
        Band("high", D(3), D(5), text("h")),
        Band("low", D(0), D("2.98"), text("l")),
    )
    gapped = cited(pair)
    with pytest.raises(DomainError) as err:
        band_for(D("2.99"), gapped)
    assert err.value.code is ErrorCode.BAND_GAP


def test_unverified_bands_are_flagged() -> None:
    flagged = cited(bands().value, "app. x", unverified=True)
    assert band_for(D(4), flagged).unverified == ("bands",)


def test_quantize_is_half_up_and_refuses_floats() -> None:
    assert quantize(D("2.675")) == D("2.68")
    assert quantize(D("2.665")) == D("2.67")
    assert quantize(D("-0.005")) == D("-0.01")
    with pytest.raises(TypeError):
        quantize(2.675)  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        quantize(D("NaN"))


two_places = st.decimals(min_value=0, max_value=5, places=2, allow_nan=False)


@given(two_places)
def test_bands_partition_0_to_5_at_two_places(score: Decimal) -> None:
    matching = [b for b in bands().value if b.min <= score <= b.max]
    assert len(matching) == 1
    assert band_for(score, bands()).band == matching[0]


@given(two_places, two_places)
def test_a_higher_score_never_gets_a_lower_band(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert band_for(low, bands()).band.min <= band_for(high, bands()).band.min


@given(st.decimals(min_value=0, max_value=D("5.004"), places=4, allow_nan=False))
def test_any_score_that_shows_within_0_to_5_has_exactly_one_band(score: Decimal) -> None:
    assert band_for(score, bands()).band in bands().value


# R-PERIODS (004 p4): "НМИ және саралау бойынша қорытынды баға ... есепті тоқсандардағы
# орташа бағасынан құралады"
def test_final_score_is_the_mean_of_the_quarters_evaluated() -> None:
    q1, q2, q3, q4 = Period(2024).quarters()
    result = mean_of_quarters({q1: D(4), q2: None, q3: D(3), q4: D("3.5")}, cite=P4)
    assert result.score == D("3.50")
    assert result.quarters == (q1, q3, q4)
    assert result.excluded == (q2,)
    assert result.cites == (P4,)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        (["4", "4", "3"], "3.67"),
        (["3.33", "3.34"], "3.34"),  # 3.335 rounds half up
        (["5"], "5.00"),
        (["0", "0", "0", "1"], "0.25"),
        (["3.996", "4"], "4.00"),  # each quarter as its sheet shows it (4.00)
    ],
)
def test_mean_of_quarters_rounding(scores: list[str], expected: str) -> None:
    quarters = Period(2024).quarters()
    assert mean_of_quarters(dict(zip(quarters, map(D, scores), strict=False)), cite=P4).score == D(
        expected
    )


@pytest.mark.parametrize("scores", [{}, {Period(2024, 1): None, Period(2024, 2): None}])
def test_no_quarter_evaluated_no_final_score(scores: dict[Period, Decimal | None]) -> None:
    with pytest.raises(DomainError) as err:
        mean_of_quarters(scores, cite=P4)
    assert err.value.code is ErrorCode.NO_SCORES
    assert err.value.cite == P4


def test_a_year_is_not_a_quarter() -> None:
    with pytest.raises(DomainError) as err:
        mean_of_quarters({Period(2024): D(4)}, cite=P4)
    assert err.value.code is ErrorCode.BAD_PERIOD


quarter_scores = st.lists(two_places, min_size=1, max_size=4)


@given(quarter_scores, st.randoms())
def test_mean_of_quarters_is_between_min_and_max_and_order_free(
    scores: list[Decimal], rnd: Random
) -> None:
    quarters = Period(2025).quarters()[: len(scores)]
    forward = mean_of_quarters(dict(zip(quarters, scores, strict=True)), cite=P4)
    pairs = list(zip(quarters, scores, strict=True))
    rnd.shuffle(pairs)
    assert mean_of_quarters(dict(pairs), cite=P4) == forward
    assert min(scores) <= forward.score <= max(scores)


# R-KPI-SCORE (004 p27), R-RANK (004 p31): "(0-ден 5-ке дейін) баға қояды" -- whole scores.
@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 0), (5, 5), ("3", 3), (" 2 ", 2), (D("4.00"), 4), ("4,0", 4), (D(1), 1), (D("-0"), 0)],
)
def test_whole_scores_are_accepted(value: int | Decimal | str, expected: int) -> None:
    assert check_score(value, scale()) == expected


@pytest.mark.parametrize("value", ["4.5", D("4.5"), "abc", "", 4.0, True, D("NaN"), D("Infinity")])
def test_a_score_must_be_a_whole_number(value: object) -> None:
    with pytest.raises(DomainError) as err:
        check_score(value, scale())  # type: ignore[arg-type]
    assert err.value.code is ErrorCode.SCORE_NOT_INTEGER
    assert err.value.cite == Cite("shakhtinsk-278-5", "27")


@pytest.mark.parametrize("value", [6, -1, "7", D(10)])
def test_a_score_outside_the_scale_is_refused_not_clamped(value: int | Decimal | str) -> None:
    with pytest.raises(DomainError) as err:
        check_score(value, scale())
    assert err.value.code is ErrorCode.SCORE_OUT_OF_RANGE
    assert (err.value.params["min"], err.value.params["max"]) == (0, 5)


# Almaty 002 p18: "+1"-ден "+5"-ке балға дейін бес деңгейлік шәкіл
def test_bonus_points_are_summed_by_level() -> None:
    result = bonus_total([5, 3, 3, 1], bonus_levels())
    assert result.total == 12
    assert result.by_level == ((1, 1), (3, 2), (5, 1))
    assert result.cites == (Cite("almaty-266-2017", "18"),)


def test_no_awards_no_points() -> None:
    assert bonus_total([], bonus_levels()).total == 0


@pytest.mark.parametrize("award", [0, 6, -1, True])
def test_a_bonus_level_off_the_scale_is_refused(award: int) -> None:
    with pytest.raises(DomainError) as err:
        bonus_total([2, award], bonus_levels())
    assert err.value.code is ErrorCode.BONUS_LEVEL_UNKNOWN
    assert (err.value.params["min"], err.value.params["max"]) == (1, 5)


def test_bonus_total_is_kept_apart_from_any_score() -> None:
    # DOMAIN.md §7: how bonus points enter a score is not known.
    result = bonus_total([5], bonus_levels())
    assert not hasattr(result, "score")


# 004 p4 then p7: the year's score is the mean of the quarters evaluated, banded like a
# quarter's; a quarter not evaluated is left out (Q2 here), not counted as zero.
@pytest.mark.parametrize(
    ("q1", "q2", "q3", "q4", "score", "band"),
    [
        ("4.00", None, "4.00", "3.97", "3.99", "proper"),
        ("4.00", None, "4.00", "4.01", "4.00", "effective"),
        ("1.50", "2.50", None, None, "2.00", "satisfactory"),
        ("1.00", "1.00", "1.00", "2.00", "1.25", "unsatisfactory"),
    ],
)
def test_annual_result_is_the_band_of_the_mean(
    q1: str, q2: str | None, q3: str | None, q4: str | None, score: str, band: str
) -> None:
    cite = Cite("shakhtinsk-278-5", "4")
    values = (q1, q2, q3, q4)
    scores = {Period(2024, n + 1): None if v is None else Decimal(v) for n, v in enumerate(values)}
    year = annual_result(scores, cite=cite, bands=bands())
    assert (year.final.score, year.band and year.band.band.code) == (Decimal(score), band)
    assert year.cites[0] == cite and year.band is not None
    assert year.cites[1:] == year.band.cites  # p7 follows p4


def test_annual_result_without_bands_has_no_band() -> None:
    year = annual_result({Period(2024, 1): Decimal(3)}, cite=Cite("x", "4"), bands=None)
    assert (year.final.score, year.band, year.unverified) == (Decimal("3.00"), None, ())

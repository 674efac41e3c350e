"""R-RANK (004 p28-32): the ranking sheet's quarter score."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite
from bagalau.domain.ranking import SINGLE_SCORE, ranking_quarter_score
from bagalau.domain.scoring import band_for
from tests.domain.conftest import RANKING_PARAMETERS, bands, ranking_rules

D = Decimal


def sheet(*scores: int | str) -> dict[str, int | str]:
    return dict(zip(RANKING_PARAMETERS, scores, strict=True))


# 004 p32: "функционалдық міндеттерді орындау сапасы; тапсырмаларды орындау мерзімдерін
# сақтау; дербестік және бастамашылық; еңбек тәртібі"; p31: "баға (0-ден 5-ке дейін)"
@pytest.mark.parametrize(
    ("scores", "expected", "band"),
    [
        ((4, 5, 3, 4), "4.00", "effective"),
        ((5, 5, 5, 4), "4.75", "effective"),
        ((4, 4, 4, 3), "3.75", "proper"),
        ((3, 3, 2, 3), "2.75", "satisfactory"),
        ((0, 1, 2, 2), "1.25", "unsatisfactory"),
        (("5", "5", "5", "5"), "5.00", "effective"),
    ],
)
def test_mean_of_the_four_parameters(scores: tuple[int, ...], expected: str, band: str) -> None:
    result = ranking_quarter_score(sheet(*scores), ranking_rules())
    assert result.score == D(expected)
    assert band_for(result.score, bands()).band.code == band
    assert [code for code, _ in result.by_parameter] == list(RANKING_PARAMETERS)
    assert result.unverified == ("ranking.aggregation",)  # app. 4 is not in the sources
    assert Cite("shakhtinsk-278-5", "32") in result.cites


def test_every_parameter_is_scored() -> None:
    scores = sheet(4, 4, 4, 4)
    del scores["discipline"]
    with pytest.raises(DomainError) as err:
        ranking_quarter_score(scores, ranking_rules())
    assert err.value.code is ErrorCode.PARAMETER_MISSING
    assert err.value.params == {"parameter": "discipline"}


def test_a_parameter_not_on_the_sheet_is_refused() -> None:
    with pytest.raises(DomainError) as err:
        ranking_quarter_score({**sheet(4, 4, 4, 4), "loyalty": 5}, ranking_rules())
    assert err.value.code is ErrorCode.PARAMETER_UNKNOWN
    assert err.value.params == {"parameter": "loyalty"}


@pytest.mark.parametrize(
    ("bad", "code"),
    [(6, "SCORE_OUT_OF_RANGE"), (-1, "SCORE_OUT_OF_RANGE"), ("4.5", "SCORE_NOT_INTEGER")],
)
def test_parameter_scores_are_whole_and_on_the_scale(bad: int | str, code: str) -> None:
    with pytest.raises(DomainError) as err:
        ranking_quarter_score(sheet(4, bad, 4, 4), ranking_rules())
    assert err.value.code is ErrorCode[code]


def test_a_single_score_sheet() -> None:
    result = ranking_quarter_score({SINGLE_SCORE: 3}, ranking_rules("single"))
    assert result.score == D("3.00")
    with pytest.raises(DomainError) as err:
        ranking_quarter_score(sheet(3, 3, 3, 3), ranking_rules("single"))
    assert err.value.code is ErrorCode.PARAMETER_UNKNOWN


def test_the_typical_pack_lists_the_four_parameters_of_p32() -> None:
    from bagalau.packs import registry

    rules = registry().pack("typical-2022").rules.ranking
    assert rules is not None
    assert tuple(p.code for p in rules.parameters.value) == RANKING_PARAMETERS
    assert ranking_quarter_score(sheet(5, 4, 4, 4), rules).score == D("4.25")


@given(st.lists(st.integers(0, 5), min_size=4, max_size=4), st.permutations(range(4)))
def test_score_lies_between_the_parameters_and_ignores_entry_order(
    scores: list[int], order: list[int]
) -> None:
    forward = ranking_quarter_score(sheet(*scores), ranking_rules())
    shuffled = {RANKING_PARAMETERS[i]: scores[i] for i in order}
    assert ranking_quarter_score(shuffled, ranking_rules()) == forward
    assert min(scores) <= forward.score <= max(scores)

"""R-360 (004 p33-36): respondents, anonymity, self-assessment apart, weakest competencies."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from random import Random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite
from bagalau.domain.methodology import Audience, Survey360Rules, iter_parameters
from bagalau.domain.survey360 import (
    AGGREGATION,
    ANONYMITY_THRESHOLD,
    Answers,
    Safeguard,
    Survey360Report,
    Survey360Result,
    aggregate,
    check_respondents,
    competencies_for,
    weakest_competencies,
)
from bagalau.packs import load_directory
from tests.domain.conftest import HEAD_COMPETENCIES, STAFF_COMPETENCIES, cited, survey_rules

D = Decimal
THRESHOLD = 3  # the default of bagalau's own safeguard, SURVEY360_ANONYMITY_THRESHOLD


def result_of(
    given: list[Answers],
    rules: Survey360Rules,
    audience: Audience,
    self_assessment: Answers | None = None,
    threshold: int = THRESHOLD,
) -> Survey360Report:
    return aggregate(given, rules, audience, self_assessment, anonymity_threshold=threshold)


def answers(value: int, codes: tuple[str, ...] = STAFF_COMPETENCIES) -> dict[str, int]:
    return dict.fromkeys(codes, value)


# 004 p35: "үш адамнан кем болмауы және жеті адамнан артық болмауы тиіс"
@pytest.mark.parametrize("count", [3, 5, 7])
def test_three_to_seven_respondents(count: int) -> None:
    assert check_respondents(count, survey_rules()).count == count


@pytest.mark.parametrize("count", [0, 2, 8])
def test_respondents_out_of_range(count: int) -> None:
    with pytest.raises(DomainError) as err:
        check_respondents(count, survey_rules())
    assert err.value.code is ErrorCode.RESPONDENTS_OUT_OF_RANGE
    assert err.value.params == {"count": count, "min": 3, "max": 7}
    assert err.value.cite == Cite("shakhtinsk-278-5", "35")


# 004 p34: 12 competencies for the head of the apparatus, 8 for "B" corps staff
@pytest.mark.parametrize(
    ("audience", "codes"),
    [
        (Audience.HEAD_OF_APPARATUS, HEAD_COMPETENCIES),
        (Audience.STAFF, STAFF_COMPETENCIES),
        (Audience.HEADS_OF_UNITS, STAFF_COMPETENCIES),  # staff in 004 p2(5)
    ],
)
def test_competency_lists_by_category(audience: Audience, codes: tuple[str, ...]) -> None:
    assert tuple(c.code for c in competencies_for(survey_rules(), audience)) == codes


def test_each_competency_is_the_mean_of_the_respondents() -> None:
    first = {**answers(4), "ethics": 5}
    second = {**answers(3), "ethics": 5}
    third = {**answers(5), "ethics": 4, "promptness": 2}
    report = result_of([first, second, third], survey_rules(), Audience.STAFF)
    result = report.result
    means = {s.competency.code: s.mean for s in result.competencies}
    assert means["ethics"] == D("4.67")
    assert means["promptness"] == D("3.00")
    assert means["communications"] == D("4.00")
    assert result.respondents == 3
    # 24 answers summing to 33 + 26 + 36 = 95: 95 / 24 = 3.958...
    assert result.overall == D("3.96")
    assert report.self_assessment is None
    assert AGGREGATION in result.unverified and "survey360.scale" in result.unverified


# 004 p35: "қорытынды бағалауда өзін-өзі бағалау есепке алынбайды"
def test_the_self_assessment_is_reported_apart_and_never_counted() -> None:
    others = [answers(3)] * 3
    report = result_of(others, survey_rules(), Audience.STAFF, self_assessment=answers(5))
    assert report.result.overall == D("3.00")
    assert report.self_assessment == tuple((c, 5) for c in STAFF_COMPETENCIES)
    assert report.result == result_of(others, survey_rules(), Audience.STAFF).result


def test_below_the_anonymity_threshold_there_is_no_result() -> None:
    with pytest.raises(DomainError) as err:
        result_of([answers(5)] * 2, survey_rules(), Audience.STAFF, self_assessment=answers(5))
    assert err.value.code is ErrorCode.BELOW_ANONYMITY_THRESHOLD
    assert err.value.params == {"count": 2, "min": 3}
    # 004 p33 says only "жасырын" (anonymous): no act sets the number, so no citation.
    assert err.value.cite is None


# The threshold is bagalau's own safeguard, passed in by the caller (the setting).
@pytest.mark.parametrize(
    ("threshold", "count", "shown"),
    [(2, 1, False), (2, 2, True), (3, 2, False), (3, 3, True), (5, 4, False), (5, 5, True)],
)
def test_the_threshold_is_the_callers(threshold: int, count: int, shown: bool) -> None:
    given = [answers(4)] * count
    if shown:
        result = result_of(given, survey_rules(), Audience.STAFF, threshold=threshold).result
        assert result.respondents == count
        assert result.safeguards == (Safeguard(ANONYMITY_THRESHOLD, threshold),)
    else:
        with pytest.raises(DomainError) as err:
            result_of(given, survey_rules(), Audience.STAFF, threshold=threshold)
        assert err.value.code is ErrorCode.BELOW_ANONYMITY_THRESHOLD
        assert err.value.params == {"count": count, "min": threshold}


@pytest.mark.parametrize("threshold", [1, 0, -3])
def test_a_threshold_that_would_name_a_respondent_is_a_programming_error(threshold: int) -> None:
    with pytest.raises(ValueError, match="below 2"):
        result_of([answers(4)] * 3, survey_rules(), Audience.STAFF, threshold=threshold)


def test_the_safeguard_is_named_apart_from_the_rules_and_their_citations() -> None:
    result = result_of([answers(4)] * 3, survey_rules(), Audience.STAFF).result
    assert result.safeguards == (Safeguard("survey360_anonymity_threshold", 3),)
    assert all(c.paragraph != "33" for c in result.cites)
    assert not any("anonymity" in u for u in result.unverified)
    weakest = weakest_competencies(result, survey_rules())
    assert weakest.safeguards == result.safeguards


def test_more_answers_than_respondents_allowed() -> None:
    with pytest.raises(DomainError) as err:
        result_of([answers(4)] * 8, survey_rules(), Audience.STAFF)
    assert err.value.code is ErrorCode.RESPONDENTS_OUT_OF_RANGE


@pytest.mark.parametrize("bad", [0, 6, "4.5", D("2.5"), True])
def test_answers_off_the_scale_are_refused(bad: Any) -> None:
    with pytest.raises(DomainError) as err:
        result_of(
            [answers(4), {**answers(4), "ethics": bad}, answers(4)], survey_rules(), Audience.STAFF
        )
    assert err.value.code is ErrorCode.ANSWER_OUT_OF_SCALE
    assert (err.value.params["min"], err.value.params["max"]) == (1, 5)


def test_a_competency_not_in_the_list_is_refused() -> None:
    # "leadership" is on the head's list (p34), not on the staff list.
    with pytest.raises(DomainError) as err:
        result_of(
            [answers(4), {**answers(4), "leadership": 4}, answers(4)],
            survey_rules(),
            Audience.STAFF,
        )
    assert err.value.code is ErrorCode.COMPETENCY_UNKNOWN
    assert err.value.params == {"competency": "leadership"}


def test_a_partial_questionnaire_is_refused() -> None:
    partial = answers(4)
    del partial["ethics"]
    with pytest.raises(DomainError) as err:
        result_of([answers(4), answers(4), partial], survey_rules(), Audience.STAFF)
    assert err.value.code is ErrorCode.ANSWER_MISSING
    with pytest.raises(DomainError):
        result_of([answers(4)] * 3, survey_rules(), Audience.STAFF, self_assessment=partial)


def test_a_pack_counting_the_self_assessment_is_refused() -> None:
    rules = survey_rules(self_assessment_counts=cited(True, "35"))
    with pytest.raises(DomainError) as err:
        result_of([answers(4)] * 3, rules, Audience.STAFF)
    assert err.value.code is ErrorCode.RULE_NOT_IN_PACK


def test_the_result_carries_no_respondent_data() -> None:
    # Anonymity by construction (EvaP): only means and a count leave the module.
    fields = {f.name for f in dataclasses.fields(Survey360Result)}
    assert fields == {
        "audience",
        "respondents",
        "competencies",
        "overall",
        "cites",
        "unverified",
        "safeguards",
    }


# 004 p36: "қызметшінің ең аз анықталған құзыреттері ескеріледі"
def test_weakest_competencies_ties_in_pack_order() -> None:
    low = {**answers(4), "promptness": 2, "ethics": 3, "cooperation": 3, "decision_making": 3}
    result = result_of([low] * 3, survey_rules(), Audience.STAFF).result
    weakest = weakest_competencies(result, survey_rules())
    # promptness (2), then the 3s in the order of p34: ethics, decision_making, cooperation
    assert [s.competency.code for s in weakest.competencies] == [
        "promptness",
        "ethics",
        "decision_making",
    ]
    assert "survey360.weakest_count" in weakest.unverified


def test_weakest_of_the_head_of_apparatus() -> None:
    flat = answers(5, HEAD_COMPETENCIES)
    result = result_of([flat] * 4, survey_rules(), Audience.HEAD_OF_APPARATUS).result
    weakest = weakest_competencies(result, survey_rules())
    assert [s.competency.code for s in weakest.competencies] == list(HEAD_COMPETENCIES[:3])


questionnaire = st.fixed_dictionaries({c: st.integers(1, 5) for c in STAFF_COMPETENCIES})


@given(
    st.lists(questionnaire, min_size=3, max_size=7),
    questionnaire,
    questionnaire,
    st.randoms(),
)
def test_self_answers_and_respondent_order_never_change_the_result(
    given_answers: list[dict[str, int]],
    self_one: dict[str, int],
    self_two: dict[str, int],
    rnd: Random,
) -> None:
    rules = survey_rules()
    first = result_of(given_answers, rules, Audience.STAFF, self_assessment=self_one).result
    shuffled = list(given_answers)
    rnd.shuffle(shuffled)
    assert result_of(shuffled, rules, Audience.STAFF, self_assessment=self_two).result == first
    assert result_of(shuffled, rules, Audience.STAFF).result == first
    every = [v for one in given_answers for v in one.values()]
    assert min(every) <= first.overall <= max(every)
    for score in first.competencies:
        column = [one[score.competency.code] for one in given_answers]
        assert min(column) <= score.mean <= max(column)


def test_no_pack_holds_an_anonymity_threshold() -> None:
    # 004 p33 gives none ("жасырын" only): the threshold is no methodology's rule.
    for pack in load_directory().packs:
        assert not [k for k, _ in iter_parameters(pack.rules) if "anonymity" in k], pack.id

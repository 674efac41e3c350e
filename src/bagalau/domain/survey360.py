"""The 360 method (360 әдісі): respondents, anonymity, aggregation, weakest competencies.

R-360 (004 p33-36). The survey is anonymous ("жасырын жүргізіледі", p33), and the
result is anonymous *by construction*: respondents' answers come in as nameless
mappings (competency code -> answer), only sums and counts leave this module, and a
result exists only from the anonymity threshold. No act gives that threshold: it is
bagalau's own safeguard, a setting the caller passes in, and a result names it among
its ``safeguards``, never among its citations. The self-assessment is made
but "қорытынды бағалауда өзін-өзі бағалау есепке алынбайды" (p35): it is reported
beside the result and never enters it.

The questionnaire scale and the aggregation (Typical apps. 5-8) are not in the
sources (§7): the mean of the answers is used, and every result names
``survey360.aggregation`` among its unverified values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite
from bagalau.domain.methodology import Audience, Labelled, Survey360Rules
from bagalau.domain.scoring import DECIMAL_CONTEXT, ScoreInput, as_decimal, basis, quantize

Answers = Mapping[str, ScoreInput]
AGGREGATION = "survey360.aggregation"  # the assumed mean: no pack value gives it
ANONYMITY_THRESHOLD = "survey360_anonymity_threshold"  # bagalau's safeguard, no act's
MIN_ANONYMITY_THRESHOLD = 2  # one answer alone would be the respondent's own


@dataclass(frozen=True)
class Safeguard:
    """A limit bagalau applies of its own, not a rule of any methodology: it has a
    value and no citation."""

    code: str
    value: int


@dataclass(frozen=True)
class RespondentCheck:
    count: int
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()


def check_respondents(count: int, rules: Survey360Rules) -> RespondentCheck:
    """R-360 (004 p35): "үш адамнан кем болмауы және жеті адамнан артық болмауы тиіс".

    ``count`` is the number of respondents chosen, the evaluated person not included
    (the self-assessment is not a respondent). Outside the range:
    RESPONDENTS_OUT_OF_RANGE with the count and the range.
    """
    low, high = rules.respondents_min.value, rules.respondents_max.value
    if not low <= count <= high:
        raise DomainError(
            ErrorCode.RESPONDENTS_OUT_OF_RANGE,
            {"count": count, "min": low, "max": high},
            rules.respondents_min.cite,
        )
    cites, unverified = basis(
        ("survey360.respondents_min", rules.respondents_min),
        ("survey360.respondents_max", rules.respondents_max),
    )
    return RespondentCheck(count, cites, unverified)


def competencies_for(rules: Survey360Rules, audience: Audience) -> tuple[Labelled, ...]:
    """R-360 (004 p34): the competency list for the evaluated person's category.

    Heads of structural units are "B" corps staff in 004 p2(5) ("мәслихат аппаратының
    басшысын қоспағанда"), so without a list of their own they take the staff list.
    """
    sets = {s.audience: s.competencies for s in rules.competencies.value}
    for wanted in (audience, Audience.STAFF, Audience.ALL):
        if wanted is Audience.STAFF and audience is Audience.HEAD_OF_APPARATUS:
            continue
        if wanted in sets:
            return sets[wanted]
    raise DomainError(
        ErrorCode.RULE_NOT_IN_PACK, {"rule": f"survey360.competencies.{audience.value}"}
    )


@dataclass(frozen=True)
class CompetencyScore:
    competency: Labelled
    mean: Decimal


@dataclass(frozen=True)
class Survey360Result:
    """The anonymous result: means only, in the pack's competency order."""

    audience: Audience
    respondents: int
    competencies: tuple[CompetencyScore, ...]
    overall: Decimal
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()
    safeguards: tuple[Safeguard, ...] = ()


@dataclass(frozen=True)
class Survey360Report:
    """The result, and beside it the self-assessment, which the result never includes."""

    result: Survey360Result
    self_assessment: tuple[tuple[str, int], ...] | None


def aggregate(
    answers: Sequence[Answers],
    rules: Survey360Rules,
    audience: Audience,
    self_assessment: Answers | None = None,
    *,
    anonymity_threshold: int,
) -> Survey360Report:
    """R-360 (004 p33, p35): the 360 result from the respondents' answers.

    Below ``anonymity_threshold`` answers (bagalau's own safeguard of p33's anonymity,
    given by the caller; at least 2) there is no result at all
    (BELOW_ANONYMITY_THRESHOLD, with no citation); more than ``respondents_max`` is
    RESPONDENTS_OUT_OF_RANGE. Each questionnaire must answer every competency of the
    list (ANSWER_MISSING; partial questionnaires are not provided for), with no other
    code (COMPETENCY_UNKNOWN) and whole answers on the scale (ANSWER_OUT_OF_SCALE).
    Each competency's score is the mean of the respondents' answers; the overall
    score is the mean of all answers (equal to the mean of the competency means, as
    every questionnaire is complete). The self-assessment is checked the same way and
    reported apart. A pack where the self-assessment counts is refused: no version
    says so.
    """
    if rules.self_assessment_counts.value:
        raise DomainError(
            ErrorCode.RULE_NOT_IN_PACK,
            {"rule": "survey360.self_assessment_counts"},
            rules.self_assessment_counts.cite,
        )
    _check_count(len(answers), rules, anonymity_threshold)
    listed = competencies_for(rules, audience)
    totals = {c.code: 0 for c in listed}
    for one in answers:
        for code, value in _checked(one, listed, rules).items():
            totals[code] += value
    count = Decimal(len(answers))
    scores = tuple(
        CompetencyScore(c, quantize(DECIMAL_CONTEXT.divide(Decimal(totals[c.code]), count)))
        for c in listed
    )
    overall = DECIMAL_CONTEXT.divide(Decimal(sum(totals.values())), count * len(listed))
    cites, unverified = _basis(rules)
    safeguard = Safeguard(ANONYMITY_THRESHOLD, anonymity_threshold)
    result = Survey360Result(
        audience, len(answers), scores, quantize(overall), cites, unverified, (safeguard,)
    )
    own = None
    if self_assessment is not None:
        checked = _checked(self_assessment, listed, rules)
        own = tuple((c.code, checked[c.code]) for c in listed)
    return Survey360Report(result, own)


def _check_count(count: int, rules: Survey360Rules, threshold: int) -> None:
    if threshold < MIN_ANONYMITY_THRESHOLD:
        msg = f"an anonymity threshold below {MIN_ANONYMITY_THRESHOLD} would name the respondent"
        raise ValueError(msg)
    if count < threshold:
        # No citation: no methodology sets the threshold (see the module docstring).
        raise DomainError(ErrorCode.BELOW_ANONYMITY_THRESHOLD, {"count": count, "min": threshold})
    if count > rules.respondents_max.value:
        raise DomainError(
            ErrorCode.RESPONDENTS_OUT_OF_RANGE,
            {
                "count": count,
                "min": rules.respondents_min.value,
                "max": rules.respondents_max.value,
            },
            rules.respondents_max.cite,
        )


def _checked(
    answers: Answers, listed: tuple[Labelled, ...], rules: Survey360Rules
) -> dict[str, int]:
    codes = [c.code for c in listed]
    for code in answers:
        if code not in codes:
            raise DomainError(
                ErrorCode.COMPETENCY_UNKNOWN, {"competency": code}, rules.competencies.cite
            )
    checked: dict[str, int] = {}
    for code in codes:
        if code not in answers:
            raise DomainError(
                ErrorCode.ANSWER_MISSING, {"competency": code}, rules.competencies.cite
            )
        checked[code] = _answer(answers[code], rules)
    return checked


def _answer(value: ScoreInput, rules: Survey360Rules) -> int:
    scale = rules.scale
    number = as_decimal(value)
    if (
        number is None
        or number != number.to_integral_value()
        or not scale.value.min <= number <= scale.value.max
    ):
        raise DomainError(
            ErrorCode.ANSWER_OUT_OF_SCALE,
            {"value": value, "min": scale.value.min, "max": scale.value.max},
            scale.cite,
        )
    return int(number)


def _basis(rules: Survey360Rules) -> tuple[tuple[Cite, ...], tuple[str, ...]]:
    cites, unverified = basis(
        ("survey360.competencies", rules.competencies),
        ("survey360.scale", rules.scale),
        ("survey360.self_assessment_counts", rules.self_assessment_counts),
    )
    return cites, (*unverified, AGGREGATION)


@dataclass(frozen=True)
class WeakestCompetencies:
    competencies: tuple[CompetencyScore, ...]
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()
    safeguards: tuple[Safeguard, ...] = ()


def weakest_competencies(result: Survey360Result, rules: Survey360Rules) -> WeakestCompetencies:
    """R-360 (004 p36): "қызметшінің ең аз анықталған құзыреттері", for training topics.

    The ``weakest_count`` competencies with the lowest mean as shown (two places);
    equal means are ordered by the competency's place in the pack's list, so the
    answer is deterministic. Fewer competencies than ``weakest_count``: all of them.
    """
    order = [c.code for c in competencies_for(rules, result.audience)]
    for score in result.competencies:
        if score.competency.code not in order:
            raise DomainError(
                ErrorCode.COMPETENCY_UNKNOWN,
                {"competency": score.competency.code},
                rules.competencies.cite,
            )
    ranked = sorted(
        result.competencies,
        key=lambda s: (s.mean, order.index(s.competency.code)),
    )
    cites, unverified = basis(("survey360.weakest_count", rules.weakest_count))
    return WeakestCompetencies(
        tuple(ranked[: rules.weakest_count.value]),
        (*result.cites, *[c for c in cites if c not in result.cites]),
        (*result.unverified, *[u for u in unverified if u not in result.unverified]),
        result.safeguards,
    )

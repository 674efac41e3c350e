"""The ranking method (саралау әдісі) for "B" corps staff: the quarter's sheet score.

R-RANK (004 p28-32): the head of the apparatus scores each employee each quarter, "0-ден
5-ке дейін", on the parameters of p32. Whether the sheet (Typical app. 4) has one
score or one per parameter, and how they combine, is not in the sources (§7): the pack
declares it (``aggregation``: ``mean`` of one score per parameter, or ``single``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from bagalau.domain.errors import DomainError, ErrorCode, raise_all
from bagalau.domain.law import Cite
from bagalau.domain.methodology import RankingRules
from bagalau.domain.scoring import ScoreInput, basis, check_score, mean

# With ``aggregation: single`` the sheet has one score, given under this key.
SINGLE_SCORE = "sheet"


@dataclass(frozen=True)
class RankingScore:
    """The quarter's ranking score, and the score of each parameter in the pack's order."""

    score: Decimal
    by_parameter: tuple[tuple[str, int], ...]
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()


def ranking_quarter_score(
    scores_by_parameter: Mapping[str, ScoreInput], rules: RankingRules
) -> RankingScore:
    """R-RANK (004 p31-32): the ranking sheet's quarter score as the pack declares it.

    With ``mean``: every parameter of the pack is scored (PARAMETER_MISSING names the
    first one missing in the pack's order), no other key is given (PARAMETER_UNKNOWN),
    every score is a whole number on the scale (SCORE_NOT_INTEGER,
    SCORE_OUT_OF_RANGE), and the quarter score is their mean at two places. With
    ``single``: the sheet has exactly one score, under ``SINGLE_SCORE``, and it is the
    quarter score. An unverified aggregation or scale is named in ``unverified``.
    """
    wanted = _wanted_keys(rules)
    if not wanted:
        raise DomainError(ErrorCode.NO_SCORES, {"period": ""}, rules.parameters.cite)
    for key in scores_by_parameter:
        if key not in wanted:
            raise DomainError(
                ErrorCode.PARAMETER_UNKNOWN, {"parameter": key}, rules.parameters.cite
            )
    for key in wanted:
        if key not in scores_by_parameter:
            raise DomainError(
                ErrorCode.PARAMETER_MISSING, {"parameter": key}, rules.parameters.cite
            )
    by_parameter = tuple(
        (key, check_score(scores_by_parameter[key], rules.scale)) for key in wanted
    )
    cites, unverified = basis(
        ("ranking.parameters", rules.parameters),
        ("ranking.scale", rules.scale),
        ("ranking.aggregation", rules.aggregation),
    )
    score = mean([Decimal(value) for _, value in by_parameter])
    return RankingScore(score, by_parameter, cites, unverified)


def _wanted_keys(rules: RankingRules) -> tuple[str, ...]:
    if rules.aggregation.value == "single":
        return (SINGLE_SCORE,)
    return tuple(p.code for p in rules.parameters.value)


def check_sheet_scores(
    scores: Mapping[str, object], rules: RankingRules, *, complete: bool
) -> dict[str, int]:
    """R-RANK (004 p31): each given score a whole number on the scale; with ``complete``
    every parameter scored (a draft may leave blanks). Every problem of the row is
    raised at once (``DomainErrors``), each naming its parameter (the pack's
    ``Labelled``, so a page shows its name) and its ``field`` code."""
    labels = {p.code: p for p in rules.parameters.value}
    cite = rules.parameters.cite
    problems: list[DomainError] = [
        DomainError(ErrorCode.PARAMETER_UNKNOWN, {"parameter": key, "field": key}, cite)
        for key in scores
        if key not in _wanted_keys(rules)
    ]
    found: dict[str, int] = {}
    for code in _wanted_keys(rules):
        where: dict[str, object] = {"parameter": labels.get(code, code), "field": code}
        value = scores.get(code)
        if value is None or (isinstance(value, str) and not value.strip()):
            if complete:
                problems.append(
                    DomainError(ErrorCode.PARAMETER_MISSING, where, rules.parameters.cite)
                )
            continue
        try:
            found[code] = check_score(value, rules.scale)  # type: ignore[arg-type]
        except DomainError as err:
            err.params.update(where)
            problems.append(err)
    raise_all(problems)
    return found

"""Collegial decisions: the evaluation commission and calibration sessions.

The commission (Бағалау жөніндегі комиссия) of the 2018 generation (000 p5, 003 p5:
"комиссия мүшелерінің саны 5 адамнан кем болмауы тиіс") and of Atyrau's chapter 6
(001 p56-61: quorum two thirds, open vote, majority, the chair's vote decides a tie,
the secretary does not vote). Calibration sessions (калибрлеу сессиясы, 004 p37-41):
the final score by a majority of the participants.

Votes are open (001 p59), so a vote names its voter. Every check runs over the votes
in a canonical order, so the decision and any refusal never depend on the order in
which votes were entered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite, Cited
from bagalau.domain.methodology import CalibrationRules, CommissionRules, ScoreScale
from bagalau.domain.scoring import basis, quantize


class Role(StrEnum):
    CHAIR = "chair"  # төраға
    MEMBER = "member"  # мүше
    SECRETARY = "secretary"  # хатшы (personnel service, 001 p61)


@dataclass(frozen=True)
class Member:
    id: str
    role: Role = Role.MEMBER


@dataclass(frozen=True, order=True)
class Vote:
    voter: str
    choice: str


def voting_members(members: Sequence[Member], rules: CommissionRules) -> tuple[Member, ...]:
    """The members counted for the size and the quorum.

    The secretary "дауыс беруге қатыспайды" (001 p61) and is a servant of the personnel
    service, not one of the commission's members: where the pack says the secretary
    does not vote, the secretary is counted neither for the minimum size nor for the
    quorum (the acts are silent on this; counting them would let a non-voter make up
    a quorum).
    """
    ids = [m.id for m in members]
    if len(set(ids)) != len(ids):
        raise ValueError("each commission member is listed once")
    return tuple(m for m in members if rules.secretary_votes.value or m.role is not Role.SECRETARY)


@dataclass(frozen=True)
class CommissionDecision:
    choice: str
    tally: tuple[tuple[str, int], ...]
    votes_cast: int
    members: int
    present: int
    casting_vote: bool
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()


def check_composition(members: Sequence[Member], rules: CommissionRules) -> int:
    """000 p5, 003 p5: at least ``min_members`` members (COMMISSION_TOO_SMALL)."""
    count = len(voting_members(members, rules))
    if count < rules.min_members.value:
        raise DomainError(
            ErrorCode.COMMISSION_TOO_SMALL,
            {"count": count, "min": rules.min_members.value},
            rules.min_members.cite,
        )
    return count


def check_quorum(
    members: Sequence[Member], present: Collection[str], rules: CommissionRules
) -> int:
    """001 p57: "құрамының кем дегенде үштен екісі қатысқан жағдайда өкілетті".

    With the pack's fraction num/den the meeting is competent when
    ``present * den >= num * members``; else NO_QUORUM with the number needed. A person
    present who is not a member is VOTER_NOT_MEMBER. Returns the members present.
    """
    counted = {m.id for m in voting_members(members, rules)}
    known = {m.id for m in members}
    for person in sorted(present):
        if person not in known:
            raise DomainError(ErrorCode.VOTER_NOT_MEMBER, {"voter": person}, rules.quorum.cite)
    here = len(counted & set(present))
    num, den = rules.quorum.value
    if here * den < num * len(counted):
        needed = -(-num * len(counted) // den)
        raise DomainError(
            ErrorCode.NO_QUORUM,
            {"present": here, "members": len(counted), "quorum": needed},
            rules.quorum.cite,
        )
    return here


def decide_commission(
    members: Sequence[Member],
    present: Collection[str],
    votes: Sequence[Vote],
    rules: CommissionRules,
) -> CommissionDecision:
    """001 p59-61: open vote, majority, the chair's vote decides a tie, no secretary vote.

    After the size and quorum checks, each vote must come from a member
    (VOTER_NOT_MEMBER), not the secretary (SECRETARY_CANNOT_VOTE), present
    (VOTER_NOT_PRESENT), once (DUPLICATE_VOTE). "Комиссия мүшелерінің көпшілік
    дауысымен" is read as more than half of the votes cast (a member present who does
    not vote abstains). A tie is an even split of the votes between two choices: then
    the chair's choice wins if the pack gives the chair the casting vote and the chair
    voted. Anything else without a majority is NO_MAJORITY.
    """
    size = check_composition(members, rules)
    here = check_quorum(members, present, rules)
    ordered = sorted(votes)
    _check_voters(members, present, ordered, rules)
    tally = Counter(v.choice for v in ordered)
    choice, casting = _winner(tally, members, ordered, rules)
    cites, unverified = basis(
        ("commission.min_members", rules.min_members),
        ("commission.quorum", rules.quorum),
        ("commission.open_vote", rules.open_vote),
        ("commission.secretary_votes", rules.secretary_votes),
        ("commission.chair_casting_vote", rules.chair_casting_vote),
    )
    return CommissionDecision(
        choice, tuple(sorted(tally.items())), len(ordered), size, here, casting, cites, unverified
    )


def _check_voters(
    members: Sequence[Member],
    present: Collection[str],
    votes: Sequence[Vote],
    rules: CommissionRules,
) -> None:
    roles = {m.id: m.role for m in members}
    for vote in votes:
        if vote.voter not in roles:
            raise DomainError(ErrorCode.VOTER_NOT_MEMBER, {"voter": vote.voter}, rules.quorum.cite)
    for vote in votes:
        if roles[vote.voter] is Role.SECRETARY and not rules.secretary_votes.value:
            raise DomainError(
                ErrorCode.SECRETARY_CANNOT_VOTE, {"voter": vote.voter}, rules.secretary_votes.cite
            )
    for vote in votes:
        if vote.voter not in present:
            raise DomainError(ErrorCode.VOTER_NOT_PRESENT, {"voter": vote.voter}, rules.quorum.cite)
    seen = Counter(v.voter for v in votes)
    for voter, times in sorted(seen.items()):
        if times > 1:
            raise DomainError(ErrorCode.DUPLICATE_VOTE, {"voter": voter}, rules.open_vote.cite)


def _winner(
    tally: Counter[str], members: Sequence[Member], votes: Sequence[Vote], rules: CommissionRules
) -> tuple[str, bool]:
    cast = sum(tally.values())
    for choice, count in sorted(tally.items()):
        if 2 * count > cast:
            return choice, False
    chair = next((m.id for m in members if m.role is Role.CHAIR), None)
    chair_vote = next((v.choice for v in votes if v.voter == chair), None)
    tie = len(tally) == 2 and len(set(tally.values())) == 1
    if tie and rules.chair_casting_vote.value and chair_vote is not None:
        return chair_vote, True
    raise DomainError(
        ErrorCode.NO_MAJORITY,
        {"tally": ", ".join(f"{c}: {n}" for c, n in sorted(tally.items()))},
        rules.chair_casting_vote.cite if len(tally) == 2 else rules.open_vote.cite,
    )


# --- calibration sessions ---------------------------------------------------------


@dataclass(frozen=True)
class ScoreVote:
    """A participant's vote for a final score: the evaluator's, or an adjusted one."""

    participant: str
    score: Decimal


@dataclass(frozen=True)
class CalibrationDecision:
    original: Decimal
    final: Decimal
    direction: Literal["up", "down", "unchanged"]
    tally: tuple[tuple[Decimal, int], ...]
    present: int
    cites: tuple[Cite, ...]
    unverified: tuple[str, ...] = ()


def decide_calibration(
    original_score: Decimal,
    votes: Sequence[ScoreVote],
    *,
    participants: Collection[str],
    present: Collection[str],
    rules: CalibrationRules,
    scale: Cited[ScoreScale],
) -> CalibrationDecision:
    """R-CALIB (004 p41): the final score "қатысушыларының басым дауысымен қабылданады".

    Participants (the composition the appointing official approved, p38) vote for
    the evaluator's score or for an adjusted one, "жоғарылау жағынан да, төмендеу
    жағынан да". Scores are taken at two places (the sheet's form) and must lie on
    ``scale`` (SCORE_OUT_OF_RANGE). "Басым дауыс" is read as more than half of the
    participants present (abstaining counts against every score); with
    ``majority_of_participants`` false, more than half of the votes cast. No such
    score: NO_MAJORITY, and the session votes again. A voter outside the composition
    is VOTER_NOT_MEMBER, absent VOTER_NOT_PRESENT, twice DUPLICATE_VOTE.
    """
    original = _on_scale(original_score, scale)
    ordered = sorted(votes, key=lambda v: (v.participant, v.score))
    _check_participants(ordered, participants, present, rules)
    tally = Counter(_on_scale(v.score, scale) for v in ordered)
    base = len(set(present)) if rules.majority_of_participants.value else len(ordered)
    winners = [score for score, count in tally.items() if 2 * count > base]
    if not winners:
        raise DomainError(
            ErrorCode.NO_MAJORITY,
            {"tally": ", ".join(f"{s}: {n}" for s, n in sorted(tally.items())), "present": base},
            rules.majority_of_participants.cite,
        )
    final = winners[0]
    direction: Literal["up", "down", "unchanged"] = (
        "up" if final > original else "down" if final < original else "unchanged"
    )
    cites, unverified = basis(
        ("calibration.majority_of_participants", rules.majority_of_participants),
        ("calibration.adjust_up_or_down", rules.adjust_up_or_down),
        ("scale", scale),
    )
    return CalibrationDecision(
        original, final, direction, tuple(sorted(tally.items())), base, cites, unverified
    )


def _on_scale(score: Decimal, scale: Cited[ScoreScale]) -> Decimal:
    shown = quantize(score)
    if not scale.value.min <= shown <= scale.value.max:
        raise DomainError(
            ErrorCode.SCORE_OUT_OF_RANGE,
            {"value": shown, "min": scale.value.min, "max": scale.value.max},
            scale.cite,
        )
    return shown


def _check_participants(
    votes: Sequence[ScoreVote],
    participants: Collection[str],
    present: Collection[str],
    rules: CalibrationRules,
) -> None:
    cite = rules.majority_of_participants.cite
    for person in sorted({*present, *(v.participant for v in votes)}):
        if person not in participants:
            raise DomainError(ErrorCode.VOTER_NOT_MEMBER, {"voter": person}, cite)
    for vote in votes:
        if vote.participant not in present:
            raise DomainError(ErrorCode.VOTER_NOT_PRESENT, {"voter": vote.participant}, cite)
    seen: Mapping[str, int] = Counter(v.participant for v in votes)
    for person, times in sorted(seen.items()):
        if times > 1:
            raise DomainError(ErrorCode.DUPLICATE_VOTE, {"voter": person}, cite)

"""The commission (000 p5, 003 p5; 001 p57-61) and calibration sessions (R-CALIB, 004 p41)."""

from __future__ import annotations

from decimal import Decimal
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.domain.collegial import (
    CalibrationDecision,
    Member,
    Role,
    ScoreVote,
    Vote,
    check_composition,
    check_quorum,
    decide_calibration,
    decide_commission,
)
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite
from tests.domain.conftest import calibration_rules, commission_rules, scale

D = Decimal


def commission(size: int = 5) -> list[Member]:
    """A chair, ``size - 1`` members and the secretary from the personnel service."""
    people = [Member("chair", Role.CHAIR)]
    people += [Member(f"m{i}") for i in range(1, size)]
    return [*people, Member("secretary", Role.SECRETARY)]


def ids(members: list[Member]) -> set[str]:
    return {m.id for m in members if m.role is not Role.SECRETARY}


# 000 p5: "комиссия мүшелерінің саны 5 адамнан кем болмауы тиіс"
def test_at_least_five_members_the_secretary_not_counted() -> None:
    assert check_composition(commission(5), commission_rules()) == 5
    with pytest.raises(DomainError) as err:
        check_composition(commission(4), commission_rules())  # 4 + the secretary
    assert err.value.code is ErrorCode.COMMISSION_TOO_SMALL
    assert err.value.params == {"count": 4, "min": 5}
    assert err.value.cite == Cite("aktau-02-02-431", "5")


# 001 p57: "құрамының кем дегенде үштен екісі қатысқан жағдайда өкілетті"
@pytest.mark.parametrize(
    ("size", "present", "ok", "needed"),
    [
        (5, 4, True, 4),
        (5, 3, False, 4),
        (6, 4, True, 4),
        (6, 3, False, 4),
        (9, 6, True, 6),
        (9, 5, False, 6),
    ],
)
def test_quorum_two_thirds(size: int, present: int, ok: bool, needed: int) -> None:
    members = commission(size)
    here = {m.id for m in members[:present]} | {"secretary"}  # the secretary adds nothing
    if ok:
        assert check_quorum(members, here, commission_rules()) == present
        return
    with pytest.raises(DomainError) as err:
        check_quorum(members, here, commission_rules())
    assert err.value.code is ErrorCode.NO_QUORUM
    assert err.value.params == {"present": present, "members": size, "quorum": needed}
    assert err.value.cite == Cite("atyrau-105", "57")


def test_a_stranger_present_is_not_a_member() -> None:
    with pytest.raises(DomainError) as err:
        check_quorum(commission(), ids(commission()) | {"guest"}, commission_rules())
    assert err.value.code is ErrorCode.VOTER_NOT_MEMBER


# 001 p59-60: open vote, majority; "Дауыс саны тең болған жағдайда ... төрағасының дауысы
# шешуші болып табылады"
def test_majority_of_votes_cast_decides() -> None:
    votes = [
        Vote("chair", "revise"),
        Vote("m1", "approve"),
        Vote("m2", "approve"),
        Vote("m3", "approve"),
    ]
    decision = decide_commission(commission(), ids(commission()), votes, commission_rules())
    assert decision.choice == "approve"
    assert decision.tally == (("approve", 3), ("revise", 1))
    assert (decision.votes_cast, decision.members, decision.present) == (4, 5, 5)
    assert not decision.casting_vote
    assert Cite("atyrau-105", "60") in decision.cites


def test_a_tie_is_decided_by_the_chair() -> None:
    votes = [
        Vote("chair", "revise"),
        Vote("m1", "revise"),
        Vote("m2", "approve"),
        Vote("m3", "approve"),
    ]
    decision = decide_commission(commission(), ids(commission()), votes, commission_rules())
    assert decision.choice == "revise"
    assert decision.casting_vote


@pytest.mark.parametrize(
    ("votes", "casting"),
    [
        # the chair abstains: nobody breaks the tie
        ([Vote("m1", "a"), Vote("m2", "a"), Vote("m3", "b"), Vote("m4", "b")], True),
        # the pack gives no casting vote
        ([Vote("chair", "a"), Vote("m1", "a"), Vote("m2", "b"), Vote("m3", "b")], False),
        # three choices, none with more than half
        ([Vote("chair", "a"), Vote("m1", "a"), Vote("m2", "b"), Vote("m3", "c")], True),
        ([], True),
    ],
)
def test_no_majority(votes: list[Vote], casting: bool) -> None:
    with pytest.raises(DomainError) as err:
        decide_commission(commission(), ids(commission()), votes, commission_rules(casting=casting))
    assert err.value.code is ErrorCode.NO_MAJORITY


# 001 p61: "Комиссияның хатшысы дауыс беруге қатыспайды"
@pytest.mark.parametrize(
    ("extra", "code"),
    [
        (Vote("secretary", "approve"), ErrorCode.SECRETARY_CANNOT_VOTE),
        (Vote("guest", "approve"), ErrorCode.VOTER_NOT_MEMBER),
        (Vote("m4", "approve"), ErrorCode.VOTER_NOT_PRESENT),
        (Vote("m1", "revise"), ErrorCode.DUPLICATE_VOTE),
    ],
)
def test_refused_votes(extra: Vote, code: ErrorCode) -> None:
    present = ids(commission()) - {"m4"} | {"secretary"}
    votes = [Vote("chair", "approve"), Vote("m1", "approve"), extra]
    with pytest.raises(DomainError) as err:
        decide_commission(commission(), present, votes, commission_rules())
    assert err.value.code is code


members_votes = st.lists(
    st.tuples(st.sampled_from(["chair", "m1", "m2", "m3", "m4"]), st.sampled_from(["a", "b"])),
    unique_by=lambda pair: pair[0],
)


@given(members_votes, st.randoms())
def test_the_decision_never_depends_on_the_order_of_votes(
    pairs: list[tuple[str, str]], rnd: Random
) -> None:
    votes = [Vote(voter, choice) for voter, choice in pairs]
    shuffled = list(votes)
    rnd.shuffle(shuffled)
    outcomes: list[object] = []
    for order in (votes, shuffled):
        try:
            outcomes.append(
                decide_commission(commission(), ids(commission()), order, commission_rules())
            )
        except DomainError as err:
            outcomes.append(err.code)
    assert outcomes[0] == outcomes[1]


@given(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=5), st.randoms())
def test_refusals_do_not_depend_on_vote_order_either(choices: list[str], rnd: Random) -> None:
    voters = ["chair", "m1", "secretary", "guest", "m1"][: len(choices)]
    votes = [Vote(v, c) for v, c in zip(voters, choices, strict=True)]
    shuffled = list(votes)
    rnd.shuffle(shuffled)
    results: list[object] = []
    for order in (votes, shuffled):
        try:
            results.append(
                decide_commission(
                    commission(), ids(commission()) | {"secretary"}, order, commission_rules()
                )
            )
        except DomainError as err:
            results.append((err.code, err.params))
    assert results[0] == results[1]


# R-CALIB (004 p41): "Бағалауды түзетулер жоғарылау жағынан да, төмендеу жағынан да енгізілуі
# мүмкін. Қорытынды баға калибрлеу сессиясы қатысушыларының басым дауысымен қабылданады"
PARTICIPANTS = ("p1", "p2", "p3", "p4", "p5")


def calibrate(
    scores: list[str],
    present: tuple[str, ...] = PARTICIPANTS,
    *,
    majority_of_participants: bool = True,
    original: str = "3.50",
) -> CalibrationDecision:
    votes = [ScoreVote(p, D(s)) for p, s in zip(present, scores, strict=False)]
    return decide_calibration(
        D(original),
        votes,
        participants=PARTICIPANTS,
        present=present,
        rules=calibration_rules(majority_of_participants),
        scale=scale(),
    )


@pytest.mark.parametrize(
    ("scores", "final", "direction"),
    [
        (["4", "4", "4", "3.5", "3.5"], "4.00", "up"),
        (["3.5", "3.5", "3.5", "4", "2"], "3.50", "unchanged"),
        (["3", "3", "3", "3", "3.5"], "3.00", "down"),
        (["3.004", "3", "3"], "3.00", "down"),  # taken at two places
    ],
)
def test_the_final_score_has_a_majority_of_participants(
    scores: list[str], final: str, direction: str
) -> None:
    decision = calibrate(scores)
    assert decision.final == D(final)
    assert decision.direction == direction
    assert decision.present == 5
    assert Cite("shakhtinsk-278-5", "41") in decision.cites


@pytest.mark.parametrize(
    "scores",
    [
        ["4", "4", "3.5", "3.5", "3"],  # 2-2-1
        ["4", "4"],  # 2 of 5 present: abstentions count against every score
        ["4", "4", "3.5"],  # a majority of the votes cast, not of the participants
    ],
)
def test_without_a_majority_the_session_votes_again(scores: list[str]) -> None:
    with pytest.raises(DomainError) as err:
        calibrate(scores)
    assert err.value.code is ErrorCode.NO_MAJORITY
    assert err.value.cite == Cite("shakhtinsk-278-5", "41")


def test_majority_of_votes_cast_when_the_pack_says_so() -> None:
    assert calibrate(["4", "4", "3.5"], majority_of_participants=False).final == D(4)


def test_a_majority_of_those_present() -> None:
    decision = calibrate(["2.5", "2.5"], present=("p1", "p2", "p3"))
    assert decision.final == D("2.50")
    assert decision.present == 3


@pytest.mark.parametrize(
    ("votes", "present", "code"),
    [
        ([ScoreVote("x", D(4))], PARTICIPANTS, ErrorCode.VOTER_NOT_MEMBER),
        ([ScoreVote("p5", D(4))], PARTICIPANTS[:4], ErrorCode.VOTER_NOT_PRESENT),
        ([ScoreVote("p1", D(4)), ScoreVote("p1", D(3))], PARTICIPANTS, ErrorCode.DUPLICATE_VOTE),
        ([ScoreVote("p1", D("5.01"))], PARTICIPANTS, ErrorCode.SCORE_OUT_OF_RANGE),
        ([ScoreVote("p1", D(-1))], PARTICIPANTS, ErrorCode.SCORE_OUT_OF_RANGE),
    ],
)
def test_refused_calibration_votes(
    votes: list[ScoreVote], present: tuple[str, ...], code: ErrorCode
) -> None:
    with pytest.raises(DomainError) as err:
        decide_calibration(
            D(3),
            votes,
            participants=PARTICIPANTS,
            present=present,
            rules=calibration_rules(),
            scale=scale(),
        )
    assert err.value.code is code


@given(
    st.lists(st.sampled_from(["2", "3.5", "4", "5"]), min_size=5, max_size=5),
    st.permutations(range(5)),
)
def test_calibration_ignores_vote_order(scores: list[str], order: list[int]) -> None:
    votes = [ScoreVote(p, D(s)) for p, s in zip(PARTICIPANTS, scores, strict=True)]
    shuffled = [votes[i] for i in order]
    results: list[object] = []
    for given_votes in (votes, shuffled):
        try:
            results.append(
                decide_calibration(
                    D(3),
                    given_votes,
                    participants=PARTICIPANTS,
                    present=PARTICIPANTS,
                    rules=calibration_rules(),
                    scale=scale(),
                )
            )
        except DomainError as err:
            results.append(err.code)
    assert results[0] == results[1]

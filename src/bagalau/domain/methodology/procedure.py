"""Who does what in the procedure: the evaluation commission, calibration sessions and
the duties of the roles, as packs hold them (part of the schema, see ``schema``).

Values a later commission or calibration feature will use are held now, each with its
citation; a role is named by a code the loader knows (``validate.PROCEDURE_ROLES``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bagalau.domain.law import Cited, Text
from bagalau.domain.methodology.values import Labelled


@dataclass(frozen=True)
class CommissionRules:
    """The evaluation commission (000 p5, 003 p5; 001 ch. 6)."""

    min_members: Cited[int]
    quorum: Cited[tuple[int, int]]  # a fraction: (2, 3) is two thirds
    open_vote: Cited[bool]
    chair_casting_vote: Cited[bool]
    secretary_votes: Cited[bool]
    working_body: Cited[Text] | None = None  # 000 p5: the HR service
    decisions: Cited[tuple[Labelled, ...]] | None = None  # 001 p64: what it may decide
    meeting_arranged_by: Cited[Labelled] | None = None
    """001 p62: the role that sees the meeting held ("Персоналды басқару қызметі ...
    Комиссия отырысының өткізілуін қамтамасыз етеді")."""
    meeting_dates_agreed_with: Cited[Labelled] | None = None
    """001 p62: whose agreement sets the meeting's dates ("Комиссия төрағасымен
    келісілген мерзімдерге")."""
    meeting_documents: Cited[tuple[Labelled, ...]] | None = None
    """001 p63: what is put before the meeting (the completed evaluation sheets, the
    draft protocol of appendix 11)."""
    results_approved_by: Cited[Labelled] | None = None
    """001 p66: who approves the evaluation results ("Бағалаудың нәтижелері уәкілетті
    тұлғамен бекітіледі")."""
    results_recorded_in: Cited[Labelled] | None = None
    """001 p66: the record the approved results are entered in ("хаттамада
    тіркеледі")."""


@dataclass(frozen=True)
class CalibrationRules:
    """R-CALIB (004 p37-42): decision by a majority of the participants."""

    majority_of_participants: Cited[bool]
    adjust_up_or_down: Cited[bool]
    feedback_topics: Cited[tuple[Labelled, ...]]
    members_approved_by: Cited[Labelled] | None = None
    """004 p38: who approves the session's members, deciding within three working days
    whether to hold it ("... лауазымды тұлға ... калибрлеу сессиясын өткізу туралы шешім
    қабылдайды және ... оның құрамын бекітеді")."""


@dataclass(frozen=True)
class Duties:
    """R-DUTIES (004 p17-19): what each role of the procedure ensures, in the act's
    order ("... келесілерді қамтамасыз етеді")."""

    evaluator: Cited[tuple[Labelled, ...]]
    """004 p17: the evaluator (бағалаушы тұлға)."""
    evaluated: Cited[tuple[Labelled, ...]]
    """004 p18: the evaluated person (бағаланатын тұлға)."""
    authorized_person: Cited[tuple[Labelled, ...]]
    """004 p19: the authorized person (уәкілетті тұлға), who runs the evaluation."""

"""The next step owed on one person's evaluation: what, by whom, by when, and how late.

The steps follow the procedure's order: the KPI plan (R-KPI-PLAN, 004 p22; 001 p44-47:
the evaluator drafts, HR agrees, the superior manager approves, HR places it), the KPI
sheet (004 p22: HR sends the actual values; 001 p50-54: the evaluator scores, the
superior manager agrees or returns it), the ranking sheet (R-RANK, 004 p28-32), the
approval of the result, and familiarization (R-FAMILIARIZE, 004 p11). Each step is
due by a deadline of the pack (``deadlines.cycle_deadlines``); a pack that sets none
for a step leaves it without a date, never with an invented one.

Input states are the plain values the cycle's tables keep ("draft", "placed", ...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bagalau.domain.calendar import WorkCalendar
from bagalau.domain.deadlines import Deadline
from bagalau.domain.methodology import Method


class Owner(StrEnum):
    """Who owes a step (004 p2: бағалаушы тұлға, жоғары тұрған басшы, персоналды
    басқару қызметі, лауазымға тағайындау құқығы бар лауазымды тұлға)."""

    EVALUATOR = "evaluator"
    SUPERIOR_MANAGER = "superior_manager"
    HR = "hr"
    APPOINTING_OFFICIAL = "appointing_official"
    EMPLOYEE = "employee"


class Step(StrEnum):
    DRAFT_KPI_PLAN = "draft_kpi_plan"
    AGREE_KPI_PLAN = "agree_kpi_plan"
    APPROVE_KPI_PLAN = "approve_kpi_plan"
    PLACE_KPI_PLAN = "place_kpi_plan"
    OPEN_KPI_SHEET = "open_kpi_sheet"
    ENTER_KPI_ACTUALS = "enter_kpi_actuals"
    SCORE_KPI = "score_kpi"
    REVIEW_KPI_SHEET = "review_kpi_sheet"
    SCORE_RANKING = "score_ranking"
    REVIEW_RANKING = "review_ranking"
    APPROVE_RESULT = "approve_result"
    FAMILIARIZE = "familiarize"
    NONE = "none"  # every step is done


class Status(StrEnum):
    DONE = "done"
    PENDING = "pending"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


# Who owes each step, and the deadlines it is due by, first match wins. A name is a
# rule id or the event a rule ``marks`` ("evaluation_completed": the evaluation
# deadline of R-PERIODS, 004 p4).
_EVALUATION = ("evaluation_completed",)
# A person appointed after the period start has 10 working days from the appointment
# (004 p22); that rule is computed only when the caller passes the appointment event.
_PLAN = ("count_kpi_plan", "kpi_plan_after_appointment", "kpi_plan")
STEPS: dict[Step, tuple[Owner, tuple[str, ...]]] = {
    Step.DRAFT_KPI_PLAN: (Owner.EVALUATOR, _PLAN),
    Step.AGREE_KPI_PLAN: (Owner.HR, _PLAN),
    Step.APPROVE_KPI_PLAN: (Owner.SUPERIOR_MANAGER, _PLAN),
    Step.PLACE_KPI_PLAN: (Owner.HR, ("kpi_plan_placed",)),
    Step.OPEN_KPI_SHEET: (Owner.HR, _EVALUATION),
    Step.ENTER_KPI_ACTUALS: (Owner.HR, ("kpi_actuals",)),
    Step.SCORE_KPI: (Owner.EVALUATOR, _EVALUATION),
    Step.REVIEW_KPI_SHEET: (Owner.SUPERIOR_MANAGER, _EVALUATION),
    Step.SCORE_RANKING: (Owner.EVALUATOR, _EVALUATION),
    # The app gives the review of a team's sheet to APPROVE_RESULT (see permissions).
    Step.REVIEW_RANKING: (Owner.APPOINTING_OFFICIAL, _EVALUATION),
    Step.APPROVE_RESULT: (Owner.APPOINTING_OFFICIAL, _EVALUATION),
    Step.FAMILIARIZE: (Owner.EMPLOYEE, ("count_kpi_familiarization", "familiarized")),
}

_RESULT_ORDER = ("draft", "returned", "submitted", "approved")


@dataclass(frozen=True)
class ProgressFacts:
    """Where one participation stands: the states of its objects, None when absent.

    ``result`` is the least advanced state among its results; ``familiarized`` is
    true when every approved result has a familiarization record; ``absent`` marks
    a person evaluated without participation, whom HR notifies (001 p11).
    """

    methods: frozenset[Method]
    kpi_plan: str | None = None
    kpi_sheet: str | None = None
    kpi_actuals_entered: bool = False
    ranking_sheet: str | None = None
    result: str | None = None
    familiarized: bool = False
    absent: bool = False


@dataclass(frozen=True)
class Progress:
    step: Step
    owner: Owner | None
    deadline: Deadline | None
    status: Status
    overdue_days: int = 0

    @property
    def due(self) -> date | None:
        return self.deadline.due if self.deadline else None


def least_advanced(states: Sequence[str]) -> str | None:
    """The state of a set of results that is furthest from approval."""
    known = [s for s in states if s in _RESULT_ORDER]
    return min(known, key=_RESULT_ORDER.index) if known else None


def next_step(facts: ProgressFacts) -> Step:
    """The first step of the procedure not yet done."""
    methods = facts.methods
    if Method.KPI in methods or Method.COUNT_KPI in methods:
        step = _kpi_step(facts, count_based=Method.COUNT_KPI in methods)
        if step is not None:
            return step
    if Method.RANKING in methods and facts.ranking_sheet != "approved":
        return Step.REVIEW_RANKING if facts.ranking_sheet == "submitted" else Step.SCORE_RANKING
    if facts.result != "approved":
        return Step.APPROVE_RESULT
    return Step.NONE if facts.familiarized else Step.FAMILIARIZE


def _kpi_step(facts: ProgressFacts, *, count_based: bool) -> Step | None:
    plan = {
        None: Step.DRAFT_KPI_PLAN,
        "draft": Step.AGREE_KPI_PLAN,
        "agreed": Step.APPROVE_KPI_PLAN,
        "approved": Step.PLACE_KPI_PLAN,
    }
    if facts.kpi_plan in plan:
        return plan[facts.kpi_plan]
    sheet = facts.kpi_sheet
    if sheet == "approved":
        return None
    if sheet == "submitted":
        return Step.REVIEW_KPI_SHEET
    if count_based:
        return Step.OPEN_KPI_SHEET if sheet is None else Step.SCORE_KPI
    if sheet is None or not facts.kpi_actuals_entered:
        return Step.ENTER_KPI_ACTUALS
    return Step.SCORE_KPI


def deadline_for(step: Step, deadlines: Sequence[Deadline]) -> Deadline | None:
    """The pack's deadline for ``step``: by rule id, else by the event a rule marks."""
    if step is Step.NONE:
        return None
    for name in STEPS[step][1]:
        for deadline in deadlines:
            if name in (deadline.id, deadline.rule.marks):
                return deadline
    return None


def owner_of(step: Step, facts: ProgressFacts) -> Owner | None:
    if step is Step.NONE:
        return None
    if step is Step.FAMILIARIZE and facts.absent:
        return Owner.HR
    return STEPS[step][0]


def progress(
    facts: ProgressFacts,
    deadlines: Sequence[Deadline],
    *,
    today: date,
    soon: int,
    calendar: WorkCalendar,
) -> Progress:
    """The next step, its owner and deadline, and its status on ``today``.

    Overdue when ``today`` is after the due date; due soon when at most ``soon``
    working days remain (``soon`` >= 0); pending otherwise, or when no deadline is set.
    """
    if soon < 0:
        raise ValueError("soon must be zero or more working days")
    step = next_step(facts)
    owner = owner_of(step, facts)
    if step is Step.NONE:
        return Progress(step, owner, None, Status.DONE)
    deadline = deadline_for(step, deadlines)
    if deadline is None:
        return Progress(step, owner, None, Status.PENDING)
    if today > deadline.due:
        return Progress(step, owner, deadline, Status.OVERDUE, (today - deadline.due).days)
    if calendar.working_days_between(today, deadline.due) <= soon:
        return Progress(step, owner, deadline, Status.DUE_SOON)
    return Progress(step, owner, deadline, Status.PENDING)

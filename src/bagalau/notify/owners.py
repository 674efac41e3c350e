"""Who owes the step on each evaluation, and where it is taken: one resolution shared by
the reminders, the notices told on a hand-over and the start page's worklist, so a
notice goes to exactly the person whose worklist shows the step."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from django.urls import reverse

from bagalau.cycles.models import EvaluationPeriod
from bagalau.domain.calendar import Period
from bagalau.domain.progress import Owner, Step
from bagalau.notify import selectors

# Steps on a whole team's sheet: one notice (one worklist line) per team, not per person.
TEAM_STEPS = frozenset({Step.SCORE_RANKING, Step.REVIEW_RANKING})
PLAN_STEPS = frozenset(
    {Step.DRAFT_KPI_PLAN, Step.AGREE_KPI_PLAN, Step.APPROVE_KPI_PLAN, Step.PLACE_KPI_PLAN}
)
SHEET_STEPS = frozenset(
    {Step.OPEN_KPI_SHEET, Step.ENTER_KPI_ACTUALS, Step.SCORE_KPI, Step.REVIEW_KPI_SHEET}
)
# Owners that are a body's role rather than a person of the structure.
ROLE_OWNERS = frozenset({Owner.HR, Owner.APPOINTING_OFFICIAL})


def step_url(row: selectors.ProgressRow) -> str:
    """The page where the step owed on ``row`` is taken."""
    part, step = row.participation, row.progress.step
    if step in PLAN_STEPS:
        return reverse("cycles:kpi_plan", args=[part.pk])
    if step in SHEET_STEPS:
        return reverse("cycles:kpi_sheet", args=[part.pk])
    if step is Step.REVIEW_RANKING and row.ranking_sheet_id is not None:
        return reverse("cycles:ranking_review", args=[row.ranking_sheet_id])
    if step in TEAM_STEPS and part.evaluator_id is not None:
        return reverse("cycles:ranking_team", args=[part.period_id, part.evaluator_id])
    return reverse("cycles:result", args=[part.pk])


def subject_of(row: selectors.ProgressRow) -> str:
    """What the step is taken on: a team's sheet ("t<period>-<evaluator>") or one
    person's evaluation ("p<participation>")."""
    part = row.participation
    if row.progress.step in TEAM_STEPS:
        return f"t{part.period_id}-{part.evaluator_id}"
    return f"p{part.pk}"


class StepOwners:
    """Users owing each step, resolved for all rows at once (R-SCALE): a fixed number of
    queries (the body roles, and the superior managers per distinct last day)."""

    def __init__(
        self, rows: Sequence[selectors.ProgressRow], periods: Sequence[EvaluationPeriod]
    ) -> None:
        self.roles = selectors.role_users({p.body_id for p in periods})
        by_day: dict[date, set[int]] = defaultdict(set)
        for row in rows:
            part = row.participation
            if row.progress.owner is Owner.SUPERIOR_MANAGER and part.evaluator_id is not None:
                by_day[Period(part.period.year, part.period.quarter).end].add(part.evaluator_id)
        # Read on the period's last day, as the evaluator was recorded (access).
        self.superiors = {
            (day, evaluator): superior
            for day, ids in by_day.items()
            for evaluator, superior in selectors.superiors_of(ids, day).items()
        }

    def of(self, row: selectors.ProgressRow) -> list[int]:
        part, owner = row.participation, row.progress.owner
        if owner is Owner.EVALUATOR:
            return _user(part.evaluator.user_id if part.evaluator else None)
        if owner is Owner.EMPLOYEE:
            return _user(part.employee.user_id)
        if owner is Owner.SUPERIOR_MANAGER:
            day = Period(part.period.year, part.period.quarter).end
            superior = self.superiors.get((day, part.evaluator_id or 0))
            return _user(superior.user_id if superior else None)
        if owner in ROLE_OWNERS:
            return self.roles.get((part.period.body_id, str(owner)), [])
        return []


def _user(user_id: int | None) -> list[int]:
    return [user_id] if user_id is not None else []

"""What each demo login can try: the steps waiting for its user, read from the data.

The steps are the ones the dashboard and the reminders show, decided by
``bagalau.domain.progress`` over the demo bodies' periods (``notify.selectors``), and
given to the user who owes them: the evaluator, the superior manager, HR or the
appointing official of the body, or the person evaluated. So the printed list says
what is waiting on the day the demo was built, and cannot drift from the data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bagalau.accounts.models import Role
from bagalau.core import clock
from bagalau.cycles.models import EvaluationPeriod
from bagalau.domain.calendar import Period
from bagalau.domain.methodology import FamiliarizationMode
from bagalau.domain.progress import Owner, Status, Step
from bagalau.notify.selectors import ProgressRow, progress_rows, role_users, superiors_of
from bagalau.orgs.models import Employee, StateBody
from bagalau.packs import registry

SOON_DAYS = 3
SHOWN = 2  # lines printed per login; the home page lists the rest

# The steps of one person's evaluation, in English for the console: {name} is the
# person evaluated, {period} the period's code.
ONE_PERSON = {
    Step.DRAFT_KPI_PLAN: "draft {name}'s KPI plan for {period}",
    Step.AGREE_KPI_PLAN: "agree {name}'s KPI plan for {period}",
    Step.APPROVE_KPI_PLAN: "approve {name}'s KPI plan for {period}",
    Step.PLACE_KPI_PLAN: "place {name}'s approved KPI plan for {period}",
    Step.OPEN_KPI_SHEET: "open {name}'s KPI sheet for {period}",
    Step.ENTER_KPI_ACTUALS: "enter {name}'s actual KPI values for {period}",
    Step.SCORE_KPI: "score {name}'s KPIs for {period}",
    Step.REVIEW_KPI_SHEET: "agree {name}'s KPI sheet for {period}",
    Step.APPROVE_RESULT: "approve {name}'s result for {period}",
}


@dataclass(frozen=True, order=True)
class Waiting:
    """One line of what a user can try, in the order printed: work for others before
    one's own evaluation, open periods before closed ones, the latest first, then
    overdue first."""

    own: bool
    closed: bool
    latest: int  # minus the period's year and quarter
    on_time: bool
    text: str


def waiting_by_user(bodies: Iterable[StateBody]) -> dict[int, list[str]]:
    """User id -> the lines of what is waiting for them, most pressing first, each once."""
    periods = list(EvaluationPeriod.objects.filter(body__in=list(bodies)).select_related("body"))
    rows = progress_rows(periods, today=clock.today(), soon=SOON_DAYS)
    found: dict[int, set[Waiting]] = defaultdict(set)
    owners = _Owners(rows)
    teams: dict[tuple[int, int], list[ProgressRow]] = defaultdict(list)
    written: dict[tuple[int, str], list[ProgressRow]] = defaultdict(list)
    for row in rows:
        step, part = row.progress.step, row.participation
        if step is Step.SCORE_RANKING:
            teams[(part.period_id, part.evaluator_id or 0)].append(row)
            continue
        if step is Step.FAMILIARIZE and row.progress.owner is Owner.EMPLOYEE and _written(row):
            # 000 p41, 003 p40: signed on paper, so HR records it (or the refusal act)
            written[(part.period.body_id, _code(row))].append(row)
        if step is Step.REVIEW_RANKING and part.evaluator and part.evaluator.user_id:
            text = f"read your team's sheet for {_code(row)}, submitted for approval"
            found[part.evaluator.user_id].add(_waiting(row, text, own=True))
        text = _line(row)
        for user_id in owners.of(row) if text else []:
            found[user_id].add(_waiting(row, text, own=row.progress.owner is Owner.EMPLOYEE))
    for team in teams.values():
        text = f"score your team of {len(team)} ({_department(team)}) for {_code(team[0])}"
        for user_id in owners.of(team[0]):
            found[user_id].add(_waiting(team[0], text))
    for (body, _period), signed in sorted(written.items()):
        text = (
            f"record the signed familiarization of {len(signed)} people with {_code(signed[0])}, "
            "or a refusal with two witnesses, and print the act"
        )
        for user_id in owners.roles.get((body, Role.HR), []):
            found[user_id].add(_waiting(signed[0], text))
    return {user: [w.text for w in sorted(lines)][:SHOWN] for user, lines in found.items()}


def _waiting(row: ProgressRow, text: str, *, own: bool = False) -> Waiting:
    period = row.participation.period
    late = row.progress.status is Status.OVERDUE
    latest = -(period.year * 10 + period.quarter)
    return Waiting(own, period.status == "closed", latest, not late, text)


def _code(row: ProgressRow) -> str:
    return row.participation.period.code


def _name(person: Employee) -> str:
    return f"{person.first_name_ru} {person.last_name_ru}"


def _department(team: list[ProgressRow]) -> str:
    codes = sorted(
        {
            r.participation.position.department.code
            for r in team
            if r.participation.position.department
        }
    )
    return ", ".join(codes) or "no department"


def _written(row: ProgressRow) -> bool:
    rules = registry().pack(row.participation.period.pack_id).rules.familiarization
    return rules is not None and rules.mode.value is FamiliarizationMode.WRITTEN


def _line(row: ProgressRow) -> str:
    part, step = row.participation, row.progress.step
    period = part.period.code
    if step is Step.REVIEW_RANKING:
        evaluator = _name(part.evaluator) if part.evaluator else "an evaluator"
        return f"approve the ranking sheet of {evaluator}'s team for {period}"
    if step is Step.FAMILIARIZE and row.progress.owner is Owner.HR:
        return f"record that {_name(part.employee)}, absent, was told of the result for {period}"
    if step is Step.FAMILIARIZE and _written(row):
        return f"read your result for {period}; you sign it on paper with HR"
    if step is Step.FAMILIARIZE:
        return f"acknowledge your result for {period}"
    template = ONE_PERSON.get(step)
    return template.format(name=_name(part.employee), period=period) if template else ""


class _Owners:
    """Who owes each row's step: users, read in a fixed number of queries."""

    def __init__(self, rows: list[ProgressRow]) -> None:
        self.roles = role_users({r.participation.period.body_id for r in rows})
        evaluators: dict[Period, set[int]] = defaultdict(set)
        for row in rows:
            if row.progress.owner is Owner.SUPERIOR_MANAGER and row.participation.evaluator_id:
                evaluators[self._span(row)].add(row.participation.evaluator_id)
        self.superiors = {
            (span, evaluator): person.user_id
            for span, ids in evaluators.items()
            for evaluator, person in superiors_of(ids, span.end).items()
        }

    @staticmethod
    def _span(row: ProgressRow) -> Period:
        period = row.participation.period
        return Period(period.year, period.quarter)

    def of(self, row: ProgressRow) -> list[int]:
        part, owner = row.participation, row.progress.owner
        body = part.period.body_id
        if owner is Owner.EVALUATOR:
            return [part.evaluator.user_id] if part.evaluator and part.evaluator.user_id else []
        if owner is Owner.EMPLOYEE:
            return [part.employee.user_id] if part.employee.user_id else []
        if owner is Owner.SUPERIOR_MANAGER:
            found = self.superiors.get((self._span(row), part.evaluator_id or 0))
            return [found] if found else []
        if owner is Owner.HR:
            return self.roles.get((body, Role.HR), [])
        if owner is Owner.APPOINTING_OFFICIAL:
            return self.roles.get((body, Role.APPOINTING_OFFICIAL), [])
        return []

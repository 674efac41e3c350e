"""Reads for familiarization (R-FAMILIARIZE) and the application against a result
(R-DISAGREE): the panel on the result page, HR's list per period, the refusal act.

The refusal act shows a result, so it is fetched only through ``access_refusal`` (the
result's own permission, R-CONFIDENTIAL, and the view is logged)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404

from bagalau.access import Action, UserLike, can, require
from bagalau.audit.models import AuditAction
from bagalau.audit.services import build_record, record_many
from bagalau.core import clock
from bagalau.core.calendar import kazakhstan_calendar
from bagalau.core.labels import cite_text, code_label
from bagalau.core.listing import ListQuery
from bagalau.cycles.familiarization.services import completed_on
from bagalau.cycles.models import (
    Disagreement,
    EvaluationPeriod,
    Familiarization,
    Participation,
    Result,
    SheetState,
)
from bagalau.domain import familiarization as rules
from bagalau.domain.calendar import Period, WorkCalendar
from bagalau.domain.deadlines import Deadline
from bagalau.domain.methodology import Pack
from bagalau.orgs.models import Assignment, Employee
from bagalau.orgs.selectors import active_on
from bagalau.packs import registry


@dataclass
class Panel:
    """One approved result's familiarization state, deadlines and what the reader may do."""

    result: Result
    familiarization: Familiarization | None
    deadline: Deadline | None
    written: bool
    may_acknowledge: bool
    disagreement: Disagreement | None
    disagreement_provided: bool
    window: Deadline | None = None
    may_apply: bool = False
    may_record: bool = False  # HR: a link to the period's familiarization list

    @property
    def deadline_cite(self) -> str:
        return cite_text(self.deadline.cite) if self.deadline else ""

    @property
    def window_cite(self) -> str:
        return cite_text(self.window.cite) if self.window else ""


def _deadline(pack: Pack, result: Result, calendar: WorkCalendar) -> Deadline | None:
    period = result.participation.period
    return rules.familiarization_deadline(
        pack, Period(period.year, period.quarter), completed_on(result), calendar
    )


def familiarization_panels(
    user: UserLike, participation: Participation, results: list[Result], *, today: date
) -> list[Panel]:
    """The panel of each approved result on the result page (a fixed number of queries)."""
    approved = [r for r in results if r.state == SheetState.APPROVED]
    if not approved:
        return []
    pack = registry().pack(participation.period.pack_id)
    calendar = kazakhstan_calendar()
    done = {f.result_id: f for f in Familiarization.objects.filter(result__in=approved)}
    applied = {d.result_id: d for d in Disagreement.objects.filter(result__in=approved)}
    may_acknowledge = can(user, Action.ACKNOWLEDGE_RESULT, participation, today=today)
    may_apply = can(user, Action.SUBMIT_DISAGREEMENT, participation, today=today)
    may_record = can(user, Action.RECORD_FAMILIARIZATION, participation, today=today)
    written = rules.is_written(pack.rules.familiarization)
    period = Period(participation.period.year, participation.period.quarter)
    panels = []
    for result in approved:
        result.participation = participation
        found = done.get(result.pk)
        panel = Panel(
            result=result,
            familiarization=found,
            deadline=_deadline(pack, result, calendar),
            written=written,
            may_acknowledge=may_acknowledge and found is None and not written,
            disagreement=applied.get(result.pk),
            disagreement_provided=pack.rules.disagreement is not None,
            may_record=may_record,
        )
        if found is not None and panel.disagreement_provided:
            on = clock.local_day(found.at)
            panel.window = rules.disagreement_deadline(pack, period, on, calendar)
            still_open = panel.window is None or today <= panel.window.due
            panel.may_apply = may_apply and panel.disagreement is None and still_open
        panels.append(panel)
    return panels


# --- HR's list per period -------------------------------------------------------------


@dataclass
class Row:
    result: Result
    familiarization: Familiarization | None
    deadline: Deadline | None
    applied: bool
    name: str
    position: str

    @property
    def method(self) -> str:
        return code_label(self.result.method)

    @property
    def overdue(self) -> bool:
        return self.familiarization is None and rules.is_late(self.deadline, clock.today())


@dataclass
class HrList:
    period: EvaluationPeriod
    pack: Pack
    rows: list[Row]
    channels: tuple[rules.Channel, ...]
    written: bool
    basis: str

    @property
    def awaiting(self) -> int:
        return sum(1 for r in self.rows if r.familiarization is None)


def access_period_for_hr(user: UserLike, period_id: int, *, today: date) -> EvaluationPeriod:
    period = get_object_or_404(EvaluationPeriod.objects.select_related("body"), pk=period_id)
    require(user, Action.RECORD_FAMILIARIZATION, period.body, today=today)
    return period


def hr_list(period: EvaluationPeriod, lang: str, listing: ListQuery | None = None) -> HrList:
    """Every approved result of the period with its familiarization, in two queries;
    searched and sorted by ``listing`` (``familiarization_spec``) when given.

    The scores are not shown here (R-CONFIDENTIAL): HR needs who and when, and each
    result itself is read on its own page, where the view is logged."""
    pack = registry().pack(period.pack_id)
    results = (
        Result.objects.filter(participation__period=period, state=SheetState.APPROVED)
        .select_related("participation__employee", "participation__position", "familiarization")
        .annotate(applied=Exists(Disagreement.objects.filter(result=OuterRef("pk"))))
        .order_by(
            "participation__employee__last_name_ru", "participation__employee__first_name_ru", "pk"
        )
    )
    if listing is not None:
        results = listing.apply(results)
    calendar = kazakhstan_calendar()
    cache: dict[date, Deadline | None] = {}
    rows = []
    for result in results:
        result.participation.period = period
        day = completed_on(result)
        if day not in cache:
            cache[day] = _deadline(pack, result, calendar)
        found = getattr(result, "familiarization", None)
        applied = bool(getattr(result, "applied", False))
        person = result.participation
        rows.append(
            Row(
                result, found, cache[day], applied,
                person.employee.full_name(lang), person.position.title(lang),
            )
        )  # fmt: skip
    fam = pack.rules.familiarization
    basis = ""
    if fam is not None:
        means = fam.absent_means if fam.absent_means and not rules.is_written(fam) else None
        basis = cite_text(means.cite if means else fam.mode.cite)
    return HrList(period, pack, rows, rules.recorded_channels(fam), rules.is_written(fam), basis)


def access_result_for(user: UserLike, action: Action, result_id: int, *, today: date) -> Result:
    """A result to act on: acknowledge, apply against, or record its familiarization."""
    result = get_object_or_404(
        Result.objects.select_related(
            "participation__period__body", "participation__employee", "participation__position"
        ),
        pk=result_id,
    )
    require(user, action, result.participation, today=today)
    return result


def body_staff(body_id: int, day: date, *, exclude: int) -> list[Employee]:
    """Employees holding a position in the body on ``day``: the refusal act's witnesses."""
    ids = Assignment.objects.filter(active_on(day), position__body_id=body_id).values("employee_id")
    return list(
        Employee.objects.filter(pk__in=ids)
        .exclude(pk=exclude)
        .order_by("last_name_ru", "first_name_ru", "pk")
    )


# --- the refusal act --------------------------------------------------------------------


def access_refusal(user: UserLike, result_id: int, *, today: date) -> Familiarization:
    """The refusal act of a result (000 p41, 003 p40), for a user who may see the result;
    the view is logged like a view of the result."""
    familiarization = get_object_or_404(
        Familiarization.objects.select_related(
            "result__participation__period__body",
            "result__participation__employee",
            "result__participation__position",
            "witness_one",
            "witness_two",
            "recorded_by",
        ),
        result_id=result_id,
        refused=True,
    )
    participation = familiarization.result.participation
    require(user, Action.VIEW_RESULT, participation, today=today)
    record_many(
        [
            build_record(
                actor=user, action=AuditAction.VIEW, obj=familiarization.result,
                body_id=participation.period.body_id, note="refusal act",
            )
        ]
    )  # fmt: skip
    return familiarization


def officer_name(familiarization: Familiarization, lang: str) -> str:
    """The HR officer who drew the act up: their employee name, else their login's name."""
    user = familiarization.recorded_by
    if user is None:
        return ""
    employee = Employee.objects.filter(user_id=user.pk).first()
    if employee is not None:
        return employee.full_name(lang)
    return user.get_full_name() or user.get_username()

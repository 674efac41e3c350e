"""Familiarization with an approved result and the application against it.

R-FAMILIARIZE (004 p11; 001 p11, p67-68; 000 p41; 003 p40) and R-DISAGREE (004 p12).
One function per user action: keyword-only, atomic, the result's row locked (and its
version checked where the user acted on a page showing it), audited. The rules are
``bagalau.domain.familiarization``'s; a refused act saves nothing. Who may act is the
caller's to check with ``bagalau.access`` (ACKNOWLEDGE_RESULT and
SUBMIT_DISAGREEMENT: the person alone; RECORD_FAMILIARIZATION: HR of the body).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from bagalau.audit.models import AuditAction
from bagalau.audit.services import record_change, snapshot
from bagalau.core import clock
from bagalau.core.calendar import kazakhstan_calendar
from bagalau.core.locking import lock_for_change
from bagalau.cycles.common import Actor, user_of
from bagalau.cycles.models import (
    Disagreement,
    Familiarization,
    FamiliarizationChannel,
    Result,
    SheetState,
)
from bagalau.domain import familiarization as rules
from bagalau.domain.calendar import Period
from bagalau.domain.deadlines import Deadline
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite
from bagalau.domain.methodology import Pack
from bagalau.orgs.models import Assignment, Employee
from bagalau.orgs.selectors import active_on
from bagalau.packs import registry

NOTE_MAX = 1000
ACT_NUMBER_MAX = 40
APPLICATION_MAX = 5000


def completed_on(result: Result) -> date:
    """Completion (004 p11 "ол аяқталған күннен"): the day the result was approved."""
    return clock.local_day(result.approved_at or result.computed_at)


def pack_and_period(result: Result) -> tuple[Pack, Period]:
    period = result.participation.period
    return registry().pack(period.pack_id), Period(period.year, period.quarter)


def familiarization_due(result: Result) -> Deadline | None:
    pack, period = pack_and_period(result)
    return rules.familiarization_deadline(pack, period, completed_on(result), kazakhstan_calendar())


def _basis(pack: Pack) -> Cite | None:
    """The citation a refusal on an unapproved or finished result names."""
    found = next((d for d in pack.rules.deadlines if d.id == rules.FAMILIARIZATION_RULE), None)
    if found is not None:
        return found.cite
    return pack.rules.familiarization.mode.cite if pack.rules.familiarization else None


def _locked_result(result_id: int, version: int | None) -> tuple[Result, Pack]:
    """The approved result, row-locked, at the version the user saw, not yet familiarized."""
    # Not the period's lock: a result is familiarized with after its period is closed.
    rows = Result.objects.select_related("participation__period")
    result = lock_for_change(rows, result_id, version)
    pack, _period = pack_and_period(result)
    if result.state != SheetState.APPROVED:
        raise DomainError(ErrorCode.RESULT_NOT_FINAL, {}, cite=_basis(pack))
    return result, pack


def _check_not_familiarized(result: Result, pack: Pack) -> None:
    done = Familiarization.objects.filter(result=result).first()
    if done is not None:
        raise DomainError(
            ErrorCode.ALREADY_FAMILIARIZED,
            {"date": clock.local_day(done.at), "channel": done.get_channel_display()},
            cite=_basis(pack),
        )


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _save(actor: Actor, result: Result, familiarization: Familiarization, note: str) -> None:
    familiarization.save()
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        obj=familiarization,
        after=snapshot(familiarization),
        body_id=result.participation.period.body_id,
        note=note,
    )


@transaction.atomic
def do_acknowledge_result(
    *, actor: Actor, result_id: int, version: int, now: datetime | None = None
) -> Familiarization:
    """The employee acknowledges their approved result in the system (004 p11); the time
    is recorded, and whether it is after the familiarization deadline. A second
    acknowledgement is refused (ALREADY_FAMILIARIZED) and changes nothing."""
    moment = now or clock.now()
    result, pack = _locked_result(result_id, version)
    _check_not_familiarized(result, pack)
    rules.check_self_acknowledgement(pack.rules.familiarization)
    deadline = familiarization_due(result)
    familiarization = Familiarization(
        result=result,
        channel=FamiliarizationChannel.SYSTEM,
        at=moment,
        recorded_at=moment,
        recorded_by=user_of(actor),
        due=deadline.due if deadline else None,
        late=rules.is_late(deadline, clock.local_day(moment)),
    )
    _save(actor, result, familiarization, deadline.cite.label() if deadline else "")
    return familiarization


@transaction.atomic
def do_record_familiarization(
    *,
    actor: Actor,
    result_id: int,
    version: int,
    channel: str,
    on: date,
    note: str = "",
    today: date | None = None,
) -> Familiarization:
    """HR records how and when the employee was made acquainted: by a recorded means
    the pack lists for absent employees (001 p11), or by signature where the pack
    requires writing (000 p41, 003 p40). The date lies between approval and today."""
    day = today or clock.today()
    result, pack = _locked_result(result_id, version)
    _check_not_familiarized(result, pack)
    cite = rules.check_recorded_channel(pack, channel)
    rules.check_familiarized_on(on, completed_on=completed_on(result), today=day, cite=cite)
    text = _checked_text(note, NOTE_MAX)
    deadline = familiarization_due(result)
    familiarization = Familiarization(
        result=result,
        channel=channel,
        at=_start_of(on),
        recorded_by=user_of(actor),
        note=text,
        due=deadline.due if deadline else None,
        late=rules.is_late(deadline, on),
    )
    _save(actor, result, familiarization, cite.label())
    return familiarization


def _checked_text(text: str, limit: int) -> str:
    value = text.strip()
    if len(value) > limit:
        raise DomainError(ErrorCode.TEXT_TOO_LONG, {"max": limit, "length": len(value)})
    return value


def _body_staff(body_id: int, employee_ids: Sequence[int], day: date) -> set[int]:
    """Which of ``employee_ids`` hold a position in the body on ``day`` (one query)."""
    rows = Assignment.objects.filter(
        active_on(day), position__body_id=body_id, employee_id__in=list(employee_ids)
    ).values_list("employee_id", flat=True)
    return set(rows)


def _employee_id_of(actor: Actor) -> int | None:
    if not actor.is_authenticated:
        return None
    rows = Employee.objects.filter(user_id=actor.pk).values_list("pk", flat=True)
    return rows.first()


@transaction.atomic
def do_record_refusal(
    *,
    actor: Actor,
    result_id: int,
    version: int,
    witness_ids: Sequence[int],
    on: date,
    act_number: str = "",
    note: str = "",
    today: date | None = None,
) -> Familiarization:
    """000 p41, 003 p40: the employee refused written familiarization; HR draws up the
    act, signed with two other employees of the body as witnesses."""
    day = today or clock.today()
    result, pack = _locked_result(result_id, version)
    _check_not_familiarized(result, pack)
    participation = result.participation
    cite = rules.check_refusal_witnesses(
        pack,
        employee_id=participation.employee_id,
        witness_ids=witness_ids,
        body_staff_ids=_body_staff(participation.period.body_id, witness_ids, on),
        hr_officer_id=_employee_id_of(actor),
    )
    rules.check_familiarized_on(on, completed_on=completed_on(result), today=day, cite=cite)
    number = _checked_text(act_number, ACT_NUMBER_MAX)
    deadline = familiarization_due(result)
    familiarization = Familiarization(
        result=result,
        channel=FamiliarizationChannel.WRITTEN,
        at=_start_of(on),
        recorded_by=user_of(actor),
        note=_checked_text(note, NOTE_MAX),
        due=deadline.due if deadline else None,
        late=rules.is_late(deadline, on),
        refused=True,
        act_number=number,
        witness_one_id=witness_ids[0],
        witness_two_id=witness_ids[1],
    )
    _save(actor, result, familiarization, cite.label())
    return familiarization


@transaction.atomic
def do_submit_disagreement(
    *, actor: Actor, result_id: int, text: str, now: datetime | None = None
) -> Disagreement:
    """R-DISAGREE (004 p12): the employee applies in free form for a calibration session
    within the window after familiarization; a late application is refused with its
    deadline and citation, and so is a second one."""
    moment = now or clock.now()
    result, pack = _locked_result(result_id, None)
    earlier = Disagreement.objects.filter(result=result).first()
    if earlier is not None:
        raise DomainError(
            ErrorCode.DISAGREEMENT_ALREADY_SUBMITTED,
            {"date": clock.local_day(earlier.submitted_at)},
        )
    done = Familiarization.objects.filter(result=result).first()
    _pack, period = pack_and_period(result)
    deadline = rules.check_disagreement(
        pack,
        period,
        familiarized_on=clock.local_day(done.at) if done else None,
        submitted_on=clock.local_day(moment),
        text=text,
        calendar=kazakhstan_calendar(),
    )
    disagreement = Disagreement.objects.create(
        result=result,
        text=_checked_text(text, APPLICATION_MAX),
        submitted_at=moment,
        submitted_by=user_of(actor),
        due=deadline.due if deadline else None,
    )
    record_change(
        actor=actor,
        action=AuditAction.CREATE,
        obj=disagreement,
        after=snapshot(disagreement),
        body_id=result.participation.period.body_id,
        note=deadline.cite.label() if deadline else "",
    )
    return disagreement

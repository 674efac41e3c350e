"""Familiarization with a result (таныстыру) and the application against it.

R-FAMILIARIZE: the evaluated person is made acquainted with the result within the
pack's ``familiarization`` deadline, 2 working days of completion (004 p11; 001 p11,
p67). Where the pack requires it in writing (жазбаша, 000 p41, 003 p40), a refusal
is recorded in an act signed by HR and two other employees of the body; employees
absent at the time are told by the recorded means the pack lists (001 p11, p68).
R-DISAGREE (004 p12): within the pack's ``disagreement`` window, 5 working days of
familiarization, the employee may apply in free form for a calibration session.

Late familiarization is still recorded (it is HR's duty, and the person must still
be told) and flagged; a late application is refused, as the window is binding.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from enum import StrEnum

from bagalau.domain.calendar import Period, WorkCalendar
from bagalau.domain.deadlines import Deadline, check_not_late, cycle_deadlines
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite
from bagalau.domain.methodology import (
    DisagreementRules,
    FamiliarizationMode,
    FamiliarizationRules,
    Pack,
)

FAMILIARIZATION_RULE = "familiarization"
DISAGREEMENT_RULE = "disagreement"
# The events the pack's deadline rules count from (domain.methodology.EXTERNAL_EVENTS).
COMPLETED = "evaluation_completed"
FAMILIARIZED = "familiarized"


class Channel(StrEnum):
    """How a familiarization came about; the recorded means use the packs' codes."""

    SYSTEM = "system"  # the person acknowledged in the information system (004 p11)
    WRITTEN = "written"  # signed on paper (000 p41, 003 p40)
    REGISTERED_LETTER = "registered_letter"  # 001 p11
    TELEPHONOGRAM = "telephonogram"
    TELEGRAM = "telegram"
    SMS = "sms"
    EMAIL = "email"
    OTHER_RECORDED = "other_recorded"


def _deadline(
    pack: Pack, period: Period, calendar: WorkCalendar, rule_id: str, *, counted_from: date
) -> Deadline | None:
    event = COMPLETED if rule_id == FAMILIARIZATION_RULE else FAMILIARIZED
    found = cycle_deadlines(pack, period, calendar, {event: counted_from})
    return next((d for d in found if d.id == rule_id and not d.projected), None)


def familiarization_deadline(
    pack: Pack, period: Period, completed_on: date, calendar: WorkCalendar
) -> Deadline | None:
    """R-FAMILIARIZE: the last day to familiarize, counted from completion (the result's
    approval); ``None`` where the pack sets no such deadline (e.g. aktau-2022, whose p41
    refers to a p40 not in the sources)."""
    return _deadline(pack, period, calendar, FAMILIARIZATION_RULE, counted_from=completed_on)


def is_late(deadline: Deadline | None, on: date) -> bool:
    """Familiarized after the deadline; never late where the pack sets none."""
    return deadline is not None and on > deadline.due


def disagreement_rules(pack: Pack) -> DisagreementRules:
    """R-DISAGREE: the pack's route for an application, or a refusal naming the pack."""
    if pack.rules.disagreement is None:
        raise DomainError(ErrorCode.DISAGREEMENT_NOT_PROVIDED, {"pack": pack.id})
    return pack.rules.disagreement


def disagreement_deadline(
    pack: Pack, period: Period, familiarized_on: date, calendar: WorkCalendar
) -> Deadline | None:
    """R-DISAGREE (004 p12): the last day to apply, counted from familiarization."""
    if pack.rules.disagreement is None:
        return None
    return _deadline(pack, period, calendar, DISAGREEMENT_RULE, counted_from=familiarized_on)


def check_disagreement(
    pack: Pack,
    period: Period,
    *,
    familiarized_on: date | None,
    submitted_on: date,
    text: str,
    calendar: WorkCalendar,
) -> Deadline | None:
    """R-DISAGREE (004 p12): an application after familiarization, within the window,
    in free form but not empty. Returns the window's deadline (``None`` if the pack
    sets none)."""
    rules = disagreement_rules(pack)
    if familiarized_on is None:
        raise DomainError(ErrorCode.NOT_FAMILIARIZED, {}, cite=rules.route.cite)
    if not text.strip():
        raise DomainError(ErrorCode.DISAGREEMENT_TEXT_EMPTY, {}, cite=rules.route.cite)
    deadline = disagreement_deadline(pack, period, familiarized_on, calendar)
    if deadline is not None:
        try:
            check_not_late(deadline, submitted_on)
        except DomainError:
            raise DomainError(
                ErrorCode.DISAGREEMENT_LATE,
                {
                    "familiarized": familiarized_on,
                    "days": deadline.rule.count,
                    "due": deadline.due,
                    "date": submitted_on,
                },
                cite=deadline.cite,
            ) from None
    return deadline


def familiarization_rules(pack: Pack) -> FamiliarizationRules:
    if pack.rules.familiarization is None:
        raise DomainError(ErrorCode.RULE_NOT_IN_PACK, {"rule": "familiarization", "pack": pack.id})
    return pack.rules.familiarization


def is_written(rules: FamiliarizationRules | None) -> bool:
    return rules is not None and rules.mode.value is FamiliarizationMode.WRITTEN


def check_self_acknowledgement(rules: FamiliarizationRules | None) -> None:
    """004 p11: familiarization through the information system. Where the pack requires
    it in writing (000 p41, 003 p40) a click is not a signature: HR records it."""
    if rules is not None and is_written(rules):
        raise DomainError(ErrorCode.FAMILIARIZATION_IN_WRITING, {}, cite=rules.mode.cite)


def recorded_channels(rules: FamiliarizationRules | None) -> tuple[Channel, ...]:
    """What HR may record: a signature on paper where the pack requires writing, else
    the recorded means for absent employees the pack lists (001 p11); none otherwise."""
    if rules is None:
        return ()
    if is_written(rules):
        return (Channel.WRITTEN,)
    if rules.absent_means is None:
        return ()
    known = {c.value for c in Channel}
    return tuple(Channel(m.code) for m in rules.absent_means.value if m.code in known)


def _channel_cite(rules: FamiliarizationRules) -> Cite:
    if not is_written(rules) and rules.absent_means is not None:
        return rules.absent_means.cite
    return rules.mode.cite


def check_recorded_channel(pack: Pack, channel: str) -> Cite:
    """The channel HR records must be one the pack allows; returns its citation."""
    rules = familiarization_rules(pack)
    allowed = recorded_channels(rules)
    if channel not in allowed:
        raise DomainError(
            ErrorCode.FAMILIARIZATION_CHANNEL_NOT_ALLOWED,
            {"channel": channel, "allowed": ", ".join(allowed) or "—", "pack": pack.id},
            cite=_channel_cite(rules),
        )
    return _channel_cite(rules)


def check_familiarized_on(day: date, *, completed_on: date, today: date, cite: Cite) -> None:
    """A recorded date lies between the result's completion and today."""
    if day < completed_on or day > today:
        raise DomainError(
            ErrorCode.FAMILIARIZATION_DATE_OUT_OF_RANGE,
            {"date": day, "min": completed_on, "max": today},
            cite=cite,
        )


def check_refusal_witnesses(
    pack: Pack,
    *,
    employee_id: int,
    witness_ids: Sequence[int],
    body_staff_ids: Collection[int],
    hr_officer_id: int | None,
) -> Cite:
    """000 p41, 003 p40: the refusal act is signed by HR and two *other* employees of
    the body: two different people, neither the employee nor the HR officer."""
    rules = familiarization_rules(pack)
    if not is_written(rules) or rules.refusal_act_witnesses is None:
        raise DomainError(ErrorCode.REFUSAL_ACT_NOT_PROVIDED, {"pack": pack.id}, rules.mode.cite)
    needed, cite = rules.refusal_act_witnesses.value, rules.refusal_act_witnesses.cite
    if len(witness_ids) != needed or len(set(witness_ids)) != needed:
        raise DomainError(ErrorCode.REFUSAL_WITNESS_COUNT, {"count": needed}, cite=cite)
    for witness in witness_ids:
        if witness in (employee_id, hr_officer_id):
            raise DomainError(ErrorCode.REFUSAL_WITNESS_NOT_OTHER, {}, cite=cite)
        if witness not in body_staff_ids:
            raise DomainError(ErrorCode.REFUSAL_WITNESS_NOT_OF_BODY, {}, cite=cite)
    return cite

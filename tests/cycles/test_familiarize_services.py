"""Familiarization (R-FAMILIARIZE) and the application against a result (R-DISAGREE)
through the services: what is allowed, what is late, and that a refused act changes
nothing. Each body runs on the pack that makes the point: Shakhtinsk (in the system,
004 p11-12), Atyrau No. 105 (recorded means for absent employees, 001 p11), Kentau and
Aktau 2022 (in writing, with a refusal act, 003 p40 / 000 p41), Typical 2025 (no
application against the result)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import count

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from bagalau.audit.models import AuditRecord
from bagalau.core.messages import error_message
from bagalau.cycles.familiarization import services
from bagalau.cycles.models import (
    Disagreement,
    EvaluationPeriod,
    Familiarization,
    Participation,
    ParticipationStatus,
    Result,
)
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.orgs.models import Assignment, Employee, Position, StateBody
from tests.cycles.factories import employee

pytestmark = pytest.mark.django_db

_serial = count(1)
APPROVED = date(2024, 4, 10)  # a Wednesday: the familiarization deadline is Friday 12.04


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@dataclass
class Case:
    body: StateBody
    person: Employee
    staff: list[Employee]  # other employees of the body
    result: Result
    hr: User


def approved_result(
    pack_id: str, *, approved: date = APPROVED, state: str = "approved", staff: int = 3
) -> Case:
    """One approved result of 2024-Q1 in a body governed by ``pack_id``: by the commission
    in the 2018 generation (Aktau, Kentau), by ranking elsewhere."""
    method = "commission" if pack_id.startswith(("aktau", "kentau")) else "ranking"
    n = next(_serial)
    body = StateBody.objects.create(
        code=f"body-{n}", name_kk=f"Орган {n}", name_ru=f"Орган {n}", kind="akimat"
    )
    people = []
    for k in range(staff + 1):
        position = Position.objects.create(
            body=body, code=f"p{k}", title_kk="Бас маман", title_ru="Главный специалист",
            category="E-4",
        )  # fmt: skip
        person = employee(f"Қызметші{n}x{k}")
        Assignment.objects.create(employee=person, position=position, start=date(2020, 1, 1))
        people.append((person, position))
    period = EvaluationPeriod.objects.create(body=body, year=2024, quarter=1, pack_id=pack_id)
    participation = Participation.objects.create(
        period=period, employee=people[0][0], position=people[0][1],
        status=ParticipationStatus.EVALUATED, methods=[method],
    )  # fmt: skip
    result = Result.objects.create(
        participation=participation, method=method, score=Decimal("4.25"), band="effective",
        state=state, approved_at=at(approved) if state == "approved" else None,
    )  # fmt: skip
    hr = User.objects.create_user(f"hr-{n}")
    return Case(body, people[0][0], [p for p, _ in people[1:]], result, hr)


def user_of(person: Employee) -> User:
    assert person.user is not None
    return person.user


def refused(code: ErrorCode) -> pytest.RaisesExc[DomainError]:
    return pytest.raises(DomainError, check=lambda e: e.code is code)


def nothing_saved(before: int) -> None:
    assert Familiarization.objects.count() == 0
    assert Disagreement.objects.count() == 0
    assert AuditRecord.objects.count() == before


# --- the employee acknowledges (004 p11) ------------------------------------------------------


@pytest.mark.parametrize(
    ("acknowledged", "late"),
    [(date(2024, 4, 10), False), (date(2024, 4, 12), False), (date(2024, 4, 15), True)],
)
def test_the_employee_acknowledges_and_the_time_and_lateness_are_recorded(
    acknowledged: date, late: bool
) -> None:
    case = approved_result("shakhtinsk-2023")
    done = services.do_acknowledge_result(
        actor=user_of(case.person), result_id=case.result.pk, version=1, now=at(acknowledged, 15)
    )
    done.refresh_from_db()
    assert (done.channel, done.at, done.due, done.late) == (
        "system",
        at(acknowledged, 15),
        date(2024, 4, 12),
        late,
    )
    assert done.recorded_by == case.person.user and not done.refused
    record = AuditRecord.objects.get(object_type="cycles.familiarization")
    assert record.action == "create" and record.body_id == case.body.pk
    assert "shakhtinsk-278-5 p11" in record.note


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("submitted", ErrorCode.RESULT_NOT_FINAL),
        ("stale", ErrorCode.STALE_VERSION),
        ("written", ErrorCode.FAMILIARIZATION_IN_WRITING),
    ],
)
def test_a_refused_acknowledgement_changes_nothing(setup: str, code: ErrorCode) -> None:
    pack = "kentau-2022" if setup == "written" else "shakhtinsk-2023"
    case = approved_result(pack, state="submitted" if setup == "submitted" else "approved")
    before = AuditRecord.objects.count()
    with refused(code):
        services.do_acknowledge_result(
            actor=user_of(case.person), result_id=case.result.pk,
            version=2 if setup == "stale" else 1, now=at(APPROVED),
        )  # fmt: skip
    nothing_saved(before)


def test_a_second_acknowledgement_is_refused_and_keeps_the_first() -> None:
    case = approved_result("shakhtinsk-2023")
    first = services.do_acknowledge_result(
        actor=user_of(case.person), result_id=case.result.pk, version=1, now=at(APPROVED)
    )
    before = AuditRecord.objects.count()
    with refused(ErrorCode.ALREADY_FAMILIARIZED) as err:
        services.do_acknowledge_result(
            actor=user_of(case.person),
            result_id=case.result.pk,
            version=1,
            now=at(date(2024, 4, 11)),
        )
    assert err.value.params["date"] == APPROVED
    assert Familiarization.objects.get() == first and first.at == at(APPROVED)
    assert AuditRecord.objects.count() == before


# --- HR records how an absent employee was told (001 p11) ----------------------------------------


def test_hr_records_a_telephonogram_in_atyrau_late_by_the_deadline() -> None:
    case = approved_result("atyrau-2023-105")
    done = services.do_record_familiarization(
        actor=case.hr, result_id=case.result.pk, version=1, channel="telephonogram",
        on=date(2024, 4, 15), note="No. 12, received by the spouse", today=date(2024, 4, 20),
    )  # fmt: skip
    done.refresh_from_db()
    assert (done.channel, timezone.localdate(done.at), done.note) == (
        "telephonogram", date(2024, 4, 15), "No. 12, received by the spouse"
    )  # fmt: skip
    assert (done.due, done.late, done.recorded_by) == (date(2024, 4, 12), True, case.hr)
    assert "atyrau-105 p11" in AuditRecord.objects.get(object_type="cycles.familiarization").note


@pytest.mark.parametrize(
    ("pack", "channel", "on", "code"),
    [
        (
            "atyrau-2023-105",
            "written",
            date(2024, 4, 11),
            ErrorCode.FAMILIARIZATION_CHANNEL_NOT_ALLOWED,
        ),
        (
            "atyrau-2023-105",
            "carrier pigeon",
            date(2024, 4, 11),
            ErrorCode.FAMILIARIZATION_CHANNEL_NOT_ALLOWED,
        ),
        (
            "shakhtinsk-2023",
            "sms",
            date(2024, 4, 11),
            ErrorCode.FAMILIARIZATION_CHANNEL_NOT_ALLOWED,
        ),
        ("atyrau-2023-105", "sms", date(2024, 4, 9), ErrorCode.FAMILIARIZATION_DATE_OUT_OF_RANGE),
        ("atyrau-2023-105", "sms", date(2024, 4, 21), ErrorCode.FAMILIARIZATION_DATE_OUT_OF_RANGE),
        ("kentau-2022", "email", date(2024, 4, 11), ErrorCode.FAMILIARIZATION_CHANNEL_NOT_ALLOWED),
    ],
)
def test_a_refused_record_changes_nothing(
    pack: str, channel: str, on: date, code: ErrorCode
) -> None:
    case = approved_result(pack)
    before = AuditRecord.objects.count()
    with refused(code) as err:
        services.do_record_familiarization(
            actor=case.hr, result_id=case.result.pk, version=1, channel=channel, on=on,
            today=date(2024, 4, 20),
        )  # fmt: skip
    assert err.value.cite is not None
    nothing_saved(before)


def test_the_signature_is_recorded_where_the_pack_requires_writing() -> None:
    case = approved_result("aktau-2022")
    done = services.do_record_familiarization(
        actor=case.hr, result_id=case.result.pk, version=1, channel="written", on=date(2024, 4, 11),
        today=date(2024, 4, 11),
    )  # fmt: skip
    # Aktau's p41 refers to the deadline of a p40 that is not in the sources: none is set.
    assert (done.channel, done.due, done.late, done.refused) == ("written", None, False, False)


# --- the refusal act (000 p41, 003 p40) ---------------------------------------------------------


def test_hr_draws_up_the_refusal_act_with_two_other_employees_of_the_body() -> None:
    case = approved_result("kentau-2022")
    one, two = case.staff[0], case.staff[1]
    done = services.do_record_refusal(
        actor=case.hr, result_id=case.result.pk, version=1, witness_ids=[one.pk, two.pk],
        on=date(2024, 4, 11), act_number="7", today=date(2024, 4, 11),
    )  # fmt: skip
    done.refresh_from_db()
    assert (done.refused, done.channel, done.act_number) == (True, "written", "7")
    assert (done.witness_one, done.witness_two) == (one, two)
    assert (
        "kentau-131-2022 p40" in AuditRecord.objects.get(object_type="cycles.familiarization").note
    )


@pytest.mark.parametrize(
    ("pick", "code"),
    [
        ("the employee", ErrorCode.REFUSAL_WITNESS_NOT_OTHER),
        ("the officer", ErrorCode.REFUSAL_WITNESS_NOT_OTHER),
        ("the same twice", ErrorCode.REFUSAL_WITNESS_COUNT),
        ("another body", ErrorCode.REFUSAL_WITNESS_NOT_OF_BODY),
        ("left the body", ErrorCode.REFUSAL_WITNESS_NOT_OF_BODY),
    ],
)
def test_a_refusal_act_with_wrong_witnesses_changes_nothing(pick: str, code: ErrorCode) -> None:
    case = approved_result("aktau-2022")
    officer_user = case.hr
    other = approved_result("aktau-2022").person
    if pick == "the officer":
        officer = case.staff[2]
        officer_user = user_of(officer)
    witnesses = {
        "the employee": [case.person.pk, case.staff[0].pk],
        "the officer": [case.staff[0].pk, case.staff[2].pk],
        "the same twice": [case.staff[0].pk, case.staff[0].pk],
        "another body": [case.staff[0].pk, other.pk],
        "left the body": [case.staff[0].pk, case.staff[1].pk],
    }[pick]
    if pick == "left the body":
        Assignment.objects.filter(employee=case.staff[1]).update(end=date(2024, 3, 31))
    before = AuditRecord.objects.count()
    with refused(code) as err:
        services.do_record_refusal(
            actor=officer_user, result_id=case.result.pk, version=1, witness_ids=witnesses,
            on=date(2024, 4, 11), today=date(2024, 4, 11),
        )  # fmt: skip
    assert err.value.cite is not None and err.value.cite.paragraph == "41"
    nothing_saved(before)


def test_no_refusal_act_where_the_pack_does_not_require_writing() -> None:
    case = approved_result("shakhtinsk-2023")
    with refused(ErrorCode.REFUSAL_ACT_NOT_PROVIDED):
        services.do_record_refusal(
            actor=case.hr, result_id=case.result.pk, version=1,
            witness_ids=[case.staff[0].pk, case.staff[1].pk], on=date(2024, 4, 11), today=date(2024, 4, 11),
        )  # fmt: skip
    assert not Familiarization.objects.exists()


# --- the application against the result (004 p12) -------------------------------------------------


def acknowledged(pack: str = "shakhtinsk-2023", on: date = date(2024, 4, 1)) -> Case:
    case = approved_result(pack, approved=on)
    services.do_acknowledge_result(
        actor=user_of(case.person), result_id=case.result.pk, version=1, now=at(on)
    )
    return case


def test_the_employee_applies_on_the_last_day_of_the_window() -> None:
    case = acknowledged()  # Monday 01.04.2024: five working days end on Monday 08.04
    applied = services.do_submit_disagreement(
        actor=user_of(case.person), result_id=case.result.pk, text="  The score ignores my projects. ",
        now=at(date(2024, 4, 8), 17),
    )  # fmt: skip
    applied.refresh_from_db()
    assert (applied.text, applied.due, applied.submitted_by) == (
        "The score ignores my projects.", date(2024, 4, 8), case.person.user
    )  # fmt: skip
    assert "shakhtinsk-278-5 p12" in AuditRecord.objects.get(object_type="cycles.disagreement").note


def test_a_late_application_is_refused_with_its_deadline_and_citation() -> None:
    case = acknowledged()
    before = AuditRecord.objects.count()
    with refused(ErrorCode.DISAGREEMENT_LATE) as err:
        services.do_submit_disagreement(
            actor=user_of(case.person), result_id=case.result.pk, text="I disagree",
            now=at(date(2024, 4, 9)),
        )  # fmt: skip
    assert error_message(err.value) == (
        "An application could be submitted within 5 working days of familiarization on "
        "01.04.2024, that is until 08.04.2024; it cannot be submitted on 09.04.2024. "
        "(basis: Shakhtinsk city maslikhat apparatus methodology, paragraph 12)"
    )
    assert not Disagreement.objects.exists() and AuditRecord.objects.count() == before


@pytest.mark.parametrize(
    ("pack", "familiarized", "text", "code"),
    [
        ("shakhtinsk-2023", False, "I disagree", ErrorCode.NOT_FAMILIARIZED),
        ("shakhtinsk-2023", True, "   ", ErrorCode.DISAGREEMENT_TEXT_EMPTY),
        ("shakhtinsk-2023", True, "x" * 5001, ErrorCode.TEXT_TOO_LONG),
        ("typical-2025", True, "I disagree", ErrorCode.DISAGREEMENT_NOT_PROVIDED),
    ],
)
def test_a_refused_application_changes_nothing(
    pack: str, familiarized: bool, text: str, code: ErrorCode
) -> None:
    case = acknowledged(pack) if familiarized else approved_result(pack, approved=date(2024, 4, 1))
    before = AuditRecord.objects.count()
    with refused(code):
        services.do_submit_disagreement(
            actor=user_of(case.person),
            result_id=case.result.pk,
            text=text,
            now=at(date(2024, 4, 2)),
        )
    assert not Disagreement.objects.exists() and AuditRecord.objects.count() == before


def test_a_second_application_is_refused() -> None:
    case = acknowledged()
    services.do_submit_disagreement(
        actor=user_of(case.person), result_id=case.result.pk, text="first", now=at(date(2024, 4, 2))
    )
    with refused(ErrorCode.DISAGREEMENT_ALREADY_SUBMITTED):
        services.do_submit_disagreement(
            actor=user_of(case.person),
            result_id=case.result.pk,
            text="second",
            now=at(date(2024, 4, 3)),
        )
    assert Disagreement.objects.get().text == "first"

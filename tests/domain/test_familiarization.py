"""Familiarization (R-FAMILIARIZE) and the application against a result (R-DISAGREE),
from the texts: 004 p11 (2 working days of completion, through the system), 004 p12
(5 working days of familiarization, free form), 001 p11 (recorded means for absent
employees), 000 p41 / 003 p40 (in writing; a refusal act signed by HR and two other
employees of the body)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.domain.calendar import Period
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.familiarization import (
    Channel,
    check_disagreement,
    check_familiarized_on,
    check_recorded_channel,
    check_refusal_witnesses,
    check_self_acknowledgement,
    disagreement_deadline,
    familiarization_deadline,
    is_late,
    recorded_channels,
)
from bagalau.domain.methodology import Pack
from bagalau.packs import registry
from tests.domain.kz import kz_calendar

KZ = kz_calendar()
Q1_2024 = Period(2024, 1)


def pack(pack_id: str) -> Pack:
    return registry().pack(pack_id)


# --- R-FAMILIARIZE: 2 working days of completion (004 p11) ---------------------------------


@pytest.mark.parametrize(
    ("completed", "due", "why"),
    [
        (date(2024, 4, 10), date(2024, 4, 12), "Wednesday: Thursday, Friday"),
        (date(2024, 4, 11), date(2024, 4, 15), "Thursday: Friday, then Monday"),
        (date(2024, 3, 7), date(2024, 3, 12), "8 March is a holiday, then the weekend"),
        (date(2024, 3, 20), date(2024, 3, 27), "Nauryz 21-23.03 and the observed 25.03"),
        (date(2023, 12, 14), date(2023, 12, 19), "Independence Day 16.12 observed on 18.12"),
    ],
)
def test_the_familiarization_deadline_is_two_working_days_after_completion(
    completed: date, due: date, why: str
) -> None:
    deadline = familiarization_deadline(pack("shakhtinsk-2023"), Q1_2024, completed, KZ)
    assert deadline is not None, why
    assert deadline.due == due, why
    assert deadline.counted_from == completed and not deadline.projected
    assert (deadline.cite.act, deadline.cite.paragraph) == ("shakhtinsk-278-5", "11")


def test_atyrau_counts_the_same_two_days_from_its_own_p11() -> None:
    deadline = familiarization_deadline(
        pack("atyrau-2023-105"), Period(2023, 2), date(2023, 7, 5), KZ
    )
    assert deadline is not None
    # 06.07 Capital Day, 07.07 off by transfer from Saturday 01.07: 10.07 (1), 11.07 (2).
    assert deadline.due == date(2023, 7, 11)
    assert (deadline.cite.act, deadline.cite.paragraph) == ("atyrau-105", "11")


@pytest.mark.parametrize("pack_id", ["aktau-2022", "kentau-2022", "typical-2025", "aktau-2018"])
def test_no_deadline_where_the_pack_sets_none(pack_id: str) -> None:
    """Aktau p41 and Kentau p40 refer to a p40/p39 not in the sources; the 2025 text is
    not available: no deadline is invented, and nothing is ever late by it."""
    assert familiarization_deadline(pack(pack_id), Q1_2024, date(2024, 4, 10), KZ) is None
    assert not is_late(None, date(2030, 1, 1))


def test_late_is_after_the_due_day_only() -> None:
    deadline = familiarization_deadline(pack("shakhtinsk-2023"), Q1_2024, date(2024, 4, 10), KZ)
    assert not is_late(deadline, date(2024, 4, 10))
    assert not is_late(deadline, date(2024, 4, 12))
    assert is_late(deadline, date(2024, 4, 13))


# --- channels: the system, in writing, recorded means (004 p11, 001 p11, 000 p41) ----------


def test_system_mode_packs_let_the_person_acknowledge_and_list_no_means_of_their_own() -> None:
    rules = pack("shakhtinsk-2023").rules.familiarization
    check_self_acknowledgement(rules)  # 004 p11: through the information system
    assert recorded_channels(rules) == ()
    with pytest.raises(DomainError) as err:
        check_recorded_channel(pack("shakhtinsk-2023"), "sms")
    assert err.value.code is ErrorCode.FAMILIARIZATION_CHANNEL_NOT_ALLOWED
    assert err.value.cite is not None and err.value.cite.paragraph == "11"


def test_atyrau_lists_the_recorded_means_for_absent_employees() -> None:
    atyrau = pack("atyrau-2023-105")
    assert recorded_channels(atyrau.rules.familiarization) == (
        Channel.REGISTERED_LETTER,
        Channel.TELEPHONOGRAM,
        Channel.TELEGRAM,
        Channel.SMS,
        Channel.EMAIL,
        Channel.OTHER_RECORDED,
    )
    cite = check_recorded_channel(atyrau, "telephonogram")
    assert (cite.act, cite.paragraph) == ("atyrau-105", "11")
    with pytest.raises(DomainError) as err:
        check_recorded_channel(atyrau, "written")
    assert err.value.params["allowed"] == (
        "registered_letter, telephonogram, telegram, sms, email, other_recorded"
    )


@pytest.mark.parametrize(("pack_id", "paragraph"), [("aktau-2022", "41"), ("kentau-2022", "40")])
def test_written_packs_take_a_signature_not_a_click(pack_id: str, paragraph: str) -> None:
    written = pack(pack_id)
    with pytest.raises(DomainError) as err:
        check_self_acknowledgement(written.rules.familiarization)
    assert err.value.code is ErrorCode.FAMILIARIZATION_IN_WRITING
    assert err.value.cite is not None and err.value.cite.paragraph == paragraph
    assert recorded_channels(written.rules.familiarization) == (Channel.WRITTEN,)
    assert check_recorded_channel(written, "written").paragraph == paragraph
    with pytest.raises(DomainError):
        check_recorded_channel(written, "email")


def test_a_pack_stating_no_familiarization_rule_has_nothing_for_hr_to_record() -> None:
    with pytest.raises(DomainError) as err:
        check_recorded_channel(pack("aktau-2018"), "written")
    assert err.value.code is ErrorCode.RULE_NOT_IN_PACK


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        (date(2024, 4, 9), False),
        (date(2024, 4, 10), True),
        (date(2024, 4, 20), True),
        (date(2024, 4, 21), False),
    ],
)
def test_a_recorded_date_lies_between_completion_and_today(day: date, ok: bool) -> None:
    cite = pack("atyrau-2023-105").rules.deadlines[0].cite
    check = lambda: check_familiarized_on(  # noqa: E731
        day, completed_on=date(2024, 4, 10), today=date(2024, 4, 20), cite=cite
    )
    if ok:
        check()
        return
    with pytest.raises(DomainError) as err:
        check()
    assert err.value.code is ErrorCode.FAMILIARIZATION_DATE_OUT_OF_RANGE
    assert err.value.params == {"date": day, "min": date(2024, 4, 10), "max": date(2024, 4, 20)}


# --- the refusal act: HR and two other employees of the body (000 p41, 003 p40) ------------

STAFF = {1, 2, 3, 4, 5}


@pytest.mark.parametrize(
    ("witnesses", "code"),
    [
        ((2, 3), None),
        ((2,), ErrorCode.REFUSAL_WITNESS_COUNT),
        ((2, 3, 4), ErrorCode.REFUSAL_WITNESS_COUNT),
        ((2, 2), ErrorCode.REFUSAL_WITNESS_COUNT),
        ((1, 3), ErrorCode.REFUSAL_WITNESS_NOT_OTHER),  # the employee who refused
        ((5, 3), ErrorCode.REFUSAL_WITNESS_NOT_OTHER),  # the HR officer drawing the act up
        ((2, 99), ErrorCode.REFUSAL_WITNESS_NOT_OF_BODY),
    ],
)
@pytest.mark.parametrize(("pack_id", "paragraph"), [("aktau-2022", "41"), ("kentau-2022", "40")])
def test_the_refusal_act_has_two_other_employees_of_the_body_as_witnesses(
    witnesses: tuple[int, ...], code: ErrorCode | None, pack_id: str, paragraph: str
) -> None:
    def check() -> object:
        return check_refusal_witnesses(
            pack(pack_id),
            employee_id=1,
            witness_ids=witnesses,
            body_staff_ids=STAFF,
            hr_officer_id=5,
        )

    if code is None:
        cite = check()
        assert getattr(cite, "paragraph", None) == paragraph
        return
    with pytest.raises(DomainError) as err:
        check()
    assert err.value.code is code
    assert err.value.cite is not None and err.value.cite.paragraph == paragraph


@pytest.mark.parametrize("pack_id", ["shakhtinsk-2023", "atyrau-2023-105", "typical-2025"])
def test_no_refusal_act_where_familiarization_is_not_in_writing(pack_id: str) -> None:
    with pytest.raises(DomainError) as err:
        check_refusal_witnesses(
            pack(pack_id), employee_id=1, witness_ids=(2, 3), body_staff_ids=STAFF, hr_officer_id=5
        )
    assert err.value.code is ErrorCode.REFUSAL_ACT_NOT_PROVIDED


# --- R-DISAGREE: 5 working days of familiarization (004 p12) -------------------------------


@pytest.mark.parametrize(
    ("familiarized", "due"),
    [
        (date(2024, 4, 1), date(2024, 4, 8)),  # Monday to the next Monday
        (date(2024, 4, 29), date(2024, 5, 6)),  # 1 May off, Saturday 4 May worked (transfer)
    ],
)
def test_the_disagreement_window_is_five_working_days(familiarized: date, due: date) -> None:
    shakhtinsk = pack("shakhtinsk-2023")
    deadline = disagreement_deadline(shakhtinsk, Q1_2024, familiarized, KZ)
    assert deadline is not None and deadline.due == due
    assert (deadline.cite.act, deadline.cite.paragraph) == ("shakhtinsk-278-5", "12")
    ok = check_disagreement(
        shakhtinsk,
        Q1_2024,
        familiarized_on=familiarized,
        submitted_on=due,
        text="I disagree",
        calendar=KZ,
    )
    assert ok == deadline
    with pytest.raises(DomainError) as err:
        check_disagreement(
            shakhtinsk, Q1_2024, familiarized_on=familiarized, submitted_on=due + timedelta(days=1),
            text="I disagree", calendar=KZ,
        )  # fmt: skip
    assert err.value.code is ErrorCode.DISAGREEMENT_LATE
    assert err.value.params == {
        "familiarized": familiarized, "days": 5, "due": due, "date": due + timedelta(days=1)
    }  # fmt: skip
    assert err.value.cite == deadline.cite


def test_an_application_needs_familiarization_first_and_some_text() -> None:
    shakhtinsk = pack("shakhtinsk-2023")
    for familiarized, text, code in (
        (None, "I disagree", ErrorCode.NOT_FAMILIARIZED),
        (date(2024, 4, 1), "  \n ", ErrorCode.DISAGREEMENT_TEXT_EMPTY),
    ):
        with pytest.raises(DomainError) as err:
            check_disagreement(
                shakhtinsk, Q1_2024, familiarized_on=familiarized, submitted_on=date(2024, 4, 2),
                text=text, calendar=KZ,
            )  # fmt: skip
        assert err.value.code is code
        assert err.value.cite is not None and err.value.cite.paragraph == "12"


@pytest.mark.parametrize("pack_id", ["typical-2025", "aktau-2022", "kentau-2022"])
def test_no_application_where_the_pack_provides_none(pack_id: str) -> None:
    """typical-2025 sets ``disagreement: null``; the 2018 generation states none."""
    assert disagreement_deadline(pack(pack_id), Q1_2024, date(2024, 4, 1), KZ) is None
    with pytest.raises(DomainError) as err:
        check_disagreement(
            pack(pack_id), Q1_2024, familiarized_on=date(2024, 4, 1), submitted_on=date(2024, 4, 2),
            text="I disagree", calendar=KZ,
        )  # fmt: skip
    assert err.value.code is ErrorCode.DISAGREEMENT_NOT_PROVIDED
    assert err.value.params == {"pack": pack_id}


@given(
    familiarized=st.dates(min_value=date(2016, 1, 1), max_value=date(2029, 12, 1)),
    offset=st.integers(min_value=0, max_value=30),
)
def test_an_application_is_on_time_exactly_up_to_the_fifth_working_day(
    familiarized: date, offset: int
) -> None:
    shakhtinsk = pack("shakhtinsk-2023")
    submitted = familiarized + timedelta(days=offset)
    # "within five working days": the fifth working day itself, not the weekend after it
    days = KZ.working_days_between(familiarized, submitted)
    on_time = days < 5 or (days == 5 and KZ.is_working_day(submitted))
    try:
        check_disagreement(
            shakhtinsk, Q1_2024, familiarized_on=familiarized, submitted_on=submitted,
            text="x", calendar=KZ,
        )  # fmt: skip
    except DomainError as err:
        assert err.code is ErrorCode.DISAGREEMENT_LATE
        assert not on_time
    else:
        assert on_time


@given(completed=st.dates(min_value=date(2016, 1, 1), max_value=date(2029, 12, 1)))
def test_the_familiarization_deadline_is_a_working_day_two_working_days_on(completed: date) -> None:
    deadline = familiarization_deadline(pack("shakhtinsk-2023"), Q1_2024, completed, KZ)
    assert deadline is not None
    assert KZ.is_working_day(deadline.due)
    assert KZ.working_days_between(completed, deadline.due) == 2
    assert is_late(deadline, deadline.due + timedelta(days=1))

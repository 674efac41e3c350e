"""The IIN (ЖСН / ИИН): 12 digits, date of birth, century and sex digit, check digit."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.people import iin_check_digit, parse_iin, with_check_digit


@pytest.mark.parametrize(
    ("iin", "born"),
    [
        ("900101300126", date(1990, 1, 1)),  # 3: a man born in the 20th century
        (with_check_digit("850712400345"[:11]), date(1985, 7, 12)),  # 4: a woman, 20th century
        (with_check_digit("010203500077"[:11]), date(2001, 2, 3)),  # 5: a man, 21st century
    ],
)
def test_valid_iin_and_birth_date(iin: str | None, born: date) -> None:
    assert iin is not None
    assert parse_iin(iin).birth_date == born


def test_second_weights_are_used_when_the_first_sum_gives_ten() -> None:
    # Find eleven digits whose first weighted sum is 10 mod 11: the check digit then comes
    # from the weights 3..11, 1, 2.
    for serial in range(10000):
        head = f"9001013{serial:04d}"
        if sum(int(d) * w for d, w in zip(head, range(1, 12), strict=True)) % 11 == 10:
            second = (
                sum(
                    int(d) * w
                    for d, w in zip(head, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True)
                )
                % 11
            )
            assert iin_check_digit(head) == (None if second == 10 else second)
            return
    pytest.fail("no such serial")


@pytest.mark.parametrize(
    "text",
    [
        "90010130012",
        "9001013001260",
        "90010130012a",
        "900101300127",
        "901301300126",
        "",
        "900231300120",
    ],
)
def test_invalid_iin_is_refused(text: str) -> None:
    with pytest.raises(DomainError) as err:
        parse_iin(text)
    assert err.value.code is ErrorCode.IIN_INVALID
    assert err.value.params["value"] == text


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_one_wrong_digit_is_always_caught(head: str) -> None:
    full = with_check_digit(head)
    if full is None or parse_iin_or_none(full) is None:
        return
    wrong = full[:11] + str((int(full[11]) + 1) % 10)
    assert parse_iin_or_none(wrong) is None


def parse_iin_or_none(text: str) -> str | None:
    try:
        return parse_iin(text).value
    except DomainError:
        return None

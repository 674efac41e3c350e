"""People facts the procedure depends on: the IIN, and spells of time in a position.

The individual identification number (ЖСН / ИИН) is 12 digits: yymmdd of birth, a
century-and-sex digit, four serial digits and a check digit computed with weights
1..11, or 3..11,1,2 when the first sum gives 10 (Law "On national registers of
identification numbers", the Government's rules on forming the IIN).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bagalau.domain.errors import DomainError, ErrorCode

_FIRST_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def iin_check_digit(first_eleven: str) -> int | None:
    """The check digit for 11 digits, or None when no digit is valid (sum 10 twice)."""
    digits = [int(c) for c in first_eleven]
    for weights in (_FIRST_WEIGHTS, _SECOND_WEIGHTS):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


@dataclass(frozen=True)
class Iin:
    value: str

    @property
    def birth_date(self) -> date | None:
        """From the first seven digits; None for numbers whose 7th digit has no century."""
        century = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}.get(
            self.value[6]
        )
        if century is None:
            return None
        try:
            return date(century + int(self.value[:2]), int(self.value[2:4]), int(self.value[4:6]))
        except ValueError:
            return None


def parse_iin(text: str) -> Iin:
    """A valid IIN or ``DomainError(IIN_INVALID)`` saying what is wrong with it."""
    value = text.strip()
    if len(value) != 12 or not value.isdigit():
        raise DomainError(ErrorCode.IIN_INVALID, {"value": text, "reason": "format"})
    if value[6] in "123456" and Iin(value).birth_date is None:
        raise DomainError(ErrorCode.IIN_INVALID, {"value": text, "reason": "date"})
    expected = iin_check_digit(value[:11])
    if expected is None or expected != int(value[11]):
        raise DomainError(ErrorCode.IIN_INVALID, {"value": text, "reason": "check_digit"})
    return Iin(value)


def with_check_digit(first_eleven: str) -> str | None:
    """The full IIN for 11 digits (used to make synthetic staff), or None if impossible."""
    digit = iin_check_digit(first_eleven)
    return None if digit is None else first_eleven + str(digit)

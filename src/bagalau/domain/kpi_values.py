"""What a KPI's planned or actual value may be, by its unit and by what a sheet keeps.

R-KPI-SMART (004 p24): a KPI is "өлшенетін" -- measured by a quantity in its unit, so
the unit bounds the value: a count (documents, events, people) is a whole number of 0
or more, a percentage runs from 0 to 100, and no value is negative, because the
achievement (R-KPI-SCORE, 004 p27) is the actual value's share of the planned one.
The unit is typed freely on the plan; the words below recognise the usual ones in
Kazakh, Russian and English, and any other unit only has to be 0 or more.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite

# A plan's and a sheet's values keep 12 whole digits and 4 decimal places (16 digits):
# a larger number is a typing error, refused rather than cut.
VALUE_PLACES = 4
VALUE_MAX = Decimal("999999999999.9999")
# The % of achievement keeps 7 whole digits and 2 places: beyond 9,999,999.99 % the
# actual value is surely mistyped (1e9 against a plan of 100).
PERCENT_MAX = Decimal("9999999.99")


class UnitKind(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    OTHER = "other"


_PERCENT_UNITS = re.compile(r"^(%|процент\w*|пайыз\w*|percent\w*|per cent)$")
_COUNT_UNITS = re.compile(
    r"^(шт\.?|штук\w*|единиц\w*|ед\.?|бірлік\w*|дана|саны|сан|количеств\w*|кол-во|"
    r"count|number|pieces?|units?|items?|человек\w*|чел\.?|адам|раз|рет|"
    r"документ\w*|құжат\w*|мероприяти\w*|іс-шара\w*|events?|documents?|people|persons?)$"
)


def unit_kind(unit: str) -> UnitKind:
    """What kind of quantity a typed unit names (case and spaces do not matter)."""
    text = " ".join(unit.lower().split())
    if _PERCENT_UNITS.match(text):
        return UnitKind.PERCENT
    if _COUNT_UNITS.match(text):
        return UnitKind.COUNT
    return UnitKind.OTHER


def check_stored_value(value: Decimal) -> Decimal:
    """A KPI value a plan or sheet can keep as typed: finite, at most VALUE_MAX, at most
    VALUE_PLACES decimal places (KPI_VALUE_TOO_LARGE); nothing is rounded."""
    if not value.is_finite() or abs(value) > VALUE_MAX or _places(value) > VALUE_PLACES:
        raise DomainError(
            ErrorCode.KPI_VALUE_TOO_LARGE,
            {"value": value, "max": VALUE_MAX, "places": VALUE_PLACES},
        )
    return value


def _places(value: Decimal) -> int:
    """Decimal places that matter: 2.50 has one, 1E+3 none."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def check_kpi_value(value: Decimal, unit: str, cite: Cite | None = None) -> Decimal:
    """R-KPI-SMART (004 p24): the planned or actual value of a KPI as its unit allows:
    never negative (KPI_VALUE_NEGATIVE), a whole number for a count
    (KPI_VALUE_NOT_WHOLE), at most 100 for a percentage (KPI_PERCENT_OVER_100), and
    within what a sheet keeps (KPI_VALUE_TOO_LARGE). ``cite`` is the pack's SMART rule."""
    check_stored_value(value)
    kind = unit_kind(unit)
    params = {"value": value, "unit": unit.strip()}
    if value < 0:
        raise DomainError(ErrorCode.KPI_VALUE_NEGATIVE, params, cite)
    if kind is UnitKind.COUNT and value != value.to_integral_value():
        raise DomainError(ErrorCode.KPI_VALUE_NOT_WHOLE, params, cite)
    if kind is UnitKind.PERCENT and value > 100:
        raise DomainError(ErrorCode.KPI_PERCENT_OVER_100, params, cite)
    return value


def check_percent(percent: Decimal, actual: Decimal, planned: Decimal) -> Decimal:
    """The % of achievement a sheet can record (KPI_PERCENT_TOO_LARGE beyond PERCENT_MAX)."""
    if not percent.is_finite() or percent > PERCENT_MAX:
        raise DomainError(
            ErrorCode.KPI_PERCENT_TOO_LARGE,
            {"actual": actual, "planned": planned, "max": PERCENT_MAX},
        )
    return percent

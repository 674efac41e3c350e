"""Messages of the law in time, of malformed input, of people and of pack files."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bagalau.domain.errors import ErrorCode

MESSAGES: Mapping[ErrorCode, Promise] = {
    # law in time
    ErrorCode.NO_METHODOLOGY_IN_FORCE: _(
        "No methodology of %(body)s is in force on %(date)s. Check the date, or add the "
        "methodology version in force on that date."
    ),
    ErrorCode.METHODOLOGY_REPEALED: _(
        "The methodology %(pack)s was in force until %(until)s (repealed by act %(act)s), so "
        "it does not apply on %(date)s. Use the methodology in force on that date."
    ),
    ErrorCode.RULE_NOT_IN_FORCE: _(
        "The rule %(rule)s is not in force on %(date)s. Apply the methodology version in "
        "force on that date."
    ),
    ErrorCode.RULE_NOT_IN_PACK: _(
        "The methodology in force has no rule %(rule)s. Check the evaluation method chosen."
    ),
    ErrorCode.UNKNOWN_BODY: _("Unknown state body %(body)s. Check the body's code."),
    ErrorCode.UNKNOWN_PACK: _("Unknown methodology %(pack)s. Check its name in the list."),
    ErrorCode.UNKNOWN_ACT: _(
        "Unknown act %(act)s. Add it to the methodology's list of acts or correct its code."
    ),
    # input parsing
    ErrorCode.BAD_DATE: _(
        "“%(value)s” is not a valid date. Write it as dd.mm.yyyy, for example 07.07.2023."
    ),
    ErrorCode.BAD_PERIOD: _(
        "“%(value)s” is not a valid period. Write a year (2026) or a quarter (2026-Q1)."
    ),
    ErrorCode.BAD_INTEGER: _(
        "“%(value)s” is not a whole number. Write an integer, for example 5 or -3."
    ),
    # people
    ErrorCode.IIN_INVALID: _(
        "“%(value)s” is not a valid IIN: it has 12 digits, a real date of birth in the first "
        "six and a correct check digit at the end. Check the number against the identity card."
    ),
    # packs
    ErrorCode.PACK_INVALID: _(
        "The methodology file %(file)s is invalid at “%(key)s”: %(reason)s. Correct the file."
    ),
}

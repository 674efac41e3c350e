"""Turning one text cell of the staff template into a typed value, or an issue code.

Kazakh and Russian spellings are accepted where staff lists use them: categories written
with Cyrillic letters (Е-2), assignment and absence kinds in words, yes/no flags.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bagalau.core.export import formula_like
from bagalau.domain.calendar import parse_date
from bagalau.domain.errors import DomainError
from bagalau.domain.methodology import AbsenceKind
from bagalau.domain.people import parse_iin
from bagalau.orgs.imports.issues import IssueCode


class CellError(Exception):
    def __init__(self, code: IssueCode, params: dict[str, Any] | None = None) -> None:
        super().__init__(code.value)
        self.code = code
        self.params = params or {}


# Cyrillic letters that look like the Latin ones of category codes.
_LOOKALIKES = str.maketrans("АВСЕНКМОРТХавсенкмортх–—", "ABCEHKMOPTXABCEHKMOPTX--")
_CATEGORY = re.compile(r"^[A-E](-[A-Z]{1,2})?-[0-9]{1,2}$")  # orgs.models.CATEGORY_PATTERN
_CODE = re.compile(r"^[-a-zA-Z0-9_]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[+-]?[0-9 ()-]+$")

_YES = {"1", "yes", "true", "x", "да", "иә", "ия", "+"}
_NO = {"", "0", "no", "false", "нет", "жоқ", "-"}

ASSIGNMENT_KINDS: dict[str, str] = {
    **dict.fromkeys(("main", "негізгі", "основная", "основной", "осн."), "main"),
    **dict.fromkeys(
        ("acting", "м.а.", "ма", "міндетін атқарушы", "и.о.", "ио", "исполняющий обязанности"),
        "acting",
    ),
    **dict.fromkeys(("combined", "қоса атқару", "совмещение", "совм."), "combined"),
}
ABSENCE_KINDS: dict[str, str] = {
    **{k.value: k.value for k in AbsenceKind},
    **dict.fromkeys(("еңбек демалысы", "трудовой отпуск"), AbsenceKind.LABOUR_LEAVE.value),
    **dict.fromkeys(("әлеуметтік демалыс", "социальный отпуск"), AbsenceKind.SOCIAL_LEAVE.value),
    **dict.fromkeys(
        ("уақытша еңбекке жарамсыздық", "больничный", "временная нетрудоспособность"),
        AbsenceKind.SICK_LEAVE.value,
    ),
    **dict.fromkeys(("іссапар", "командировка"), AbsenceKind.BUSINESS_TRIP.value),
    **dict.fromkeys(("тағылымдама", "стажировка"), AbsenceKind.INTERNSHIP.value),
    **dict.fromkeys(("қайта даярлау", "переподготовка"), AbsenceKind.RETRAINING.value),
    **dict.fromkeys(("оқу", "біліктілікті арттыру", "обучение"), AbsenceKind.TRAINING.value),
}


def iin(text: str) -> str:
    try:
        return parse_iin(text).value
    except DomainError as err:
        raise CellError(IssueCode.IIN_INVALID, dict(err.params)) from err


def day(text: str) -> date:
    try:
        return parse_date(text)
    except DomainError as err:
        raise CellError(IssueCode.BAD_DATE, {"value": text}) from err


def category(text: str) -> str:
    value = "".join(text.split()).upper().translate(_LOOKALIKES)
    if not _CATEGORY.match(value):
        raise CellError(IssueCode.BAD_CATEGORY, {"value": text})
    return value


def flag(text: str) -> bool:
    value = text.strip().casefold()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise CellError(IssueCode.BAD_FLAG, {"value": text})


def code(text: str) -> str:
    if not _CODE.match(text):
        raise CellError(IssueCode.BAD_CODE, {"value": text})
    return text


def email(text: str) -> str:
    if text and not _EMAIL.match(text):
        raise CellError(IssueCode.BAD_EMAIL, {"value": text})
    return text


def text(value: str) -> str:
    """A name, title or basis: never one a spreadsheet would take for a formula (an
    export of it would run it in Excel)."""
    if formula_like(value):
        raise CellError(IssueCode.FORMULA_TEXT, {"value": value})
    return value


def phone(value: str) -> str:
    """A phone may start with + (or a dash); anything else formula-like is refused."""
    if formula_like(value) and not _PHONE.match(value):
        raise CellError(IssueCode.FORMULA_TEXT, {"value": value})
    return value


def assignment_kind(text: str) -> str:
    value = ASSIGNMENT_KINDS.get(text.strip().casefold() or "main")
    if value is None:
        raise CellError(IssueCode.BAD_ASSIGNMENT_KIND, {"value": text})
    return value


def absence_kind(text: str) -> str:
    value = ABSENCE_KINDS.get(text.strip().casefold())
    if value is None:
        kinds = ", ".join(k.value for k in AbsenceKind)
        raise CellError(IssueCode.BAD_ABSENCE_KIND, {"value": text, "kinds": kinds})
    return value

"""What a staff import's checks read and produce: the body's current data as plain values
(``Existing``) and the plan (``Plan``: every issue, every row's outcome, the wanted state)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from bagalau.orgs.imports.columns import SheetKind
from bagalau.orgs.imports.issues import Issue

Values = dict[str, Any]
EMPLOYEE_FIELDS = (
    "last_name_kk", "first_name_kk", "middle_name_kk",
    "last_name_ru", "first_name_ru", "middle_name_ru", "email", "phone",
)  # fmt: skip
EMPLOYEE_REQUIRED = ("last_name_kk", "first_name_kk", "last_name_ru", "first_name_ru")
POSITION_FIELDS = (
    "title_kk", "title_ru", "category", "is_head_of_apparatus", "is_head_of_unit",
    "department_code", "reports_to_code",
)  # fmt: skip


class Outcome(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass
class Existing:
    """What the body has now, keyed the way import rows are matched."""

    departments: dict[str, Values] = field(default_factory=dict)  # code -> name_kk, name_ru
    positions: dict[str, Values] = field(default_factory=dict)  # code -> POSITION_FIELDS
    employees: dict[str, Values] = field(default_factory=dict)  # iin -> EMPLOYEE_FIELDS
    # (iin, position code) -> [(start, end, kind)]
    assignments: dict[tuple[str, str], list[tuple[date, date | None, str]]] = field(
        default_factory=dict
    )
    absences: dict[tuple[str, str, date], date] = field(default_factory=dict)
    dismissals: dict[tuple[str, date], str] = field(default_factory=dict)


@dataclass
class Plan:
    issues: list[Issue] = field(default_factory=list)
    outcomes: list[tuple[SheetKind, int, Outcome]] = field(default_factory=list)
    departments: dict[str, Values] = field(default_factory=dict)
    positions: dict[str, Values] = field(default_factory=dict)
    employees: dict[str, Values] = field(default_factory=dict)
    assignments: dict[tuple[str, str, date], Values] = field(default_factory=dict)
    absences: dict[tuple[str, str, date], date] = field(default_factory=dict)
    dismissals: dict[tuple[str, date], str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.issues

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Outcome, 0)
        for _sheet, _row, outcome in self.outcomes:
            counts[outcome] += 1
        return {k.value: v for k, v in counts.items()}

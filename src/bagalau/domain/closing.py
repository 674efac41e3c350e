"""Closing a period: whether everyone's evaluation is complete, method by method.

R-PERIODS (004 p4): the quarter's evaluation is completed by its deadline, and the
final KPI or ranking score is the mean of the quarters evaluated; a result is final
only through the sheet workflow (draft → submitted → approved, ``domain.workflow``).
So a period closes only when, for every person evaluated (with or without their
participation), each method that applies has its sheet approved:

* ranking (R-RANK, 004 p28-32): the person's row on an approved ranking sheet;
* KPI (R-KPI-SCORE, 004 p27) and count-based KPI (Atyrau 001 p49-52): the person's
  KPI sheet approved;
* bonus points (Almaty 002 p17-18): nothing is owed, an activity is recorded only
  when it happened, so no award is a complete record;
* a person not evaluated (R-ELIGIBLE, 004 p5) owes nothing;
* a method this system records no sheet for (360, the 2025 quarterly method, the
  commission) cannot be shown complete, so it is reported as a gap rather than passed.

And the period runs on its schedule (R-SCHEDULE, 004 p10): "уәкілетті тұлға ақпараттық
жүйеде қызметшілерді бағалау кестесін жасайды, оны ... тағайындауға және мемлекеттік
лауазымнан босатуға құқығы бар лауазымды тұлғамен бекітіледі" -- a period whose schedule
the appointing official has not approved is not closed (``check_may_close``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite
from bagalau.domain.methodology import Method

APPROVED = "approved"
NOT_EVALUATED = "not_evaluated"
# Methods whose result is final once its sheet is approved.
SHEET_METHODS = frozenset({Method.RANKING, Method.KPI, Method.COUNT_KPI})
# Methods that owe no sheet: the record is whatever was awarded.
NOTHING_OWED = frozenset({Method.BONUS_POINTS})


SCHEDULE_APPROVED = "approved"
# R-SCHEDULE: the Typical Methodology's rule, as Shakhtinsk's p10 restates it.
SCHEDULE_CITE = Cite(
    "agency-order-13-2018",
    restated_in=Cite(
        "shakhtinsk-278-5",
        "10",
        "уәкілетті тұлға ақпараттық жүйеде қызметшілерді бағалау кестесін жасайды",
    ),
)


class GapKind(StrEnum):
    NO_SHEET = "no_sheet"  # nothing entered for the person under the method
    NOT_APPROVED = "not_approved"  # a sheet exists, not approved yet
    NOT_SUPPORTED = "not_supported"  # no sheet of this method is kept here


@dataclass(frozen=True)
class CloseFacts:
    """One person in the period: their status, methods, and the state of the sheet
    holding them for each method (a method missing from ``sheets``: no sheet)."""

    key: int
    status: str
    methods: tuple[str, ...]
    sheets: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Gap:
    """What keeps the period open: one person, one method, and why."""

    key: int
    method: str
    kind: GapKind
    state: str = ""


def close_gaps(people: Iterable[CloseFacts]) -> tuple[Gap, ...]:
    """Every gap that keeps the period from closing, in the order given (see module)."""
    gaps: list[Gap] = []
    for person in people:
        if person.status == NOT_EVALUATED:
            continue
        for method in person.methods:
            if method in NOTHING_OWED:
                continue
            if method not in SHEET_METHODS:
                gaps.append(Gap(person.key, method, GapKind.NOT_SUPPORTED))
                continue
            state = person.sheets.get(method)
            if state is None:
                gaps.append(Gap(person.key, method, GapKind.NO_SHEET))
            elif state != APPROVED:
                gaps.append(Gap(person.key, method, GapKind.NOT_APPROVED, state))
    return tuple(gaps)


def results_owed(person: CloseFacts) -> tuple[str, ...]:
    """The methods whose result the close computes for the person (none if not evaluated)."""
    if person.status == NOT_EVALUATED:
        return ()
    return tuple(m for m in person.methods if m in SHEET_METHODS or m in NOTHING_OWED)


def may_close(schedule_state: str | None, gaps: Iterable[Gap]) -> bool:
    """Whether a period closes: its schedule approved (R-SCHEDULE) and no gap left."""
    return schedule_state == SCHEDULE_APPROVED and not any(True for _ in gaps)


def check_may_close(period: str, schedule_state: str | None) -> None:
    """R-SCHEDULE (004 p10): refuse to close a period whose schedule is not approved by
    the appointing official (SCHEDULE_NOT_APPROVED, naming the period); the gaps are
    ``close_gaps``'s."""
    if schedule_state != SCHEDULE_APPROVED:
        raise DomainError(
            ErrorCode.SCHEDULE_NOT_APPROVED,
            {"period": period, "state": schedule_state or ""},
            SCHEDULE_CITE,
        )

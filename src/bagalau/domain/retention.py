"""R-RETAIN (004 p14): how long the documents of an evaluation are kept.

"Бағалауға байланысты құжаттар бағалау аяқталған күннен бастап үш жыл бойы ...
сақталады" -- the documents related to the evaluation are kept for three years from
the day the evaluation is completed. The number of years is the pack's
``retention_years``; a pack that does not give it decides nothing (``RETENTION_NOT_SET``),
never a default.

How the term is read here. The term runs *from* the completion day, so it is counted
as a term in years is counted in civil law: it starts the day after that day and
expires on the same month and day of its last year, the anniversary. Completed on
15.04.2023, the documents are kept up to and including 15.04.2026 and may be removed
from 16.04.2026. The other reading (the completion day itself as the term's first
day, so that the term's last day is 14.04.2026) removes them one day sooner; keeping
a day longer never breaks a duty to keep, removing a day early would, so the later
end is taken. A completion on 29 February ends in a year without that day on the last
day of February (29.02.2024 -> kept to 28.02.2027, removable from 01.03.2027), as a
term in years that ends in a month without its day ends on that month's last day.

"Today" is always a parameter: the caller passes the site's local date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bagalau.domain.calendar import add_months
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite, Cited
from bagalau.domain.methodology import Pack

RULE_ID = "R-RETAIN"


@dataclass(frozen=True)
class Retention:
    """The retention of one evaluation's documents: ``ends`` is the last day they are
    kept (the anniversary), ``removable_from`` the first day they may go."""

    completed: date
    years: int
    ends: date
    cite: Cite
    unverified: bool = False

    @property
    def removable_from(self) -> date:
        return self.ends + timedelta(days=1)

    def is_past(self, today: date) -> bool:
        """True from the day after ``ends``: on the anniversary itself they are kept."""
        return today > self.ends


def retention_rule(pack: Pack) -> Cited[int]:
    """The pack's ``retention_years``; refused (RETENTION_NOT_SET) where it has none."""
    rule = pack.rules.retention_years
    if rule is None:
        raise DomainError(ErrorCode.RETENTION_NOT_SET, {"pack": pack.id})
    return rule


def retention_of(completed: date, pack: Pack) -> Retention:
    """R-RETAIN (004 p14): the retention of an evaluation completed on ``completed``,
    governed by ``pack``."""
    rule = retention_rule(pack)
    ends = add_months(completed, 12 * rule.value)  # 29.02 -> 28.02 of a common year
    return Retention(completed, rule.value, ends, rule.cite, rule.unverified)


def retention_ends(completed: date, pack: Pack) -> date:
    """The last day the documents are kept: the anniversary of ``completed`` after the
    pack's ``retention_years``."""
    return retention_of(completed, pack).ends


def is_past_retention(completed: date, today: date, pack: Pack) -> bool:
    """Whether on ``today`` the documents may go: from the day after ``retention_ends``."""
    return retention_of(completed, pack).is_past(today)


class Held(StrEnum):
    """Why documents past their retention are kept all the same."""

    UNVERIFIED = "unverified"  # the pack's number of years is not from the sources
    YEAR_OPEN = "year_open"  # its year's period, the mean of its quarters, is not closed


def held_back(retention: Retention, *, quarter_of_open_year: bool) -> Held | None:
    """Why a period past ``retention`` keeps its documents, or None when they may go.

    A number of years the sources do not give is not law (ADR 0002), so nothing is
    removed on it; a quarter's documents wait for its year's close, whose final score is
    the mean of the quarters (R-PERIODS, 004 p4).
    """
    if retention.unverified:
        return Held.UNVERIFIED
    if quarter_of_open_year:
        return Held.YEAR_OPEN
    return None

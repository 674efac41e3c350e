"""Working days and evaluation periods.

Deadlines of the procedure are counted in Kazakhstan working days (жұмыс күні): not a
Saturday or Sunday, not a public holiday or its observed day, but a Saturday the
government moved a working day to *is* one. The holiday data is given to
``WorkCalendar`` by the caller, so this module stays pure.
"""

from __future__ import annotations

import calendar as _stdcal
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from bagalau.domain.errors import DomainError, ErrorCode

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DayTransfer:
    """A day moved by a government decree: ``rest_day`` is off, ``work_day`` is worked."""

    rest_day: date
    work_day: date
    basis: str = ""


@dataclass(frozen=True)
class WorkCalendar:
    """Kazakhstan's working-day calendar as data: holidays, and weekend days worked."""

    holidays: Mapping[date, str] = field(default_factory=dict)
    working_weekends: frozenset[date] = frozenset()

    def with_transfers(self, transfers: Iterable[DayTransfer]) -> WorkCalendar:
        holidays = dict(self.holidays)
        working = set(self.working_weekends)
        for transfer in transfers:
            holidays[transfer.rest_day] = transfer.basis or "transfer"
            working.add(transfer.work_day)
            holidays.pop(transfer.work_day, None)
        return WorkCalendar(holidays=holidays, working_weekends=frozenset(working))

    def is_working_day(self, day: date) -> bool:
        if day in self.working_weekends:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def why_not_working(self, day: date) -> str:
        """The holiday's name, "weekend", or "" for a working day."""
        if self.is_working_day(day):
            return ""
        return self.holidays.get(day, "weekend")

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (before it when negative).

        ``start`` itself is not counted: "within 2 working days of D" ends on
        ``add_working_days(D, 2)``. With ``count == 0`` the answer is ``start`` if it
        is a working day, else the next working day.
        """
        step = _ONE_DAY if count >= 0 else -_ONE_DAY
        day = start
        if count == 0:
            while not self.is_working_day(day):
                day += _ONE_DAY
            return day
        remaining = abs(count)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += _ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count


class PeriodKind(StrEnum):
    QUARTER = "quarter"
    YEAR = "year"


_PERIOD_RE = re.compile(r"^(?P<year>\d{4})(?:-Q(?P<quarter>[1-4]))?$")


@dataclass(frozen=True, order=True)
class Period:
    """An evaluated period (бағаланатын кезең): a calendar quarter or year (R-PERIODS)."""

    year: int
    quarter: int = 0  # 0 for a whole year

    def __post_init__(self) -> None:
        if not (1900 <= self.year <= 2999) or not (0 <= self.quarter <= 4):
            raise DomainError(ErrorCode.BAD_PERIOD, {"value": self.code})

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026-Q1`` is the first quarter of 2026, ``2026`` the whole year."""
        match = _PERIOD_RE.match(text.strip())
        if not match:
            raise DomainError(ErrorCode.BAD_PERIOD, {"value": text})
        return cls(int(match["year"]), int(match["quarter"] or 0))

    @property
    def kind(self) -> PeriodKind:
        return PeriodKind.QUARTER if self.quarter else PeriodKind.YEAR

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.quarter}" if self.quarter else f"{self.year}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.quarter - 2 if self.quarter else 1, 1)

    @property
    def end(self) -> date:
        month = 3 * self.quarter if self.quarter else 12
        return date(self.year, month, _stdcal.monthrange(self.year, month)[1])

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def quarters(self) -> tuple[Period, ...]:
        if self.quarter:
            return (self,)
        return tuple(Period(self.year, q) for q in range(1, 5))

    def year_period(self) -> Period:
        return Period(self.year)

    def day_of_month_after(self, day: int) -> date:
        """The ``day``-th calendar day of the month after the period ends.

        R-PERIODS (004 p4): "есепті тоқсаннан кейінгі айдың оныншы күнінен кешіктірілмей".
        """
        first = self.end + _ONE_DAY
        return date(
            first.year, first.month, min(day, _stdcal.monthrange(first.year, first.month)[1])
        )

    def days(self) -> Iterator[date]:
        day = self.start
        while day <= self.end:
            yield day
            day += _ONE_DAY

    def __str__(self) -> str:
        return self.code


def check_opening(period: Period, today: date, *, in_advance: bool) -> None:
    """A period is opened once it has started; one that starts after ``today`` (2027-Q1
    in December 2026) only when opening it in advance is confirmed (PERIOD_NOT_STARTED):
    its evaluators would otherwise see a team to score for a quarter not yet worked."""
    if period.start > today and not in_advance:
        raise DomainError(
            ErrorCode.PERIOD_NOT_STARTED,
            {"period": period.code, "start": period.start, "today": today},
        )


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clipped to the month's end (31.01 + 1 month = 28/29.02)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _stdcal.monthrange(year, month + 1)[1]))


def parse_date(text: str) -> date:
    """Accepts dd.mm.yyyy (the forms' way) and yyyy-mm-dd (ISO)."""
    value = text.strip()
    try:
        if re.fullmatch(r"\d{2}\.\d{2}\.\d{4}", value):
            day, month, year = value.split(".")
            return date(int(year), int(month), int(day))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise DomainError(ErrorCode.BAD_DATE, {"value": text})


def format_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")

"""Working-day arithmetic: every deadline of the procedure goes through it."""

from __future__ import annotations

import time
from datetime import date, timedelta

import holidays

from bagalau.domain.calendar import WorkCalendar

CALLS = 100_000


def kazakhstan_calendar() -> WorkCalendar:
    # The same data bagalau.core.calendar builds, without the database's extra transfers.
    kz = holidays.country_holidays("KZ", years=range(2015, 2041), language="en_US")
    return WorkCalendar(holidays=dict(kz.items()), working_weekends=frozenset(kz.weekend_workdays))


def main() -> None:
    calendar = kazakhstan_calendar()
    starts = [date(2024, 1, 1) + timedelta(days=i % 730) for i in range(CALLS)]
    counts = [(2, 3, 5, 10, -5)[i % 5] for i in range(CALLS)]
    started = time.perf_counter()
    for start, count in zip(starts, counts, strict=True):
        calendar.add_working_days(start, count)
    elapsed = time.perf_counter() - started
    print(
        f"   add_working_days: {CALLS:,} calls in {elapsed:.3f} s "
        f"({elapsed / CALLS * 1e6:.2f} µs per call, counts 2..10 and -5)"
    )

"""Working-day arithmetic: every deadline of the procedure goes through it."""

from __future__ import annotations

import os
import time
from datetime import date, timedelta

CALLS = 100_000


def main() -> None:
    # The calendar module sits in a Django app; debug mode supplies a development key.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bagalau.config.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from bagalau.core.calendar import statutory_calendar

    calendar = statutory_calendar()
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

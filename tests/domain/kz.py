"""Kazakhstan's calendar for domain tests, built the way the app builds it."""

from __future__ import annotations

from functools import lru_cache

import holidays

from bagalau.domain.calendar import WorkCalendar


@lru_cache(maxsize=1)
def kz_calendar() -> WorkCalendar:
    data = holidays.country_holidays("KZ", years=range(2015, 2031))
    return WorkCalendar(
        holidays=dict(data.items()), working_weekends=frozenset(data.weekend_workdays)
    )

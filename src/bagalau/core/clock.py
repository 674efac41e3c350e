"""The one clock of the site: "today" and "now" in the site's time zone (Asia/Almaty by
default, ``TIME_ZONE``), never the process's.

Every deadline of the procedure is counted in the body's local working days, so a view,
a service, a command and a notice must all agree on which day it is; evening in UTC is
already tomorrow in Almaty. Everything in ``src/`` asks this module; tests move it with
``time-machine``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def now() -> datetime:
    """The current moment as an aware datetime in the site's time zone."""
    return timezone.localtime(timezone.now())


def today() -> date:
    """The site's local date: the day every deadline and period is counted on."""
    return now().date()


def local_day(moment: datetime) -> date:
    """The site's local date of a stored moment (kept in UTC by the database)."""
    return timezone.localtime(moment).date()


def start_of_day(day: date) -> datetime:
    """The aware moment the site's local ``day`` begins (local midnight), so that a day's
    records are ``start_of_day(day) <= at < start_of_day(day + 1)``: bounds an index on
    the stored moment can use, where a cast of each row to a local date cannot."""
    return timezone.make_aware(datetime.combine(day, time.min))


def start_of_next_day(day: date) -> datetime:
    """Local midnight at the end of ``day``: the exclusive upper bound of that day."""
    return start_of_day(day + timedelta(days=1))

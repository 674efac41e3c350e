"""Working days and periods (R-PERIODS 004 p4; "N working days" deadlines throughout)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.domain.calendar import (
    DayTransfer,
    Period,
    WorkCalendar,
    add_months,
    format_date,
    parse_date,
)
from bagalau.domain.errors import DomainError, ErrorCode
from tests.domain.kz import kz_calendar

KZ = kz_calendar()
days = st.dates(min_value=date(2016, 1, 1), max_value=date(2029, 12, 31))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 1, 2), False),  # New Year
        (date(2026, 1, 5), True),
        (date(2026, 3, 9), False),  # 8 March fell on a Sunday: observed Monday
        (date(2026, 3, 23), False),  # Nauryz
        (date(2026, 3, 25), False),  # Nauryz observed
        (date(2026, 3, 26), True),
        (date(2023, 7, 1), True),  # Saturday worked, moved to 07.07.2023
        (date(2023, 7, 7), False),
        (date(2024, 5, 4), True),  # Saturday worked
        (date(2026, 11, 21), False),  # a plain Saturday
    ],
)
def test_kazakhstan_working_days(day: date, working: bool) -> None:
    assert KZ.is_working_day(day) is working


def test_why_not_working_names_the_holiday() -> None:
    assert "Nowruz" in KZ.why_not_working(date(2026, 3, 23))
    assert KZ.why_not_working(date(2026, 11, 21)) == "weekend"
    assert KZ.why_not_working(date(2026, 11, 23)) == ""


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        # R-FAMILIARIZE: 2 working days after Friday 20.03.2026 skip Nauryz 21-25.03
        (date(2026, 3, 20), 2, date(2026, 3, 27)),
        (date(2026, 4, 10), 2, date(2026, 4, 14)),
        (date(2026, 4, 10), -5, date(2026, 4, 3)),
        # the worked Saturday 01.07.2023 counts, the day off 07.07.2023 does not
        (date(2023, 6, 30), 1, date(2023, 7, 1)),
        (date(2023, 7, 6), 1, date(2023, 7, 10)),
        (date(2026, 11, 21), 0, date(2026, 11, 23)),
        (date(2026, 11, 23), 0, date(2026, 11, 23)),
    ],
)
def test_add_working_days(start: date, count: int, expected: date) -> None:
    assert KZ.add_working_days(start, count) == expected


@given(days, st.integers(min_value=-60, max_value=60))
def test_adding_working_days_lands_on_a_working_day(start: date, count: int) -> None:
    assert KZ.is_working_day(KZ.add_working_days(start, count))


@given(days, st.integers(min_value=-60, max_value=60))
def test_adding_working_days_is_monotone(start: date, count: int) -> None:
    # Strictly, except that 0 and 1 meet when ``start`` is not a working day.
    earlier, later = KZ.add_working_days(start, count), KZ.add_working_days(start, count + 1)
    assert earlier < later or (count == 0 and not KZ.is_working_day(start) and earlier == later)


@given(days, st.integers(min_value=1, max_value=60))
def test_working_days_between_inverts_add(start: date, count: int) -> None:
    end = KZ.add_working_days(start, count)
    assert KZ.working_days_between(start, end) == count
    assert KZ.working_days_between(end, start) == -count


@given(days, st.integers(min_value=1, max_value=40))
def test_subtracting_then_adding_comes_back_to_a_working_day(start: date, count: int) -> None:
    working = KZ.add_working_days(start, 0)
    assert KZ.add_working_days(KZ.add_working_days(working, -count), count) == working


def test_transfer_by_decree_moves_a_day() -> None:
    moved = KZ.with_transfers([DayTransfer(date(2026, 12, 18), date(2026, 12, 12), "decree")])
    assert not moved.is_working_day(date(2026, 12, 18))
    assert moved.is_working_day(date(2026, 12, 12))
    assert KZ.is_working_day(date(2026, 12, 18))


def test_plain_calendar_has_only_weekends() -> None:
    plain = WorkCalendar()
    assert plain.is_working_day(date(2026, 1, 1))
    assert not plain.is_working_day(date(2026, 1, 3))


@pytest.mark.parametrize(
    ("text", "start", "end", "tenth_after"),
    [
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 10)),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), date(2027, 1, 10)),
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31), date(2024, 4, 10)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 10)),
    ],
)
def test_periods(text: str, start: date, end: date, tenth_after: date) -> None:
    period = Period.parse(text)
    assert (period.start, period.end) == (start, end)
    assert period.day_of_month_after(10) == tenth_after
    assert period.code == text


@pytest.mark.parametrize("text", ["2026-Q5", "2026Q1", "26-Q1", "", "2026-q1", "year"])
def test_bad_period_is_refused(text: str) -> None:
    with pytest.raises(DomainError) as err:
        Period.parse(text)
    assert err.value.code is ErrorCode.BAD_PERIOD
    assert err.value.params["value"] == text


@given(st.integers(min_value=1990, max_value=2100), st.integers(min_value=0, max_value=4))
def test_period_round_trip_and_bounds(year: int, quarter: int) -> None:
    period = Period(year, quarter)
    assert Period.parse(period.code) == period
    assert period.start <= period.end
    assert period.contains(period.start) and period.contains(period.end)
    assert not period.contains(period.end + timedelta(days=1))


def test_year_is_its_four_quarters() -> None:
    quarters = Period(2026).quarters()
    assert [q.code for q in quarters] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert sum(1 for q in quarters for _ in q.days()) == 365


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 3, 1), 1, date(2026, 4, 1)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 3, 15), -3, date(2025, 12, 15)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23.11.2026", date(2026, 11, 23)),
        ("2026-11-23", date(2026, 11, 23)),
        (" 01.02.2024 ", date(2024, 2, 1)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["31.02.2026", "2026/11/23", "23-11-2026", "", "tomorrow", "1.2.2026"]
)
def test_malformed_date_is_refused(text: str) -> None:
    with pytest.raises(DomainError) as err:
        parse_date(text)
    assert err.value.code is ErrorCode.BAD_DATE


@given(days)
def test_date_format_round_trip(day: date) -> None:
    assert parse_date(format_date(day)) == day
    assert format_date(day)[2] == "." and len(format_date(day)) == 10

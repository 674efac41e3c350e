"""Kazakhstan's working days on real dates, and transfers an administrator adds."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from bagalau.core.calendar import kazakhstan_calendar
from bagalau.core.models import DayTransfer

pytestmark = pytest.mark.django_db


def test_capital_day_bridge_2023_moved_from_saturday() -> None:
    # Government decree: Friday 07.07.2023 off, worked on Saturday 01.07.2023 instead.
    calendar = kazakhstan_calendar()
    assert not calendar.is_working_day(date(2023, 7, 7))
    assert calendar.is_working_day(date(2023, 7, 1))
    assert calendar.is_working_day(date(2023, 7, 5))
    assert not calendar.is_working_day(date(2023, 7, 6))  # Capital Day itself


def test_nauryz_2026_is_off() -> None:
    with translation.override("en"):
        calendar = kazakhstan_calendar()
    assert calendar.why_not_working(date(2026, 3, 23)) == "Nowruz Holiday"
    # 21-23 March fall on Sat-Mon; the weekend days are observed on 24-25 March.
    for day in range(21, 26):
        assert not calendar.is_working_day(date(2026, 3, day))
    assert calendar.is_working_day(date(2026, 3, 26))


def test_adding_working_days_across_nauryz_2026() -> None:
    calendar = kazakhstan_calendar()
    assert calendar.add_working_days(date(2026, 3, 20), 1) == date(2026, 3, 26)
    assert calendar.add_working_days(date(2026, 3, 19), 3) == date(2026, 3, 27)
    assert calendar.add_working_days(date(2026, 3, 26), -1) == date(2026, 3, 20)


def test_holiday_names_follow_the_active_language() -> None:
    with translation.override("kk"):
        assert kazakhstan_calendar().why_not_working(date(2026, 3, 23)) == "Наурыз мейрамы"
    with translation.override("en"):
        assert kazakhstan_calendar().why_not_working(date(2026, 3, 28)) == "weekend"


def test_a_transfer_added_in_the_database_changes_the_answer() -> None:
    # A hypothetical decree: Monday 15.02.2027 off, Saturday 20.02.2027 worked.
    rest_day, work_day = date(2027, 2, 15), date(2027, 2, 20)
    before = kazakhstan_calendar()
    assert before.is_working_day(rest_day)
    assert not before.is_working_day(work_day)
    assert before.add_working_days(date(2027, 2, 14), 1) == rest_day

    DayTransfer.objects.create(rest_day=rest_day, work_day=work_day, basis="Decree No. 1")

    after = kazakhstan_calendar()
    assert not after.is_working_day(rest_day)
    assert after.why_not_working(rest_day) == "Decree No. 1"
    assert after.is_working_day(work_day)
    assert after.add_working_days(date(2027, 2, 14), 1) == date(2027, 2, 16)
    assert after.add_working_days(date(2027, 2, 19), 1) == work_day


def test_transfers_are_read_in_one_query(django_assert_num_queries: DjangoAssertNumQueries) -> None:
    DayTransfer.objects.create(rest_day=date(2027, 2, 15), work_day=date(2027, 2, 20), basis="x")
    with django_assert_num_queries(1):
        kazakhstan_calendar()

"""domain.retention: the documents of an evaluation are kept three years from the day it
was completed (R-RETAIN, 004 p14), up to and including the third anniversary."""

from __future__ import annotations

from datetime import date

import pytest

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.retention import (
    Held,
    held_back,
    is_past_retention,
    retention_ends,
    retention_of,
    retention_rule,
)
from bagalau.packs import load_directory
from tests.domain.conftest import cited, typical_pack

THREE_YEARS = typical_pack(retention_years=cited(3, "14"))


@pytest.mark.parametrize(
    ("completed", "today", "past"),
    [
        # one day before the third anniversary: kept
        (date(2023, 4, 15), date(2026, 4, 14), False),
        # on the anniversary: still kept, its last day
        (date(2023, 4, 15), date(2026, 4, 15), False),
        # the day after: the documents may go
        (date(2023, 4, 15), date(2026, 4, 16), True),
        # the completion day and the years between: kept
        (date(2023, 4, 15), date(2023, 4, 15), False),
        (date(2023, 4, 15), date(2025, 12, 31), False),
        # a year's end: kept through 31.12, removable from 01.01
        (date(2023, 12, 31), date(2026, 12, 31), False),
        (date(2023, 12, 31), date(2027, 1, 1), True),
        # 29 February: the anniversary in a common year is 28 February
        (date(2024, 2, 29), date(2027, 2, 27), False),
        (date(2024, 2, 29), date(2027, 2, 28), False),
        (date(2024, 2, 29), date(2027, 3, 1), True),
        # the day after 29 February ends on 1 March, a day later
        (date(2024, 3, 1), date(2027, 3, 1), False),
        (date(2024, 3, 1), date(2027, 3, 2), True),
    ],
)
def test_kept_to_the_third_anniversary_removable_the_day_after(
    completed: date, today: date, past: bool
) -> None:
    assert is_past_retention(completed, today, THREE_YEARS) is past


@pytest.mark.parametrize(
    ("completed", "ends", "removable"),
    [
        (date(2023, 4, 15), date(2026, 4, 15), date(2026, 4, 16)),
        (date(2024, 2, 29), date(2027, 2, 28), date(2027, 3, 1)),
        # a 29 February anniversary exists again in a leap year
        (date(2020, 2, 29), date(2023, 2, 28), date(2023, 3, 1)),
        (date(2023, 12, 31), date(2026, 12, 31), date(2027, 1, 1)),
    ],
)
def test_the_last_day_kept_and_the_first_day_removable(
    completed: date, ends: date, removable: date
) -> None:
    assert retention_ends(completed, THREE_YEARS) == ends
    found = retention_of(completed, THREE_YEARS)
    assert (found.completed, found.years, found.ends) == (completed, 3, ends)
    assert found.removable_from == removable
    assert found.cite.act == "shakhtinsk-278-5" and found.cite.paragraph == "14"


def test_another_number_of_years_is_the_pack_s() -> None:
    five = typical_pack(retention_years=cited(5, "14"))
    assert retention_ends(date(2024, 2, 29), five) == date(2029, 2, 28)
    assert retention_ends(date(2024, 2, 29), typical_pack(retention_years=cited(4))) == date(
        2028, 2, 29
    )


def test_an_unverified_number_of_years_says_so() -> None:
    unsure = typical_pack(retention_years=cited(3, unverified=True))
    assert retention_of(date(2023, 4, 15), unsure).unverified is True
    assert retention_of(date(2023, 4, 15), THREE_YEARS).unverified is False


@pytest.mark.parametrize(
    ("unverified", "open_year", "held"),
    [
        (False, False, None),
        (True, False, Held.UNVERIFIED),
        (False, True, Held.YEAR_OPEN),  # 004 p4: the year's score is the mean of its quarters
        (True, True, Held.UNVERIFIED),
    ],
)
def test_what_holds_documents_past_their_retention(
    unverified: bool, open_year: bool, held: Held | None
) -> None:
    pack = typical_pack(retention_years=cited(3, unverified=unverified))
    retention = retention_of(date(2023, 4, 15), pack)
    assert held_back(retention, quarter_of_open_year=open_year) is held


def test_a_pack_without_retention_decides_nothing() -> None:
    silent = typical_pack()
    assert silent.rules.retention_years is None
    for call in (
        lambda: retention_ends(date(2023, 4, 15), silent),
        lambda: is_past_retention(date(2023, 4, 15), date(2030, 1, 1), silent),
        lambda: retention_rule(silent),
    ):
        with pytest.raises(DomainError) as err:
            call()
        assert err.value.code is ErrorCode.RETENTION_NOT_SET
        assert err.value.params == {"pack": "test"}


def test_the_packs_say_three_years_from_004_p14_or_nothing() -> None:
    registry = load_directory()
    shakhtinsk = registry.pack("shakhtinsk-2024")  # extends 2023: p14 is not amended
    rule = retention_rule(shakhtinsk)
    assert rule.value == 3 and (rule.cite.act, rule.cite.paragraph) == ("shakhtinsk-278-5", "14")
    assert "үш жыл бойы" in rule.cite.quote
    assert retention_ends(date(2024, 4, 9), shakhtinsk) == date(2027, 4, 9)
    # The 2018 generation's texts are not in the sources: no retention is invented.
    with pytest.raises(DomainError) as err:
        retention_ends(date(2024, 4, 9), registry.pack("aktau-2018"))
    assert err.value.code is ErrorCode.RETENTION_NOT_SET

"""Which periods are past their retention period (R-RETAIN, 004 p14): counted from the
local day the period was closed, never from an open one, held while the year's period
is open, undecided (never removed) where the pack gives no retention."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.test import TestCase
from pytest_django import DjangoAssertNumQueries

from bagalau.cycles.models import EvaluationPeriod
from bagalau.cycles.retention.selectors import (
    PeriodRetention,
    completed_on,
    retention_overview,
)
from bagalau.domain.errors import ErrorCode
from bagalau.domain.retention import Held
from bagalau.orgs.models import StateBody
from tests.conftest import ClockAt

pytestmark = pytest.mark.django_db


def body(code: str = "shakhtinsk-test") -> StateBody:
    return StateBody.objects.create(
        code=code, name_kk=code, name_ru=code, kind="maslikhat_apparatus",
        methodology_code="shakhtinsk-maslikhat",
    )  # fmt: skip


def period(
    owner: StateBody,
    quarter: int,
    closed_at: datetime | None,
    *,
    pack: str = "shakhtinsk-2023",
    year: int = 2024,
    status: str = "closed",
) -> EvaluationPeriod:
    return EvaluationPeriod.objects.create(
        body=owner, year=year, quarter=quarter, pack_id=pack, status=status, closed_at=closed_at
    )


def codes(items: list[PeriodRetention]) -> list[str]:
    return [f"{i.period.body.code} {i.period.code}" for i in items]


def test_completion_is_the_local_day_of_the_close(clock_at: ClockAt) -> None:
    # 19:30 UTC on 10.04.2024 is 00:30 on 11.04.2024 in Almaty: completed on the 11th
    q1 = period(body(), 1, datetime(2024, 4, 10, 19, 30, tzinfo=UTC))
    assert completed_on(q1) == date(2024, 4, 11)
    clock_at(date(2027, 4, 11))
    overview = retention_overview(today=date(2027, 4, 11))
    assert codes(overview.soon) == ["shakhtinsk-test 2024-Q1"] and overview.past == []
    assert overview.soon[0].retention.ends == date(2027, 4, 11)  # type: ignore[union-attr]
    assert codes(retention_overview(today=date(2027, 4, 12)).past) == ["shakhtinsk-test 2024-Q1"]


def test_a_period_not_closed_is_never_due() -> None:
    owner = body()
    period(owner, 1, None, status="open")
    period(owner, 2, None, status="closing")
    overview = retention_overview(today=date(2040, 1, 1), soon_days=10_000)
    assert overview.past == overview.soon == overview.held == overview.undecided == []


def test_coming_due_within_the_days_asked() -> None:
    period(body(), 1, datetime(2024, 4, 10, 7, tzinfo=UTC))
    assert codes(retention_overview(today=date(2027, 3, 11), soon_days=30).soon) == [
        "shakhtinsk-test 2024-Q1"
    ]
    assert retention_overview(today=date(2027, 3, 10), soon_days=30).soon == []


def test_a_quarter_is_held_while_its_year_is_open_and_never_removed(clock_at: ClockAt) -> None:
    owner = body()
    q1 = period(owner, 1, datetime(2024, 4, 10, 7, tzinfo=UTC))
    year = period(owner, 0, None, status="open")
    clock_at(date(2027, 6, 1))
    overview = retention_overview(today=date(2027, 6, 1))
    assert overview.past == [] and codes(overview.held) == ["shakhtinsk-test 2024-Q1"]
    assert overview.held[0].held is Held.YEAR_OPEN
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command(
            "retention", "--remove", "--yes", "--lang", "en", stdout=(out := io.StringIO())
        )
    assert "held: the year's period is not closed" in out.getvalue()
    q1.refresh_from_db()
    assert q1.documents_removed_at is None
    EvaluationPeriod.objects.filter(pk=year.pk).update(
        status="closed", closed_at=datetime(2025, 1, 20, 7, tzinfo=UTC)
    )
    assert codes(retention_overview(today=date(2027, 6, 1)).past) == ["shakhtinsk-test 2024-Q1"]


def test_a_pack_without_retention_leaves_its_periods_undecided(clock_at: ClockAt) -> None:
    aktau = period(
        body("aktau-test"), 0, datetime(2019, 1, 20, 7, tzinfo=UTC), pack="aktau-2018", year=2018
    )
    clock_at(date(2030, 1, 1))
    overview = retention_overview(today=date(2030, 1, 1))
    [item] = overview.undecided
    assert item.period == aktau and item.retention is None
    assert item.refusal is not None and item.refusal.code is ErrorCode.RETENTION_NOT_SET
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command(
            "retention", "--remove", "--yes", "--lang", "en", stdout=(out := io.StringIO())
        )
    text = out.getvalue()
    assert (
        "Not decided, never removed:\n"
        "  aktau-test (aktau-test), period 2018: completed on 20.01.2019" in text
    )
    assert "The methodology aktau-2018 does not say how long evaluation documents are kept" in text
    assert "Nothing is past its retention period; nothing was removed." in text
    aktau.refresh_from_db()
    assert aktau.documents_removed_at is None


def test_the_overview_reads_a_fixed_number_of_queries(
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    for n in range(3):
        owner = body(f"body-{n}")
        for quarter in (1, 2, 3):
            period(owner, quarter, datetime(2024, 3 * quarter + 1, 10, 7, tzinfo=UTC))
    with django_assert_max_num_queries(20):
        overview = retention_overview(today=date(2028, 1, 1))
    assert len(overview.past) == 9

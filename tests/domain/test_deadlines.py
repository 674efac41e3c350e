"""Deadlines of the procedure counted from their events (R-PERIODS, R-FAMILIARIZE,
R-DISAGREE, R-KPI-PLAN, R-CALIB), on Kazakhstan's working-day calendar."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bagalau.domain.calendar import Period
from bagalau.domain.deadlines import check_not_late, cycle_deadlines, find_rule
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.methodology import Pack, load_registry
from tests.domain.kz import kz_calendar
from tests.domain.packdata import T, pack

KZ = kz_calendar()


def rule(rule_id: str, kind: str, count: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": rule_id,
        "name": T,
        "kind": kind,
        "count": count,
        "cite": {"act": "base-1", "p": "4"},
        **extra,
    }


def deadline_pack(*rules: dict[str, Any]) -> Pack:
    data = pack()
    data["rules"]["deadlines"] = list(rules)
    return load_registry({"p.yaml": data}).pack("body-2020")


CHAIN = (
    rule(
        "familiarization",
        "working_days_after",
        2,
        after="evaluation_completed",
        marks="familiarized",
    ),
    rule(
        "evaluation",
        "day_of_month_after_period",
        10,
        marks="evaluation_completed",
        period="quarter",
    ),
    rule(
        "disagreement", "working_days_after", 5, after="familiarized", marks="application_received"
    ),
    rule("actuals", "working_days_before", 5, after="evaluation"),
)


def test_chain_is_projected_from_the_latest_allowed_dates() -> None:
    result = {d.id: d for d in cycle_deadlines(deadline_pack(*CHAIN), Period.parse("2026-Q1"), KZ)}
    assert result["evaluation"].due == date(2026, 4, 10)
    assert not result["evaluation"].projected
    # 10.04.2026 is a Friday: +2 working days is Tuesday 14.04
    assert result["familiarization"].due == date(2026, 4, 14)
    assert result["familiarization"].projected
    assert result["disagreement"].due == date(2026, 4, 21)
    assert result["actuals"].due == date(2026, 4, 3)


def test_events_that_happened_replace_projections() -> None:
    events = {"familiarized": date(2026, 4, 6)}
    result = {
        d.id: d for d in cycle_deadlines(deadline_pack(*CHAIN), Period.parse("2026-Q1"), KZ, events)
    }
    assert result["disagreement"].due == date(2026, 4, 13)
    assert result["disagreement"].counted_from == date(2026, 4, 6)
    assert not result["disagreement"].projected


def test_deadlines_come_in_date_order_and_skip_other_period_kinds() -> None:
    result = cycle_deadlines(deadline_pack(*CHAIN), Period.parse("2026"), KZ)
    assert [d.id for d in result] == []
    ordered = cycle_deadlines(deadline_pack(*CHAIN), Period.parse("2026-Q2"), KZ)
    assert [d.due for d in ordered] == sorted(d.due for d in ordered)


def test_deadline_from_an_event_not_given_is_left_out() -> None:
    appointed = rule("plan_after_appointment", "working_days_after", 10, after="appointment")
    period = Period.parse("2026-Q2")
    assert cycle_deadlines(deadline_pack(appointed), period, KZ) == ()
    result = cycle_deadlines(
        deadline_pack(appointed), period, KZ, {"appointment": date(2026, 5, 4)}
    )
    # 07.05 and 11.05.2026 are days off (Defender's Day, Victory Day observed)
    assert result[0].due == date(2026, 5, 20)


def test_late_action_is_refused_with_the_rule() -> None:
    deadlines = {
        d.id: d for d in cycle_deadlines(deadline_pack(*CHAIN), Period.parse("2026-Q1"), KZ)
    }
    check_not_late(deadlines["disagreement"], date(2026, 4, 21))
    with pytest.raises(DomainError) as err:
        check_not_late(deadlines["disagreement"], date(2026, 4, 22))
    assert err.value.code is ErrorCode.DEADLINE_PASSED
    assert err.value.params["due"] == date(2026, 4, 21)
    assert err.value.cite is not None and err.value.cite.paragraph == "4"


def test_unknown_rule() -> None:
    with pytest.raises(DomainError) as err:
        find_rule(deadline_pack(*CHAIN), "nothing")
    assert err.value.code is ErrorCode.RULE_NOT_IN_PACK

"""Every deadline of a cycle, dated or not (``deadline_list``): Atyrau's chapter 6
(count_kpi, 001 p43-69, acting 30.06-31.08.2023 by No. 105 p2) is listed for the year it
may apply to and marked as only for some people; outside its dates it is refused with
its rule. Dates worked by hand on Kazakhstan's 2023 calendar."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bagalau.domain.calendar import Period
from bagalau.domain.deadline_list import list_deadlines
from bagalau.domain.deadlines import cycle_deadlines
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import DateRange
from bagalau.domain.methodology import Method, Pack, Registry, load_registry
from bagalau.packs import load_directory
from tests.domain.kz import kz_calendar
from tests.domain.packdata import T, pack

KZ = kz_calendar()
YEAR = Period(2023)
OPENED = {"evaluation_opened": date(2023, 7, 3)}  # a Monday, while chapter 6 acts
CHAPTER_6 = (
    "count_kpi_plan",
    "count_kpi_resubmit",
    "count_kpi_to_commission",
    "count_kpi_commission_notice",
    "count_kpi_familiarization",
    "count_kpi_appeal",
)

# The 2023 calendar: 06.07 Capital Day; 07.07 a day off moved from Saturday 01.07, which
# was worked; 30.08 Constitution Day; 25.10 Republic Day.
EVENTS = OPENED | {
    "sheet_returned": date(2023, 7, 5),  # Wed; (6, 7 off) Mon 10 (1), Tue 11 (2)
    "sheet_agreed": date(2023, 8, 28),  # Mon; Tue 29 (1), (30 off), Thu 31 (2)
    "commission_meeting": date(2023, 9, 4),  # Mon; Fri 1.09 (1), Thu 31 (2), (30), Tue 29 (3)
    "results_approved": date(2023, 10, 24),  # Tue; (25 off) Thu 26 (1), Fri 27 (2)
    "commission_decision": date(2023, 10, 20),  # Fri; 23, 24, 26, 27, 30, 31, 1-3, Mon 6.11
}
EXPECTED = {
    # p43: Tue 4 (1), Wed 5 (2), (6, 7 off), 10 (3), 11, 12, 13, 14, 17, 18, Wed 19.07 (10)
    "count_kpi_plan": (date(2023, 7, 19), "43", "evaluation_opened"),
    "count_kpi_resubmit": (date(2023, 7, 11), "54", "sheet_returned"),
    "count_kpi_to_commission": (date(2023, 8, 31), "55", "sheet_agreed"),
    "count_kpi_commission_notice": (date(2023, 8, 29), "56", "commission_meeting"),
    "count_kpi_familiarization": (date(2023, 10, 27), "67", "results_approved"),
    "count_kpi_appeal": (date(2023, 11, 6), "69", "commission_decision"),
}


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_directory()


@pytest.fixture(scope="module")
def atyrau(registry: Registry) -> Pack:
    return registry.pack("atyrau-2023-105")


def refusal(pack: Pack, period: Period, method: str, **extra: Any) -> DomainError:
    with pytest.raises(DomainError) as err:
        list_deadlines(pack, period, KZ, method=method, **extra)
    return err.value


def test_every_chapter_6_deadline_is_dated_from_the_events_given(atyrau: Pack) -> None:
    listing = list_deadlines(atyrau, YEAR, KZ, EVENTS, method="count_kpi")
    assert listing.method is Method.COUNT_KPI
    assert not listing.undated
    found = {
        e.id: (e.deadline.due, e.cite.paragraph, e.rule.after)
        for e in listing.entries
        if e.deadline is not None
    }
    assert found == EXPECTED
    assert all(e.deadline is not None and not e.deadline.projected for e in listing.entries)
    # in date order: the notice before the sitting comes before the sheet goes to it
    assert [e.id for e in listing.entries] == sorted(EXPECTED, key=lambda i: EXPECTED[i][0])


def test_deadlines_counted_from_events_not_given_are_listed_undated(atyrau: Pack) -> None:
    listing = list_deadlines(atyrau, YEAR, KZ, method="count_kpi")
    assert not listing.dated
    assert {e.id: e.event for e in listing.undated} == {
        rule_id: after for rule_id, (_due, _p, after) in EXPECTED.items()
    }
    assert [e.id for e in listing.undated] == list(CHAPTER_6)  # the pack's order


def test_the_opening_day_dates_the_plan_and_the_rest_waits(atyrau: Pack) -> None:
    listing = list_deadlines(atyrau, YEAR, KZ, OPENED, method="count_kpi")
    assert [(e.id, e.deadline.due) for e in listing.dated if e.deadline] == [
        ("count_kpi_plan", date(2023, 7, 19))
    ]
    assert [e.id for e in listing.undated] == list(CHAPTER_6[1:])


def test_chapter_6_is_marked_as_only_for_those_absent_in_its_span(atyrau: Pack) -> None:
    listing = list_deadlines(atyrau, YEAR, KZ, OPENED)
    marked = {e.id for e in listing.entries if e.only_for is not None}
    assert marked == set(CHAPTER_6)
    (rule,) = listing.limited
    assert rule.method is Method.COUNT_KPI
    assert rule.absent_between == DateRange(date(2021, 7, 1), date(2022, 12, 31))
    assert rule.in_force == DateRange(date(2023, 6, 30), date(2023, 8, 31))
    assert (rule.cite.act, rule.cite.paragraph) == ("atyrau-105", "5")
    assert rule.in_force_cite is not None
    assert (rule.in_force_cite.act, rule.in_force_cite.paragraph) == ("atyrau-105", "2")


def test_the_year_lists_the_general_deadlines_as_before_and_chapter_6(atyrau: Pack) -> None:
    listing = list_deadlines(atyrau, YEAR, KZ)
    general = cycle_deadlines(atyrau, YEAR, KZ)
    assert [e.deadline for e in listing.dated] == list(general)
    assert [e.id for e in listing.undated] == list(CHAPTER_6)
    assert Method.COUNT_KPI in {m.method for m in listing.methods}


@pytest.mark.parametrize(
    ("opened", "plan_due"),
    [
        # the first day it acts, a Friday: Saturday 01.07 was worked (1), Mon 3 (2) ...
        # (6, 7 off) ... Mon 17.07 (10)
        (date(2023, 6, 30), date(2023, 7, 17)),
        # the last day it acts, a Thursday: Fri 1.09 (1), 4-8 (2-6), 11-14 (7-10)
        (date(2023, 8, 31), date(2023, 9, 14)),
    ],
)
def test_a_year_opened_on_either_last_day_of_chapter_6_has_it(
    atyrau: Pack, opened: date, plan_due: date
) -> None:
    events = {"evaluation_opened": opened}
    listing = list_deadlines(atyrau, YEAR, KZ, events, method="count_kpi")
    assert listing.dated[0].id == "count_kpi_plan"
    assert listing.dated[0].deadline is not None
    assert listing.dated[0].deadline.due == plan_due


@pytest.mark.parametrize("period", [Period(2024), Period(2022)])
def test_a_year_outside_chapter_6_is_refused_with_its_dates(atyrau: Pack, period: Period) -> None:
    err = refusal(atyrau, period, "count_kpi")
    assert err.code is ErrorCode.METHOD_NOT_IN_FORCE_IN_PERIOD
    assert err.params == {
        "method": Method.COUNT_KPI,
        "span": DateRange(date(2023, 6, 30), date(2023, 8, 31)),
        "period": period.code,
    }
    assert err.cite is not None and (err.cite.act, err.cite.paragraph) == ("atyrau-105", "2")


@pytest.mark.parametrize("opened", [date(2023, 6, 29), date(2023, 9, 1), date(2023, 12, 1)])
def test_a_year_opened_while_chapter_6_does_not_act_is_refused(atyrau: Pack, opened: date) -> None:
    err = refusal(atyrau, YEAR, "count_kpi", events={"evaluation_opened": opened})
    assert err.code is ErrorCode.METHOD_NOT_IN_FORCE_ON_OPENING
    assert err.params["opened"] == opened
    assert err.cite is not None and err.cite.paragraph == "2"
    # without the method asked for, the year simply has no chapter 6 deadlines
    listing = list_deadlines(atyrau, YEAR, KZ, {"evaluation_opened": opened})
    assert not {e.id for e in listing.entries} & set(CHAPTER_6)


def test_a_quarter_has_no_chapter_6(atyrau: Pack) -> None:
    err = refusal(atyrau, Period(2023, 3), "count_kpi")
    assert err.code is ErrorCode.METHOD_NOT_FOR_PERIOD_KIND
    assert err.params["period"] == "2023-Q3"
    assert err.params["example"] == "2023"
    assert err.cite is not None and err.cite.paragraph == "5"
    listing = list_deadlines(atyrau, Period(2023, 3), KZ)
    assert not {e.id for e in listing.entries} & set(CHAPTER_6)


def test_a_method_the_pack_lacks_is_refused(atyrau: Pack, registry: Registry) -> None:
    err = refusal(atyrau, YEAR, "bonus_points")
    assert err.code is ErrorCode.METHOD_NOT_IN_PACK
    assert err.params == {
        "method": "bonus_points",
        "pack": "atyrau-2023-105",
        "methods": "kpi, ranking, survey360, count_kpi",
    }
    # the Typical Methodology governs 2023-Q1: the body's later version has chapter 6
    typical = registry.in_force("atyrau-region-akimat", date(2023, 3, 31))
    versions = registry.versions("atyrau-region-akimat")
    err = refusal(typical, Period(2023, 1), "count_kpi", versions=versions)
    assert err.code is ErrorCode.METHOD_IN_OTHER_VERSION
    assert (err.params["pack"], err.params["other"]) == (typical.id, "atyrau-2023-105")
    assert err.params["span"] == DateRange(date(2023, 6, 30), date(2023, 8, 31))


def test_one_method_is_counted_with_the_whole_cycle(atyrau: Pack) -> None:
    # R-KPI-PLAN (004 p22): actuals 5 working days before the quarter's evaluation
    # (10.10.2023), a general deadline that is not listed for the method but dates it.
    listing = list_deadlines(atyrau, Period(2023, 3), KZ, method="kpi")
    dated = {e.id: e.deadline.due for e in listing.dated if e.deadline}
    assert dated == {
        # the year's plan (ADR 0010): 10 working days from 01.01.2023, 2 January off
        "kpi_plan": date(2023, 1, 17),
        "kpi_plan_placed": date(2023, 1, 24),
        "kpi_notify": date(2023, 10, 5),
        "kpi_actuals": date(2023, 10, 3),
    }
    assert [(e.id, e.event) for e in listing.undated] == [
        ("kpi_plan_after_appointment", "appointment")
    ]
    assert all(e.only_for is None for e in listing.entries)


def test_shakhtinsk_quarter_lists_what_it_listed_and_the_appointment_rule(
    registry: Registry,
) -> None:
    governing = registry.in_force("shakhtinsk-maslikhat", date(2026, 3, 31))
    quarter = Period(2026, 1)
    listing = list_deadlines(governing, quarter, KZ)
    assert [e.deadline for e in listing.dated] == list(cycle_deadlines(governing, quarter, KZ))
    assert [(e.id, e.event) for e in listing.undated] == [
        ("kpi_plan_after_appointment", "appointment")
    ]
    assert listing.limited == ()


def rule(rule_id: str, after: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": rule_id,
        "name": T,
        "kind": "working_days_after",
        "count": 2,
        "after": after,
        "cite": {"act": "base-1", "p": "4"},
        **extra,
    }


def test_a_deadline_counted_from_an_undated_one_names_the_event_to_give() -> None:
    data = pack()
    data["rules"]["deadlines"] = [
        rule("review", "appointment", marks="reviewed"),
        rule("report", "review"),  # counted from the deadline itself
        rule("notice", "reviewed"),  # counted from the event the first one marks
        rule("loop_a", "loop_b"),
        rule("loop_b", "loop_a"),
    ]
    chain = load_registry({"p.yaml": data}).pack("body-2020")
    listing = list_deadlines(chain, Period(2026, 2), KZ)
    assert {e.id: e.event for e in listing.undated} == {
        "review": "appointment",
        "report": "appointment",
        "notice": "appointment",
        "loop_a": "",
        "loop_b": "",
    }
    dated = list_deadlines(chain, Period(2026, 2), KZ, {"appointment": date(2026, 5, 4)})
    assert {e.id for e in dated.undated} == {"loop_a", "loop_b"}

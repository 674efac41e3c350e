"""The individual work plan's period (004 p4, p22-23; 001 p2(13), app. 9; ADR 0010).

The plan is drawn up for the year and KPI achievement is evaluated each quarter
against it, so p22's second paragraph ("appointed after the evaluation period began:
KPIs within ten working days of the appointment") applies to a head appointed in the
year, and its fourth ("under three months from the appointment to the end of the
evaluation period: no KPIs") counts to the end of the year.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import lru_cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.domain.calendar import Period
from bagalau.domain.deadlines import cycle_deadlines
from bagalau.domain.eligibility import (
    EligibilityDecision,
    PersonFacts,
    ReasonCode,
    Status,
    decide,
)
from bagalau.domain.law import Cite, DateRange
from bagalau.domain.methodology import Audience, Method, Pack, Registry
from bagalau.domain.plan_period import plan_period, planned_for, starts_in
from bagalau.domain.tenure import PositionSpell
from bagalau.packs import load_directory
from tests.domain.conftest import cited, kpi_rules, method, typical_pack
from tests.domain.kz import kz_calendar

KZ = kz_calendar()


@lru_cache(maxsize=1)
def _registry() -> Registry:
    return load_directory()


def shakhtinsk() -> Pack:
    return _registry().pack("shakhtinsk-2024")


def window(period: Period) -> DateRange:
    """R-PERIODS (004 p4): from the day after the period to the 10th of the next month."""
    return DateRange(period.day_of_month_after(1), period.day_of_month_after(10))


def head(appointed: date, category: str = "E-2") -> PersonFacts:
    return PersonFacts(Audience.HEAD_OF_APPARATUS, (PositionSpell(appointed),), category)


def decide_in(appointed: date, period: Period, pack: Pack | None = None) -> EligibilityDecision:
    pack = pack or shakhtinsk()
    return decide(head(appointed), period, pack, window(period))


def codes(decision: EligibilityDecision) -> list[ReasonCode]:
    return [r.code for r in decision.reasons]


def test_every_pack_with_kpi_plans_draws_them_up_for_the_year() -> None:
    for pack in _registry().packs:
        kpi = pack.rules.kpi
        if kpi is None:
            continue
        assert kpi.plan_period.value == "year", pack.id
        assert kpi.plan_period.cite.paragraph or kpi.plan_period.cite.restated_in, pack.id


def test_the_cited_texts_name_the_year() -> None:
    shakh = shakhtinsk().rules.kpi
    assert shakh is not None
    assert shakh.plan_period.cite == Cite(
        "shakhtinsk-278-5",
        "22",
        "Қызметші бағалау кезеңі басталғаннан кейін тағайындалған жағдайда НМИ лауазымға "
        "тағайындалған күннен бастап он жұмыс күні ішінде белгіленеді",
    )
    typical = _registry().pack("typical-2022").rules.kpi
    assert typical is not None
    restated = typical.plan_period.cite.restated_in
    assert restated is not None
    assert (restated.act, restated.paragraph) == ("atyrau-105", "app. 9")
    assert restated.quote == "жыл (жеке жоспар құрастырылатын кезең)"


def test_the_plan_period_of_a_quarter_is_its_year() -> None:
    rules = kpi_rules()
    assert plan_period(Period(2026, 3), rules) == Period(2026)
    assert plan_period(Period(2026), rules) == Period(2026)
    quarterly = replace(rules, plan_period=cited("quarter", "22"))
    assert plan_period(Period(2026, 3), quarterly) == Period(2026, 3)
    assert plan_period(Period(2026, 3), None) == Period(2026, 3)
    assert [starts_in(Period(2026, q), rules) for q in (1, 2, 3, 4)] == [True, False, False, False]
    assert all(starts_in(Period(2026, q), quarterly) for q in (1, 2, 3, 4))


# 004 p22: "Егер қызметшінің тағайындалған күнінен бастап бағалау кезеңінің соңына дейінгі
# мерзім үш айдан аз болса, аталған қызметшіге НМИ белгіленбейді" — counted to 31.12.
@pytest.mark.parametrize(
    ("appointed", "quarter", "status", "reasons"),
    [
        # in the post before the year: KPIs every quarter
        (date(2023, 11, 1), 1, Status.EVALUATED, []),
        # appointed after the year began: KPIs too (the quarterly reading gave none)
        (date(2024, 1, 2), 1, Status.EVALUATED, []),
        (date(2024, 2, 15), 1, Status.EVALUATED, []),
        # early summer: under a month in Q2, KPIs from Q3 on
        (date(2024, 6, 15), 2, Status.NOT_EVALUATED, [ReasonCode.UNDER_MIN_TENURE]),
        (date(2024, 6, 15), 3, Status.EVALUATED, []),
        (date(2024, 6, 15), 4, Status.EVALUATED, []),
        # 01.10-31.12 is exactly three months: KPIs are set
        (date(2024, 10, 1), 4, Status.EVALUATED, []),
        # a day later is under three months to the year's end: none for that year
        (
            date(2024, 10, 2),
            4,
            Status.NOT_EVALUATED,
            [ReasonCode.KPI_NOT_SET_SHORT_TENURE, ReasonCode.NO_METHOD_APPLIES],
        ),
        (
            date(2024, 11, 15),
            4,
            Status.NOT_EVALUATED,
            [ReasonCode.KPI_NOT_SET_SHORT_TENURE, ReasonCode.NO_METHOD_APPLIES],
        ),
    ],
)
def test_kpis_by_the_appointment_and_the_years_end(
    appointed: date, quarter: int, status: Status, reasons: list[ReasonCode]
) -> None:
    decision = decide_in(appointed, Period(2024, quarter))
    assert decision.status is status
    assert codes(decision) == reasons
    if status is Status.EVALUATED:
        assert [m.method for m in decision.methods] == [Method.KPI]


def test_no_kpis_names_the_paragraph_the_appointment_and_the_plans_year() -> None:
    decision = decide_in(date(2024, 10, 2), Period(2024, 4))
    short = decision.reasons[0]
    assert (short.cite.act, short.cite.paragraph) == ("shakhtinsk-278-5", "22")
    assert dict(short.detail) == {"months": "3", "appointed": "2024-10-02", "plan_period": "2024"}


def test_a_body_whose_text_plans_by_quarter_keeps_the_quarterly_test() -> None:
    quarterly = typical_pack(kpi=replace(kpi_rules(), plan_period=cited("quarter", "22")))
    assert codes(decide_in(date(2024, 1, 2), Period(2024, 1), quarterly)) == [
        ReasonCode.KPI_NOT_SET_SHORT_TENURE,
        ReasonCode.NO_METHOD_APPLIES,
    ]
    assert codes(decide_in(date(2024, 1, 1), Period(2024, 1), quarterly)) == []


# --- every decision gives its reason ------------------------------------------------


def test_the_year_tells_the_head_kpis_are_evaluated_by_quarter() -> None:
    decision = decide_in(date(2020, 1, 1), Period(2024))
    assert [m.method for m in decision.methods] == [Method.SURVEY360]
    assert codes(decision) == [ReasonCode.KPI_IN_OTHER_PERIOD]
    assert dict(decision.reasons[0].detail) == {"period": "quarter"}
    assert decision.reasons[0].cite.paragraph == "4"  # "тоқсан қорытындысы бойынша"


def test_a_head_of_another_category_gets_no_kpis_with_the_reason() -> None:
    decision = decide(
        head(date(2020, 1, 1), "E-3"), Period(2024, 2), shakhtinsk(), window(Period(2024, 2))
    )
    assert decision.status is Status.NOT_EVALUATED
    assert codes(decision) == [ReasonCode.KPI_NOT_FOR_CATEGORY, ReasonCode.NO_METHOD_APPLIES]
    assert dict(decision.reasons[0].detail) == {"categories": "E-2"}


def test_a_kpi_rule_out_of_force_says_so() -> None:
    limited = method(Method.KPI, Audience.HEAD_OF_APPARATUS, in_force=DateRange(date(2030, 1, 1)))
    pack = typical_pack(methods=(limited,))
    decision = decide_in(date(2020, 1, 1), Period(2024, 1), pack)
    assert codes(decision) == [ReasonCode.KPI_NOT_IN_FORCE, ReasonCode.NO_METHOD_APPLIES]
    assert dict(decision.reasons[0].detail) == {"in_force": "2030-01-01.."}


def test_staff_get_no_word_about_the_heads_kpis() -> None:
    staff = PersonFacts(Audience.STAFF, (PositionSpell(date(2020, 1, 1)),), "E-4")
    decision = decide(staff, Period(2024, 2), shakhtinsk(), window(Period(2024, 2)))
    assert [m.method for m in decision.methods] == [Method.RANKING]
    assert decision.reasons == ()


_DAYS = st.dates(date(2023, 1, 1), date(2025, 12, 31))


@given(appointed=_DAYS, quarter=st.integers(0, 4), category=st.sampled_from(["E-2", "E-3"]))
def test_every_decision_without_kpis_for_a_head_says_why(
    appointed: date, quarter: int, category: str
) -> None:
    period = Period(2024, quarter)
    facts = head(appointed, category)
    decision = decide(facts, period, shakhtinsk(), window(period))
    if decision.status is not Status.EVALUATED:
        assert decision.reasons
    if Method.KPI not in {m.method for m in decision.methods}:
        assert decision.reasons, decision


def test_deadlines_of_the_plan_fall_in_the_years_first_quarter() -> None:
    pack = shakhtinsk()
    q1 = {d.id: d.due for d in cycle_deadlines(pack, Period(2025, 1), KZ)}
    # ten working days from 01.01.2025: 3, 6, 8, 9, 10, 13, 14, 15, 16, 17 (2 and 7 off)
    assert q1["kpi_plan"] == date(2025, 1, 17)
    q2 = {d.id for d in cycle_deadlines(pack, Period(2025, 2), KZ)}
    assert "kpi_plan" not in q2
    assert "kpi_notify" in q2  # the quarter is still evaluated against the year's plan
    appointed = {"appointment": date(2025, 6, 16)}
    q3 = {d.id: d.due for d in cycle_deadlines(pack, Period(2025, 3), KZ, appointed)}
    assert q3["kpi_plan_after_appointment"] == date(2025, 6, 30)


def test_a_quarter_is_measured_against_its_own_planned_value_when_set() -> None:
    by_quarter = {1: Decimal(10), 2: None}
    assert planned_for(Decimal(40), by_quarter, Period(2024, 1)) == Decimal(10)
    assert planned_for(Decimal(40), by_quarter, Period(2024, 2)) == Decimal(40)
    assert planned_for(Decimal(40), by_quarter, Period(2024, 3)) == Decimal(40)
    assert planned_for(None, {}, Period(2024, 3)) is None
    assert planned_for(Decimal(40), by_quarter, Period(2024)) == Decimal(40)


def test_the_kpi_methods_cite_where_their_period_is_set() -> None:
    for pack_id in ("typical-2022", "shakhtinsk-2023", "atyrau-2023", "atyrau-2023-105"):
        rule = next(m for m in _registry().pack(pack_id).rules.methods if m.method is Method.KPI)
        cite = rule.period_cite
        assert cite is not None, pack_id
        where = cite if cite.paragraph else cite.restated_in
        assert where is not None and where.paragraph == "4", pack_id
        assert where.quote.endswith("тоқсан қорытындысы бойынша"), pack_id

"""R-ELIGIBLE (004 p5), R-DISMISSED (004 p6), R-METHODS (004 p3), R-KPI-PLAN (004 p22),
Atyrau chapter 6 (001 p5, ch. 6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.domain.calendar import Period, add_months
from bagalau.domain.eligibility import (
    Absence,
    EligibilityDecision,
    PersonFacts,
    ReasonCode,
    Status,
    decide,
    methods_in_play,
)
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite, DateRange
from bagalau.domain.methodology import AbsenceKind, Audience, Method, Pack
from bagalau.domain.tenure import PositionSpell, reaches_months, tenure_in
from tests.domain.conftest import method, typical_pack

Q1 = Period(2024, 1)
WINDOW = DateRange(date(2024, 4, 1), date(2024, 4, 10))  # R-PERIODS: by the 10th of April


def staff(start: date = date(2020, 1, 1), end: date | None = None, **extra: object) -> PersonFacts:
    return PersonFacts(Audience.STAFF, (PositionSpell(start, end),), **extra)  # type: ignore[arg-type]


def head(start: date = date(2020, 1, 1), **extra: object) -> PersonFacts:
    return PersonFacts(Audience.HEAD_OF_APPARATUS, (PositionSpell(start),), **extra)  # type: ignore[arg-type]


def codes(decision: EligibilityDecision) -> list[ReasonCode]:
    return [r.code for r in decision.reasons]


def test_in_position_all_quarter_evaluated_by_ranking() -> None:
    decision = decide(staff(), Q1, typical_pack(), WINDOW)
    assert decision.status is Status.EVALUATED
    assert [m.method for m in decision.methods] == [Method.RANKING]
    assert decision.reasons == ()
    assert decision.cites == (Cite("shakhtinsk-278-5", "3"),)


# 004 p5: "нақты лауазымда болу мерзімі бір айдан кем болған жағдайда бағалау жүргізілмейді"
@pytest.mark.parametrize(
    ("start", "end", "status"),
    [
        (date(2024, 3, 1), None, Status.EVALUATED),  # 01.03-31.03: exactly one month
        (date(2024, 3, 2), None, Status.NOT_EVALUATED),  # 02.03-31.03: a day short
        (date(2024, 3, 31), None, Status.NOT_EVALUATED),
        (date(2024, 4, 1), None, Status.NOT_EVALUATED),  # appointed after the quarter
        (date(2023, 6, 1), date(2024, 1, 31), Status.EVALUATED),  # 01.01-31.01
        (date(2023, 6, 1), date(2024, 1, 30), Status.NOT_EVALUATED),
        (date(2024, 1, 15), date(2024, 2, 14), Status.EVALUATED),
        (date(2024, 1, 15), date(2024, 2, 13), Status.NOT_EVALUATED),
        (date(2024, 1, 31), date(2024, 2, 28), Status.EVALUATED),  # 31.01 + 1 month = 29.02
        (date(2024, 1, 31), date(2024, 2, 27), Status.NOT_EVALUATED),
    ],
)
def test_one_month_in_the_actual_position(start: date, end: date | None, status: Status) -> None:
    decision = decide(staff(start, end), Q1, typical_pack(), WINDOW)
    assert decision.status is status
    if status is Status.NOT_EVALUATED:
        assert codes(decision) == [ReasonCode.UNDER_MIN_TENURE]
        assert decision.reasons[0].cite == Cite("shakhtinsk-278-5", "5")
        assert decision.methods == ()


def test_continuous_spells_join_separate_ones_do_not_add_up() -> None:
    joined = PersonFacts(
        Audience.STAFF,
        (PositionSpell(date(2024, 2, 10), date(2024, 2, 20)), PositionSpell(date(2024, 2, 21))),
    )
    assert decide(joined, Q1, typical_pack(), WINDOW).status is Status.EVALUATED
    apart = PersonFacts(
        Audience.STAFF,
        (
            PositionSpell(date(2024, 1, 1), date(2024, 1, 25)),
            PositionSpell(date(2024, 3, 10), date(2024, 3, 31)),
        ),
    )
    assert decide(apart, Q1, typical_pack(), WINDOW).status is Status.NOT_EVALUATED
    assert tenure_in(apart.spells, Q1) == (date(2024, 1, 1), date(2024, 1, 25))


# 004 p5: "еңбек немесе әлеуметтік демалыста, еңбекке уақытша жарамсыздық кезеңінде, іссапарда,
# тағылымдамада, қайта даярауда немесе біліктілігін арттыруда болса ... оның қатысуынсыз"
@pytest.mark.parametrize("kind", list(AbsenceKind))
def test_absent_during_the_evaluation_without_participation(kind: AbsenceKind) -> None:
    absence = Absence(kind, date(2024, 4, 5), date(2024, 4, 20))
    decision = decide(staff(absences=(absence,)), Q1, typical_pack(), WINDOW)
    assert decision.status is Status.WITHOUT_PARTICIPATION
    assert codes(decision) == [ReasonCode.ABSENT_DURING_EVALUATION]
    assert [m.method for m in decision.methods] == [Method.RANKING]  # same deadlines, p5


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2024, 3, 1), date(2024, 3, 31)), (date(2024, 4, 11), date(2024, 4, 30))],
)
def test_absence_outside_the_evaluation_window_changes_nothing(start: date, end: date) -> None:
    absence = Absence(AbsenceKind.LABOUR_LEAVE, start, end)
    assert decide(staff(absences=(absence,)), Q1, typical_pack(), WINDOW).status is Status.EVALUATED


def test_absence_on_the_window_edges_counts() -> None:
    for day in (date(2024, 4, 1), date(2024, 4, 10)):
        absence = Absence(AbsenceKind.SICK_LEAVE, day, day)
        decision = decide(staff(absences=(absence,)), Q1, typical_pack(), WINDOW)
        assert decision.status is Status.WITHOUT_PARTICIPATION


def test_only_the_packs_kinds_of_absence_count() -> None:
    pack = typical_pack()
    assert pack.rules.eligibility is not None
    narrow = replace(
        pack.rules.eligibility,
        without_participation=replace(
            pack.rules.eligibility.without_participation, value=(AbsenceKind.SICK_LEAVE,)
        ),
    )
    pack = replace(pack, rules=replace(pack.rules, eligibility=narrow))
    trip = Absence(AbsenceKind.BUSINESS_TRIP, date(2024, 4, 2), date(2024, 4, 3))
    assert decide(staff(absences=(trip,)), Q1, pack, WINDOW).status is Status.EVALUATED


# 004 p6: "Бағаланатын кезең аяқталғанға дейін ... босатылған қызметшілерді бағалау олардың
# қатысуынсыз ... жүргізіледі"
@pytest.mark.parametrize(
    ("dismissed", "status"),
    [
        (date(2024, 3, 15), Status.WITHOUT_PARTICIPATION),
        (date(2024, 3, 31), Status.WITHOUT_PARTICIPATION),  # on the period's last day
        (date(2024, 4, 5), Status.EVALUATED),  # after the period: not p6
    ],
)
def test_dismissed_before_the_period_ends(dismissed: date, status: Status) -> None:
    facts = staff(date(2020, 1, 1), dismissed, dismissed=dismissed)
    decision = decide(facts, Q1, typical_pack(), WINDOW)
    assert decision.status is status
    if status is Status.WITHOUT_PARTICIPATION:
        assert codes(decision) == [ReasonCode.DISMISSED_BEFORE_PERIOD_END]
        assert decision.reasons[0].cite == Cite("shakhtinsk-278-5", "6")


def test_under_a_month_beats_dismissal_and_absence() -> None:
    facts = staff(
        date(2024, 3, 10),
        date(2024, 3, 20),
        dismissed=date(2024, 3, 20),
        absences=(Absence(AbsenceKind.SICK_LEAVE, date(2024, 4, 1), date(2024, 4, 2)),),
    )
    decision = decide(facts, Q1, typical_pack(), WINDOW)
    assert decision.status is Status.NOT_EVALUATED
    assert codes(decision) == [ReasonCode.UNDER_MIN_TENURE]


def test_dismissed_and_absent_give_both_reasons() -> None:
    facts = staff(
        date(2020, 1, 1),
        date(2024, 2, 29),
        dismissed=date(2024, 2, 29),
        absences=(Absence(AbsenceKind.TRAINING, date(2024, 4, 1), date(2024, 4, 2)),),
    )
    decision = decide(facts, Q1, typical_pack(), WINDOW)
    assert decision.status is Status.WITHOUT_PARTICIPATION
    assert codes(decision) == [
        ReasonCode.DISMISSED_BEFORE_PERIOD_END,
        ReasonCode.ABSENT_DURING_EVALUATION,
    ]


# R-METHODS (004 p3) and R-KPI-PLAN (004 p22): "Егер қызметшінің тағайындалған күнінен бастап
# бағалау кезеңінің соңына дейінгі мерзім үш айдан аз болса, аталған қызметшіге НМИ белгіленбейді"
def test_the_head_is_evaluated_by_kpi() -> None:
    decision = decide(head(), Q1, typical_pack(), WINDOW)
    assert decision.status is Status.EVALUATED
    assert [m.method for m in decision.methods] == [Method.KPI]


# The three months count to the end of the plan's year: tests/domain/test_plan_period.py.


def test_the_year_brings_the_360_method_for_everyone() -> None:
    window = DateRange(date(2025, 1, 1), date(2025, 1, 10))
    for facts in (head(date(2024, 11, 1)), staff(date(2024, 11, 1))):
        decision = decide(facts, Period(2024), typical_pack(), window)
        assert [m.method for m in decision.methods] == [Method.SURVEY360]


def test_heads_of_units_are_staff_and_categories_filter() -> None:
    unit_head = PersonFacts(Audience.HEADS_OF_UNITS, (PositionSpell(date(2020, 1, 1)),), "E-3")
    assert [m.method for m in decide(unit_head, Q1, typical_pack(), WINDOW).methods] == [
        Method.RANKING
    ]
    only_e4 = (method(Method.RANKING, Audience.STAFF, categories=("E-4",)),)
    decision = decide(unit_head, Q1, typical_pack(methods=only_e4), WINDOW)
    assert decision.status is Status.NOT_EVALUATED
    assert codes(decision) == [ReasonCode.NO_METHOD_APPLIES]


def test_a_pack_without_eligibility_rules_is_refused() -> None:
    with pytest.raises(DomainError) as err:
        decide(staff(), Q1, typical_pack(eligibility=None), WINDOW)
    assert err.value.code is ErrorCode.RULE_NOT_IN_PACK


def test_backwards_dates_are_refused() -> None:
    with pytest.raises(DomainError) as err:
        decide(staff(date(2024, 3, 1), date(2024, 2, 1)), Q1, typical_pack(), WINDOW)
    assert err.value.code is ErrorCode.BAD_DATE


# Atyrau 001 p5, chapter 6: those "2021 жылғы 1 шілдеден 2022 жылғы 31 желтоқсанға дейінгі
# жұмыс кезеңінде әлеуметтік демалыста болған, еңбекке уақытша жарамсыздығы кезінде болған"
# are evaluated by chapter 6, which acts "2023 жылдың 31 тамызына дейін" (No. 105 p2).
def _atyrau() -> Pack:
    from bagalau.packs import registry

    return registry().pack("atyrau-2023-105")


@pytest.mark.parametrize(
    ("kind", "start", "window_start", "count_kpi"),
    [
        (AbsenceKind.SOCIAL_LEAVE, date(2021, 9, 1), date(2023, 7, 3), True),
        (AbsenceKind.SICK_LEAVE, date(2022, 12, 31), date(2023, 8, 31), True),
        (AbsenceKind.SOCIAL_LEAVE, date(2021, 9, 1), date(2023, 9, 1), False),  # ch. 6 ended
        (AbsenceKind.LABOUR_LEAVE, date(2021, 9, 1), date(2023, 7, 3), False),  # not social/sick
        (AbsenceKind.SICK_LEAVE, date(2023, 1, 1), date(2023, 7, 3), False),  # after the span
    ],
)
def test_atyrau_chapter_6(
    kind: AbsenceKind, start: date, window_start: date, count_kpi: bool
) -> None:
    pack = _atyrau()
    absence = Absence(kind, start, start + timedelta(days=30))
    facts = staff(date(2019, 1, 1), absences=(absence,))
    window = DateRange(window_start, window_start + timedelta(days=5))
    decision = decide(facts, Period(2022), pack, window)
    found = [m.method for m in decision.methods]
    assert (Method.COUNT_KPI in found) is count_kpi
    assert (ReasonCode.COUNT_KPI_ABSENT in codes(decision)) is count_kpi


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 3, 31)))
def test_appointment_in_the_quarter_evaluated_iff_a_month_is_reached(start: date) -> None:
    decision = decide(staff(start), Q1, typical_pack(), WINDOW)
    month_reached = add_months(start, 1) - timedelta(days=1) <= Q1.end
    assert (decision.status is Status.EVALUATED) is month_reached


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(0, 400),
    st.integers(0, 400),
)
def test_a_longer_stretch_never_loses_a_reached_month(start: date, days: int, more: int) -> None:
    end = start + timedelta(days=days)
    if reaches_months(start, end, 1):
        assert reaches_months(start, end + timedelta(days=more), 1)


# The year's evaluation falls in January 2024, after chapter 6 ended; a year opened while
# it acts (No. 105 p2) is still evaluated by it: its plan is made then (001 p43, p49).
@pytest.mark.parametrize(
    ("period", "opened_on", "count_kpi"),
    [
        (Period(2023), date(2023, 6, 30), True),  # the first day it acts
        (Period(2023), date(2023, 8, 31), True),  # the last day
        (Period(2023), date(2023, 9, 1), False),  # it has ended
        (Period(2023), date(2023, 6, 29), False),  # not yet in force
        (Period(2023), None, False),  # opened on no known day: the window alone decides
        (Period(2024), date(2023, 7, 3), False),  # a plan is made for the current year
        (Period(2023, 3), date(2023, 7, 3), False),  # chapter 6 is yearly (001 p49)
    ],
)
def test_atyrau_chapter_6_by_the_opening_day(
    period: Period, opened_on: date | None, count_kpi: bool
) -> None:
    absence = Absence(AbsenceKind.SOCIAL_LEAVE, date(2022, 3, 1), date(2022, 11, 30))
    facts = staff(date(2019, 1, 1), absences=(absence,))
    window = DateRange(period.end + timedelta(days=1), period.end + timedelta(days=10))
    decision = decide(facts, period, _atyrau(), window, opened_on)
    assert (Method.COUNT_KPI in [m.method for m in decision.methods]) is count_kpi


def test_methods_in_play_add_chapter_6_only_when_opened_while_it_acts() -> None:
    window = DateRange(date(2024, 1, 1), date(2024, 1, 10))
    later = methods_in_play(_atyrau(), Period(2023), window, date(2023, 9, 1))
    assert Method.COUNT_KPI not in later
    assert methods_in_play(_atyrau(), Period(2023), window, date(2023, 7, 3)) == later | {
        Method.COUNT_KPI
    }

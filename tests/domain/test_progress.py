"""The next step owed on an evaluation and its status (R-KPI-PLAN 004 p22, R-RANK 004
p28-32, R-PERIODS 004 p4, R-FAMILIARIZE 004 p11), on Shakhtinsk's 2024 first quarter:
KPIs set by 16.01.2024, placed by 23.01.2024, actuals by 03.04.2024, the evaluation by
10.04.2024, familiarization by 12.04.2024 (dates checked in test_packs_shakhtinsk)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bagalau.domain.calendar import Period
from bagalau.domain.deadlines import Deadline, cycle_deadlines
from bagalau.domain.methodology import Method
from bagalau.domain.progress import (
    Owner,
    ProgressFacts,
    Status,
    Step,
    deadline_for,
    least_advanced,
    next_step,
    progress,
)
from bagalau.packs import load_directory
from tests.domain.kz import kz_calendar

KZ = kz_calendar()
KPI = frozenset({Method.KPI})
RANKING = frozenset({Method.RANKING})
COUNT = frozenset({Method.COUNT_KPI})


@lru_cache(maxsize=4)
def deadlines(methods: frozenset[Method]) -> tuple[Deadline, ...]:
    pack = load_directory().pack("shakhtinsk-2023")
    return cycle_deadlines(pack, Period.parse("2024-Q1"), KZ, methods=methods)


@pytest.mark.parametrize(
    ("facts", "step", "owner", "rule", "due"),
    [
        (ProgressFacts(KPI), Step.DRAFT_KPI_PLAN, Owner.EVALUATOR, "kpi_plan", date(2024, 1, 16)),
        (ProgressFacts(KPI, kpi_plan="draft"), Step.AGREE_KPI_PLAN, Owner.HR, "kpi_plan", None),
        (
            ProgressFacts(KPI, kpi_plan="agreed"),
            Step.APPROVE_KPI_PLAN,
            Owner.SUPERIOR_MANAGER,
            "kpi_plan",
            None,
        ),
        (
            ProgressFacts(KPI, kpi_plan="approved"),
            Step.PLACE_KPI_PLAN,
            Owner.HR,
            "kpi_plan_placed",
            date(2024, 1, 23),
        ),
        (
            ProgressFacts(KPI, kpi_plan="placed"),
            Step.ENTER_KPI_ACTUALS,
            Owner.HR,
            "kpi_actuals",
            date(2024, 4, 3),
        ),
        (
            ProgressFacts(KPI, kpi_plan="placed", kpi_sheet="draft"),
            Step.ENTER_KPI_ACTUALS,
            Owner.HR,
            "kpi_actuals",
            None,
        ),
        (
            ProgressFacts(KPI, kpi_plan="placed", kpi_sheet="draft", kpi_actuals_entered=True),
            Step.SCORE_KPI,
            Owner.EVALUATOR,
            "quarter_evaluation",
            date(2024, 4, 10),
        ),
        (
            ProgressFacts(KPI, kpi_plan="placed", kpi_sheet="returned", kpi_actuals_entered=True),
            Step.SCORE_KPI,
            Owner.EVALUATOR,
            "quarter_evaluation",
            None,
        ),
        (
            ProgressFacts(KPI, kpi_plan="placed", kpi_sheet="submitted"),
            Step.REVIEW_KPI_SHEET,
            Owner.SUPERIOR_MANAGER,
            "quarter_evaluation",
            None,
        ),
        (
            ProgressFacts(KPI, kpi_plan="placed", kpi_sheet="approved", result="approved"),
            Step.FAMILIARIZE,
            Owner.EMPLOYEE,
            "familiarization",
            date(2024, 4, 12),
        ),
        (
            ProgressFacts(
                KPI, kpi_plan="placed", kpi_sheet="approved", result="approved", absent=True
            ),
            Step.FAMILIARIZE,
            Owner.HR,
            "familiarization",
            None,
        ),
        (ProgressFacts(RANKING), Step.SCORE_RANKING, Owner.EVALUATOR, "quarter_evaluation", None),
        (
            ProgressFacts(RANKING, ranking_sheet="returned"),
            Step.SCORE_RANKING,
            Owner.EVALUATOR,
            "quarter_evaluation",
            None,
        ),
        (
            ProgressFacts(RANKING, ranking_sheet="submitted", result="submitted"),
            Step.REVIEW_RANKING,
            Owner.APPOINTING_OFFICIAL,
            "quarter_evaluation",
            None,
        ),
        (
            ProgressFacts(RANKING, ranking_sheet="approved", result="approved", familiarized=True),
            Step.NONE,
            None,
            None,
            None,
        ),
    ],
)
def test_next_step_owner_and_deadline(
    facts: ProgressFacts, step: Step, owner: Owner | None, rule: str | None, due: date | None
) -> None:
    found = progress(facts, deadlines(facts.methods), today=date(2024, 1, 3), soon=3, calendar=KZ)
    assert found.step is step
    assert found.owner is owner
    assert (found.deadline.id if found.deadline else None) == rule
    if due is not None:
        assert found.due == due


def test_a_person_appointed_after_the_period_start_has_ten_working_days_from_it() -> None:
    """R-KPI-PLAN (004 p22): "лауазымға тағайындалған күннен бастап он жұмыс күні ішінде"."""
    pack = load_directory().pack("shakhtinsk-2023")
    events = {"appointment": date(2024, 2, 1)}
    later = cycle_deadlines(pack, Period.parse("2024-Q1"), KZ, events, methods=KPI)
    found = progress(ProgressFacts(KPI), later, today=date(2024, 2, 1), soon=3, calendar=KZ)
    assert found.deadline is not None
    assert (found.deadline.id, found.due, found.status) == (
        "kpi_plan_after_appointment",
        date(2024, 2, 15),
        Status.PENDING,
    )
    agree = deadline_for(Step.AGREE_KPI_PLAN, later)
    assert agree is not None and agree.id == "kpi_plan_after_appointment"


def test_count_based_kpi_plan_is_due_by_its_own_rule_and_the_sheet_is_opened_by_hr() -> None:
    pack = load_directory().pack("atyrau-2023-105")
    opened = {"evaluation_opened": date(2023, 7, 3)}
    year = cycle_deadlines(pack, Period.parse("2023"), KZ, opened, methods=COUNT)
    plan = deadline_for(Step.DRAFT_KPI_PLAN, year)
    assert plan is not None and (plan.id, plan.due) == ("count_kpi_plan", date(2023, 7, 19))
    assert plan.cite.paragraph  # the citation comes with the rule
    placed = ProgressFacts(COUNT, kpi_plan="placed")
    assert next_step(placed) is Step.OPEN_KPI_SHEET
    # count-based sheets have no actual values from HR: the evaluator records achievement
    assert next_step(ProgressFacts(COUNT, kpi_plan="placed", kpi_sheet="draft")) is Step.SCORE_KPI


def test_a_method_without_its_own_steps_waits_for_the_approved_result() -> None:
    bonus = ProgressFacts(frozenset({Method.BONUS_POINTS}), result="submitted")
    assert next_step(bonus) is Step.APPROVE_RESULT
    assert next_step(ProgressFacts(frozenset({Method.BONUS_POINTS}))) is Step.APPROVE_RESULT


def test_a_step_the_pack_gives_no_deadline_is_pending_without_a_date() -> None:
    found = progress(ProgressFacts(KPI), (), today=date(2030, 1, 1), soon=5, calendar=KZ)
    assert (found.step, found.status, found.deadline) == (Step.DRAFT_KPI_PLAN, Status.PENDING, None)


@pytest.mark.parametrize(
    ("today", "status", "late"),
    [
        (date(2024, 1, 3), Status.PENDING, 0),
        # 16.01.2024 is a Tuesday: three working days before is Thursday 11.01
        (date(2024, 1, 10), Status.PENDING, 0),
        (date(2024, 1, 11), Status.DUE_SOON, 0),
        (date(2024, 1, 16), Status.DUE_SOON, 0),
        (date(2024, 1, 17), Status.OVERDUE, 1),
        (date(2024, 2, 1), Status.OVERDUE, 16),
    ],
)
def test_status_on_a_day(today: date, status: Status, late: int) -> None:
    found = progress(ProgressFacts(KPI), deadlines(KPI), today=today, soon=3, calendar=KZ)
    assert (found.status, found.overdue_days) == (status, late)


def test_soon_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="soon"):
        progress(ProgressFacts(KPI), (), today=date(2024, 1, 1), soon=-1, calendar=KZ)


def test_least_advanced_result() -> None:
    assert least_advanced(["approved", "submitted"]) == "submitted"
    assert least_advanced(["approved", "returned", "draft"]) == "draft"
    assert least_advanced([]) is None


STATES = st.sampled_from([None, "draft", "agreed", "approved", "placed"])
SHEETS = st.sampled_from([None, "draft", "submitted", "returned", "approved"])
METHOD_SETS = st.sampled_from([KPI, RANKING, COUNT, KPI | RANKING, frozenset({Method.SURVEY360})])


@st.composite
def facts(draw: st.DrawFn) -> ProgressFacts:
    return ProgressFacts(
        methods=draw(METHOD_SETS),
        kpi_plan=draw(STATES),
        kpi_sheet=draw(SHEETS),
        kpi_actuals_entered=draw(st.booleans()),
        ranking_sheet=draw(SHEETS),
        result=draw(SHEETS),
        familiarized=draw(st.booleans()),
        absent=draw(st.booleans()),
    )


@given(facts(), st.dates(date(2023, 12, 1), date(2024, 6, 30)), st.integers(0, 10))
@settings(deadline=None)  # the first example loads the packs
def test_status_agrees_with_the_due_date(f: ProgressFacts, today: date, soon: int) -> None:
    found = progress(f, deadlines(KPI | RANKING), today=today, soon=soon, calendar=KZ)
    assert (found.status is Status.DONE) == (found.step is Step.NONE)
    assert (found.owner is None) == (found.step is Step.NONE)
    if found.status is Status.OVERDUE:
        assert found.due is not None and found.overdue_days == (today - found.due).days > 0
    else:
        assert found.overdue_days == 0
    if found.status is Status.DUE_SOON:
        assert found.due is not None and today <= found.due


@given(facts())
def test_familiarization_comes_only_after_an_approved_result(f: ProgressFacts) -> None:
    step = next_step(f)
    if step in (Step.FAMILIARIZE, Step.NONE):
        assert f.result == "approved"
    if step is Step.NONE:
        assert f.familiarized

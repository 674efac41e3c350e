"""Rules of DOMAIN.md that are values rather than computations, read from the packs
exactly as the Shakhtinsk methodology (004) states them."""

from __future__ import annotations

from datetime import date

import pytest

from bagalau.domain.calendar import Period
from bagalau.domain.deadlines import cycle_deadlines
from bagalau.domain.methodology import Pack
from bagalau.domain.workflow import WorkflowKind, next_states, transition
from bagalau.packs import load_directory
from tests.domain.kz import kz_calendar

REGISTRY = load_directory()


@pytest.fixture(scope="module")
def shakhtinsk() -> Pack:
    return REGISTRY.in_force("shakhtinsk-maslikhat", date(2024, 3, 1))


def test_r_use_results_ground_these_decisions(shakhtinsk: Pack) -> None:
    # R-USE (004 p8): "бонустарды төлеу, көтермелегеу, оқыту, ротация, ... төмендегі немесе
    # жұмыстан босату"; (p9) 360 results ground training only.
    uses = shakhtinsk.rules.result_uses
    assert uses is not None and uses.cite.paragraph == "8"
    assert [u.code for u in uses.value] == [
        "bonus",
        "incentive",
        "training",
        "rotation",
        "demotion",
        "dismissal",
    ]
    uses_360 = shakhtinsk.rules.survey360_result_uses
    assert uses_360 is not None and [u.code for u in uses_360.value] == ["training"]


def test_r_schedule_authorized_person_draws_it_up_the_appointing_official_approves() -> None:
    # R-SCHEDULE (004 p10)
    assert transition(WorkflowKind.SCHEDULE, "draft", "submitted").cite.restated_in is not None
    assert set(next_states(WorkflowKind.SCHEDULE, "submitted")) == {"approved", "draft"}
    assert next_states(WorkflowKind.SCHEDULE, "approved") == ()


def test_r_appeal_under_the_administrative_procedural_code(shakhtinsk: Pack) -> None:
    # R-APPEAL (004 p13)
    disagreement = shakhtinsk.rules.disagreement
    assert disagreement is not None
    assert disagreement.route.value == "calibration"
    assert "Әкімшілік рәсімдік-процестік кодекс" in disagreement.appeal.value.kk
    assert disagreement.appeal.cite.paragraph == "13"


def test_r_retain_documents_kept_three_years(shakhtinsk: Pack) -> None:
    # R-RETAIN (004 p14)
    assert shakhtinsk.rules.retention_years is not None
    assert (
        shakhtinsk.rules.retention_years.value,
        shakhtinsk.rules.retention_years.cite.paragraph,
    ) == (3, "14")


def test_r_confidential_results_known_only_to(shakhtinsk: Pack) -> None:
    # R-CONFIDENTIAL (004 p20): the evaluated person, the evaluator, the department head
    # and the calibration session participants.
    parties = shakhtinsk.rules.confidential_to
    assert parties is not None and parties.cite.paragraph == "20"
    assert [p.code for p in parties.value][:2] == ["evaluated", "evaluator"]
    assert len(parties.value) == 4


def test_r_kpi_smart_five_criteria(shakhtinsk: Pack) -> None:
    # R-KPI-SMART (004 p24): specific, measurable, achievable, time-bound, aligned
    assert shakhtinsk.rules.kpi is not None
    criteria = shakhtinsk.rules.kpi.smart_criteria
    assert len(criteria.value) == 5 and criteria.cite.paragraph == "24"


@pytest.mark.parametrize(
    ("period", "due"),
    [("2024-Q1", date(2024, 4, 5)), ("2024-Q4", date(2025, 1, 5)), ("2025-Q2", date(2025, 7, 5))],
)
def test_r_kpi_notify_by_the_fifth_of_the_month_after_the_quarter(period: str, due: date) -> None:
    # R-KPI-NOTIFY (004 p26): "есепті тоқсаннан кейінгі айдың бесінші күнінен кешіктірмей"
    quarter = Period.parse(period)
    pack = REGISTRY.in_force("shakhtinsk-maslikhat", quarter.end)
    found = {d.id: d for d in cycle_deadlines(pack, quarter, kz_calendar())}
    assert found["kpi_notify"].due == due
    assert found["kpi_notify"].cite.paragraph == "26"

"""The Typical Methodology versions: 2022 generation and the 01.08.2025 amendment (§6).

Plain pytest, no database.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

import pytest

from bagalau.domain.calendar import Period
from bagalau.domain.deadlines import cycle_deadlines
from bagalau.domain.law import ActRole, Cite, EntryRule, Text
from bagalau.domain.methodology import (
    Audience,
    Method,
    Registry,
    Rules,
    iter_parameters,
    unverified_parameters,
)
from bagalau.packs import load_directory
from tests.domain.kz import kz_calendar


@lru_cache(maxsize=1)
def registry() -> Registry:
    return load_directory()


def test_the_2025_amendment_applies_from_1_august_2025() -> None:
    typical_2025 = registry().pack("typical-2025")
    act = typical_2025.act("agency-order-13-2025")
    assert (act.role, act.entry, act.effective) == (
        ActRole.AMENDMENT,
        EntryRule.ON_DATE,
        date(2025, 8, 1),
    )
    assert act.date_unverified and act.note
    assert act.number == ""  # not in the sources
    assert typical_2025.fallback
    assert typical_2025.valid.start == date(2025, 8, 1)
    assert typical_2025.valid.end is None
    assert registry().pack("typical-2022").valid.end == date(2025, 7, 31)


@pytest.mark.parametrize(
    ("body", "day", "expected"),
    [
        (None, date(2025, 7, 31), "typical-2022"),
        (None, date(2025, 8, 1), "typical-2025"),
        ("a-body-with-no-pack", date(2025, 7, 31), "typical-2022"),
        ("a-body-with-no-pack", date(2025, 8, 1), "typical-2025"),
        ("a-body-with-no-pack", date(2026, 3, 1), "typical-2025"),
        # A body with its own methodology keeps it (DOMAIN.md §6: the Typical applies
        # until a body approves its own).
        ("shakhtinsk-maslikhat", date(2025, 8, 1), "shakhtinsk-2024"),
    ],
)
def test_which_version_governs(body: str | None, day: date, expected: str) -> None:
    assert registry().in_force(body, day).id == expected


def test_2025_has_one_quarterly_method_and_no_kpi_or_360() -> None:
    rules = registry().pack("typical-2025").rules
    assert [(m.method, m.audience, m.period) for m in rules.methods] == [
        (Method.QUARTERLY, Audience.ALL, "quarter")
    ]
    assert rules.kpi is None
    assert rules.ranking is None
    assert rules.survey360 is None
    assert rules.calibration is None
    assert rules.disagreement is None
    # The previous version keeps what it had.
    previous = registry().pack("typical-2022").rules
    assert {m.method for m in previous.methods} == {
        Method.KPI,
        Method.RANKING,
        Method.SURVEY360,
    }
    assert previous.kpi is not None and previous.quarterly is None


def test_2025_evaluators_and_annual_mean() -> None:
    quarterly = registry().pack("typical-2025").rules.quarterly
    assert quarterly is not None
    assert [e.code for e in quarterly.evaluators.value] == [
        "direct_manager",
        "head_of_unit_or_body",
    ]
    assert quarterly.aggregation.value == "mean"
    assert quarterly.special_cases is not None
    assert [c.code for c in quarterly.special_cases.value] == [
        "substitute",
        "seconded",
        "audit_commission_chair",
        "first_head_subordinates",
    ]
    assert quarterly.parameters.value == ()
    assert quarterly.evaluators.cite.act == "agency-order-13-2025"


def test_2025_retention_and_familiarization_cite_the_amendment_only() -> None:
    rules = registry().pack("typical-2025").rules
    assert rules.retention_years is not None and rules.familiarization is not None
    assert rules.retention_years.value == 3
    for cite in (rules.retention_years.cite, rules.familiarization.mode.cite):
        assert (cite.act, cite.paragraph, cite.restated_in) == ("agency-order-13-2025", "", None)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        # The 20th of the month after the quarter; nothing else is known to follow it.
        ("2025-Q3", {"quarter_evaluation": date(2025, 10, 20)}),
        ("2025-Q4", {"quarter_evaluation": date(2026, 1, 20)}),
        # The annual result by 30 January of the next year.
        ("2025", {"annual_result": date(2026, 1, 30)}),
    ],
)
def test_2025_deadlines(period: str, expected: dict[str, date]) -> None:
    pack = registry().pack("typical-2025")
    deadlines = cycle_deadlines(pack, Period.parse(period), kz_calendar())
    assert {d.id: d.due for d in deadlines} == expected


def test_2025_every_value_is_unverified_the_act_not_being_in_the_sources() -> None:
    # Kept from typical-2022 where the reports are silent, or read off public reports.
    rules = registry().pack("typical-2025").rules
    assert unverified_parameters(rules) == (
        "bands",
        "eligibility.min_months_in_position",
        "eligibility.without_participation",
        "eligibility.dismissed_without_participation",
        *REPORTED[:2],
        "quarterly.parameters",
        *REPORTED[2:4],
        "quarterly.scale",
        *REPORTED[4:],
    )
    assert rules.bands is not None
    assert [b.code for b in rules.bands.value] == [
        "effective",
        "proper",
        "satisfactory",
        "unsatisfactory",
    ]
    assert rules.eligibility is not None
    assert rules.eligibility.min_months_in_position.value == 1


# Values read off public reports of the amended order, not off its text (DOMAIN.md §6).
REPORTED = (
    "familiarization.mode",
    "retention_years",
    "quarterly.evaluators",
    "quarterly.aggregation",
    "quarterly.special_cases",
    "deadlines.quarter_evaluation",
    "deadlines.annual_result",
    "methods.0",
)


def _reported(rules: Rules, key: str) -> tuple[Cite, bool, Text | None]:
    if key.startswith("deadlines."):
        rule: Any = next(d for d in rules.deadlines if d.id == key.removeprefix("deadlines."))
    elif key.startswith("methods."):
        rule = rules.methods[int(key.removeprefix("methods."))]
    else:
        rule = dict(iter_parameters(rules))[key]
    return rule.cite, rule.unverified, rule.note


@pytest.mark.parametrize(
    ("key", "reported"),
    [
        ("familiarization.mode", "shown to the employee in the system and its mobile"),
        ("retention_years", "kept for three years"),
        ("quarterly.evaluators", "the direct manager and the head of the structural unit"),
        ("quarterly.aggregation", "the mean of the quarterly results of the calendar year"),
        ("quarterly.special_cases", "when the evaluator is absent, seconded staff"),
        ("deadlines.quarter_evaluation", "not later than the 20th of the month after"),
        ("deadlines.annual_result", "not later than 30 January of the next year"),
        ("methods.0", "one quarterly evaluation through the integrated HR"),
    ],
)
def test_2025_values_from_public_reports_say_so(key: str, reported: str) -> None:
    assert key in REPORTED
    cite, unverified, note = _reported(registry().pack("typical-2025").rules, key)
    assert (cite.act, cite.paragraph, cite.quote) == ("agency-order-13-2025", "", "")
    assert unverified and note is not None
    assert note.en.startswith("From public reports of the amended Typical Methodology")
    assert "not from its text, which is not in the sources" in note.en and reported in note.en
    assert note.ru.startswith("Из публичных сообщений об изменённой Типовой методике")
    assert note.kk.startswith("Өзгертілген Үлгілік әдістеме (01.08.2025 бастап қолданылады)")
    assert "жария хабарламалардан алынды" in note.kk

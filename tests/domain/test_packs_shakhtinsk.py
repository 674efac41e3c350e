"""The Shakhtinsk packs against the legal text (seed 004: decision 278/5, amended 342/11).

Plain pytest, no database: every expected value below is read off the seed by hand.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

import pytest

from bagalau.domain.calendar import Period
from bagalau.domain.deadlines import cycle_deadlines
from bagalau.domain.law import ActRole
from bagalau.domain.methodology import (
    Audience,
    Method,
    Pack,
    Registry,
    Rules,
    iter_cites,
    iter_parameters,
    unverified_parameters,
)
from bagalau.packs import load_directory
from tests.domain.kz import kz_calendar

BODY = "shakhtinsk-maslikhat"


@lru_cache(maxsize=1)
def registry() -> Registry:
    return load_directory()


def pack(pack_id: str = "shakhtinsk-2023") -> Pack:
    return registry().pack(pack_id)


def rules(pack_id: str = "shakhtinsk-2023") -> Rules:
    return pack(pack_id).rules


def value_at(pack_id: str, path: str) -> tuple[Any, str]:
    """The value and cited paragraph of a rule, by its key path."""
    cited = dict(iter_parameters(rules(pack_id)))[path]
    return cited.value, cited.cite.paragraph


# --- acts and versions in time (DOMAIN.md §5) -------------------------------------


def test_the_body_it_governs() -> None:
    body = registry().body(BODY)
    assert body.kind == "maslikhat_apparatus"
    assert body.name.kk == '"Шахтинск қалалық мәслихатының аппараты" ММ'
    assert body.name.ru == 'ГУ "Аппарат Шахтинского городского маслихата"'
    assert body.region.en == "Karaganda region"


def test_acts_enter_ten_calendar_days_after_publication_counted_from_adoption() -> None:
    # Decision p2 / the Ескерту notes: "күнтізбелік он күн өткен соң"; the publication
    # dates are not in the seed, so both count from adoption and say so.
    base = pack("shakhtinsk-2024").act("shakhtinsk-278-5")
    amendment = pack("shakhtinsk-2024").act("shakhtinsk-342-11")
    assert (base.role, base.number, base.adopted) == (ActRole.BASE, "278/5", date(2023, 9, 19))
    assert (amendment.role, amendment.number, amendment.adopted) == (
        ActRole.AMENDMENT,
        "342/11",
        date(2024, 6, 14),
    )
    for act in (base, amendment):
        assert act.published is None
        assert act.entry_days == 10
        assert act.entry_date_unverified
        assert act.note
    assert base.in_force_from() == date(2023, 9, 30)
    assert amendment.in_force_from() == date(2024, 6, 25)


def test_versions_in_force() -> None:
    assert pack("shakhtinsk-2023").valid.start == date(2023, 9, 30)
    assert pack("shakhtinsk-2023").valid.end == date(2024, 6, 24)
    assert pack("shakhtinsk-2024").valid.start == date(2024, 6, 25)
    assert pack("shakhtinsk-2024").valid.end is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 1, 10), "typical-2022"),  # before its own methodology: the Typical
        (date(2023, 9, 29), "typical-2022"),
        (date(2023, 9, 30), "shakhtinsk-2023"),
        (date(2024, 3, 31), "shakhtinsk-2023"),
        (date(2024, 6, 24), "shakhtinsk-2023"),
        (date(2024, 6, 25), "shakhtinsk-2024"),
        (date(2025, 7, 31), "shakhtinsk-2024"),
        # From 01.08.2025 bodies with no own methodology apply typical-2025; a body with
        # its own keeps it (the registry's rule, DOMAIN.md §6).
        (date(2025, 9, 1), "shakhtinsk-2024"),
    ],
)
def test_which_version_governs_the_apparatus(day: date, expected: str) -> None:
    assert registry().in_force(BODY, day).id == expected


# --- values, each against its paragraph -------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected", "paragraph"),
    [
        ("eligibility.min_months_in_position", 1, "5"),
        ("eligibility.dismissed_without_participation", True, "6"),
        ("kpi.count_min", 3, "23"),
        ("kpi.count_max", 5, "23"),
        ("kpi.min_months_remaining", 3, "22"),
        ("kpi.achievement_table", (), "app. 3"),
        ("survey360.respondents_min", 3, "35"),
        ("survey360.respondents_max", 7, "35"),
        ("survey360.self_assessment_counts", False, "35"),
        ("calibration.majority_of_participants", True, "41"),
        ("calibration.adjust_up_or_down", True, "41"),
        ("disagreement.route", "calibration", "12"),
        ("retention_years", 3, "14"),
    ],
)
def test_rule_values_from_the_text(path: str, expected: object, paragraph: str) -> None:
    for version in ("shakhtinsk-2023", "shakhtinsk-2024"):
        assert value_at(version, path) == (expected, paragraph)


def test_scales_are_zero_to_five() -> None:
    kpi, ranking = rules().kpi, rules().ranking
    assert kpi is not None and ranking is not None
    assert (kpi.scale.value.min, kpi.scale.value.max, kpi.scale.cite.paragraph) == (0, 5, "27")
    assert (ranking.scale.value.min, ranking.scale.value.max) == (0, 5)
    assert ranking.scale.cite.paragraph == "31"


def test_methods_by_category() -> None:
    methods = {
        (m.method, m.audience, m.period, m.categories, m.cite.paragraph) for m in rules().methods
    }
    assert methods == {
        (Method.KPI, Audience.HEAD_OF_APPARATUS, "quarter", ("E-2",), "21"),
        (Method.RANKING, Audience.STAFF, "quarter", (), "28"),
        (Method.SURVEY360, Audience.ALL, "year", (), "33"),
    }


def test_bands() -> None:
    bands = rules().bands
    assert bands is not None
    assert bands.cite.paragraph == "7"
    assert [(b.code, b.min, b.max) for b in bands.value] == [
        ("effective", Decimal(4), Decimal(5)),
        ("proper", Decimal(3), Decimal("3.99")),
        ("satisfactory", Decimal(2), Decimal("2.99")),
        ("unsatisfactory", Decimal(0), Decimal("1.99")),
    ]
    assert bands.value[3].name.kk == "Функционалдық міндеттерін қанағаттанарлықсыз түрде атқарады"


def test_without_participation_lists_every_absence_of_p5() -> None:
    eligibility = rules().eligibility
    assert eligibility is not None
    assert [a.value for a in eligibility.without_participation.value] == [
        "labour_leave",
        "social_leave",
        "sick_leave",
        "business_trip",
        "internship",
        "retraining",
        "training",
    ]


def test_ranking_has_the_four_parameters_of_p32() -> None:
    ranking = rules().ranking
    assert ranking is not None
    assert [p.code for p in ranking.parameters.value] == [
        "quality",
        "deadlines",
        "independence",
        "discipline",
    ]
    assert ranking.parameters.cite.paragraph == "32"
    assert ranking.parameters.value[3].name.kk == "еңбек тәртібі"


def test_360_competencies_by_audience() -> None:
    survey = rules().survey360
    assert survey is not None
    sets = {s.audience: [c.code for c in s.competencies] for s in survey.competencies.value}
    assert len(sets[Audience.HEAD_OF_APPARATUS]) == 12
    assert sets[Audience.STAFF] == [
        "communications",
        "ethics",
        "change_management",
        "results_orientation",
        "decision_making",
        "cooperation",
        "promptness",
        "self_development",
    ]
    assert set(sets[Audience.STAFF]) < set(sets[Audience.HEAD_OF_APPARATUS])
    assert [g.code for g in survey.respondent_groups.value] == [
        "direct_manager",
        "subordinate",
        "peer",
    ]


def test_results_are_known_only_to_the_persons_of_p20() -> None:
    confidential = rules().confidential_to
    assert confidential is not None
    assert confidential.cite.paragraph == "20"
    assert [c.code for c in confidential.value] == [
        "evaluated",
        "evaluator",
        "department_head",
        "calibration_participants",
    ]


# --- deadlines of 2024-Q1, worked out by hand on Kazakhstan's 2024 calendar --------
# Holidays used: 1-2 Jan; 21-23 Mar and 25 Mar (observed); 1 May; 7 May; 8 May (day
# off moved from Saturday 4 May, which was worked); 9 May.

Q1_2024 = {
    "kpi_plan": date(2024, 1, 16),  # 10 working days from 3 Jan
    "kpi_plan_placed": date(2024, 1, 23),  # 5 working days after 16 Jan
    "kpi_actuals": date(2024, 4, 3),  # 5 working days before 10 Apr
    "kpi_notify": date(2024, 4, 5),  # p26: the 5th of the month after the quarter
    "quarter_evaluation": date(2024, 4, 10),  # p4: the 10th
    "ranking_notify": date(2024, 4, 10),  # p30: the 10th
    "familiarization": date(2024, 4, 12),  # p11: 2 working days after 10 Apr
    "disagreement": date(2024, 4, 19),  # p12: 5 working days after 12 Apr
    "calibration_decision": date(2024, 4, 24),  # p38: 3 working days after 19 Apr
    "calibration_session": date(2024, 5, 4),  # p39: 10 working days; Sat 4 May was worked
    "calibration_protocol_placed": date(2024, 5, 13),  # p41: 3 working days (7-9 May off)
}


def test_deadlines_of_2024_q1() -> None:
    governing = registry().in_force(BODY, Period(2024, 1).end)
    assert governing.id == "shakhtinsk-2023"
    deadlines = cycle_deadlines(governing, Period(2024, 1), kz_calendar())
    assert {d.id: d.due for d in deadlines} == Q1_2024


def test_deadlines_of_the_year_2024_for_the_360_method() -> None:
    governing = registry().in_force(BODY, Period(2024).end)
    assert governing.id == "shakhtinsk-2024"
    deadlines = cycle_deadlines(governing, Period(2024), kz_calendar())
    assert {d.id: d.due for d in deadlines} == {
        "survey360_evaluation": date(2025, 1, 10),  # p4: the 10th of the month after the year
        "familiarization": date(2025, 1, 14),
        "disagreement": date(2025, 1, 21),
        "calibration_decision": date(2025, 1, 24),
        "calibration_session": date(2025, 2, 4),
        "calibration_protocol_placed": date(2025, 2, 7),
    }


# --- what the 2024 amendment changed -----------------------------------------------


def test_the_amendment_changes_only_p10() -> None:
    before, after = rules("shakhtinsk-2023"), rules("shakhtinsk-2024")
    assert before.authorized_person is None  # the 2023 wording of p10 is not in the seed
    assert after.authorized_person is not None
    assert after.authorized_person.value.kk == "мәслихат аппаратының бас маманы"
    cite = after.authorized_person.cite
    assert (cite.act, cite.paragraph) == ("shakhtinsk-342-11", "")
    assert cite.restated_in is not None
    assert (cite.restated_in.act, cite.restated_in.paragraph) == ("shakhtinsk-278-5", "10")
    assert dataclasses.replace(after, authorized_person=None) == before


def test_chapter_6_is_a_note_not_invented_rules() -> None:
    for version in ("shakhtinsk-2023", "shakhtinsk-2024"):
        assert rules(version).count_kpi is None
        assert all(m.absent_between is None for m in rules(version).methods)
        assert any("Chapter 6" in note.en for note in pack(version).notes)


# --- citations and unverified markers ----------------------------------------------

SILENT = (
    "kpi.achievement_table",
    "kpi.aggregation",
    "kpi.plan_fields",
    "ranking.aggregation",
    "survey360.scale",
    "survey360.scale_labels",
    "survey360.weakest_count",
)


@pytest.mark.parametrize("version", ["shakhtinsk-2023", "shakhtinsk-2024"])
def test_unverified_exactly_where_the_text_is_silent(version: str) -> None:
    assert unverified_parameters(rules(version)) == SILENT
    for path, cited in iter_parameters(rules(version)):
        assert not cited.unverified or cited.note, path


@pytest.mark.parametrize("version", ["shakhtinsk-2023", "shakhtinsk-2024"])
def test_citations_name_real_paragraphs(version: str) -> None:
    """Paragraphs 1-42 or an appendix; the Typical only with via_typical or restated."""
    for path, cite in iter_cites(rules(version), "rules"):
        if cite.act == "shakhtinsk-278-5":
            match = re.fullmatch(r"(\d+)|app\. \d", cite.paragraph)
            assert match, path
            assert match[1] is None or 1 <= int(match[1]) <= 42, path
        elif cite.act == "agency-order-13-2018":
            assert cite.via_typical, path
        else:
            assert cite.act == "shakhtinsk-342-11" and cite.restated_in is not None, path

"""Atyrau region akimat: No. 57 of 25.04.2023 and its amendment No. 105 of 29.06.2023
(seed 001): the versions in time, chapter 6 (count-based KPI, Commission, appeal) in
force until 31.08.2023, and its deadlines on Kazakhstan's working-day calendar."""

from __future__ import annotations

from datetime import date

import pytest

from bagalau.domain.calendar import Period
from bagalau.domain.deadlines import cycle_deadlines
from bagalau.domain.law import ActRole, DateRange, EntryRule
from bagalau.domain.methodology import (
    CountKpiRules,
    Method,
    Pack,
    Registry,
    iter_cites,
    unverified_parameters,
)
from bagalau.packs import load_directory
from tests.domain.kz import kz_calendar

BODY = "atyrau-region-akimat"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_directory()


@pytest.fixture(scope="module")
def amended(registry: Registry) -> Pack:
    return registry.pack("atyrau-2023-105")


def count_kpi(pack: Pack) -> CountKpiRules:
    assert pack.rules.count_kpi is not None
    return pack.rules.count_kpi


@pytest.mark.parametrize(
    ("day", "pack_id"),
    [
        (date(2023, 1, 10), "typical-2022"),  # before No. 57: the Typical Methodology
        (date(2023, 4, 24), "typical-2022"),
        (date(2023, 4, 25), "atyrau-2023"),
        (date(2023, 6, 29), "atyrau-2023"),
        (date(2023, 6, 30), "atyrau-2023-105"),  # the day after the earliest publication
        (date(2023, 9, 1), "atyrau-2023-105"),  # the version stays; chapter 6 expires
    ],
)
def test_version_in_force(registry: Registry, day: date, pack_id: str) -> None:
    assert registry.in_force(BODY, day).id == pack_id


def test_body(registry: Registry) -> None:
    body = registry.body(BODY)
    assert (body.kind, body.name.kk, body.region.kk) == (
        "akimat",
        "Атырау облысы әкімдігі",
        "Атырау облысы",
    )


def test_acts_and_their_unverified_dates(amended: Pack) -> None:
    base, amendment = amended.act("atyrau-57"), amended.act("atyrau-105")
    assert (base.role, base.number, base.adopted) == (ActRole.BASE, "57", date(2023, 4, 25))
    assert base.entry_date_unverified
    assert (amendment.role, amendment.number, amendment.adopted) == (
        ActRole.AMENDMENT,
        "105",
        date(2023, 6, 29),
    )
    # p4: applied after the day of first official publication, which is not given.
    assert amendment.entry is EntryRule.DAYS_AFTER_PUBLICATION
    assert amendment.published is None
    assert amendment.date_unverified
    assert amendment.in_force_from() == date(2023, 6, 30)


def test_base_version_is_the_typical_methodology(registry: Registry) -> None:
    base = registry.pack("atyrau-2023")
    assert base.rules.count_kpi is None
    assert base.rules.forms == ()
    assert base.rules.commission is None
    top_level = [
        (path, cite) for path, cite in iter_cites(base.rules, "rules") if ".restated_in" not in path
    ]
    assert top_level
    assert all(c.act == "agency-order-13-2018" and c.via_typical for _, c in top_level)
    assert {m.method for m in base.methods_on(date(2023, 5, 1))} == {
        Method.KPI,
        Method.RANKING,
        Method.SURVEY360,
    }


@pytest.mark.parametrize(
    ("day", "in_force"),
    [
        (date(2023, 6, 29), False),
        (date(2023, 6, 30), True),
        (date(2023, 7, 15), True),
        (date(2023, 8, 31), True),  # "2023 жылдың 31 тамызына дейін" read as inclusive
        (date(2023, 9, 1), False),
    ],
)
def test_chapter_6_in_force_until_31_august_2023(amended: Pack, day: date, in_force: bool) -> None:
    methods = {m.method for m in amended.methods_on(day)}
    assert (Method.COUNT_KPI in methods) is in_force
    assert {Method.KPI, Method.RANKING, Method.SURVEY360} <= methods


def test_chapter_6_applies_to_leave_in_2021_2022(amended: Pack) -> None:
    (rule,) = [m for m in amended.rules.methods if m.method is Method.COUNT_KPI]
    assert rule.in_force == DateRange(date(2023, 6, 30), date(2023, 8, 31))
    assert rule.absent_between == DateRange(date(2021, 7, 1), date(2022, 12, 31))
    assert rule.period == "year"  # p49: by the year the plan was made for
    assert (rule.cite.act, rule.cite.paragraph) == ("atyrau-105", "5")


def test_exactly_five_kpis(amended: Pack) -> None:
    rules = count_kpi(amended)
    assert rules.count.value == 5
    assert (rules.count.cite.act, rules.count.cite.paragraph) == ("atyrau-105", "47")


def band_for(rules: CountKpiRules, achieved: int) -> str:
    ordered = sorted(rules.bands_by_count.value, key=lambda b: b.min_achieved, reverse=True)
    return next(b.band for b in ordered if achieved >= b.min_achieved)


@pytest.mark.parametrize(
    ("achieved", "band"),
    [
        (5, "effective"),
        (4, "proper"),
        (3, "satisfactory"),
        (2, "unsatisfactory"),
        (1, "unsatisfactory"),
        (0, "unsatisfactory"),
    ],
)
def test_result_by_count_of_kpis_achieved(amended: Pack, achieved: int, band: str) -> None:
    rules = count_kpi(amended)
    assert band_for(rules, achieved) == band
    assert rules.bands_by_count.cite.paragraph == "49"


def test_count_bands_keep_the_wording_of_p49(amended: Pack) -> None:
    names = {b.band: b.name.kk for b in count_kpi(amended).bands_by_count.value if b.name}
    assert names == {
        "effective": "Функционалдық міндеттерді тиімді орындайды",
        "proper": "Функционалдық міндеттерді тиісті түрде орындайды",
        "satisfactory": "Функционалдық міндеттерін қанағаттанарлық орындайды",
        "unsatisfactory": "Функционалдық міндеттерін қанағаттанарлықсыз орындайды",
    }
    codes = {b.code for b in amended.rules.bands.value} if amended.rules.bands else set()
    assert set(names) <= codes


def test_plan_approval_and_return_for_correction(amended: Pack) -> None:
    rules = count_kpi(amended)
    assert rules.approvers is not None
    assert [a.code for a in rules.approvers.value] == ["superior_manager", "first_head"]
    assert rules.approvers.cite.paragraph == "44-45"
    assert [r.code for r in rules.return_reasons.value] == [
        "insufficient_evidence",
        "unreliable_evidence",
    ]
    assert rules.return_reasons.cite.paragraph == "53"
    assert rules.smart_criteria is not None
    assert len(rules.smart_criteria.value) == 5


def test_appeal_to_the_authorized_body(amended: Pack) -> None:
    appeal = count_kpi(amended).appeal
    assert appeal is not None
    assert appeal.route.value == "authorized_body"
    assert appeal.route.cite.paragraph == "69"
    assert "сот тәртібінде" in appeal.appeal.value.kk
    # The general route of the version (KPI, ranking, 360) stays the calibration session.
    assert amended.rules.disagreement is not None
    assert amended.rules.disagreement.route.value == "calibration"


def test_commission(amended: Pack) -> None:
    commission = amended.rules.commission
    assert commission is not None
    assert commission.quorum.value == (2, 3)
    assert commission.quorum.cite.paragraph == "57"
    assert commission.open_vote.value is True
    assert commission.chair_casting_vote.value is True
    assert commission.chair_casting_vote.cite.paragraph == "60"
    assert commission.secretary_votes.value is False
    assert commission.secretary_votes.cite.paragraph == "61"
    assert commission.decisions is not None
    assert [d.code for d in commission.decisions.value] == ["approve", "revise"]
    # No. 105 gives no size: the order creating the Commission does (p58).
    assert commission.min_members.unverified
    assert "commission.min_members" in unverified_parameters(amended.rules)


def test_eligibility_restated_by_p5(amended: Pack) -> None:
    eligibility = amended.rules.eligibility
    assert eligibility is not None
    cite = eligibility.min_months_in_position.cite
    assert (eligibility.min_months_in_position.value, cite.act, cite.paragraph) == (
        1,
        "atyrau-105",
        "5",
    )
    assert not cite.via_typical
    assert cite.restated_in is None
    assert len(eligibility.without_participation.value) == 7
    # Not restated by No. 105: still the Typical Methodology's rule.
    assert eligibility.dismissed_without_participation.cite.via_typical


def test_familiarization_of_absent_employees(amended: Pack) -> None:
    familiarization = amended.rules.familiarization
    assert familiarization is not None and familiarization.absent_means is not None
    assert [m.code for m in familiarization.absent_means.value] == [
        "registered_letter",
        "telephonogram",
        "telegram",
        "sms",
        "email",
        "other_recorded",
    ]
    assert familiarization.absent_means.cite.paragraph == "11"
    (rule,) = [d for d in amended.rules.deadlines if d.id == "familiarization"]
    assert (rule.count, rule.cite.act, rule.cite.paragraph) == (2, "atyrau-105", "11")


def test_forms_9_10_11(amended: Pack) -> None:
    forms = {f.code: f for f in amended.rules.forms}
    assert list(forms) == [
        "app9_individual_work_plan",
        "app10_evaluation_sheet",
        "app11_commission_protocol",
    ]
    assert [f.cite.paragraph for f in forms.values()] == ["app. 9", "app. 10", "app. 11"]
    sheet = forms["app10_evaluation_sheet"]
    assert sheet.title.kk == "НМИ бойынша бағалау парағы"
    assert [c.name.kk for c in sheet.columns] == [
        "№ п/п",
        "Нысаналы мақсатты индикаторлардың атауы",
        "Өлшем бірлігі",
        "Жоспарлы мәні",
        "Нақты мәні",
        "Көрсеткішке қолжетті/көрсеткішке қол жетпеді",
    ]
    plan = forms["app9_individual_work_plan"]
    assert len(plan.columns) == 7
    assert plan.header[0].name.kk == '"БЕКІТЕМІН" Жоғары тұрған басшы'
    protocol = forms["app11_commission_protocol"]
    assert [c.code for c in protocol.columns] == [
        "number",
        "employee_name",
        "result",
        "correction",
        "recommendations",
    ]
    # p65 names the protocol's column the Commission writes its correction in.
    assert protocol.columns[3].name.kk == (
        "Бағалау нәтижелері комиссиямен түзетілуі (бар болған жағдайда)"
    )
    assert [f.code for f in protocol.footer] == [
        "conclusion",
        "checked",
        "secretary",
        "chair",
        "member",
    ]


# Worked by hand on the 2023 calendar: 02-03.01 holidays, 07.01 (Saturday) Christmas,
# 06.07 Capital Day, 07.07 a day off moved from Saturday 01.07 (which was worked),
# 30.08 Constitution Day.
EVENTS = {
    "evaluation_opened": date(2023, 7, 3),  # Mon
    "sheet_returned": date(2023, 7, 4),  # Tue; Wed 5.07 (1), Mon 10.07 (2)
    "sheet_agreed": date(2023, 6, 30),  # Fri; Sat 1.07 worked (1), Mon 3.07 (2)
    "commission_meeting": date(2023, 7, 12),  # Wed; Tue 11 (1), Mon 10 (2), Wed 5.07 (3)
    "results_approved": date(2023, 8, 29),  # Tue; Thu 31.08 (1), Fri 1.09 (2)
    "commission_decision": date(2023, 8, 24),  # Thu; 25, 28, 29, 31.08, 1, 4-8.09
}
EXPECTED = {
    # 4, 5, (6, 7 off), 10, 11, 12, 13, 14, 17, 18, 19 July
    "count_kpi_plan": date(2023, 7, 19),
    "count_kpi_to_commission": date(2023, 7, 3),
    "count_kpi_commission_notice": date(2023, 7, 5),
    "count_kpi_resubmit": date(2023, 7, 10),
    "count_kpi_familiarization": date(2023, 9, 1),
    "count_kpi_appeal": date(2023, 9, 8),
}


def test_commission_chain_deadlines(amended: Pack) -> None:
    deadlines = cycle_deadlines(
        amended,
        Period(2023),
        kz_calendar(),
        events=EVENTS,
        methods=frozenset({Method.COUNT_KPI}),
    )
    assert {d.id: d.due for d in deadlines} == EXPECTED
    assert not any(d.projected for d in deadlines)
    paragraphs = {d.id: d.cite.paragraph for d in deadlines}
    assert paragraphs == {
        "count_kpi_plan": "43",
        "count_kpi_to_commission": "55",
        "count_kpi_commission_notice": "56",
        "count_kpi_resubmit": "54",
        "count_kpi_familiarization": "67",
        "count_kpi_appeal": "69",
    }


def test_only_the_plan_is_known_once_the_evaluation_is_opened(amended: Pack) -> None:
    # p43 "НМИ бағалау кезеңі басталғаннан кейін": the chapter's KPI period starts when
    # HR opens it while the chapter acts, not on 1 January, before the chapter existed.
    assert not cycle_deadlines(
        amended, Period(2023), kz_calendar(), methods=frozenset({Method.COUNT_KPI})
    )
    deadlines = cycle_deadlines(
        amended,
        Period(2023),
        kz_calendar(),
        events={"evaluation_opened": date(2023, 7, 3)},
        methods=frozenset({Method.COUNT_KPI}),
    )
    assert [(d.id, d.due) for d in deadlines] == [("count_kpi_plan", date(2023, 7, 19))]
    rules = {r.id: r for r in amended.rules.deadlines if r.method is Method.COUNT_KPI}
    assert rules["count_kpi_plan"].marks == "kpi_set"


# No. 105 p8: "бонустарды төлеу, көтермелеу, оқыту, ротация, мемлекеттік лауазымда
# жоғарылату, төмендету немесе жұмыстан босату бойынша шешімдер қабылдауға негіз"
P8_USES = [
    ("bonus", "бонустарды төлеу"),
    ("incentive", "көтермелеу"),
    ("training", "оқыту"),
    ("rotation", "ротация"),
    ("promotion", "мемлекеттік лауазымда жоғарылату"),
    ("demotion", "төмендету"),
    ("dismissal", "жұмыстан босату"),
]


def test_p8_uses_of_results_include_promotion(amended: Pack) -> None:
    uses = amended.rules.result_uses
    assert uses is not None and not uses.unverified
    assert [u.code for u in uses.value] == [code for code, _ in P8_USES]
    assert (uses.cite.act, uses.cite.paragraph, uses.cite.borrowed) == ("atyrau-105", "8", False)
    for code, word in P8_USES:
        assert word in uses.cite.quote, code
        assert word in next(u.name.kk for u in uses.value if u.code == code)
    promotion = next(u for u in uses.value if u.code == "promotion")
    assert (promotion.name.ru, promotion.name.en) == (
        "повышение в государственной должности",
        "promotion",
    )


def test_p8_before_no_105_is_not_in_the_sources(registry: Registry) -> None:
    # No. 57's own wording of p8 is not in the sources; Shakhtinsk's p8 names no promotion.
    assert registry.pack("atyrau-2023").rules.result_uses is None
    shakhtinsk = registry.pack("shakhtinsk-2023").rules.result_uses
    assert shakhtinsk is not None
    assert "promotion" not in {u.code for u in shakhtinsk.value}

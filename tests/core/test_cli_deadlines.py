"""``bagalau deadlines``: every deadline of the pack in force, dated or with its rule in
words; Atyrau's chapter 6 (count_kpi, 001 p43-69) while it acts, marked as only for
some people, and a refusal with exit code 2 outside its dates (No. 105 p2)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db
ATYRAU = "atyrau-region-akimat"
# Dates worked by hand in tests/domain/test_deadline_list.py on the 2023 calendar.
EVENTS = {
    "evaluation_opened": "03.07.2023",
    "sheet_returned": "05.07.2023",
    "sheet_agreed": "28.08.2023",
    "commission_meeting": "04.09.2023",
    "results_approved": "24.10.2023",
    "commission_decision": "20.10.2023",
}
CHAPTER_6 = {
    "count_kpi_plan": ("19.07.2023", "atyrau-105 p43"),
    "count_kpi_resubmit": ("11.07.2023", "atyrau-105 p54"),
    "count_kpi_to_commission": ("31.08.2023", "atyrau-105 p55"),
    "count_kpi_commission_notice": ("29.08.2023", "atyrau-105 p56"),
    "count_kpi_familiarization": ("27.10.2023", "atyrau-105 p67"),
    "count_kpi_appeal": ("06.11.2023", "atyrau-105 p69"),
}


def run(*args: str) -> str:
    out = StringIO()
    call_command("deadlines", *args, stdout=out)
    return out.getvalue()


def events(*names: str) -> list[str]:
    return [arg for name in names for arg in ("--event", f"{name}={EVENTS[name]}")]


def test_every_chapter_6_deadline_with_every_event_given() -> None:
    data = json.loads(run(ATYRAU, "2023", "--method", "count_kpi", *events(*EVENTS), "--json"))
    assert (data["pack"], data["method"], data["undated"]) == ("atyrau-2023-105", "count_kpi", [])
    found = {d["id"]: (d["due"], d["cite"]["label"]) for d in data["deadlines"]}
    assert found == CHAPTER_6
    assert not any(d["projected"] for d in data["deadlines"])
    only = data["deadlines"][0]["only_for"]
    assert only["method"] == "count_kpi"
    assert only["absent_between"] == {"start": "01.07.2021", "end": "31.12.2022"}
    assert only["in_force"] == {"start": "30.06.2023", "end": "31.08.2023"}
    assert only["in_force_cite"]["label"] == "atyrau-105 p2"


def test_undated_deadlines_say_their_rule_and_the_event_that_would_date_them() -> None:
    data = json.loads(
        run(ATYRAU, "2023", "--method", "count_kpi", *events("evaluation_opened"), "--json")
    )
    assert [(d["id"], d["due"]) for d in data["deadlines"]] == [("count_kpi_plan", "19.07.2023")]
    rows = {d["id"]: d for d in data["undated"]}
    assert list(rows) == list(CHAPTER_6)[1:]
    resubmit = rows["count_kpi_resubmit"]
    assert (resubmit["due"], resubmit["event"], resubmit["hint"]) == (
        None,
        "sheet_returned",
        "--event sheet_returned=dd.mm.yyyy",
    )
    assert resubmit["rule"] == "2 working days after the sheet is returned to the evaluator"
    assert rows["count_kpi_commission_notice"]["rule"] == (
        "3 working days before the Commission's sitting"
    )
    assert rows["count_kpi_appeal"]["rule"] == "10 working days after the Commission's decision"


def test_the_year_lists_chapter_6_beside_the_general_deadlines_as_text() -> None:
    text = run(ATYRAU, "2023", "--lang", "en")
    assert "  10.01.2024  360 evaluation  [" in text
    assert (
        "  Set the KPIs in the individual work plan (KPI by count achieved: only for some "
        "employees, see below)  [Atyrau region akimat resolution No. 105, paragraph 43]\n"
        "      10 working days after HR opens the evaluation; to date it: "
        "--event evaluation_opened=dd.mm.yyyy\n"
    ) in text
    assert text.endswith(
        "Only for some employees:\n"
        "  KPI by count achieved: only for those on social or sick leave from 01.07.2021 "
        "to 31.12.2022 (Atyrau region akimat resolution No. 105, paragraph 5); acts from "
        "30.06.2023 to 31.08.2023 (Atyrau region akimat resolution No. 105, paragraph 2)\n"
    )


def test_the_text_shows_the_citation_in_words_and_the_json_keeps_its_label() -> None:
    text = run("shakhtinsk-maslikhat", "2026-Q1", "--lang", "en")
    assert (
        "  19.01.2026  Set KPIs in the individual work plan (the work plan for 2026)  "
        "[Shakhtinsk city maslikhat apparatus methodology, paragraph 22]\n"
    ) in text
    assert "shakhtinsk-278-5" not in text
    assert "agency-order-13-2018" not in run(ATYRAU, "2023-Q3", "--lang", "en")
    data = json.loads(run("shakhtinsk-maslikhat", "2026-Q1", "--json"))
    assert data["deadlines"][0]["cite"]["label"] == "shakhtinsk-278-5 p22"


def test_shakhtinsk_quarter_lists_its_deadlines_as_before() -> None:
    data = json.loads(run("shakhtinsk-maslikhat", "2026-Q1", "--json"))
    assert [(d["id"], d["due"], d["projected"]) for d in data["deadlines"]] == [
        ("kpi_plan", "19.01.2026", False),
        ("kpi_plan_placed", "26.01.2026", True),
        ("kpi_actuals", "03.04.2026", True),
        ("kpi_notify", "05.04.2026", False),
        ("ranking_notify", "10.04.2026", False),
        ("quarter_evaluation", "10.04.2026", False),
        ("familiarization", "14.04.2026", True),
        ("disagreement", "21.04.2026", True),
        ("calibration_decision", "24.04.2026", True),
        ("calibration_session", "06.05.2026", True),
        ("calibration_protocol_placed", "13.05.2026", True),
    ]
    # the one counted from an appointment, which no one can foresee, is listed too
    assert [(d["id"], d["hint"]) for d in data["undated"]] == [
        ("kpi_plan_after_appointment", "--event appointment=dd.mm.yyyy")
    ]


def test_russian_and_kazakh_say_the_rule_in_words() -> None:
    ru = run(ATYRAU, "2023", "--method", "count_kpi", *events("evaluation_opened"), "--lang", "ru")
    assert "  19.07.2023  Определение КЦИ в индивидуальном плане работы" in ru
    assert (
        "не позднее 2 рабочих дней после возврата оценочного листа оценивающему на доработку; "
        "чтобы получить дату: --event sheet_returned=dd.mm.yyyy"
    ) in ru
    assert "не позднее чем за 3 рабочих дня до заседания Комиссии" in ru
    kk = run(ATYRAU, "2023", "--method", "count_kpi", "--lang", "kk")
    assert "Комиссия шешімі шыққан күннен бастап 10 жұмыс күні ішінде" in kk
    assert "30.06.2023 бастап 31.08.2023 дейін қолданылады" in kk


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("2024", "--method", "count_kpi"),
            "The method “KPI by count achieved” (count_kpi) acts from 30.06.2023 to "
            "31.08.2023; 2024 and its evaluation are outside that time, so it has no "
            "deadlines then. (basis: Atyrau region akimat resolution No. 105, paragraph 2)",
        ),
        (
            ("2023", "--method", "count_kpi", "--event", "evaluation_opened=01.09.2023"),
            "The method “KPI by count achieved” (count_kpi) acts from 30.06.2023 to "
            "31.08.2023: neither on the day 2023 was opened (01.09.2023) nor during its "
            "evaluation, so it has no deadlines in that period. (basis: Atyrau region akimat "
            "resolution No. 105, paragraph 2)",
        ),
        (
            ("2023-Q3", "--method", "count_kpi"),
            "The method “KPI by count achieved” (count_kpi) is evaluated by year, so it has "
            "no deadlines in 2023-Q3. Ask for the year, for example 2023. (basis: Atyrau "
            "region akimat resolution No. 105, paragraph 5)",
        ),
        (
            ("2023-Q1", "--method", "count_kpi"),
            "The methodology typical-2022, which governs 2023-Q1, has no method “KPI by count "
            "achieved” (count_kpi); it is in atyrau-2023-105, where it acts from 30.06.2023 "
            "to 31.08.2023. Ask for a period that version governs. (basis: Atyrau region "
            "akimat resolution No. 105, paragraph 2)",
        ),
        (
            ("2023", "--method", "bonus_points"),
            "The methodology atyrau-2023-105 has no evaluation method bonus_points, so it "
            "sets no deadlines for it. Its methods: kpi, ranking, survey360, count_kpi.",
        ),
    ],
)
def test_a_method_that_does_not_apply_exits_2_with_its_rule(
    args: tuple[str, ...], message: str
) -> None:
    out = StringIO()
    with pytest.raises(CommandError) as err:
        call_command("deadlines", ATYRAU, *args, "--lang", "en", stdout=out)
    assert err.value.returncode == 2
    assert str(err.value) == message
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "ru",
            "Метод «по количеству достигнутых КЦИ» (count_kpi) действует с 30.06.2023 по "
            "31.08.2023; период 2024 и его оценка выходят за эти сроки, поэтому сроков по нему "
            "в это время нет. (основание: Постановление акимата Атырауской области № 105, "
            "пункт 2)",
        ),
        (
            "kk",
            "«қол жеткізілген НМИ саны бойынша» (count_kpi) әдісі 30.06.2023 бастап "
            "31.08.2023 дейін қолданылады; 2024 кезеңі мен оның бағалауы бұл уақыттан тыс, "
            "сондықтан ол кезде оның мерзімдері жоқ. (негіздеме: Атырау облысы әкімдігінің "
            "№ 105 қаулысы, 2-тармақ)",
        ),
    ],
)
def test_the_refusal_is_translated(lang: str, message: str) -> None:
    with pytest.raises(CommandError) as err:
        call_command("deadlines", ATYRAU, "2024", "--method", "count_kpi", "--lang", lang)
    assert (err.value.returncode, str(err.value)) == (2, message)


def test_a_later_quarter_lists_when_the_years_work_plan_was_due() -> None:
    # ADR 0010: the plan is the year's, due ten working days after 1 January (004 p22)
    ru = run("shakhtinsk-maslikhat", "2026-Q3", "--lang", "ru")
    assert (
        "  19.01.2026  Установление КЦИ в индивидуальном плане работы (план работы на 2026 год)"
        in ru
    )
    data = json.loads(run("shakhtinsk-maslikhat", "2026-Q3", "--json"))
    plan = next(d for d in data["deadlines"] if d["id"] == "kpi_plan")
    assert (plan["due"], plan["plan_period"]) == ("19.01.2026", "2026")

"""The methodology packs page: versions on a timeline, rules with citations."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from bagalau.core.packview import pack_detail
from bagalau.packs import registry

pytestmark = pytest.mark.django_db


def test_packs_page_lists_every_version_with_its_validity(client: Client) -> None:
    response = client.get(reverse("packs"), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    html = response.content.decode()
    for pack_id in ("typical-2022", "typical-2025", "shakhtinsk-2023", "shakhtinsk-2024"):
        assert f'href="/methodology/{pack_id}/"' in html
    assert "01.08.2025" in html  # the 2025 Typical Methodology starts then
    assert "timeline-segment" in html
    # Positions (placed by timeline.js): never written with the Russian decimal comma.
    assert re.search(r'data-left="\d+(\.\d+)?" data-width="\d+(\.\d+)?"', html)
    assert not re.search(r'data-(left|width)="\d+,', html)


def test_which_version_governs_a_body_on_a_date(client: Client) -> None:
    response = client.get(reverse("packs"), {"body": "shakhtinsk-maslikhat", "on": "01.03.2025"})
    assert response.context["governing"]["id"] == "shakhtinsk-2024"


def test_date_before_any_methodology_is_refused_with_a_message(client: Client) -> None:
    response = client.get(
        reverse("packs"),
        {"body": "shakhtinsk-maslikhat", "on": "01.01.2016"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "governing" not in response.context
    assert "01.01.2016" in response.context["lookup_error"]


@pytest.mark.parametrize(
    ("body", "on"), [("nobody", "01.01.2024"), ("shakhtinsk-maslikhat", "31.02.2024")]
)
def test_bad_lookup_input_names_the_value(client: Client, body: str, on: str) -> None:
    response = client.get(reverse("packs"), {"body": body, "on": on}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    message = response.context["lookup_error"]
    assert (body if body == "nobody" else on) in message


def test_pack_page_shows_rules_citations_and_unverified_markers(client: Client) -> None:
    response = client.get(reverse("pack", args=["typical-2022"]), HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Функционалдық міндеттерін тиімді атқарады" in html  # the band's official name
    # restated in the body's act, named as people name it, never by its internal id
    assert "Шахтинск қалалық мәслихаты аппаратының әдістемесі, 7-тармақ редакциясында" in html
    assert "shakhtinsk-278-5, " not in html
    assert 'class="unverified"' in html
    assert "kpi.achievement_table" in html


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_pack_page_in_each_language(client: Client, lang: str) -> None:
    response = client.get(reverse("pack", args=["shakhtinsk-2024"]), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    assert f'lang="{lang}"' in response.content.decode()


def test_unknown_pack_is_404(client: Client) -> None:
    assert client.get(reverse("pack", args=["no-such-pack"])).status_code == 404


# Aktau's and Kentau's commission meeting rules are borrowed from Atyrau's No. 105
# (seed 001 p57-61): the page names the act and paragraph and says it is not the body's.
BORROWED = {
    "kk": (
        "басқа органның актісінен алынды: Атырау облысы әкімдігінің № 105 қаулысы, "
        "{p}-тармақ — бұл орган үшін тексерілмеген"
    ),
    "ru": (
        "заимствовано из акта другого органа: Постановление акимата Атырауской области "
        "№ 105, пункт {p} — для этого органа не проверено"
    ),
    "en": (
        "borrowed from Atyrau region akimat resolution No. 105, paragraph {p} — not "
        "verified for this body"
    ),
}


@pytest.mark.parametrize("pack_id", ["aktau-2022", "kentau-2022"])
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_pack_page_says_which_rules_are_borrowed_from_atyrau(
    client: Client, pack_id: str, lang: str
) -> None:
    response = client.get(reverse("pack", args=[pack_id]), HTTP_ACCEPT_LANGUAGE=lang)
    html = response.content.decode()
    rows = {row["key"]: row for row in response.context["pack"]["parameters"]}
    for key, paragraph in (
        ("commission.quorum", "57"),
        ("commission.open_vote", "59"),
        ("commission.chair_casting_vote", "60"),
        ("commission.secretary_votes", "61"),
    ):
        cite = rows[key]["cite"]
        assert cite["borrowed"] and rows[key]["unverified"]
        assert cite["text"] == BORROWED[lang].format(p=paragraph)
        assert cite["text"] in html
        assert cite["quote"] in html
    assert "Typical Methodology" not in rows["commission.quorum"]["cite"]["text"]
    assert "үштен екісі қатысқан жағдайда өкілетті" in html


# typical-2025: what comes from public reports of the amended order, not from its text,
# is flagged, and its note says where it comes from (rules, the method, the deadlines).
REPORTS_NOTE = {
    "en": "From public reports of the amended Typical Methodology",
    "ru": "Из публичных сообщений об изменённой Типовой методике",
    "kk": "туралы жария хабарламалардан алынды",
}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_typical_2025_page_flags_what_public_reports_give(client: Client, lang: str) -> None:
    response = client.get(reverse("pack", args=["typical-2025"]), HTTP_ACCEPT_LANGUAGE=lang)
    html = response.content.decode()
    pack = response.context["pack"]
    rows = {row["key"]: row for row in pack["parameters"]}
    deadlines = {d["id"]: d for d in pack["deadlines"]}
    shown = [
        *(rows[k] for k in ("familiarization.mode", "retention_years")),
        *(rows[f"quarterly.{k}"] for k in ("evaluators", "aggregation", "special_cases")),
        deadlines["quarter_evaluation"],
        deadlines["annual_result"],
        pack["methods"][0],
    ]
    for row in shown:
        assert row["unverified"]
        assert REPORTS_NOTE[lang] in row["note"]
        assert escape(row["note"]) in html
    assert html.count('class="unverified"') >= 14  # every unverified value of the version


@pytest.mark.parametrize(
    ("lang", "cite", "promotion"),
    [
        ("en", "Atyrau region akimat resolution No. 105, paragraph 8", "promotion"),
        (
            "ru",
            "Постановление акимата Атырауской области № 105, пункт 8",
            "повышение в государственной должности",
        ),
        (
            "kk",
            "Атырау облысы әкімдігінің № 105 қаулысы, 8-тармақ",
            "мемлекеттік лауазымда жоғарылату",
        ),
    ],
)
def test_atyrau_page_shows_p8_uses_with_promotion(
    client: Client, lang: str, cite: str, promotion: str
) -> None:
    response = client.get(reverse("pack", args=["atyrau-2023-105"]), HTTP_ACCEPT_LANGUAGE=lang)
    html = response.content.decode()
    row = next(r for r in response.context["pack"]["parameters"] if r["key"] == "result_uses")
    assert row["cite"]["text"] == cite and cite in html
    assert promotion in [use["name"] for use in row["value"]] and promotion in html
    assert "мемлекеттік лауазымда жоғарылату, төмендету" in row["cite"]["quote"]


# Rules held but not shown before: Shakhtinsk p16-19 and p38, Atyrau No. 105 p62-63, p66.
NEW_RULES = {
    "shakhtinsk-2023": [
        ("procedure_disputes", "16", "who considers disagreements about the procedure"),
        ("duties.evaluator", "17", "what the evaluator ensures"),
        ("duties.evaluated", "18", "what the evaluated person ensures"),
        ("duties.authorized_person", "19", "what the authorized person ensures"),
        ("calibration.members_approved_by", "38", "who approves the calibration session's members"),
    ],
    "atyrau-2023-105": [
        ("commission.meeting_arranged_by", "62", "who sees the commission's meeting held"),
        ("commission.meeting_dates_agreed_with", "62", "with whom the meeting's dates are agreed"),
        ("commission.meeting_documents", "63", "documents put before the commission's meeting"),
        ("commission.results_approved_by", "66", "who approves the evaluation results"),
        ("commission.results_recorded_in", "66", "where the approved results are recorded"),
    ],
}
ACT_EN = {
    "shakhtinsk-2023": "Shakhtinsk city maslikhat apparatus methodology",
    "atyrau-2023-105": "Atyrau region akimat resolution No. 105",
}


@pytest.mark.parametrize("pack_id", sorted(NEW_RULES))
def test_pack_page_shows_the_procedure_rules_with_their_citations(
    client: Client, pack_id: str
) -> None:
    response = client.get(reverse("pack", args=[pack_id]), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    rows = {row["key"]: row for row in response.context["pack"]["parameters"]}
    for key, paragraph, label in NEW_RULES[pack_id]:
        row = rows[key]
        assert row["label"] == label and escape(label.capitalize()) in html
        assert row["cite"]["text"] == f"{ACT_EN[pack_id]}, paragraph {paragraph}"
        assert row["cite"]["text"] in html and escape(row["cite"]["quote"]) in html
        assert not row["unverified"]


@pytest.mark.parametrize(
    ("lang", "label", "cite"),
    [
        (
            "kk",
            "Бағалау рәсіміне байланысты келіспеушіліктерді кім қарайды",
            "Шахтинск қалалық мәслихаты аппаратының әдістемесі, 16-тармақ",
        ),
        (
            "ru",
            "Кто рассматривает разногласия, связанные с процедурой оценки",
            "Методика аппарата Шахтинского городского маслихата, пункт 16",
        ),
    ],
)
def test_procedure_disputes_in_kazakh_and_russian(
    client: Client, lang: str, label: str, cite: str
) -> None:
    response = client.get(reverse("pack", args=["shakhtinsk-2023"]), HTTP_ACCEPT_LANGUAGE=lang)
    html = response.content.decode()
    assert label in html and cite in html
    value = {
        "kk": "уәкілетті тұлға, барлық мұдделі адамдар мен тараптардың жәрдемдесуімен",
        "ru": "уполномоченное лицо при содействии всех заинтересованных лиц и сторон",
    }
    assert value[lang] in html


def test_every_rule_of_every_pack_has_a_name() -> None:
    for found in registry().packs:
        unnamed = [
            r["key"] for r in pack_detail(found, "en")["parameters"] if r["label"] == r["key"]
        ]
        assert not unnamed, (found.id, unnamed)


def test_the_pack_page_names_the_plans_period_and_where_the_quarter_is_set(
    client: Client,
) -> None:
    html = client.get(
        reverse("pack", args=["shakhtinsk-2024"]), HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    assert "Период, на который составляется индивидуальный план работы" in html
    assert "Индивидуальный план работы составляется на год" in html
    # the value reads as a word of the page's language, not as the pack's code
    assert "<td>год" in html or ">год<" in html
    assert "Методика аппарата Шахтинского городского маслихата, пункт 4" in html

"""The methodology packs page: versions on a timeline, rules with citations."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

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

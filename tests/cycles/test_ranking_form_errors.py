"""A refused team page shows every bad cell at once, each at its field, named by the
parameter's name and the employee's name (never the parameter's key); nothing is saved
and what was typed stays on the page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bagalau.cycles.models import RankingEntry, RankingSheet
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.test_ranking_pages import post_scores, team_url
from tests.cycles.test_ranking_services import open_quarter, team_ids

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "parameter", "employee"),
    [("kk", "сапа", "Маман0"), ("ru", "качество", "Маман0")],
)
def test_four_bad_cells_give_four_messages_at_their_fields(
    lang: str, parameter: str, employee: str
) -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    a, b = team_ids(period, org)
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(org.head.user)
    rows = {a: ["9", "x", "4", "4"], b: ["3", "3.5", "-1", "3"]}
    page = client.post(team_url(period, org), post_scores(period, org, rows, 0, do="save"))
    html = page.content.decode()
    assert page.status_code in (200, 400)
    invalid = re.findall(r'id="(s-\d+-\w+)"[^>]*aria-invalid="true" aria-describedby="(\S+)"', html)
    assert invalid == [
        (f"s-{a}-quality", f"s-{a}-quality-error"),
        (f"s-{a}-deadlines", f"s-{a}-deadlines-error"),
        (f"s-{b}-deadlines", f"s-{b}-deadlines-error"),
        (f"s-{b}-independence", f"s-{b}-independence-error"),
    ]
    for _field, message_id in invalid:
        assert f'id="{message_id}"' in html
    assert html.count('class="field-error"') == 4
    assert "quality" not in re.sub(r'(id|name|href|for|aria-describedby)="[^"]*"', "", html)
    assert parameter in html.lower() and employee in html
    assert 'value="x"' in html and 'value="-1"' in html  # typed values stay
    assert html.count('href="#s-') == 4  # the summary links to each field
    assert not RankingEntry.objects.exists()
    assert RankingSheet.objects.filter(version__gt=0).count() == 0


def test_submitting_an_incomplete_team_names_every_missing_cell() -> None:
    org = shakhtinsk_body(staff=2)
    period = open_quarter(org)
    a, b = team_ids(period, org)
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    client.force_login(org.head.user)
    rows = {a: ["5", "", "4", "4"], b: ["3", "3", "", ""]}
    page = client.post(team_url(period, org), post_scores(period, org, rows, 0, do="submit"))
    html = page.content.decode()
    assert html.count('aria-invalid="true"') == 3
    assert "самостоятельность" in html
    assert RankingSheet.objects.get().state == "draft"

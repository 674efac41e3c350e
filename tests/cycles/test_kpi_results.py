"""The head's KPI score has its band (R-BANDS, 004 p7) and the year's mean of the
quarters (R-PERIODS, 004 p4), as the ranking score does."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from bagalau.cycles.kpi.sheet_services import (
    do_review_kpi_sheet,
    do_score_kpi_sheet,
    do_submit_kpi_sheet,
)
from bagalau.cycles.models import Participation, Result
from bagalau.demo.cycle import run_quarter
from bagalau.domain.calendar import Period
from tests.cycles.kpi_people import shakhtinsk_head, user
from tests.cycles.period_pages import EN, client_for_user

pytestmark = pytest.mark.django_db


def test_the_kpi_quarter_score_has_its_band_and_the_year_its_mean() -> None:
    world = shakhtinsk_head("2024-Q1")  # Q1 is open and not scored yet
    run_quarter(world.body, Period(2024, 2))  # KPI scores 4, 4, 3
    run_quarter(world.body, Period(2024, 3))  # KPI scores 5, 4, 5

    q2, q3 = (
        Result.objects.get(participation__period__quarter=q, participation__employee=world.person)
        for q in (2, 3)
    )
    assert (q2.method, q2.score, q2.band, q2.state) == (
        "kpi",
        Decimal("3.67"),
        "proper",
        "approved",
    )
    assert (q3.score, q3.band) == (Decimal("4.67"), "effective")
    assert ("shakhtinsk-278-5", "7") in {(c["act"], c["paragraph"]) for c in q3.cites}

    part = Participation.objects.get(period__quarter=3, employee=world.person)
    html = (
        client_for_user(user(world.person))
        .get(reverse("cycles:result", args=[part.pk]), headers=EN)
        .content.decode()
    )
    assert "Quarter score: 4.67" in html
    assert "Annual score 2024: 4.17" in html  # (3.67 + 4.67) / 2; Q1 is not approved
    assert "Функционалдық міндеттерін тиімді атқарады" in html
    assert "Not yet approved, so not counted: 2024-Q1" in html


def test_the_agreed_kpi_sheet_names_the_band_and_links_to_the_result() -> None:
    world = shakhtinsk_head("2024-Q1")
    run_quarter(world.body, Period(2024, 2))
    part = Participation.objects.get(period__quarter=2, employee=world.person)
    html = (
        client_for_user(user(world.evaluator))
        .get(reverse("cycles:kpi_sheet", args=[part.pk]), headers=EN)
        .content.decode()
    )
    assert "Quarter score: <strong>3.67</strong>" in html
    assert "Функционалдық міндеттерін тиісті түрде атқарады" in html
    assert "(/)" not in html and "<strong>proper</strong>" not in html  # no bare code
    assert reverse("cycles:result", args=[part.pk]) in html


def test_the_count_based_result_page_says_how_many_kpis_were_achieved() -> None:
    """Atyrau ch. 6 is a yearly result without a score: the page names the year, the
    count and the band in the words of 001 p49, not an empty "quarter score"."""
    from tests.cycles.kpi_people import atyrau_specialist
    from tests.cycles.test_kpi_sheet import line_ids, open_sheet

    world = atyrau_specialist()
    sheet = open_sheet(world, count=5)
    ids = line_ids(sheet)
    flags = dict.fromkeys(ids, True) | {ids[3]: False}
    do_score_kpi_sheet(actor=user(world.evaluator), sheet_id=sheet.pk, version=1, achieved=flags)
    do_submit_kpi_sheet(actor=user(world.evaluator), sheet_id=sheet.pk, version=2)
    do_review_kpi_sheet(actor=user(world.approver), sheet_id=sheet.pk, version=3, agree=True)

    html = (
        client_for_user(user(world.person))
        .get(reverse("cycles:result", args=[world.participation.pk]), headers=EN)
        .content.decode()
    )
    assert "Result for 2023</h2>" in html
    assert "Quarter score" not in html and "Annual score" not in html
    assert "KPIs fully achieved: 4 of 5" in html
    assert "Функционалдық міндеттерді тиісті түрде орындайды" in html  # p49's words
    assert "<dt>KPI 4</dt><dd>not achieved</dd>" in html

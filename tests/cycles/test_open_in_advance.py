"""A period not started yet (2027-Q1 in December 2026) opens only when HR confirms it is
opened in advance: the first try says when it starts, at the box to tick, and opens
nothing."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from bagalau.accounts.models import Role
from bagalau.cycles.models import EvaluationPeriod
from tests.conftest import ClockAt
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.period_pages import client_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("en", "starts on 01.01.2027, after today (15.12.2026)"),
        ("kk", "01.01.2027"),
        ("ru", "начинается 01.01.2027"),
    ],
)
def test_a_period_not_started_yet_asks_to_confirm_opening_in_advance(
    clock_at: ClockAt, lang: str, says: str
) -> None:
    clock_at(date(2026, 12, 15))
    org = shakhtinsk_body(staff=2)
    hr = client_with_role("hr", Role.HR, org.body)
    url = reverse("cycles:periods", args=[org.body.code])
    headers = {"accept-language": lang}
    refused = hr.post(url, {"year": "2027", "quarter": "1"}, headers=headers)
    html = refused.content.decode()
    assert refused.status_code == 400
    assert 'id="id_in_advance_error"' in html and says in html
    box = re.search(r'<input[^>]*name="in_advance"[^>]*>', html)
    assert box and 'aria-invalid="true"' in box.group(0)
    assert 'aria-describedby="id_in_advance_error"' in box.group(0)
    assert not EvaluationPeriod.objects.exists()
    opened = hr.post(url, {"year": "2027", "quarter": "1", "in_advance": "on"}, headers=headers)
    assert opened.status_code == 302
    assert EvaluationPeriod.objects.get().code == "2027-Q1"


def test_a_started_period_opens_without_the_box_even_late_in_the_evening(
    clock_at: ClockAt,
) -> None:
    clock_at(datetime(2026, 12, 31, 19, 30, tzinfo=UTC))  # 01.01.2027 in Almaty
    org = shakhtinsk_body(staff=2)
    hr = client_with_role("hr", Role.HR, org.body)
    url = reverse("cycles:periods", args=[org.body.code])
    assert 'name="in_advance"' not in hr.get(url).content.decode()
    assert hr.post(url, {"year": "2027", "quarter": "1"}).status_code == 302

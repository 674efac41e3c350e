"""R-SCHEDULE (004 p10): a period whose schedule the appointing official has not
approved is not closed; the page says why, and its close button asks first."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.cycles.models import EvaluationPeriod, PeriodStatus
from bagalau.domain.closing import SCHEDULE_APPROVED, Gap, GapKind, may_close
from tests.cycles.test_close_period import (
    _hr_client,
    _submit_two,
    approve,
    approve_schedule,
    body_with_head_not_evaluated,
)
from tests.cycles.test_ranking_services import open_quarter

pytestmark = pytest.mark.django_db


def test_the_domain_closes_only_on_an_approved_schedule_with_no_gap() -> None:
    assert may_close(SCHEDULE_APPROVED, [])
    assert not may_close("submitted", [])
    assert not may_close(None, [])
    assert not may_close(SCHEDULE_APPROVED, [Gap(1, "ranking", GapKind.NO_SHEET)])


@pytest.mark.parametrize("lang", ["en", "kk", "ru"])
def test_a_period_on_an_unapproved_schedule_is_refused_with_the_reason(lang: str) -> None:
    org = body_with_head_not_evaluated(staff=2)
    period = open_quarter(org)
    approve(_submit_two(org, period))
    client = _hr_client(org)
    client.cookies["django_language"] = lang
    url = reverse("cycles:period_close", kwargs={"code": org.body.code, "period": "2024-Q1"})
    page = client.get(url.removesuffix("close/")).content.decode()
    assert 'data-confirm="' in page.split('action="' + url)[1].split(">")[0]
    refused = client.post(url, {"version": period.version}, HTTP_ACCEPT_LANGUAGE=lang)
    html = refused.content.decode()
    assert refused.status_code == 400
    words = {"en": "schedule is not approved", "kk": "кестесін", "ru": "график оценки не утверждён"}
    assert words[lang] in html
    assert "shakhtinsk-278-5" in html or "10" in html  # the rule's citation
    assert EvaluationPeriod.objects.get(pk=period.pk).status == PeriodStatus.OPEN
    approve_schedule(period)
    period.refresh_from_db()
    assert client.post(url, {"version": period.version}).status_code == 302

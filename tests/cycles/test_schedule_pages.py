"""The schedule page (R-SCHEDULE, 004 p10): every deadline with its date and basis, HR
plans within the deadlines, the appointing official approves or returns it, and a
stale page is refused without losing what was typed."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bagalau.accounts.models import Role
from bagalau.audit.models import AuditRecord
from bagalau.cycles.models import EvaluationPeriod, Schedule, ScheduleItem
from bagalau.cycles.periods.services import do_open_period
from bagalau.domain.calendar import Period
from tests.cycles.factories import Body, shakhtinsk_body
from tests.cycles.period_pages import EN, client_with_role

pytestmark = pytest.mark.django_db


def opened(staff: int = 1) -> tuple[Body, EvaluationPeriod]:
    org = shakhtinsk_body(staff=staff)
    period = do_open_period(actor=org.head.user, body=org.body, period=Period(2024, 1))  # type: ignore[arg-type]
    return org, period


def urls(org: Body) -> dict[str, str]:
    args = [org.body.code, "2024-Q1"]
    return {
        "page": reverse("cycles:schedule", args=args),
        "move": reverse("cycles:schedule_move", args=args),
    }


def plan_url(org: Body, item: ScheduleItem) -> str:
    return reverse("cycles:schedule_plan", args=[org.body.code, "2024-Q1", item.pk])


def evaluation_item(period: EvaluationPeriod) -> ScheduleItem:
    return ScheduleItem.objects.get(schedule__period=period, rule_id="quarter_evaluation")


def test_every_deadline_is_shown_with_its_date_and_basis() -> None:
    org, period = opened()
    hr = client_with_role("hr", Role.HR, org.body)
    html = hr.get(urls(org)["page"], headers=EN).content.decode()
    assert "<td>Quarterly evaluation</td>" in html
    assert "<td>10.04.2024</td>" in html
    assert "Shakhtinsk city maslikhat apparatus methodology, paragraph 4" in html
    assert (
        "Set KPIs in the individual work plan" in html
        and "Shakhtinsk city maslikhat apparatus methodology, paragraph 22" in html
    )
    assert (
        html.count('name="planned"') == ScheduleItem.objects.filter(schedule__period=period).count()
    )
    assert "Submit for approval" in html
    assert "Approve the schedule" not in html


def test_a_planned_date_after_the_deadline_is_refused_and_changes_nothing() -> None:
    org, period = opened()
    hr = client_with_role("hr", Role.HR, org.body)
    item = evaluation_item(period)
    response = hr.post(plan_url(org, item), {"planned": "11.04.2024", "version": "1"}, headers=EN)
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "The planned date 11.04.2024 is after the legal deadline 10.04.2024. Plan it on or "
        "before the deadline. (basis: Shakhtinsk city maslikhat apparatus methodology, paragraph 4)"
    ) in html
    assert 'value="11.04.2024"' in html
    item.refresh_from_db()
    assert item.planned == date(2024, 4, 10)
    assert Schedule.objects.get().version == 1
    assert not AuditRecord.objects.filter(object_type="cycles.scheduleitem").exists()


def test_an_unreadable_date_is_refused_with_the_input_kept() -> None:
    org, period = opened()
    hr = client_with_role("hr", Role.HR, org.body)
    item = evaluation_item(period)
    response = hr.post(plan_url(org, item), {"planned": "8 April", "version": "1"}, headers=EN)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Write the date as dd.mm.yyyy, for example 07.07.2023." in html
    assert 'value="8 April"' in html
    assert Schedule.objects.get().version == 1


def test_hr_plans_submits_and_the_appointing_official_approves() -> None:
    org, period = opened()
    hr = client_with_role("hr", Role.HR, org.body)
    official = client_with_role("akim", Role.APPOINTING_OFFICIAL, org.body)
    item = evaluation_item(period)

    saved = hr.post(plan_url(org, item), {"planned": "08.04.2024", "version": "1"})
    assert saved.status_code == 302 and saved["Location"] == urls(org)["page"]
    item.refresh_from_db()
    assert item.planned == date(2024, 4, 8)
    assert AuditRecord.objects.filter(object_type="cycles.scheduleitem").count() == 1

    # the appointing official draws nothing up and HR approves nothing
    assert (
        official.post(plan_url(org, item), {"planned": "05.04.2024", "version": "2"}).status_code
        == 403
    )
    assert (
        official.post(urls(org)["move"], {"to_state": "submitted", "version": "2"}).status_code
        == 403
    )
    assert hr.post(urls(org)["move"], {"to_state": "approved", "version": "2"}).status_code == 403

    assert hr.post(urls(org)["move"], {"to_state": "submitted", "version": "2"}).status_code == 302
    page = official.get(urls(org)["page"], headers=EN).content.decode()
    assert "Approve the schedule" in page and 'name="planned"' not in page
    assert "08.04.2024" in page

    approved = official.post(
        urls(org)["move"], {"to_state": "approved", "version": "3"}, headers=EN
    )
    assert approved.status_code == 302
    schedule = Schedule.objects.get()
    assert (schedule.state, schedule.version) == ("approved", 4)
    assert schedule.approved_by is not None and schedule.approved_by.username == "akim"
    html = official.get(urls(org)["page"], headers=EN).content.decode()
    assert "The schedule is approved." in html and "approved on" in html
    assert "Approve the schedule" not in html and "Submit for approval" not in html


def test_the_appointing_official_returns_the_schedule_to_hr() -> None:
    org, _ = opened()
    hr = client_with_role("hr", Role.HR, org.body)
    official = client_with_role("akim", Role.APPOINTING_OFFICIAL, org.body)
    hr.post(urls(org)["move"], {"to_state": "submitted", "version": "1"})
    assert (
        official.post(urls(org)["move"], {"to_state": "draft", "version": "2"}).status_code == 302
    )
    assert Schedule.objects.get().state == "draft"
    assert "Submit for approval" in hr.get(urls(org)["page"], headers=EN).content.decode()


def test_a_stale_page_is_refused_and_keeps_what_was_typed() -> None:
    org, period = opened()
    first = client_with_role("hr", Role.HR, org.body)
    second = client_with_role("hr2", Role.HR, org.body)
    item = evaluation_item(period)
    assert (
        first.post(plan_url(org, item), {"planned": "08.04.2024", "version": "1"}).status_code
        == 302
    )

    # the second HR officer's page still carries version 1
    response = second.post(
        plan_url(org, item), {"planned": "09.04.2024", "version": "1"}, headers=EN
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved" in html and "Reload the page to see their changes" in html
    assert 'value="09.04.2024"' in html  # what they typed is still in the form
    assert 'name="version" value="2"' in html  # ready to be sent again on the current version
    item.refresh_from_db()
    assert item.planned == date(2024, 4, 8)
    assert Schedule.objects.get().version == 2

    stale_move = second.post(
        urls(org)["move"], {"to_state": "submitted", "version": "1"}, headers=EN
    )
    assert stale_move.status_code == 409
    assert "Someone else saved" in stale_move.content.decode()
    assert Schedule.objects.get().state == "draft"


def test_an_approved_schedule_cannot_be_replanned() -> None:
    org, period = opened()
    hr = client_with_role("hr", Role.HR, org.body)
    official = client_with_role("akim", Role.APPOINTING_OFFICIAL, org.body)
    hr.post(urls(org)["move"], {"to_state": "submitted", "version": "1"})
    official.post(urls(org)["move"], {"to_state": "approved", "version": "2"})
    item = evaluation_item(period)
    response = hr.post(plan_url(org, item), {"planned": "05.04.2024", "version": "3"}, headers=EN)
    assert response.status_code == 400
    assert "cannot go from" in response.content.decode()
    item.refresh_from_db()
    assert item.planned == date(2024, 4, 10)


def test_the_auditor_sees_the_schedule_and_changes_nothing() -> None:
    org, period = opened()
    auditor = client_with_role("auditor", Role.AUDITOR, org.body)
    html = auditor.get(urls(org)["page"], headers=EN).content.decode()
    assert "10.04.2024" in html and 'name="planned"' not in html
    item = evaluation_item(period)
    assert (
        auditor.post(plan_url(org, item), {"planned": "05.04.2024", "version": "1"}).status_code
        == 403
    )
    assert (
        auditor.post(urls(org)["move"], {"to_state": "submitted", "version": "1"}).status_code
        == 403
    )
    assert Schedule.objects.get().version == 1


def test_posts_need_a_csrf_token_and_get_cannot_post() -> None:
    org, period = opened()
    hr = client_with_role("hr", Role.HR, org.body)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(User.objects.get(username="hr"))
    item = evaluation_item(period)
    assert (
        strict.post(plan_url(org, item), {"planned": "08.04.2024", "version": "1"}).status_code
        == 403
    )
    assert hr.get(plan_url(org, item)).status_code == 405
    assert hr.get(urls(org)["move"]).status_code == 405
    assert Schedule.objects.get().version == 1

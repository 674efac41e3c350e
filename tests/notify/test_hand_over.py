"""A notice when a step becomes someone's (issue 11, item 1): each action that hands the
next step over tells its owner at once, the same person the worklist names; telling
the same hand-over twice sends nothing twice, and no notice carries a score."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.cycles.events import StepHandedOver
from bagalau.cycles.kpi.plan_services import do_agree_kpi_plan, do_draft_kpi_plan
from bagalau.cycles.ranking import services as ranking
from bagalau.notify.models import NoticeKind, Notification
from bagalau.notify.subscribers import tell_step_handed_over
from tests.cycles.factories import shakhtinsk_body
from tests.cycles.kpi_people import rows, shakhtinsk_head, user
from tests.cycles.test_ranking_services import open_quarter, scored_and_submitted, team_ids

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


def told() -> list[tuple[str, str, str]]:
    found = Notification.objects.select_related("recipient").order_by("recipient__username")
    return [(n.recipient.username, n.params["step"], n.url) for n in found]


def test_a_submitted_sheet_tells_the_appointing_official_then_the_evaluator_and_the_staff(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    org = shakhtinsk_body(staff=3)
    period = open_quarter(org)
    official = User.objects.create_user("akim", password="pw-for-tests-only")
    RoleAssignment.objects.create(user=official, body=org.body, role=Role.APPOINTING_OFFICIAL)
    with django_capture_on_commit_callbacks(execute=True):
        sheet = scored_and_submitted(org, period)
    assert told() == [("akim", "review_ranking", reverse("cycles:ranking_review", args=[sheet.pk]))]
    notice = Notification.objects.get()
    assert notice.participation is None and notice.params["count"] == 3
    assert "score" not in notice.params and "band" not in notice.params  # R-CONFIDENTIAL

    # Told again (a retried delivery): nothing new.
    event = StepHandedOver(
        period.pk, tuple(team_ids(period, org)), f"sheet{sheet.pk}v{sheet.version}"
    )
    tell_step_handed_over(event)
    assert Notification.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        sheet = ranking.do_review_ranking_sheet(
            actor=official,
            sheet_id=sheet.pk,
            to_state="returned",
            version=sheet.version,
            reason="?",
        )
    head = org.head.user
    assert head is not None
    team_url = reverse("cycles:ranking_team", args=[period.pk, org.head.pk])
    assert (head.username, "score_ranking", team_url) in told()

    with django_capture_on_commit_callbacks(execute=True):
        sheet = ranking.do_submit_ranking_sheet(
            actor=head, sheet_id=sheet.pk, version=sheet.version
        )
    # A second submission is a new hand-over: the official is told again.
    assert Notification.objects.filter(recipient=official).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        ranking.do_review_ranking_sheet(
            actor=official, sheet_id=sheet.pk, to_state="approved", version=sheet.version
        )
    acquaint = Notification.objects.filter(params__step="familiarize").select_related("recipient")
    assert sorted(n.recipient_id for n in acquaint) == sorted(p.user_id for p in org.staff)
    assert all(n.url.endswith("/result/") for n in acquaint)
    assert {n.kind for n in Notification.objects.all()} <= {
        NoticeKind.STEP_WAITING,
        NoticeKind.DEADLINE_SOON,
        NoticeKind.DEADLINE_PASSED,
    }


def test_a_drafted_plan_tells_hr_and_an_agreed_one_the_superior_manager(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    world = shakhtinsk_head()
    plan_url = reverse("cycles:kpi_plan", args=[world.participation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        plan = do_draft_kpi_plan(
            actor=user(world.evaluator),
            participation_id=world.participation.pk,
            rows=rows(3),
            version=0,
        )
    assert told() == [("hr-officer", "agree_kpi_plan", plan_url)]
    with django_capture_on_commit_callbacks(execute=True):  # saving the draft again
        plan = do_draft_kpi_plan(
            actor=user(world.evaluator),
            participation_id=world.participation.pk,
            rows=rows(3),
            version=plan.version,
        )
    assert Notification.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        do_agree_kpi_plan(actor=world.hr, plan_id=plan.pk, version=plan.version)
    # The chair approves, as the first head (001 p44-45).
    assert (user(world.approver).username, "approve_kpi_plan", plan_url) in told()
    assert Notification.objects.count() == 2

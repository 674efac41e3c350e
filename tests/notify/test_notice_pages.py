"""The notices page: the signed-in user's own notices, newest first, unread marked, marked
read one by one or all at once (POST with CSRF), and the header's unread badge."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bagalau.notify.models import NoticeKind, NoticeLanguage, Notification
from tests.cycles.period_pages import EN
from tests.notify.world import Cycle, cycle

pytestmark = pytest.mark.django_db


def notice(c: Cycle, user: User, key: str, kind: str, *, hours_ago: int) -> Notification:
    part = c.part(c.head)
    return Notification.objects.create(
        recipient=user,
        kind=kind,
        key=key,
        period=c.period,
        participation=part,
        rule_id="kpi_plan",
        due=date(2024, 1, 16),
        params={"step": "draft_kpi_plan", "pack": c.period.pack_id},
        url=reverse("cycles:kpi_plan", args=[part.pk]),
        created_at=timezone.now() - timedelta(hours=hours_ago),
    )


def signed_in(user: User) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf(client: Client) -> str:
    client.get(reverse("notify:list"))
    return str(client.cookies["csrftoken"].value)


def test_the_list_shows_own_notices_newest_first_with_the_unread_badge() -> None:
    c = cycle()
    chair = c.user(c.chair)
    notice(c, chair, "old", NoticeKind.STEP_WAITING, hours_ago=48)
    notice(c, chair, "new", NoticeKind.DEADLINE_PASSED, hours_ago=1)
    notice(c, c.hr, "not-mine", NoticeKind.DEADLINE_SOON, hours_ago=2)
    Notification.objects.filter(key="old").update(read_at=timezone.now())
    html = signed_in(chair).get(reverse("notify:list"), headers=EN).content.decode()
    passed = html.index("Overdue since 16.01.2024: draft the individual work plan with KPIs")
    waiting = html.index("Waiting for you: draft the individual work plan with KPIs")
    assert passed < waiting  # newest first
    assert "Due by" not in html  # HR's notice is HR's alone
    assert html.count('class="badge badge-warn">new</span>') == 1
    assert 'aria-label="1 unread notice">1</span>' in html  # the header's badge
    assert (
        "Set KPIs in the individual work plan (Shakhtinsk city maslikhat apparatus methodology, paragraph 22"
        in html
    )
    assert f'href="/participations/{c.part(c.head).pk}/kpi/plan/"' in html


def test_marking_read_needs_a_post_with_csrf_and_touches_only_own_notices() -> None:
    c = cycle()
    chair = c.user(c.chair)
    mine = notice(c, chair, "mine", NoticeKind.STEP_WAITING, hours_ago=1)
    theirs = notice(c, c.hr, "theirs", NoticeKind.STEP_WAITING, hours_ago=1)
    client = signed_in(chair)
    assert client.get(reverse("notify:read", args=[mine.pk])).status_code == 405
    assert client.post(reverse("notify:read", args=[mine.pk])).status_code == 403  # no token
    token = csrf(client)
    read = reverse("notify:read", args=[mine.pk])
    assert client.post(read, {"csrfmiddlewaretoken": token}).status_code == 302
    other = reverse("notify:read", args=[theirs.pk])
    assert client.post(other, {"csrfmiddlewaretoken": token}).status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None


def test_mark_all_read_and_the_badge_disappears() -> None:
    c = cycle()
    chair = c.user(c.chair)
    for n in range(3):
        notice(c, chair, f"n{n}", NoticeKind.STEP_WAITING, hours_ago=n)
    notice(c, c.hr, "hr", NoticeKind.STEP_WAITING, hours_ago=1)
    client = signed_in(chair)
    token = csrf(client)
    response = client.post(reverse("notify:read_all"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=chair, read_at=None).exists()
    assert Notification.objects.get(key="hr").read_at is None
    html = client.get(reverse("notify:list"), headers=EN).content.decode()
    assert "unread notice" not in html


def test_choosing_the_language_of_emails() -> None:
    c = cycle()
    chair = c.user(c.chair)
    client = signed_in(chair)
    token = csrf(client)
    url = reverse("notify:language")
    assert client.post(url, {"language": "xx", "csrfmiddlewaretoken": token}).status_code == 302
    assert not NoticeLanguage.objects.exists()
    client.post(url, {"language": "kk", "csrfmiddlewaretoken": token})
    client.post(url, {"language": "ru", "csrfmiddlewaretoken": token})
    assert list(NoticeLanguage.objects.values_list("user__username", "language")) == [
        ("төраға", "ru")
    ]


def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    response = Client().get(reverse("notify:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_result_ready_notice_names_no_score() -> None:
    c = cycle()
    employee = c.user(c.staff[0])
    Notification.objects.create(
        recipient=employee,
        kind=NoticeKind.RESULT_READY,
        key="ready",
        period=c.period,
        participation=c.part(c.staff[0]),
        params={"pack": c.period.pack_id},
    )
    html = signed_in(employee).get(reverse("notify:list"), headers=EN).content.decode()
    assert "A result is ready for familiarization — Маман0 Айгерим, " in html


def test_the_admin_lists_notices_read_only() -> None:
    c = cycle()
    notice(c, c.hr, "seen-by-support", NoticeKind.STEP_WAITING, hours_ago=1)
    root = User.objects.create_superuser("root", "root@example.kz", "pw-for-tests-only")
    client = Client()
    client.force_login(root)
    page = client.get(reverse("admin:notify_notification_changelist"))
    assert page.status_code == 200 and "hr-officer" in page.content.decode()
    assert client.get(reverse("admin:notify_notification_add")).status_code == 403

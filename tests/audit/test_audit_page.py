"""The audit trail page: HR of a body and auditors, filters, before/after, pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from bagalau.accounts.models import Role
from bagalau.audit.models import AuditRecord
from bagalau.orgs import services
from bagalau.orgs.models import AbsenceKind
from tests.orgs.test_pages import build_unit, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_bodies() -> tuple[object, object]:
    ours = build_unit()
    theirs = build_unit("kentau-maslikhat", base=50)
    actor = User.objects.create_user("aigul")
    services.do_add_absence(
        actor=actor,
        employee=ours.staff[0],
        kind=AbsenceKind.SICK_LEAVE,
        start=date(2025, 3, 3),
        end=date(2025, 3, 7),
    )
    services.do_end_assignment(
        actor=actor, assignment=ours.staff[1].assignments.get(), end=date(2025, 6, 30)
    )
    services.do_add_absence(
        actor=actor,
        employee=theirs.staff[0],
        kind=AbsenceKind.BUSINESS_TRIP,
        start=date(2025, 4, 1),
        end=date(2025, 4, 3),
    )
    return ours, theirs


def test_hr_sees_only_their_bodys_records_with_the_diff(two_bodies: tuple) -> None:
    ours, _theirs = two_bodies
    client = client_for("hr", role=Role.HR, body=ours.body)
    response = client.get(reverse("audit:list"), headers={"accept-language": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 records" in html
    assert "sick_leave" in html
    assert "business_trip" not in html
    assert "<ins>30.06.2025</ins>" in html  # the end date as dd.mm.yyyy


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({"action": "create"}, "1 record"),
        ({"type": "orgs.assignment"}, "1 record"),
        ({"actor": "aig"}, "2 records"),
        ({"actor": "nobody"}, "0 records"),
        ({"from": "01.01.2000", "to": "31.12.2999"}, "2 records"),
        ({"to": "01.01.2000"}, "0 records"),
    ],
)
def test_filters(two_bodies: tuple, query: dict[str, str], count: str) -> None:
    ours, _theirs = two_bodies
    client = client_for("auditor", role=Role.AUDITOR, body=ours.body)
    html = client.get(reverse("audit:list"), query, headers={"accept-language": "en"})
    assert f"{count}</p>" in html.content.decode()


def test_a_bad_date_says_how_to_write_it(two_bodies: tuple) -> None:
    ours, _theirs = two_bodies
    client = client_for("hr", role=Role.HR, body=ours.body)
    html = client.get(
        reverse("audit:list"), {"from": "2025/01/01"}, headers={"accept-language": "en"}
    ).content.decode()
    assert "Write it as dd.mm.yyyy" in html


def test_other_bodies_and_other_roles_are_refused(two_bodies: tuple) -> None:
    ours, theirs = two_bodies
    hr = client_for("hr", role=Role.HR, body=ours.body)
    assert hr.get(reverse("audit:list"), {"body": theirs.body.code}).status_code == 403
    official = client_for("official", role=Role.APPOINTING_OFFICIAL, body=ours.body)
    assert official.get(reverse("audit:list")).status_code == 403
    worker = client_for("worker", employee=ours.staff[2])
    assert worker.get(reverse("audit:list")).status_code == 403


def test_the_admin_shows_records_read_only(two_bodies: tuple) -> None:
    admin = User.objects.create_superuser("root", "root@example.kz", "x-Very-long-1")
    from django.test import Client

    client = Client()
    client.force_login(admin)
    record = AuditRecord.objects.first()
    assert record is not None
    assert client.get(reverse("admin:audit_auditrecord_changelist")).status_code == 200
    page = client.get(reverse("admin:audit_auditrecord_change", args=[record.pk]))
    assert page.status_code == 200
    assert client.get(reverse("admin:audit_auditrecord_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:audit_auditrecord_delete", args=[record.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditRecord.objects.count() == 3


def test_a_day_is_the_sites_local_day(clock_at, two_bodies: tuple) -> None:  # type: ignore[no-untyped-def]
    """The filter's bounds are local midnights (Asia/Almaty), not UTC dates: a record at
    00:30 local is that day's, one at 23:59 local the evening before is not."""
    from datetime import time

    from bagalau.audit.services import record_change

    ours, _theirs = two_bodies
    for day, at, note in ((date(2025, 5, 9), time(23, 59), "late"),
                          (date(2025, 5, 10), time(0, 30), "early")):  # fmt: skip
        clock_at(day, at)
        record_change(actor=None, action="update", obj=ours.body, body_id=ours.body.pk, note=note)
    client = client_for("auditor", role=Role.AUDITOR, body=ours.body)
    query = {"from": "10.05.2025", "to": "10.05.2025", "body": ours.body.code}
    html = client.get(reverse("audit:list"), query, headers={"accept-language": "en"})
    page = html.content.decode()
    assert "1 record</p>" in page
    assert [r["record"].note for r in html.context["rows"]] == ["early"]
    query = {"from": "09.05.2025", "to": "09.05.2025", "body": ours.body.code}
    html = client.get(reverse("audit:list"), query, headers={"accept-language": "en"})
    assert [r["record"].note for r in html.context["rows"]] == ["late"]

"""Closing a period (R-PERIODS, 004 p4): refused with everyone missing listed and
nothing changed; on close every result and band as the domain computes it, one notice
per evaluated person, the period closed to any further change, and a query count that
does not grow with the body."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client, TestCase
from django.urls import reverse

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.audit.models import AuditRecord
from bagalau.cycles.bonus.services import do_award_bonus
from bagalau.cycles.close.services import do_close_period
from bagalau.cycles.models import (
    EvaluationPeriod,
    Participation,
    RankingSheet,
    Result,
    Schedule,
)
from bagalau.cycles.periods.services import do_move_schedule
from bagalau.cycles.ranking import services as ranking
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.notify.models import Notification
from bagalau.orgs.models import Assignment
from tests.conftest import ClockAt
from tests.cycles.factories import Body, shakhtinsk_body
from tests.cycles.test_ranking_services import (
    hr_user,
    save,
    scored_and_submitted,
    scores,
    team_ids,
)
from tests.cycles.test_ranking_services import open_quarter as opened_quarter

pytestmark = pytest.mark.django_db
TODAY = date(2024, 4, 5)


def approve_schedule(period: EvaluationPeriod) -> EvaluationPeriod:
    """R-SCHEDULE: HR submits the schedule and the appointing official approves it."""
    schedule = Schedule.objects.get(period=period)
    for to_state in ("submitted", "approved"):
        schedule = do_move_schedule(
            actor=hr_user(), schedule_id=schedule.pk, to_state=to_state, version=schedule.version
        )
    return period


def open_quarter(org: Body, code: str = "2024-Q1") -> EvaluationPeriod:
    """A period run on an approved schedule, so that it may close."""
    return approve_schedule(opened_quarter(org, code))


def body_with_head_not_evaluated(staff: int = 3) -> Body:
    """The head of apparatus came in late in the quarter: not evaluated, owes nothing."""
    org = shakhtinsk_body(staff=staff)
    Assignment.objects.filter(employee=org.head).update(start=date(2024, 3, 20))
    return org


def approve(sheet: RankingSheet) -> RankingSheet:
    return ranking.do_review_ranking_sheet(
        actor=hr_user(), sheet_id=sheet.pk, to_state="approved", version=sheet.version
    )


def close(period: EvaluationPeriod) -> EvaluationPeriod:
    period.refresh_from_db()
    # The notices are written once the close commits: run those callbacks here.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return do_close_period(
            actor=hr_user(), period_id=period.pk, version=period.version, today=TODAY
        )


def state_of_everything() -> list[object]:
    return [
        list(EvaluationPeriod.objects.values_list("status", "closed_at", "version")),
        list(Result.objects.order_by("pk").values_list("score", "band", "state", "version")),
        Notification.objects.count(),
        AuditRecord.objects.count(),
    ]


def test_refused_while_sheets_are_missing_or_not_approved_naming_everyone() -> None:
    org = shakhtinsk_body(staff=2)  # the head of apparatus is evaluated by KPI
    period = open_quarter(org)
    scored = save(org, period, {team_ids(period, org)[0]: scores(5, 4, 4, 3)}, 0)
    before = state_of_everything()
    with pytest.raises(DomainError) as err:
        close(period)
    assert err.value.code is ErrorCode.PERIOD_INCOMPLETE
    assert err.value.cite is not None and err.value.cite.label()
    assert err.value.params["count"] == 3
    missing = str(err.value.params["missing"])
    assert "Серікбаев Айгерим: KPI achievement — nothing entered" in missing
    assert "Маман0 Айгерим: ranking — sheet not approved (draft)" in missing
    assert "Маман1 Айгерим: ranking — nothing entered" in missing
    assert state_of_everything() == before
    assert scored.state == "draft"


def test_close_writes_each_result_and_band_of_a_hand_worked_team() -> None:
    org = body_with_head_not_evaluated(staff=3)
    period = open_quarter(org)
    a, b, c = team_ids(period, org)
    approve(scored_and_submitted(org, period))  # 5,4,4,3 / 3,3,3,2 / 4,4,3,3
    Result.objects.filter(participation_id=a).update(score=Decimal("1.00"), band="x")  # stale
    Result.objects.filter(participation_id=b).delete()  # never written
    last_record = AuditRecord.objects.order_by("-pk").values_list("pk", flat=True).first()
    closed = close(period)
    assert closed.status == "closed" and closed.closed_at is not None
    got = {r.participation_id: r for r in Result.objects.filter(participation__period=period)}
    assert {pid: (r.method, r.score, r.band, r.state) for pid, r in got.items()} == {
        a: ("ranking", Decimal("4.00"), "effective", "approved"),
        b: ("ranking", Decimal("2.75"), "satisfactory", "approved"),
        c: ("ranking", Decimal("3.50"), "proper", "approved"),
    }
    assert got[b].approved_by == hr_user()
    assert [p["score"] for p in got[b].inputs["parameters"]] == [3, 3, 3, 2]
    assert got[b].cites and got[b].cites[0]["act"]
    head = Participation.objects.get(period=period, employee=org.head)
    assert not Result.objects.filter(participation=head).exists()
    # audit: the close itself, and one record per result written (a updated, b created)
    written = AuditRecord.objects.filter(pk__gt=last_record, object_type="cycles.result")
    assert set(written.values_list("object_id", "action")) == {
        (str(got[a].pk), "update"),
        (str(got[b].pk), "create"),
    }
    # the period: being closed, then closed with its figures
    started, record = AuditRecord.objects.filter(
        object_type="cycles.evaluationperiod", action="update"
    ).order_by("pk")
    assert started.after is not None and started.after["status"] == "closing"
    assert record.after is not None and record.after["status"] == "closed"
    # every result the period owes (one was already right), everyone told
    assert record.after["results"] == 3 and record.after["notified"] == 3


def test_each_evaluated_person_is_told_once_and_never_the_score() -> None:
    org = body_with_head_not_evaluated(staff=3)
    period = open_quarter(org)
    approve(scored_and_submitted(org, period))
    close(period)
    notices = list(Notification.objects.order_by("pk"))
    assert sorted(n.recipient_id for n in notices) == sorted(e.user_id for e in org.staff)
    assert {n.kind for n in notices} == {"result_ready"}
    assert all(n.params == {"period": "2024-Q1"} for n in notices)
    assert notices[0].url == reverse(
        "cycles:result", kwargs={"participation_id": notices[0].participation_id}
    )
    # a close interrupted after its writes and run again sends nothing twice
    EvaluationPeriod.objects.filter(pk=period.pk).update(status="open", closed_at=None)
    results = list(Result.objects.order_by("pk").values_list("pk", "score", "version"))
    close(period)
    assert Notification.objects.count() == 3
    assert list(Result.objects.order_by("pk").values_list("pk", "score", "version")) == results


def test_a_closed_period_refuses_every_further_change() -> None:
    org = body_with_head_not_evaluated(staff=2)
    period = open_quarter(org)
    sheet = approve(_submit_two(org, period))
    close(period)
    a = team_ids(period, org)[0]
    with pytest.raises(DomainError) as err:
        save(org, period, {a: scores(1, 1, 1, 1)}, sheet.version)
    assert err.value.code is ErrorCode.PERIOD_CLOSED
    with pytest.raises(DomainError) as err:
        ranking.do_review_ranking_sheet(
            actor=hr_user(), sheet_id=sheet.pk, to_state="returned", version=sheet.version
        )
    assert err.value.code is ErrorCode.PERIOD_CLOSED
    with pytest.raises(DomainError) as err:
        do_award_bonus(actor=hr_user(), participation_id=a, points=1, activity=0,
                       evidence="x", awarded_by=org.head)  # fmt: skip
    assert err.value.code is ErrorCode.PERIOD_CLOSED
    with pytest.raises(DomainError) as err:
        close(period)
    assert err.value.code is ErrorCode.PERIOD_CLOSED


def test_a_stale_close_is_refused() -> None:
    org = body_with_head_not_evaluated(staff=1)
    period = open_quarter(org)
    approve(scored_and_submitted_one(org, period))
    with pytest.raises(DomainError) as err:
        do_close_period(actor=hr_user(), period_id=period.pk, version=99, today=TODAY)
    assert err.value.code is ErrorCode.STALE_VERSION
    assert EvaluationPeriod.objects.get().status == "open"


def scored_and_submitted_one(org: Body, period: EvaluationPeriod) -> RankingSheet:
    (a,) = team_ids(period, org)
    sheet = save(org, period, {a: scores(4, 4, 4, 4)}, 0)
    return ranking.do_submit_ranking_sheet(
        actor=org.head.user, sheet_id=sheet.pk, version=sheet.version
    )


# The start (period locked, its sheet states, marked as being closed, its audit record,
# the run), the run (claimed, the reads: period, people, ranking rows, KPI sheets and
# lines, awards, stored results; a progress report per stage and chunk; the chunk's
# writes; the period closed and its audit record), then the notices and their e-mail.
# PostgreSQL writes by COPY (the results' ids reserved first, not the notices', which
# nobody reads back), updates through a temporary table: the same count.
CLOSE_QUERIES = {"sqlite": 55, "postgresql": 55}  # one of them reads the schedule's state


@pytest.mark.parametrize("staff", [4, 12])
def test_the_close_query_count_does_not_grow_with_the_team(
    staff: int, django_assert_num_queries: Any, django_capture_on_commit_callbacks: Any
) -> None:
    org = body_with_head_not_evaluated(staff=staff)
    period = open_quarter(org)
    ids = team_ids(period, org)
    sheet = save(org, period, {pid: scores(4, 3, 5, n % 6) for n, pid in enumerate(ids)}, 0)
    sheet = ranking.do_submit_ranking_sheet(
        actor=org.head.user, sheet_id=sheet.pk, version=sheet.version
    )
    approve(sheet)
    Result.objects.filter(participation_id__in=ids[::2]).delete()  # some created, some kept
    Result.objects.filter(participation_id=ids[1]).update(score=0)  # one to correct
    period.refresh_from_db()
    with (
        django_assert_num_queries(CLOSE_QUERIES[connection.vendor]),
        django_capture_on_commit_callbacks(execute=True),
    ):
        do_close_period(actor=hr_user(), period_id=period.pk, version=period.version, today=TODAY)
    assert Result.objects.filter(participation__period=period).count() == staff


def _hr_client(org: Body) -> Client:
    user = User.objects.create_user("hr-body", password="pw-for-tests-only")
    RoleAssignment.objects.create(user=user, body=org.body, role=Role.HR)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_hr_closes_from_the_period_page_which_then_shows_when(clock_at: ClockAt) -> None:
    # 20:30 UTC on 10 April is already 11 April in Almaty: the page shows the local day.
    clock_at(datetime(2024, 4, 10, 20, 30, tzinfo=UTC))
    org = body_with_head_not_evaluated(staff=2)
    period = open_quarter(org)
    approve(_submit_two(org, period))
    client = _hr_client(org)
    page = reverse("cycles:period", kwargs={"code": org.body.code, "period": "2024-Q1"})
    assert "Close the period" in client.get(page).content.decode()
    url = reverse("cycles:period_close", kwargs={"code": org.body.code, "period": "2024-Q1"})
    # The close runs once the request commits (the immediate task backend in tests).
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(url, {"version": str(period.version)})
    assert started.status_code == 302
    period.refresh_from_db()
    assert period.status == "closed"
    response = client.get(page)
    html = response.content.decode()
    assert "Closed on 11.04.2024" in html
    assert "Close the period" not in html


def _submit_two(org: Body, period: EvaluationPeriod) -> RankingSheet:
    a, b = team_ids(period, org)
    sheet = save(org, period, {a: scores(4, 4, 4, 4), b: scores(2, 2, 2, 2)}, 0)
    return ranking.do_submit_ranking_sheet(
        actor=org.head.user, sheet_id=sheet.pk, version=sheet.version
    )


def test_a_refused_close_shows_the_reason_on_the_page_and_changes_nothing() -> None:
    org = body_with_head_not_evaluated(staff=2)
    period = open_quarter(org)
    _submit_two(org, period)  # submitted, not approved
    client = _hr_client(org)
    url = reverse("cycles:period_close", kwargs={"code": org.body.code, "period": "2024-Q1"})
    before = state_of_everything()
    response = client.post(url, {"version": str(period.version)})
    assert response.status_code == 400
    assert "sheet not approved (submitted)" in response.content.decode()
    assert state_of_everything() == before


def test_only_hr_may_close() -> None:
    org = body_with_head_not_evaluated(staff=2)
    period = open_quarter(org)
    approve(_submit_two(org, period))
    official = User.objects.create_user("official", password="pw-for-tests-only")
    RoleAssignment.objects.create(user=official, body=org.body, role=Role.APPOINTING_OFFICIAL)
    url = reverse("cycles:period_close", kwargs={"code": org.body.code, "period": "2024-Q1"})
    for user in (official, org.head.user, org.staff[0].user):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        assert client.post(url, {"version": str(period.version)}).status_code == 403
    page = reverse("cycles:period", kwargs={"code": org.body.code, "period": "2024-Q1"})
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(official)
    assert "Close the period" not in client.get(page).content.decode()
    assert EvaluationPeriod.objects.get().status == "open"


def _closed_quarter(
    org: Body, code: str, a_scores: tuple[int, ...], b_scores: tuple[int, ...]
) -> None:
    period = open_quarter(org, code)
    # the head's own KPI evaluation is not what this test is about
    Participation.objects.filter(period=period, employee=org.head).update(
        status="not_evaluated", methods=[]
    )
    a, b = team_ids(period, org)
    sheet = save(org, period, {a: scores(*a_scores), b: scores(*b_scores)}, 0)
    approve(
        ranking.do_submit_ranking_sheet(
            actor=org.head.user, sheet_id=sheet.pk, version=sheet.version
        )
    )
    close(period)


def test_a_year_closes_after_its_quarters_with_the_mean_of_the_quarters_evaluated() -> None:
    org = shakhtinsk_body(staff=2)
    _closed_quarter(org, "2024-Q1", (4, 4, 4, 4), (2, 2, 2, 2))
    q2 = open_quarter(org, "2024-Q2")
    year = open_quarter(org, "2024")
    with pytest.raises(DomainError) as err:
        close(year)
    assert err.value.code is ErrorCode.PERIOD_INCOMPLETE
    missing = str(err.value.params["missing"])
    assert "2024-Q2 (open)" in missing
    # 360 is yearly at Shakhtinsk and has no sheet here yet: it keeps the year open
    assert "Маман0 Айгерим: 360 survey — no sheet of this method is kept in the system" in missing
    q2.delete()
    _closed_quarter(org, "2024-Q2", (5, 5, 5, 5), (3, 3, 3, 4))
    Participation.objects.filter(period=year).update(methods=[])  # as under a pack without 360
    close(year)
    annual = {
        r.participation.employee_id: r
        for r in Result.objects.filter(participation__period=year).select_related("participation")
    }
    a, b = org.staff
    assert (annual[a.pk].method, annual[a.pk].score, annual[a.pk].band) == (
        "ranking",
        Decimal("4.50"),
        "effective",
    )
    assert (annual[b.pk].score, annual[b.pk].band) == (
        Decimal("2.63"),
        "satisfactory",
    )  # (2 + 3.25) / 2
    assert annual[b.pk].inputs["quarters"] == [["2024-Q1", "2.00"], ["2024-Q2", "3.25"]]
    assert org.head.pk not in annual

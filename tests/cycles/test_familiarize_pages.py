"""Familiarization pages: the panel on the result page, the employee's acknowledgement
and application, HR's list per period (query count pinned), the refusal form, and the
refusal act as a printable document."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.audit.models import AuditRecord
from bagalau.cycles.familiarization import services
from bagalau.cycles.models import (
    Disagreement,
    Familiarization,
    Participation,
    ParticipationStatus,
    Result,
)
from bagalau.orgs.models import Assignment, Position
from tests.cycles.factories import employee
from tests.cycles.test_familiarize_services import Case, approved_result, at, user_of

pytestmark = pytest.mark.django_db


def client_for(user: User | None, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def hr_of(case: Case) -> User:
    RoleAssignment.objects.get_or_create(user=case.hr, body=case.body, role=Role.HR)
    return case.hr


def result_url(case: Case) -> str:
    return reverse("cycles:result", args=[case.result.participation_id])


def recent(pack: str) -> Case:
    """A result approved yesterday: the familiarization and application windows are open."""
    return approved_result(pack, approved=timezone.localdate() - timedelta(days=1))


# --- the employee on the result page ---------------------------------------------------------


def test_the_employee_acknowledges_then_applies_from_the_result_page() -> None:
    case = recent("shakhtinsk-2023")
    client = client_for(user_of(case.person))
    page = client.get(result_url(case)).content.decode()
    assert "Not yet made acquainted with this result." in page
    assert "2 working days after the result was approved" in page
    assert "Shakhtinsk city maslikhat apparatus methodology, paragraph 11" in page
    assert "I have read the result" in page
    done = client.post(
        reverse("cycles:result_acknowledge", args=[case.result.pk]), {"version": "1"}
    )
    assert done.status_code == 302 and done["Location"] == result_url(case)
    familiarization = Familiarization.objects.get(result=case.result)
    assert (familiarization.channel, familiarization.recorded_by) == ("system", case.person.user)
    page = client.get(result_url(case)).content.decode()
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert f"Made acquainted on {today} (in the system)." in page
    assert "I have read the result" not in page
    assert (
        "within 5 working days of familiarization" in page
        and "Shakhtinsk city maslikhat apparatus methodology, paragraph 12" in page
    )
    applied = client.post(
        reverse("cycles:disagreement_submit", args=[case.result.pk]),
        {"text": "My projects are missing."},
    )
    assert applied.status_code == 302
    assert Disagreement.objects.get().text == "My projects are missing."
    page = client.get(result_url(case)).content.decode()
    assert f"An application against this result was submitted on {today}." in page
    assert 'name="text"' not in page


def test_a_late_application_is_refused_on_the_page_and_keeps_the_text() -> None:
    case = approved_result("shakhtinsk-2023", approved=date(2024, 4, 1))
    services.do_acknowledge_result(
        actor=user_of(case.person), result_id=case.result.pk, version=1, now=at(date(2024, 4, 1))
    )
    client = client_for(user_of(case.person))
    page = client.get(result_url(case)).content.decode()
    assert "The time to apply has ended." in page and 'name="text"' not in page
    refused = client.post(
        reverse("cycles:disagreement_submit", args=[case.result.pk]), {"text": "Too late?"}
    )
    assert refused.status_code == 400
    text = refused.content.decode()
    assert (
        "that is until 08.04.2024" in text
        and "Shakhtinsk city maslikhat apparatus methodology, paragraph 12" in text
    )
    assert "Too late?" in text
    assert not Disagreement.objects.exists()


def test_the_evaluator_sees_the_state_but_cannot_acknowledge_for_the_employee() -> None:
    case = recent("shakhtinsk-2023")
    manager = employee("Басшы")
    position = Position.objects.create(
        body=case.body, code="boss", title_kk="x", title_ru="x", category="E-2"
    )
    Assignment.objects.create(employee=manager, position=position, start=date(2020, 1, 1))
    Participation.objects.filter(pk=case.result.participation_id).update(evaluator=manager)
    client = client_for(user_of(manager))
    page = client.get(result_url(case)).content.decode()
    assert "Not yet made acquainted with this result." in page
    assert "I have read the result" not in page
    hr_client = client_for(hr_of(case))
    assert reverse("cycles:familiarization_list", args=[case.result.participation.period_id]) in (
        hr_client.get(result_url(case)).content.decode()
    )
    before = AuditRecord.objects.count()
    url = reverse("cycles:result_acknowledge", args=[case.result.pk])
    assert client.post(url, {"version": "1"}).status_code == 403
    hr = hr_client.post(url, {"version": "1"})
    assert hr.status_code == 403
    assert not Familiarization.objects.exists() and AuditRecord.objects.count() == before


def test_written_packs_show_no_button_to_the_employee() -> None:
    case = recent("kentau-2022")
    page = client_for(user_of(case.person)).get(result_url(case)).content.decode()
    assert "requires familiarization in writing" in page
    assert "I have read the result" not in page
    assert "sets no familiarization deadline" in page


# --- HR's list per period ---------------------------------------------------------------------


def list_url(case: Case) -> str:
    return reverse("cycles:familiarization_list", args=[case.result.participation.period_id])


def test_hr_records_how_an_absent_employee_was_notified() -> None:
    case = recent("atyrau-2023-105")
    client = client_for(hr_of(case))
    page = client.get(list_url(case)).content.decode()
    assert "1 approved result awaits familiarization." in page
    assert (
        "Atyrau region akimat resolution No. 105, paragraph 11" in page and "telephonogram" in page
    )
    assert "4.25" not in page  # no score on the list: results are read, and logged, one by one
    prefix = f"r{case.result.pk}"
    day = timezone.localdate().strftime("%d.%m.%Y")
    data = {f"{prefix}-channel": "sms", f"{prefix}-on": day, f"{prefix}-note": "+7 701 000 00 00"}
    done = client.post(
        reverse("cycles:familiarization_record", args=[case.result.pk]),
        data | {f"{prefix}-version": "1"},
    )
    assert done.status_code == 302 and done["Location"] == list_url(case)
    assert Familiarization.objects.get().channel == "sms"
    page = client.get(list_url(case)).content.decode()
    assert f"{day}, SMS" in page and "0 approved results await familiarization." in page


def test_a_refused_record_is_shown_on_the_list_and_saves_nothing() -> None:
    case = recent("atyrau-2023-105")
    client = client_for(hr_of(case))
    prefix = f"r{case.result.pk}"
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d.%m.%Y")
    refused = client.post(
        reverse("cycles:familiarization_record", args=[case.result.pk]),
        {f"{prefix}-channel": "email", f"{prefix}-on": tomorrow, f"{prefix}-version": "1"},
    )
    assert refused.status_code == 400
    text = refused.content.decode()
    assert f"The date {tomorrow} must be between the approval of the result" in text
    assert "Atyrau region akimat resolution No. 105, paragraph 11" in text
    assert f'value="{tomorrow}"' in text  # what HR typed is kept
    assert not Familiarization.objects.exists()


def period_of_size(size: int) -> Case:
    """An Atyrau period with ``size`` approved results, one already familiarized."""
    case = recent("atyrau-2023-105")
    participation = case.result.participation
    for n in range(size - 1):
        person = employee(f"Тізім{size}x{n}")
        part = Participation.objects.create(
            period=participation.period, employee=person, position=participation.position,
            status=ParticipationStatus.EVALUATED, methods=["ranking"],
        )  # fmt: skip
        result = Result.objects.create(
            participation=part, method="ranking", score=Decimal("3.50"), state="approved",
            approved_at=case.result.approved_at,
        )  # fmt: skip
        if n == 0:
            Familiarization.objects.create(result=result, channel="email", at=timezone.now())
    return case


@pytest.mark.parametrize("size", [2, 9])
def test_the_hr_list_query_count_does_not_grow_with_the_period(
    size: int, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    case = period_of_size(size)
    client = client_for(hr_of(case))
    # session, user, period with body, permission check, day transfers, the rows,
    # unread notices badge
    with django_assert_num_queries(8):  # with the header's links
        page = client.get(list_url(case))
    assert page.status_code == 200
    assert page.content.decode().count("<tr>") == size + 1


# --- the refusal and its act (000 p41, 003 p40) ------------------------------------------------


def test_hr_draws_up_a_refusal_act_and_it_prints_as_a_document() -> None:
    case = recent("kentau-2022")
    officer = case.staff[2]
    RoleAssignment.objects.create(user=user_of(officer), body=case.body, role=Role.HR)
    client = client_for(user_of(officer))
    url = reverse("cycles:familiarization_refusal", args=[case.result.pk])
    form = client.get(url).content.decode()
    assert "басқа екі қызметшісімен қол қойылған акт толтырылады" in form  # the quote, 003 p40
    assert "Kentau city maslikhat decision No. 131, paragraph 40" in form
    day = timezone.localdate()
    one, two = case.staff[0], case.staff[1]
    done = client.post(
        url,
        {"on": day.strftime("%d.%m.%Y"), "act_number": "12-А", "witness_one": one.pk,
         "witness_two": two.pk, "version": "1"},
    )  # fmt: skip
    act_url = reverse("cycles:refusal_act", args=[case.result.pk])
    assert done.status_code == 302 and done["Location"] == act_url
    views = AuditRecord.objects.filter(action="view").count()
    act = client_for(user_of(case.person), "ru").get(act_url)
    assert act.status_code == 200
    text = act.content.decode()
    for expected in (
        case.body.name_ru,
        case.person.full_name("ru"),
        "Главный специалист",
        "4,25",  # the score, in the Russian number format
        "12-А",
        day.strftime("%d.%m.%Y"),
        officer.full_name("ru"),
        one.full_name("ru"),
        two.full_name("ru"),
        "басқа екі қызметшісімен қол қойылған акт толтырылады",
        "@page { size: A4",
    ):
        assert expected in text, expected
    assert text.count('class="signature-line"') == 3
    assert AuditRecord.objects.filter(action="view").count() == views + 1
    kk = client_for(user_of(case.person), "kk").get(act_url).content.decode()
    assert case.body.name_kk in kk and case.person.full_name("kk") in kk


def test_a_colleague_may_not_read_the_refusal_act() -> None:
    case = recent("aktau-2022")
    services.do_record_refusal(
        actor=case.hr, result_id=case.result.pk, version=1,
        witness_ids=[case.staff[0].pk, case.staff[1].pk], on=timezone.localdate(),
    )  # fmt: skip
    act_url = reverse("cycles:refusal_act", args=[case.result.pk])
    assert client_for(user_of(case.staff[0])).get(act_url).status_code == 403
    assert client_for(user_of(case.person)).get(act_url).status_code == 200


def test_no_refusal_form_where_the_pack_does_not_require_writing() -> None:
    case = recent("shakhtinsk-2023")
    client = client_for(hr_of(case))
    url = reverse("cycles:familiarization_refusal", args=[case.result.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "provides no refusal act" in page.content.decode()
    refused = client.post(
        url,
        {"on": timezone.localdate().strftime("%d.%m.%Y"), "witness_one": case.staff[0].pk,
         "witness_two": case.staff[1].pk, "version": "1"},
    )  # fmt: skip
    assert refused.status_code == 400
    assert "does not require written familiarization" in refused.content.decode()
    assert not Familiarization.objects.exists()
    act = client.get(reverse("cycles:refusal_act", args=[case.result.pk]))
    assert act.status_code == 404

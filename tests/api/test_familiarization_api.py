"""Familiarization and the application against a result through the API (R-FAMILIARIZE,
004 p11; R-DISAGREE, 004 p12): the state without a score, the person's own acts, HR's
record, and refusals in the one error format with nothing saved."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from bagalau.accounts.models import Role
from bagalau.cycles.models import Disagreement, Familiarization
from tests.api.helpers import api, role_user
from tests.cycles.test_familiarize_services import acknowledged, approved_result, user_of

pytestmark = pytest.mark.django_db


def client_of(user: User | None) -> APIClient:
    client = api(user)
    client.default_format = "json"
    return client


def url(name: str, result_id: int) -> str:
    return reverse(f"api:{name}", kwargs={"result_id": result_id})


def test_the_person_reads_the_state_acknowledges_and_applies() -> None:
    case = approved_result("shakhtinsk-2023", approved=timezone.localdate())
    client = client_of(user_of(case.person))

    state = client.get(url("familiarization", case.result.pk)).json()
    assert (state["approved"], state["written"], state["familiarized"]) == (True, False, None)
    assert (
        state["deadline"]["cite"] == "Shakhtinsk city maslikhat apparatus methodology, paragraph 11"
    )
    assert "score" not in state and "band" not in state  # the state shows no result
    assert state["version"] == 1  # the result's version, sent back with each act

    done = client.post(url("familiarization_acknowledge", case.result.pk), {"version": 1})
    assert done.status_code == 201
    body = done.json()
    assert (body["familiarized"]["channel"], body["familiarized"]["late"]) == ("system", False)
    assert body["window"]["cite"] == "Shakhtinsk city maslikhat apparatus methodology, paragraph 12"

    applied = client.post(url("disagreement", case.result.pk), {"text": "My projects count."})
    assert applied.status_code == 201
    assert applied.json()["disagreement"]["text"] == "My projects count."
    assert Disagreement.objects.get().submitted_by == case.person.user


def test_a_late_application_is_refused_in_the_error_format_and_nothing_is_saved() -> None:
    case = acknowledged()  # familiarized on 01.04.2024: the window ended on 08.04.2024
    answer = client_of(user_of(case.person)).post(
        url("disagreement", case.result.pk), {"text": "No."}
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "disagreement_late"
    assert error["cite"] == "Shakhtinsk city maslikhat apparatus methodology, paragraph 12"
    assert "until 08.04.2024" in error["message"]
    assert not Disagreement.objects.exists()


def test_a_second_acknowledgement_and_a_stale_version_change_nothing() -> None:
    case = approved_result("shakhtinsk-2023", approved=timezone.localdate())
    client = client_of(user_of(case.person))
    stale = client.post(url("familiarization_acknowledge", case.result.pk), {"version": 7})
    assert stale.status_code == 409
    assert (
        client.post(url("familiarization_acknowledge", case.result.pk), {"version": 1}).status_code
        == 201
    )
    again = client.post(url("familiarization_acknowledge", case.result.pk), {"version": 1})
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "already_familiarized"
    assert Familiarization.objects.count() == 1


def test_hr_records_recorded_means_where_the_pack_lists_them() -> None:
    # Atyrau 001 p11 lists registered letter, telephonogram, telegram, SMS, e-mail...
    case = approved_result("atyrau-2023-105", approved=date(2024, 4, 10))
    hr = client_of(role_user("hr-atyrau", Role.HR, case.body))
    answer = hr.post(
        url("familiarization_record", case.result.pk),
        {"version": 1, "channel": "telephonogram", "on": "2024-04-11"},
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["familiarized"]["channel"] == "telephonogram"
    # Shakhtinsk (004 p11) lists none: HR has nothing to record there
    other = approved_result("shakhtinsk-2023")
    refused = client_of(role_user("hr-shakhtinsk", Role.HR, other.body)).post(
        url("familiarization_record", other.result.pk),
        {"version": 1, "channel": "sms", "on": "2024-04-11"},
    )
    assert refused.status_code == 400 and refused.json()["error"]["cite"]
    assert Familiarization.objects.count() == 1


def test_a_colleague_may_neither_read_nor_act() -> None:
    case = approved_result("shakhtinsk-2023")
    colleague = client_of(user_of(case.staff[0]))
    assert colleague.get(url("familiarization", case.result.pk)).status_code == 403
    assert colleague.post(url("disagreement", case.result.pk), {"text": "x"}).status_code == 403
    assert client_of(None).get(url("familiarization", case.result.pk)).status_code == 401

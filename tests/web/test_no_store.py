"""Answers to a signed-in user are never cached (R-CONFIDENTIAL), and a sign-in expires
after a working day without activity."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from bagalau.config import settings as site_settings
from tests.conftest import PASSWORD, MakeUser

pytestmark = pytest.mark.django_db


def _no_store(response: object) -> bool:
    return "no-store" in getattr(response, "headers", {}).get("Cache-Control", "")


@pytest.fixture
def user(make_user: MakeUser) -> User:
    return make_user("aigerim")


@pytest.mark.parametrize("path", ["/", "/notifications/", "/api/v1/periods/", "/nowhere/"])
def test_every_answer_to_a_signed_in_user_is_no_store(user: User, path: str) -> None:
    client = Client()
    client.force_login(user)
    response = client.get(path)
    assert _no_store(response), (path, response.status_code, response.headers)
    assert "private" in response.headers["Cache-Control"]


def test_an_api_token_answer_is_no_store(user: User) -> None:
    token = Token.objects.create(user=user)
    response = Client().get("/api/v1/periods/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert _no_store(response)


def test_static_files_keep_their_caching(user: User) -> None:
    client = Client()
    client.force_login(user)
    assert not _no_store(client.get(f"{settings.STATIC_URL}bagalau/site.css"))


def test_a_session_lasts_nine_idle_hours_by_default() -> None:
    assert site_settings.SESSION_IDLE_HOURS == 9
    assert site_settings.SESSION_COOKIE_AGE == 9 * 3600


def _signed_in(client: Client) -> bool:
    return bool(client.get("/").context["user"].is_authenticated)


def test_activity_keeps_the_session_and_a_working_day_idle_ends_it(user: User) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = Client()
        signed = client.post("/login/", {"username": user.username, "password": PASSWORD})
        assert signed.status_code == 302
        for _hour in range(12):  # a long day of work, a page every hour
            traveller.shift(timedelta(hours=1))
            assert _signed_in(client)
        traveller.shift(timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
        assert not _signed_in(client)


def _expires(client: Client) -> object:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_pages_within_minutes_do_not_write_the_session(user: User) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = Client()
        client.post("/login/", {"username": user.username, "password": PASSWORD})
        signed_in = _expires(client)
        traveller.shift(timedelta(minutes=2))
        client.get("/")
        assert _expires(client) == signed_in
        traveller.shift(timedelta(minutes=4))
        client.get("/")
        assert _expires(client) == signed_in + timedelta(minutes=6)

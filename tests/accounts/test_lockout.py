"""Sign-in lockout: five failures in fifteen minutes lock the username for a while."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bagalau.accounts.models import LoginAttempt
from tests.conftest import PASSWORD, MakeUser

START = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.get_fixed_timezone(300))


class Clock:
    """Stands in for ``timezone.now`` so a test can move time forward."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(timezone, "now", fake)
    return fake


def _sign_in(client: Client, password: str, username: str = "aigerim") -> str:
    response = client.post(
        reverse("login"),
        {"username": username, "password": password},
        headers={"accept-language": "en"},
    )
    return response.content.decode() if response.status_code == 200 else "signed in"


def _fail(client: Client, times: int, clock: Clock) -> None:
    for _ in range(times):
        assert "incorrect" in _sign_in(client, "wrong")
        clock.now += timedelta(minutes=1)


@pytest.fixture
def user(make_user: MakeUser) -> User:
    return make_user("aigerim")


def test_five_failures_lock_even_the_right_password(user: User, clock: Clock) -> None:
    client = Client()
    _fail(client, 5, clock)
    page = _sign_in(client, PASSWORD)
    assert "locked after 5 failed attempts" in page
    assert "Try again after 09:15." in page  # the first failure at 09:00 + 15 minutes
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_fifteen_minutes_after_the_first_counted_failure(
    user: User, clock: Clock
) -> None:
    client = Client()
    _fail(client, 5, clock)
    clock.now = START + timedelta(minutes=15, seconds=1)
    assert _sign_in(client, PASSWORD) == "signed in"
    assert LoginAttempt.objects.count() == 0  # success clears the counter


def test_tries_while_locked_do_not_extend_the_lock(user: User, clock: Clock) -> None:
    client = Client()
    _fail(client, 5, clock)
    for _ in range(3):
        assert "locked" in _sign_in(client, "wrong")
    assert LoginAttempt.objects.count() == 5


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(
    user: User, clock: Clock
) -> None:
    client = Client()
    for _ in range(6):
        _sign_in(client, "wrong")
        clock.now += timedelta(minutes=4)
    assert _sign_in(client, PASSWORD) == "signed in"


def test_success_clears_the_counter(user: User, clock: Clock) -> None:
    client = Client()
    _fail(client, 4, clock)
    assert _sign_in(client, PASSWORD) == "signed in"
    client.logout()
    _fail(Client(), 4, clock)
    assert "incorrect" in _sign_in(Client(), "wrong")  # 5th since the success
    assert "locked" in _sign_in(Client(), PASSWORD)


def test_the_lock_ignores_case_and_spaces(user: User, clock: Clock) -> None:
    client = Client()
    for name in ("Aigerim", " aigerim", "AIGERIM", "aigerim ", "aiGerim"):
        _sign_in(client, "wrong", username=name)
    assert "locked" in _sign_in(client, PASSWORD)


def test_the_lock_message_is_translated(user: User, clock: Clock) -> None:
    client = Client()
    _fail(client, 5, clock)
    response = client.post(
        reverse("login"),
        {"username": "aigerim", "password": PASSWORD},
        headers={"accept-language": "ru"},
    )
    assert "Повторите попытку после 09:15" in response.content.decode()


def test_failures_are_logged_without_the_password(
    user: User, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="bagalau.accounts"):
        _sign_in(Client(), "s3cret-guess")
    assert "failed sign-in for username 'aigerim'" in caplog.text
    assert "s3cret-guess" not in caplog.text


def test_the_admin_sign_in_is_locked_too(make_user: MakeUser, clock: Clock) -> None:
    make_user("root", superuser=True)
    client = Client()
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "root", "password": "wrong"})
    response = client.post(
        reverse("admin:login"),
        {"username": "root", "password": PASSWORD},
        headers={"accept-language": "en"},
    )
    assert "locked after 5 failed attempts" in response.content.decode()

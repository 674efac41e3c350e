"""Sign-in throttling per address as well as per username: a username is locked only
from the address the failures came from, so nobody can lock HR out from elsewhere; an
address that fails too often, over any usernames, is held off (password spraying)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django.fixtures import Settings

from bagalau.accounts.models import LoginAttempt
from bagalau.accounts.throttle import client_address
from tests.conftest import PASSWORD, MakeUser

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 31, 9, 0, tzinfo=ZoneInfo("Asia/Almaty"))
ATTACKER, OFFICE = "203.0.113.7", "198.51.100.20"


@pytest.fixture
def traveller() -> time_machine.Coordinates:
    with time_machine.travel(START, tick=False) as moved:
        yield moved


def _sign_in(username: str, password: str, address: str, lang: str = "en") -> str:
    response = Client(REMOTE_ADDR=address).post(
        reverse("login"),
        {"username": username, "password": password},
        headers={"accept-language": lang},
    )
    return "signed in" if response.status_code == 302 else response.content.decode()


@pytest.fixture
def hr(make_user: MakeUser) -> User:
    return make_user("hr")


def test_failures_from_another_address_do_not_lock_hr_out(
    hr: User, traveller: time_machine.Coordinates
) -> None:
    for _ in range(8):
        _sign_in("hr", "guess", ATTACKER)
        traveller.shift(timedelta(seconds=30))
    assert "locked after 5 failed attempts" in _sign_in("hr", PASSWORD, ATTACKER)
    assert _sign_in("hr", PASSWORD, OFFICE) == "signed in"


def test_spraying_many_usernames_from_one_address_is_held_off(
    hr: User, settings: Settings, traveller: time_machine.Coordinates
) -> None:
    settings.LOGIN_ADDRESS_FAILURES, settings.LOGIN_ADDRESS_WINDOW = 10, 15
    for n in range(10):
        assert "incorrect" in _sign_in(f"user{n}", "Spring2026!", ATTACKER)
        traveller.shift(timedelta(seconds=10))
    page = _sign_in("hr", PASSWORD, ATTACKER)  # even the right password, from there
    assert "Too many failed sign-ins came from your network address" in page
    assert "Try again after 09:15;" in page
    assert LoginAttempt.objects.count() == 10  # held-off tries are not counted
    assert _sign_in("hr", PASSWORD, OFFICE) == "signed in"


def test_the_address_hold_ends_with_its_window(
    hr: User, settings: Settings, traveller: time_machine.Coordinates
) -> None:
    settings.LOGIN_ADDRESS_FAILURES = 6
    for n in range(6):
        _sign_in(f"user{n}", "x", ATTACKER)
    assert "network address" in _sign_in("hr", PASSWORD, ATTACKER)
    traveller.shift(timedelta(minutes=15, seconds=1))
    assert _sign_in("hr", PASSWORD, ATTACKER) == "signed in"


def test_the_address_hold_message_is_translated(
    hr: User, settings: Settings, traveller: time_machine.Coordinates
) -> None:
    settings.LOGIN_ADDRESS_FAILURES = 3
    for n in range(3):
        _sign_in(f"user{n}", "x", ATTACKER)
    assert "Повторите попытку после 09:15" in _sign_in("hr", PASSWORD, ATTACKER, "ru")
    assert "09:15" in _sign_in("hr", PASSWORD, ATTACKER, "kk")
    assert "network address" not in _sign_in("hr", PASSWORD, ATTACKER, "kk")


def test_the_admin_sign_in_is_held_off_by_address_too(
    make_user: MakeUser, settings: Settings, traveller: time_machine.Coordinates
) -> None:
    make_user("root", superuser=True)
    settings.LOGIN_ADDRESS_FAILURES = 3
    admin = Client(REMOTE_ADDR=ATTACKER)
    for n in range(3):
        admin.post(reverse("admin:login"), {"username": f"admin{n}", "password": "x"})
    page = admin.post(
        reverse("admin:login"),
        {"username": "root", "password": PASSWORD},
        headers={"accept-language": "en"},
    )
    assert "network address" in page.content.decode()
    assert "_auth_user_id" not in admin.session


@pytest.mark.parametrize(
    ("forwarded_for", "count", "expected"),
    [
        (None, 1, "10.0.0.1"),  # no header: the proxy's own address
        ("203.0.113.7", 1, "203.0.113.7"),
        ("1.2.3.4, 203.0.113.7", 1, "203.0.113.7"),  # the left entry is forged
        ("1.2.3.4, 203.0.113.7, 10.0.0.9", 2, "203.0.113.7"),
        ("not-an-address", 1, "10.0.0.1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(
    settings: Settings, forwarded_for: str | None, count: int, expected: str
) -> None:
    settings.USE_X_FORWARDED_FOR, settings.TRUSTED_PROXY_COUNT = True, count
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **headers)
    assert client_address(request) == expected


def test_forwarded_for_is_ignored_unless_configured(settings: Settings) -> None:
    settings.USE_X_FORWARDED_FOR = False
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.1"

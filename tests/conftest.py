"""Fixtures shared by the shell's tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation
from pytest_django.fixtures import Settings

PASSWORD = "correct-horse-battery-staple"

MakeUser = Callable[..., User]
MakeClient = Callable[..., Client]
ClockAt = Callable[..., None]

LOCALE_DIR = Path(__file__).resolve().parent.parent / "src" / "bagalau" / "web" / "locale"


def pytest_configure(config: pytest.Config) -> None:
    """Compile a translation catalogue that is missing or older than its ``.po``, so a
    fresh clone tests in Kazakh and Russian without ``make setup`` first."""
    stale = [
        po
        for po in LOCALE_DIR.glob("*/LC_MESSAGES/*.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        from django.core.management import call_command
        from django.utils.translation import trans_real

        call_command("compilemessages", locale=[po.parts[-3] for po in stale], verbosity=0)
        # Catalogues read while the apps loaded were read without the new files.
        trans_real._translations = {}
        trans_real._default = None


@pytest.fixture
def clock_at(time_machine: time_machine.TimeMachineFixture) -> ClockAt:
    """Move the one clock: ``clock_at(date)`` is local noon of that day in the site's time
    zone; ``clock_at(date, time)`` another local hour; an aware datetime is taken as is."""

    def move(day: date | datetime, at: time = time(12)) -> None:
        moment = day if isinstance(day, datetime) else datetime.combine(day, at)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
        time_machine.move_to(moment, tick=False)

    return move


@pytest.fixture(autouse=True)
def plain_http_uncollected_static(settings: Settings) -> None:
    """The production defaults (debug off) redirect to HTTPS and name static files by the
    manifest ``collectstatic`` writes; the test client speaks plain HTTP and the tests
    render pages without collecting, so they use the files' own names."""
    settings.SECURE_SSL_REDIRECT = False
    settings.STATIC_ROOT = None  # nothing collected for WhiteNoise to serve
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def english_outside_requests() -> Iterator[None]:
    """Services called directly speak the source language; requests choose their own."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings: Settings) -> None:
    """Background tasks run in the test's process when enqueued; the worker tests start
    real workers in other processes with their own environment."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Settings) -> None:
    """Argon2 is deliberately slow; tests hash hundreds of passwords, and only need the check."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_user(db: None) -> MakeUser:
    """A user with ``PASSWORD``; ``superuser=True`` gives staff and superuser rights."""

    def make(username: str = "aigerim", *, superuser: bool = False) -> User:
        if superuser:
            return User.objects.create_superuser(username, f"{username}@example.kz", PASSWORD)
        return User.objects.create_user(username, f"{username}@example.kz", PASSWORD)

    return make


@pytest.fixture
def logged_in_client(make_user: MakeUser) -> MakeClient:
    """A test client already signed in as a new user (by default an ordinary one)."""

    def make(username: str = "aigerim", *, superuser: bool = False) -> Client:
        client = Client()
        client.force_login(make_user(username, superuser=superuser))
        return client

    return make

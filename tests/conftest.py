"""Fixtures shared by the shell's tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation
from pytest_django.fixtures import Settings

PASSWORD = "correct-horse-battery-staple"

MakeUser = Callable[..., User]
MakeClient = Callable[..., Client]


@pytest.fixture(autouse=True)
def english_outside_requests() -> Iterator[None]:
    """Services called directly speak the source language; requests choose their own."""
    with translation.override("en"):
        yield


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

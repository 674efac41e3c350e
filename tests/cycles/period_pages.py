"""People and signed-in clients for the period and schedule page tests."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.orgs.models import StateBody

EN = {"accept-language": "en"}


def client_with_role(username: str, role: Role | None, body: StateBody) -> Client:
    """A signed-in client for a new user holding ``role`` in ``body`` (or no role)."""
    user = User.objects.create_user(username, password="pw-for-tests-only")
    if role is not None:
        RoleAssignment.objects.create(user=user, body=body, role=role)
    client = Client()
    client.force_login(user)
    return client


def client_for_user(user: User | None) -> Client:
    assert user is not None
    client = Client()
    client.force_login(user)
    return client

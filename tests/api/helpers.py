"""Clients for the API tests: signed in by session (the default) or by token."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.orgs.models import StateBody


def api(user: User | None, *, lang: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=lang)
    if user is not None:
        client.force_login(user)
    return client


def token_client(user: User, *, lang: str = "en") -> APIClient:
    token = Token.objects.create(user=user)
    client = APIClient(HTTP_ACCEPT_LANGUAGE=lang)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def role_user(username: str, role: Role, body: StateBody) -> User:
    user = User.objects.create_user(username, password="pw-for-tests-only")
    RoleAssignment.objects.create(user=user, body=body, role=role)
    return user


def error(
    code: str, message: str, *, fields: dict[str, list[str]] | None = None, **extra: Any
) -> dict[str, Any]:
    """The one error format, for exact comparisons."""
    return {
        "error": {
            "code": code,
            "message": message,
            "rule": extra.get("rule"),
            "cite": extra.get("cite"),
            "fields": fields or {},
        }
    }

"""Who acts in the cycle: the signed-in user, or no one (a command or a test)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

Actor = AbstractBaseUser | AnonymousUser


def user_of(actor: Actor) -> Any:
    """The user to store as who did it (``None`` for an anonymous actor)."""
    return actor if actor.is_authenticated else None

"""Security settings that the test suite itself relaxes must stay strict for the site."""

from __future__ import annotations

from bagalau.config import settings as site_settings


def test_passwords_are_hashed_with_argon2_on_the_site() -> None:
    # Tests swap in a fast hasher (tests/conftest.py); the site must not.
    assert site_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")

"""The shell's pages: home in three languages, login, admin, CSRF."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from tests.conftest import PASSWORD, MakeClient, MakeUser

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("kk", "«Б» корпусының әкімшілік мемлекеттік қызметшілерін бағалау"),
        ("ru", "Оценка административных государственных служащих корпуса «Б»"),
        ("en", "Evaluation of “B” corps administrative civil servants"),
    ],
)
def test_home_renders_in_each_language(client: Client, language: str, heading: str) -> None:
    response = client.get(reverse("home"), headers={"accept-language": language})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert 'action="/i18n/setlang/"' in html


def test_language_switch_sets_the_language(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "kk", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="kk">' in client.get("/").content.decode()


def test_login_with_the_form(client: Client, make_user: MakeUser) -> None:
    make_user("aigerim")
    response = client.post(reverse("login"), {"username": "aigerim", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert "aigerim" in client.get(reverse("home")).content.decode()


def test_login_with_a_wrong_password_is_refused(client: Client, make_user: MakeUser) -> None:
    make_user("aigerim")
    response = client.post(
        reverse("login"),
        {"username": "aigerim", "password": "wrong"},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert "The username or password is incorrect." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post(logged_in_client: MakeClient) -> None:
    client = logged_in_client()
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_post_login_without_csrf_token_is_refused(make_user: MakeUser) -> None:
    make_user("aigerim")
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "aigerim", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_post_login_with_csrf_token_succeeds(make_user: MakeUser) -> None:
    make_user("aigerim")
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("login"),
        {"username": "aigerim", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_admin_is_open_to_a_superuser(logged_in_client: MakeClient) -> None:
    client = logged_in_client("admin", superuser=True)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:core_daytransfer_changelist")).status_code == 200
    assert client.get(reverse("admin:core_daytransfer_add")).status_code == 200


def test_admin_is_closed_to_an_ordinary_user(logged_in_client: MakeClient) -> None:
    response = logged_in_client().get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_home_links_to_login(client: Client) -> None:
    html = client.get(reverse("home"), headers={"accept-language": "en"}).content.decode()
    assert f'href="{reverse("login")}"' in html


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_dates_are_dd_mm_yyyy_in_every_language(language: str) -> None:
    with translation.override(language):
        assert formats.date_format(date(2026, 3, 5)) == "05.03.2026"
        assert formats.date_format(date(2026, 3, 5), "SHORT_DATE_FORMAT") == "05.03.2026"
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%d.%m.%Y"

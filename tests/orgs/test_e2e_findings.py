"""Regressions for the problems the browser test of the staff import ran into."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from bagalau.accounts.models import Role, RoleAssignment
from bagalau.orgs.models import StateBody
from tests.orgs.import_data import make_body

pytestmark = pytest.mark.django_db


def client_with(body: StateBody, role: Role) -> Client:
    user = User.objects.create_user(f"user-{role}")
    RoleAssignment.objects.create(user=user, body=body, role=role)
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def test_the_body_page_links_hr_to_the_staff_import() -> None:
    body = make_body()
    page = client_with(body, Role.HR).get(reverse("orgs:body", args=[body.code]))
    assert page.status_code == 200
    assert f'href="{reverse("orgs:import_upload", args=[body.code])}"' in page.content.decode()


def test_the_body_page_offers_no_import_to_whom_may_not_import() -> None:
    body = make_body()
    page = client_with(body, Role.AUDITOR).get(reverse("orgs:body", args=[body.code]))
    assert page.status_code == 200
    assert reverse("orgs:import_upload", args=[body.code]) not in page.content.decode()

"""The header shows each role only the links it may open (issue 11, item 1): every
link of the navigation, followed as every demo login, answers 200, never 403."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from bagalau.demo.management.commands.demo import DEMO_LOGINS

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="main-nav".*?</nav>', re.S)
HREF = re.compile(r'href="([^"#]+)[^"]*"')


def nav_links(client: Client) -> list[str]:
    html = client.get(reverse("home"), headers={"accept-language": "en"}).content.decode()
    found = NAV.search(html)
    assert found is not None
    return HREF.findall(found.group(0))


def test_every_link_in_the_header_opens_for_every_demo_login() -> None:
    with override_settings(DEBUG=True):
        call_command("demo", stdout=StringIO())
    audit, bodies = reverse("audit:list"), reverse("orgs:bodies")
    seen: dict[str, set[str]] = {}
    for login in DEMO_LOGINS:
        client = Client()
        client.force_login(User.objects.get(username=login.username))
        links = nav_links(client)
        seen[login.username] = set(links)
        for link in links:
            answer = client.get(link, headers={"accept-language": "en"})
            assert answer.status_code == 200, (login.username, link, answer.status_code)
    with_audit = {name for name, links in seen.items() if audit in links}
    assert with_audit == {"admin", "hr", "auditor", "atyrau-hr", "aktau-hr"}
    assert all(bodies in links for links in seen.values())  # everyone works or has a role


def test_a_user_with_no_role_and_no_post_sees_neither_list() -> None:
    client = Client()
    client.force_login(User.objects.create_user("nobody", password="pw-for-tests-only"))
    links = nav_links(client)
    assert reverse("audit:list") not in links and reverse("orgs:bodies") not in links
    assert reverse("notify:list") in links

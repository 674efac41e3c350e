"""Every page a demo login reaches shows no English on Kazakh and Russian pages.

Each demo login (the `bagalau demo` data) walks the site from its home page, following
the links of each page within the site (GET only), once in Kazakh and once in Russian.
A page fails when its visible text or its ``aria-label``/``title``/``placeholder``/``alt``
shows a text of the source catalogue (an English msgid left untranslated, e.g. a text
formatted before the language was chosen), or a run of English words that no
translation explains. Codes, numbers, the brand, IINs, e-mail addresses and file names
are not words; names kept in Latin letters go into ``pagewalk.ALLOWED_WORDS``.

Bounded to stay fast: each kind of page (its path with ids as N) is read at most
``PER_KIND`` times per language across all logins, the first logins first.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import date
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from pytest_django.fixtures import Settings

from bagalau.demo.management.commands.demo import DEMO_LOGINS
from tests.conftest import ClockAt
from tests.web.pagewalk import (
    Finding,
    catalogue_fragments,
    english_found,
    other_language_fragments,
    read_page,
    same_site_path,
    shape,
)

LANGUAGES = ("kk", "ru")
PER_KIND = 2
# Not pages of the site's own interface: Django's admin, the API's JSON and schema
# browser, static files, and the language switch (a POST form anyway).
SKIPPED = ("/admin/", "/api/", "/static/", "/media/", "/i18n/", "/logout/")
DAY = date(2026, 11, 20)  # a working Friday in the demo's open quarter


@dataclass
class Walk:
    """One language's walk: what to look for, which kinds were read, every page read."""

    lang: str
    english: list[str]
    foreign: list[str]
    read: dict[str, int] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)


def _walk(client: Client, user: str, walk: Walk) -> list[Finding]:
    lang, read, pages = walk.lang, walk.read, walk.pages
    findings: list[Finding] = []
    queue, queued = deque(["/"]), {"/"}
    while queue:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code < 500, f"{lang} {url} as {user}: HTTP {response.status_code}"
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages.append(url)
        html = response.content.decode()
        assert f'<html lang="{lang}"' in html, f"{url} as {user} is not in {lang}"
        chunks, links = read_page(html)
        found = english_found(chunks, walk.english, walk.foreign)
        findings += [Finding(url, user, lang, text, why) for text, why in found]
        for href in links:
            path = same_site_path(href, url)
            if path is None or path in queued or path.startswith(SKIPPED):
                continue
            kind = shape(path)
            if read.get(kind, 0) >= PER_KIND:
                continue
            read[kind] = read.get(kind, 0) + 1
            queued.add(path)
            queue.append(path)
    return findings


@pytest.mark.django_db(transaction=True)
def test_kazakh_and_russian_pages_show_no_english(settings: Settings, clock_at: ClockAt) -> None:
    clock_at(DAY)
    settings.DEBUG = True  # the demo loader refuses otherwise
    call_command("demo", stdout=StringIO())
    settings.DEBUG = False
    findings: list[Finding] = []
    english = catalogue_fragments()
    walks = [Walk(lang, english, other_language_fragments(lang)) for lang in LANGUAGES]
    for walk in walks:
        for login in DEMO_LOGINS:
            client = Client()
            client.force_login(User.objects.get(username=login.username))
            client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = walk.lang
            findings += _walk(client, login.username, walk)
    # The walk really went round: every login's home, and the pages of the cycle.
    for walk in walks:
        assert len(walk.pages) > 3 * len(DEMO_LOGINS), sorted(set(walk.pages))
    unique = sorted({(f.lang, f.english, f.why): f for f in findings}.values(), key=str)
    assert not unique, f"{len(unique)} texts not in the page's language:\n" + "\n".join(
        map(str, unique)
    )

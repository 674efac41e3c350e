"""A run's page: for whoever started it (and superusers), polling while it runs, the
outcome or the error in words when it ends, a Retry button when it failed."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from bagalau.domain.errors import ErrorCode
from bagalau.jobs.models import RunKind, RunStatus, TaskRun
from bagalau.jobs.selectors import runs_for
from tests.conftest import ClockAt, MakeUser

pytestmark = pytest.mark.django_db

EN = {"accept-language": "en"}
BEGAN = datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Asia/Almaty"))


def make_run(user: User | None, **values: object) -> TaskRun:
    fields: dict[str, object] = {
        "kind": RunKind.IMPORT_STAFF,
        "key": "body:3",
        "body_id": 3,
        "started_by": user,
        "status": RunStatus.RUNNING,
        "task_path": "tests.jobs.sample_tasks.count_to",
        "created_at": BEGAN,
        "started_at": BEGAN,
        "heartbeat_at": BEGAN,
        "processed": 40,
        "total": 160,
        "stage": "write",
    }
    fields.update(values)
    return TaskRun.objects.create(**fields)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_running_run_polls_itself(make_user: MakeUser, clock_at: ClockAt) -> None:
    user = make_user()
    run = make_run(user)
    clock_at(datetime(2026, 12, 7, 10, 2, tzinfo=BEGAN.tzinfo))
    url = reverse("jobs:run", args=[run.pk])
    page = signed_in(user).get(url, headers=EN).content.decode()
    assert "<html" in page and "Started 07.12.2026 10:00" in page
    assert f'hx-get="{url}" hx-trigger="every 2s" hx-swap="outerHTML"' in page
    assert '<progress max="100" value="25"' in page
    assert "25%: 40 / 160, writing, 02:00, about 6 min left" in page
    partial = signed_in(user).get(url, headers={**EN, "hx-request": "true"}).content.decode()
    assert "<html" not in partial and partial.startswith(f'<section id="run-{run.pk}"')


def test_a_failed_run_shows_words_and_a_retry_button(
    make_user: MakeUser, django_capture_on_commit_callbacks: Any
) -> None:
    user = make_user()
    run = make_run(
        user, status=RunStatus.FAILED, error_code=ErrorCode.INTERNAL_ERROR, finished_at=BEGAN
    )
    client = signed_in(user)
    page = client.get(reverse("jobs:run", args=[run.pk]), headers=EN).content.decode()
    assert "hx-trigger" not in page  # finished: no more polling
    assert "The work stopped because of an internal error" in page
    assert "Traceback" not in page
    assert f'action="{reverse("jobs:retry", args=[run.pk])}"' in page and ">Retry</button>" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:retry", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.DONE  # tasks run at once in the tests
    page = client.get(reverse("jobs:run", args=[run.pk]), headers=EN).content.decode()
    assert "Retry" not in page and "<dt>Processed</dt><dd>4</dd>" in page


def test_in_russian(make_user: MakeUser) -> None:
    user = make_user()
    run = make_run(user, status=RunStatus.DONE, outcome={"sent": 3}, finished_at=BEGAN)
    page = signed_in(user).get(
        reverse("jobs:run", args=[run.pk]), headers={"accept-language": "ru"}
    )
    html = page.content.decode()
    assert "Импорт штата: завершено" in html and "<dt>Отправлено писем</dt><dd>3</dd>" in html


def test_only_its_starter_and_superusers_see_a_run(make_user: MakeUser) -> None:
    run = make_run(make_user("aigerim"))
    url = reverse("jobs:run", args=[run.pk])
    assert signed_in(make_user("bolat")).get(url).status_code == 404
    assert (
        signed_in(make_user("bolat2")).post(reverse("jobs:retry", args=[run.pk])).status_code == 404
    )
    assert signed_in(make_user("root", superuser=True)).get(url).status_code == 200
    assert Client().get(url).status_code == 302  # to the login page
    assert signed_in(make_user("x")).get(reverse("jobs:run", args=[run.pk + 99])).status_code == 404


def test_the_list_of_past_runs(make_user: MakeUser) -> None:
    user = make_user()
    user.first_name, user.last_name = "Айгерім", "Сейтқали"
    user.save()
    make_run(user, status=RunStatus.DONE, outcome={"created": 12}, finished_at=BEGAN)
    make_run(None, status=RunStatus.FAILED, key="body:3b", created_at=BEGAN.replace(hour=11))
    html = render_to_string("jobs/_runs.html", {"runs": runs_for(3, RunKind.IMPORT_STAFF)})
    rows = html.split("<tr>")[2:]
    assert "07.12.2026 11:00" in rows[0] and "the system" in rows[0] and "failed" in rows[0]
    assert "07.12.2026 10:00" in rows[1] and "Айгерім Сейтқали" in rows[1]
    assert "added: 12" in rows[1]

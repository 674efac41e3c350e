"""The locust users of the load benchmark (``bench_load_quarter.py`` runs locust on this
file): each virtual user logs in as a different person of the synthetic data and does
that person's quarter work with a pause between pages, as people do.

* an evaluator opens the home page and the team's ranking page and saves a draft of
  scores (with its CSRF token and the sheet's version, as the page's form posts it);
* an employee opens the home page and the result of the closed quarter;
* an HR officer opens the home page and the open quarter's dashboard.

Signing in (Argon2, deliberately slow) is not the quarter's work: once the last of the
``BENCH_LOAD_USERS_N`` users has signed in, the figures start from zero and the run lasts
``BENCH_LOAD_SECONDS`` from then. ``BENCH_LOAD_USERS`` names the JSON file of logins
``load_quarter_data.build`` wrote, ``BENCH_LOAD_PASSWORD`` their password. Not run by the
test suite.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from pathlib import Path
from typing import Any

import gevent
from locust import HttpUser, between, task

PEOPLE: dict[str, list[dict[str, str]]] = json.loads(
    Path(os.environ["BENCH_LOAD_USERS"]).read_text(encoding="utf-8")
)
PASSWORD = os.environ["BENCH_LOAD_PASSWORD"]
NEXT = {role: itertools.cycle(rows) for role, rows in PEOPLE.items()}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
ROW = re.compile(r'name="row" value="(\d+)"')
SCORE = re.compile(r'name="(s-\d+-[a-z_]+)"')
USERS = int(os.environ["BENCH_LOAD_USERS_N"])
SECONDS = int(os.environ["BENCH_LOAD_SECONDS"])
STARTED = time.perf_counter()
signed_in = 0


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    role = ""

    def on_start(self) -> None:
        self.me = next(NEXT[self.role])
        page = self.client.get("/login/", name="login page")
        token = CSRF.search(page.text)
        assert token, "no CSRF token on the login page"
        with self.client.post(
            "/login/",
            {"username": self.me["username"], "password": PASSWORD,
             "csrfmiddlewaretoken": token[1]},
            name="login", allow_redirects=False, catch_response=True,
        ) as answer:  # fmt: skip
            if answer.status_code != 302:
                answer.failure(f"login of {self.me['username']}: HTTP {answer.status_code}")
        self.signed_in()

    def signed_in(self) -> None:
        """The last sign-in starts the measured run: the figures from zero, then the clock."""
        global signed_in  # noqa: PLW0603 - one count for every user of this process
        signed_in += 1
        if signed_in == USERS:
            runner = self.environment.runner
            assert runner is not None
            print(f"   {USERS} users signed in after {time.perf_counter() - STARTED:.0f} s; "
                  f"measuring for {SECONDS} s", flush=True)  # fmt: skip
            failed = runner.stats.total.num_failures
            runner.stats.reset_all()
            if failed:  # a failed sign-in is an error of the run all the same
                runner.stats.log_error("POST", "login", f"{failed} failed before the start")
            gevent.spawn_later(SECONDS, runner.quit)

    def page(self, url: str, name: str) -> str:
        """GET a page; anything but 200 (a redirect to the login page too) is an error."""
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"{name} of {self.me['username']}: HTTP {answer.status_code}")
            return str(answer.text)

    @task(2)
    def home(self) -> None:
        self.page("/", "home")


class Evaluator(Person):
    weight = 5
    role = "evaluators"

    @task(3)
    def team(self) -> None:
        self.page(self.me["team"], "team page")

    @task(2)
    def save_draft(self) -> None:
        form = _draft(self.page(self.me["team"], "team page"))
        if form is None:  # submitted already, nothing to save
            return
        with self.client.post(
            self.me["team"], form, name="save draft", catch_response=True,
            headers={"HX-Request": "true", "Referer": self.client.base_url + self.me["team"]},
        ) as answer:  # fmt: skip
            if answer.status_code != 200 or "message-success" not in answer.text:
                answer.failure(f"draft not saved: HTTP {answer.status_code}")


def _draft(html: str) -> dict[str, Any] | None:
    """The team form with a score from 0 to 5 in every cell, as the page would post it."""
    token, version = CSRF.search(html), VERSION.search(html)
    if token is None or version is None:
        return None
    form: dict[str, Any] = {"csrfmiddlewaretoken": token[1], "version": version[1],
                            "do": "save", "row": ROW.findall(html)}  # fmt: skip
    for name in SCORE.findall(html):
        form[name] = str(random.randint(0, 5))
    return form


class Employee(Person):
    weight = 3
    role = "employees"

    @task(3)
    def result(self) -> None:
        self.page(self.me["result"], "result page")


class HumanResources(Person):
    weight = 2
    role = "hr"

    @task(3)
    def dashboard(self) -> None:
        self.page(self.me["dashboard"], "dashboard")

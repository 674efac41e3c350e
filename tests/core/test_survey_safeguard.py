"""The 360 anonymity threshold is bagalau's own safeguard, a setting (no act gives it,
004 p33 says only "anonymous"): read from the environment, refused below 2 at start-up,
passed by the site to the pure domain, and explained as the system's, not the law's."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import override_settings
from django.utils import translation

from bagalau.core.messages import error_message
from bagalau.core.rulelabels import safeguard_text
from bagalau.core.survey import anonymity_threshold, survey360_result
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.methodology import Audience
from bagalau.domain.survey360 import ANONYMITY_THRESHOLD, Safeguard
from bagalau.packs import registry


def _settings_with(value: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SURVEY360_ANONYMITY_THRESHOLD"}
    env["DEBUG"] = "1"
    if value is not None:
        env["SURVEY360_ANONYMITY_THRESHOLD"] = value
    code = "from bagalau.config import settings; print(settings.SURVEY360_ANONYMITY_THRESHOLD)"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(("value", "read"), [(None, "3"), ("", "3"), ("2", "2"), (" 5 ", "5")])
def test_the_setting_is_read_from_the_environment(value: str | None, read: str) -> None:
    done = _settings_with(value)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == read


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1", "SURVEY360_ANONYMITY_THRESHOLD must be at least 2, not 1"),
        ("0", "SURVEY360_ANONYMITY_THRESHOLD must be at least 2, not 0"),
        ("-4", "SURVEY360_ANONYMITY_THRESHOLD must be at least 2, not -4"),
        ("three", "SURVEY360_ANONYMITY_THRESHOLD must be a whole number, not 'three'"),
    ],
)
def test_a_threshold_below_two_is_refused_at_start_up(value: str, reason: str) -> None:
    done = _settings_with(value)
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr and reason in done.stderr


def _answers(count: int) -> list[dict[str, int]]:
    rules = registry().pack("shakhtinsk-2023").rules.survey360
    assert rules is not None
    staff = next(s for s in rules.competencies.value if s.audience is Audience.STAFF)
    return [dict.fromkeys((c.code for c in staff.competencies), 4)] * count


@pytest.mark.parametrize(("setting", "count", "shown"), [(3, 3, True), (4, 3, False)])
def test_the_site_passes_the_setting_to_the_domain(setting: int, count: int, shown: bool) -> None:
    rules = registry().pack("shakhtinsk-2023").rules.survey360
    assert rules is not None
    with override_settings(SURVEY360_ANONYMITY_THRESHOLD=setting):
        assert anonymity_threshold() == setting
        if shown:
            result = survey360_result(_answers(count), rules, Audience.STAFF).result
            assert result.safeguards == (Safeguard(ANONYMITY_THRESHOLD, setting),)
        else:
            with pytest.raises(DomainError) as err:
                survey360_result(_answers(count), rules, Audience.STAFF)
            assert err.value.code is ErrorCode.BELOW_ANONYMITY_THRESHOLD
            assert err.value.cite is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "a 360 result is shown only from 3 answers: bagalau's own safeguard of the "
            "respondents' anonymity, not a rule of the methodology",
        ),
        (
            "ru",
            "результат 360 показывается только начиная с 3 ответов: это собственная мера "
            "bagalau для сохранения анонимности респондентов, а не правило методики",
        ),
        (
            "kk",
            "360 нәтижесі тек 3 жауаптан бастап көрсетіледі: бұл респонденттердің "
            "жасырындығын сақтауға арналған bagalau жүйесінің өз сақтық шарасы, "
            "әдістеменің қағидасы емес",
        ),
    ],
)
def test_the_safeguard_is_explained_as_the_systems_own(lang: str, text: str) -> None:
    with translation.override(lang):
        assert safeguard_text(Safeguard(ANONYMITY_THRESHOLD, 3)) == text


def test_the_refusal_says_it_is_no_rule_of_the_methodology() -> None:
    err = DomainError(ErrorCode.BELOW_ANONYMITY_THRESHOLD, {"count": 2, "min": 3})
    with translation.override("en"):
        message = error_message(err)
    assert message == (
        "Only 2 answers were received; results are shown from 3 answers so that respondents "
        "stay anonymous. This is bagalau's own safeguard, not a rule of the methodology."
    )
    assert "basis" not in message

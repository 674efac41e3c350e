"""The 360 result as the site computes it: the domain's rule (R-360, 004 p33-36) with
bagalau's own anonymity safeguard, the setting ``SURVEY360_ANONYMITY_THRESHOLD``; the
pure domain takes the threshold as a parameter and never reads settings."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings

from bagalau.domain.methodology import Audience, Survey360Rules
from bagalau.domain.survey360 import Answers, Survey360Report, aggregate


def anonymity_threshold() -> int:
    """The fewest answers before a 360 result is shown (at least 2, checked at start-up)."""
    return int(settings.SURVEY360_ANONYMITY_THRESHOLD)


def survey360_result(
    answers: Sequence[Answers],
    rules: Survey360Rules,
    audience: Audience,
    self_assessment: Answers | None = None,
) -> Survey360Report:
    """``aggregate`` with the site's anonymity threshold."""
    return aggregate(
        answers, rules, audience, self_assessment, anonymity_threshold=anonymity_threshold()
    )

"""Every domain error code has a clear, translated message."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from bagalau.core.messages import MESSAGES, error_message
from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite


def test_every_error_code_has_a_message() -> None:
    assert set(MESSAGES) == set(ErrorCode)


@pytest.mark.parametrize("code", list(ErrorCode))
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_message_formats_without_params(code: ErrorCode, language: str) -> None:
    # A caller that forgets a value still gets a readable sentence, never a crash.
    with translation.override(language):
        text = error_message(DomainError(code))
    assert text
    assert "%(" not in text


def test_message_is_formatted_with_params_and_cite() -> None:
    err = DomainError(
        ErrorCode.SCORE_OUT_OF_RANGE,
        {"value": 7, "min": 0, "max": 5},
        cite=Cite(act="shakhtinsk-2023", paragraph="27"),
    )
    with translation.override("en"):
        assert error_message(err) == (
            "The score 7 is outside the allowed range 0–5. Enter a score within it. "
            "(basis: shakhtinsk-2023, paragraph 27)"
        )


def test_dates_and_decimals_are_shown_the_way_forms_write_them() -> None:
    err = DomainError(
        ErrorCode.DEADLINE_PASSED,
        {"deadline": "disagree", "due": date(2026, 4, 17), "date": date(2026, 4, 20)},
    )
    with translation.override("en"):
        assert error_message(err) == (
            "The time limit disagree ended on 17.04.2026; it cannot be done on 20.04.2026."
        )
    err = DomainError(ErrorCode.BAND_GAP, {"value": Decimal("3.9950")})
    with translation.override("en"):
        assert error_message(err).startswith("The score 3.995 falls in no result band")


def test_a_missing_value_shows_as_a_question_mark() -> None:
    with translation.override("en"):
        assert error_message(DomainError(ErrorCode.BAD_DATE)) == (
            "“?” is not a valid date. Write it as dd.mm.yyyy, for example 07.07.2023."
        )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "«31.02.2026» — некорректная дата."),
        ("kk", "«31.02.2026» — қате күн."),
    ],
)
def test_messages_are_translated(language: str, expected: str) -> None:
    with translation.override(language):
        text = error_message(DomainError(ErrorCode.BAD_DATE, {"value": "31.02.2026"}))
    assert text.startswith(expected)


def test_the_b_corps_audience_label_is_translated() -> None:
    from django.utils import translation

    from bagalau.core.labels import code_label

    with translation.override("ru"):
        assert code_label("staff") == "служащие корпуса «Б»"

"""Deadline rules in words: every event a pack may count from has a label, and the
sentences agree with their number in each language."""

from __future__ import annotations

import pytest
from django.utils import translation

from bagalau.core.deadlinewords import EVENT_LABELS, event_label, rule_words
from bagalau.domain.law import Cite, Text
from bagalau.domain.methodology import EXTERNAL_EVENTS, DeadlineKind, DeadlineRule, Pack
from bagalau.packs import registry


def test_every_event_a_pack_may_count_from_has_a_label() -> None:
    assert set(EVENT_LABELS) == EXTERNAL_EVENTS


@pytest.mark.parametrize("pack", registry().packs, ids=lambda p: p.id)
def test_every_deadline_of_the_packs_reads_without_a_code(pack: Pack) -> None:
    ids = {r.id for r in pack.rules.deadlines}
    for rule in pack.rules.deadlines:
        assert rule.after in EVENT_LABELS or rule.after in ids or not rule.after, rule.id
        for lang in ("kk", "ru", "en"):
            with translation.override(lang):
                assert "_" not in rule_words(rule, pack), (rule.id, lang)  # no event's code


def rule(kind: DeadlineKind, count: int, after: str = "sheet_returned") -> DeadlineRule:
    return DeadlineRule(
        "r", Text("r", "r", "r"), kind, count, Cite("atyrau-105", "54"), after=after
    )


ATYRAU = registry().pack("atyrau-2023-105")


@pytest.mark.parametrize(
    ("lang", "count", "words"),
    [
        ("en", 1, "1 working day after the sheet is returned to the evaluator"),
        ("en", 2, "2 working days after the sheet is returned to the evaluator"),
        ("ru", 1, "не позднее 1 рабочего дня после возврата оценочного листа оценивающему "
         "на доработку"),
        ("ru", 2, "не позднее 2 рабочих дней после возврата оценочного листа оценивающему "
         "на доработку"),
        ("kk", 2, "бағалау парағы бағалаушыға түзетуге қайтарылған күннен бастап 2 жұмыс "
         "күні ішінде"),
    ],
)  # fmt: skip
def test_working_days_after(lang: str, count: int, words: str) -> None:
    with translation.override(lang):
        assert rule_words(rule(DeadlineKind.WORKING_DAYS_AFTER, count), ATYRAU) == words


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (1, "не позднее чем за 1 рабочий день до заседания Комиссии"),
        (3, "не позднее чем за 3 рабочих дня до заседания Комиссии"),
        (5, "не позднее чем за 5 рабочих дней до заседания Комиссии"),
        (21, "не позднее чем за 21 рабочий день до заседания Комиссии"),
    ],
)
def test_working_days_before_agree_with_their_number_in_russian(count: int, words: str) -> None:
    before = rule(DeadlineKind.WORKING_DAYS_BEFORE, count, "commission_meeting")
    with translation.override("ru"):
        assert rule_words(before, ATYRAU) == words


def test_a_deadline_counted_from_another_names_it_and_periods_read_as_days() -> None:
    shakhtinsk = registry().pack("shakhtinsk-2024")
    actuals = next(r for r in shakhtinsk.rules.deadlines if r.id == "kpi_actuals")
    notify = next(r for r in shakhtinsk.rules.deadlines if r.id == "kpi_notify")
    with translation.override("en"):
        assert (
            event_label("quarter_evaluation", shakhtinsk) == "the deadline “Quarterly evaluation”"
        )
        assert rule_words(actuals, shakhtinsk) == (
            "5 working days before the deadline “Quarterly evaluation”"
        )
        assert rule_words(notify, shakhtinsk) == (
            "not later than day 5 of the month after the period"
        )
        calendar = rule(DeadlineKind.CALENDAR_DAYS_AFTER, 10, "protocol_signed")
        assert rule_words(calendar, ATYRAU) == "10 calendar days after the protocol is signed"

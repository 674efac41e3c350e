"""Law in time (DOMAIN.md §5): entry into force of acts, citations."""

from __future__ import annotations

from datetime import date

import pytest

from bagalau.domain.law import Act, ActRole, Cite, DateRange, EntryRule, Text

T = Text("kk", "ru", "en")


def make_act(
    entry: EntryRule, published: date | None, days: int = 0, effective: date | None = None
) -> Act:
    return Act(
        id="a",
        role=ActRole.BASE,
        kind=T,
        issuer=T,
        number="1",
        adopted=date(2023, 9, 19),
        entry=entry,
        title=T,
        short=T,
        published=published,
        entry_days=days,
        effective=effective,
    )


@pytest.mark.parametrize(
    ("entry", "published", "days", "expected"),
    [
        # "оның алғашқы ресми жарияланған күнінен бастап қолданысқа енгізіледі" (000 p4)
        (EntryRule.ON_PUBLICATION, date(2022, 4, 5), 0, date(2022, 4, 5)),
        # "алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң" (004 p2 of
        # the decision): ten whole calendar days pass after the day of publication.
        (EntryRule.DAYS_AFTER_PUBLICATION, date(2023, 9, 25), 10, date(2023, 10, 6)),
        (EntryRule.DAYS_AFTER_PUBLICATION, date(2017, 12, 25), 10, date(2018, 1, 5)),
    ],
)
def test_entry_into_force(entry: EntryRule, published: date, days: int, expected: date) -> None:
    assert make_act(entry, published, days).in_force_from() == expected


def test_unknown_publication_counts_from_adoption_and_is_flagged() -> None:
    act = make_act(EntryRule.DAYS_AFTER_PUBLICATION, None, 10)
    assert act.in_force_from() == date(2023, 9, 30)
    assert act.entry_date_unverified


def test_on_date_entry() -> None:
    act = make_act(EntryRule.ON_DATE, None, effective=date(2025, 8, 1))
    assert act.in_force_from() == date(2025, 8, 1)
    assert not act.entry_date_unverified


def test_cite_labels() -> None:
    assert Cite("shakhtinsk-278-5", "7").label() == "shakhtinsk-278-5 p7"
    assert Cite("agency-order-13-2018", "app. 3").label() == "agency-order-13-2018 app. 3"
    restated = Cite("agency-order-13-2018", restated_in=Cite("shakhtinsk-278-5", "23"))
    assert restated.label() == (
        "agency-order-13-2018, paragraph not in the sources; as restated in shakhtinsk-278-5 p23"
    )
    assert Cite("aktau-645", "5", via_typical=True).label() == "aktau-645 p5 (Typical Methodology)"
    assert Cite("atyrau-105", "57", borrowed=True).label() == "atyrau-105 p57 (borrowed)"


def test_text_falls_back_to_russian_then_kazakh() -> None:
    assert Text("қаз", "рус", "").get("en") == "рус"
    assert Text("қаз", "", "").get("ru") == "қаз"
    assert Text("қаз", "рус", "eng").get("xx") == "рус"


def test_date_range() -> None:
    spell = DateRange(date(2023, 1, 1), date(2023, 8, 31))
    assert spell.contains(date(2023, 8, 31)) and not spell.contains(date(2023, 9, 1))
    assert DateRange(date(2020, 1, 1)).contains(date(2999, 1, 1))
    assert spell.overlaps(DateRange(date(2023, 8, 31), None))
    assert not spell.overlaps(DateRange(date(2023, 9, 1), date(2023, 9, 2)))

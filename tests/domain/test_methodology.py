"""Pack loading, validation, versions and which version governs a body on a date (§5, §6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite
from bagalau.domain.methodology import (
    Method,
    Registry,
    iter_parameters,
    load_registry,
    unverified_parameters,
)
from bagalau.domain.plaindata import PackError
from tests.domain.packdata import act, pack, typical


def load(*packs: dict[str, Any]) -> Registry:
    return load_registry({f"{p['id']}.yaml": p for p in packs})


def test_a_pack_loads_typed_and_cited() -> None:
    registry = load(pack())
    loaded = registry.pack("body-2020")
    assert loaded.valid.start == date(2020, 1, 15)
    assert loaded.valid.end is None
    assert loaded.rules.bands is not None
    assert [b.max for b in loaded.rules.bands.value] == [
        Decimal(5),
        Decimal("3.99"),
        Decimal("2.99"),
        Decimal("1.99"),
    ]
    assert loaded.rules.methods[0].method is Method.RANKING
    assert dict(iter_parameters(loaded.rules))["retention_years"].value == 3


@pytest.mark.parametrize(
    ("mutate", "key", "reason"),
    [
        (
            lambda p: p["rules"]["retention_years"].update(value="three"),
            "rules.retention_years.value",
            "whole number",
        ),
        (
            lambda p: p["rules"]["retention_years"].pop("cite"),
            "rules.retention_years",
            "'value' and 'cite'",
        ),
        (
            lambda p: p["rules"]["retention_years"].update(unverified=True),
            "rules.retention_years.note",
            "note",
        ),
        (
            lambda p: p["rules"]["retention_years"].update(unverified=True, note="English only"),
            "rules.retention_years.note",
            "in kk, ru, en",
        ),
        (
            lambda p: p["rules"]["retention_years"].update(
                unverified=True, note={"kk": "жоқ", "en": "none"}
            ),
            "rules.retention_years.note.ru",
            "required",
        ),
        (
            lambda p: p["rules"]["retention_years"].update(
                unverified=True, note={"kk": "жоқ", "ru": " ", "en": "none"}
            ),
            "rules.retention_years.note.ru",
            "must not be empty",
        ),
        (
            lambda p: p["acts"][0].update(note={"kk": "", "ru": "", "en": "x"}),
            "acts[0].note.kk",
            "empty",
        ),
        (lambda p: p.update(notes=[{"kk": "бар", "en": "there"}]), "notes[0].ru", "required"),
        (lambda p: p["acts"][0].pop("short"), "acts[0].short", "required"),
        (lambda p: p["rules"].update(colour="red"), "rules", "unknown keys colour"),
        (
            lambda p: p["rules"]["methods"][0].update(method="astrology"),
            "rules.methods[0].method",
            "one of",
        ),
        (lambda p: p["acts"][0].update(adopted="02.04.2018"), "acts[0].adopted", "yyyy-mm-dd"),
        (lambda p: p.pop("line"), "line", "required"),
        (
            lambda p: p["rules"]["bands"]["value"][1].update(max=3.98),
            "rules.bands",
            "gap or overlap",
        ),
        (
            lambda p: p["rules"]["retention_years"]["cite"].update(act="nowhere-1"),
            "cite.act",
            "unknown act",
        ),
        (lambda p: p["acts"][0].update(role="amendment"), "acts", "base act"),
        (lambda p: p.update(extends="missing"), "extends", "no pack"),
    ],
)
def test_a_broken_pack_names_file_key_and_reason(mutate: Any, key: str, reason: str) -> None:
    data = pack()
    mutate(data)
    with pytest.raises(PackError) as err:
        load(data)
    assert err.value.code is ErrorCode.PACK_INVALID
    assert err.value.file == "body-2020.yaml"
    assert key in err.value.path
    assert reason in err.value.reason


NOTE = {"kk": "дереккөздерде жоқ", "ru": "в источниках нет", "en": "not in the sources"}


def with_retention_cite(cite: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The test pack whose retention rule cites ``cite``, beside another body's pack."""
    data = pack()
    data["rules"]["retention_years"] = {"value": 3, "cite": cite, **extra}
    return data


def other_body() -> dict[str, Any]:
    return pack(
        "other-2020", line="other", governs=[], acts=[act("other-1")], rules={"methods": []}
    )


def test_a_value_borrowed_from_another_body_loads_marked() -> None:
    data = with_retention_cite(
        {"act": "other-1", "p": "57", "quote": "үштен екісі", "borrowed": True},
        unverified=True,
        note=NOTE,
    )
    rules = load(data, other_body(), typical()).pack("body-2020").rules
    assert rules.retention_years is not None
    assert rules.retention_years.cite == Cite("other-1", "57", "үштен екісі", borrowed=True)
    assert unverified_parameters(rules) == ("retention_years",)


@pytest.mark.parametrize(
    ("cite", "extra", "key", "reason"),
    [
        # Another body's act cited as if it were the body's own.
        ({"act": "other-1", "p": "57"}, {}, "cite.act", "another body's act"),
        ({"act": "other-1", "p": "57", "borrowed": True}, {}, "unverified", "unverified"),
        ({"act": "base-1", "p": "5", "borrowed": True}, {"unverified": True}, "borrowed", "own"),
        (
            {"act": "typ-2019", "borrowed": True},
            {"unverified": True},
            "borrowed",
            "via_typical",
        ),
        (
            {"act": "other-1", "borrowed": True, "restated_in": {"act": "base-1", "p": "1"}},
            {"unverified": True},
            "borrowed",
            "quoted itself",
        ),
        (
            {"act": "typ-2019", "restated_in": {"act": "other-1", "p": "1", "borrowed": True}},
            {},
            "restated_in.borrowed",
            "restating paragraph",
        ),
    ],
)
def test_a_citation_of_another_body_must_be_borrowed_and_unverified(
    cite: dict[str, Any], extra: dict[str, Any], key: str, reason: str
) -> None:
    if extra.get("unverified"):
        extra = {**extra, "note": NOTE}
    with pytest.raises(PackError) as err:
        load(with_retention_cite(cite, **extra), other_body(), typical())
    assert err.value.file == "body-2020.yaml"
    assert err.value.path.startswith("rules.retention_years")
    assert key in err.value.path
    assert reason in err.value.reason


def test_pack_ids_are_unique() -> None:
    with pytest.raises(PackError, match="unique"):
        load_registry({"a.yaml": pack(), "b.yaml": pack()})


def test_amending_version_restates_only_changes_and_deletes_with_null() -> None:
    amendment = {
        "id": "body-2021",
        "extends": "body-2020",
        "acts": [act("amend-2", role="amendment", published="2021-03-01")],
        "rules": {
            "retention_years": {"value": 5, "cite": {"act": "amend-2", "p": "1"}},
            "bands": None,
        },
    }
    registry = load_registry({"a.yaml": pack(), "b.yaml": amendment})
    old, new = registry.pack("body-2020"), registry.pack("body-2021")
    assert old.valid.end == date(2021, 2, 28)
    assert new.valid.start == date(2021, 3, 1)
    assert [a.id for a in new.acts] == ["base-1", "amend-2"]
    assert new.rules.retention_years is not None and new.rules.retention_years.value == 5
    assert new.rules.bands is None
    assert new.rules.methods == old.rules.methods
    assert new.governs == old.governs


def test_version_in_force_on_a_date_and_fallback_to_typical() -> None:
    registry = load(pack(), typical())
    assert registry.in_force("body-a", date(2020, 1, 15)).id == "body-2020"
    # Before its own methodology a body applies the Typical Methodology (DOMAIN.md §6).
    assert registry.in_force("body-a", date(2020, 1, 14)).id == "typ-2019"
    assert registry.in_force(None, date(2024, 1, 1)).id == "typ-2019"


def test_typical_versions_follow_each_other() -> None:
    registry = load(typical(), typical("typ-2025", "2025-08-01"))
    assert registry.in_force(None, date(2025, 7, 31)).id == "typ-2019"
    assert registry.in_force(None, date(2025, 8, 1)).id == "typ-2025"
    assert registry.pack("typ-2019").valid.end == date(2025, 7, 31)


def test_no_methodology_in_force_is_refused() -> None:
    registry = load(pack())
    with pytest.raises(DomainError) as err:
        registry.in_force("body-a", date(2019, 12, 31))
    assert err.value.code is ErrorCode.NO_METHODOLOGY_IN_FORCE
    assert err.value.params == {"body": "body-a", "date": date(2019, 12, 31)}


def test_after_repeal_the_repealed_version_is_not_applied() -> None:
    repealed = pack(acts=[act("base-1"), act("repeal-9", role="repeal", published="2022-06-01")])
    registry = load(repealed, typical())
    assert registry.pack("body-2020").valid.end == date(2022, 5, 31)
    assert registry.in_force("body-a", date(2022, 5, 31)).id == "body-2020"
    with pytest.raises(DomainError) as err:
        registry.in_force("body-a", date(2022, 6, 1))
    assert err.value.code is ErrorCode.METHODOLOGY_REPEALED
    assert err.value.params["act"] == "9"
    assert err.value.cite is not None and err.value.cite.act == "repeal-9"


def test_unknown_body_and_pack() -> None:
    registry = load(pack())
    with pytest.raises(DomainError) as err:
        registry.body("nobody")
    assert err.value.code is ErrorCode.UNKNOWN_BODY
    with pytest.raises(DomainError) as err:
        registry.pack("nopack")
    assert err.value.code is ErrorCode.UNKNOWN_PACK
    assert [b.code for b in registry.bodies()] == ["body-a"]


def test_a_method_provision_with_an_end_date_is_not_applied_after_it() -> None:
    data = pack()
    data["rules"]["methods"].append(
        {
            "method": "count_kpi",
            "audience": "all",
            "period": "quarter",
            "cite": {"act": "base-1", "p": "43"},
            "in_force": {"from": "2020-01-15", "to": "2023-08-31"},
        }
    )
    loaded = load(data).pack("body-2020")
    assert Method.COUNT_KPI in {m.method for m in loaded.methods_on(date(2023, 8, 31))}
    assert Method.COUNT_KPI not in {m.method for m in loaded.methods_on(date(2023, 9, 1))}


def test_unverified_values_are_listed() -> None:
    data = pack()
    note = {"kk": "дереккөздерде жоқ", "ru": "в источниках нет", "en": "not in the sources"}
    data["rules"]["retention_years"].update(unverified=True, note=note)
    assert unverified_parameters(load(data).pack("body-2020").rules) == ("retention_years",)


@pytest.mark.parametrize(
    ("paragraph", "where"),
    [
        ("32", ("paragraph", "32")),
        ("44-45", ("paragraphs", "44-45")),
        ("app. 4", ("appendix", "4")),
        ("app. 1-1", ("appendix", "1-1")),
        ("", ("none", "")),
        ("ch. 6", ("other", "ch. 6")),
    ],
)
def test_a_citation_says_what_kind_of_place_it_cites(
    paragraph: str, where: tuple[str, str]
) -> None:
    assert Cite("base-1", paragraph).where() == where


@pytest.mark.parametrize(
    "cite",
    [
        Cite("shakhtinsk-278-5", "32"),
        Cite("atyrau-105", "app. 9"),
        Cite("agency-order-13-2018", via_typical=True),
        Cite("agency-order-13-2018", restated_in=Cite("shakhtinsk-278-5", "10")),
        Cite("atyrau-105", "57", borrowed=True),
    ],
)
def test_a_citation_label_reads_back(cite: Cite) -> None:
    assert Cite.from_label(cite.label()) == cite


@pytest.mark.parametrize("text", ["scan", "close started on 2026-04-01", "", "refusal act"])
def test_other_text_is_no_citation_label(text: str) -> None:
    assert Cite.from_label(text) is None

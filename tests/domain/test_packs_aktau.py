"""Aktau city akimat: No. 645 of 02.04.2018 (reg. No. 3572) and its amendment
No. 02-02/431 of 29.03.2022 (seed 000): the three bodies it governs, the versions in
time, the commission (p5), written familiarization with a refusal act (p41)."""

from __future__ import annotations

from datetime import date

import pytest

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import ActRole, EntryRule
from bagalau.domain.methodology import (
    FamiliarizationMode,
    Method,
    Pack,
    Registry,
    unverified_parameters,
)
from bagalau.packs import load_directory

BODIES = (
    "aktau-city-akim-apparatus",
    "omirzaq-rural-akim-apparatus",
    "aktau-city-executive-bodies",
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_directory()


@pytest.fixture(scope="module")
def amended(registry: Registry) -> Pack:
    return registry.pack("aktau-2022")


@pytest.mark.parametrize(
    ("code", "kind", "name_ru"),
    [
        ("aktau-city-akim-apparatus", "akim_apparatus", "ГУ «Аппарат акима города Актау»"),
        ("omirzaq-rural-akim-apparatus", "akim_apparatus", "ГУ «Аппарат акима села Умирзак»"),
        (
            "aktau-city-executive-bodies",
            "local_executive_body",
            "Городские исполнительные органы, финансируемые из местного бюджета",
        ),
    ],
)
def test_bodies(registry: Registry, code: str, kind: str, name_ru: str) -> None:
    body = registry.body(code)
    assert (body.kind, body.name.ru, body.region.en) == (kind, name_ru, "Mangystau Region")


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize(
    ("day", "pack_id"),
    [
        (date(2018, 4, 2), "aktau-2018"),
        (date(2021, 12, 31), "aktau-2018"),
        (date(2022, 3, 28), "aktau-2018"),
        (date(2022, 3, 29), "aktau-2022"),  # from publication, taken as the adoption day
        (date(2024, 1, 1), "aktau-2022"),
    ],
)
def test_version_in_force(registry: Registry, body: str, day: date, pack_id: str) -> None:
    assert registry.in_force(body, day).id == pack_id


def test_nothing_governs_before_no_645(registry: Registry) -> None:
    # The Typical Methodology in the packs starts in 2022: no version to fall back to.
    with pytest.raises(DomainError) as err:
        registry.in_force("aktau-city-akim-apparatus", date(2018, 3, 1))
    assert err.value.code is ErrorCode.NO_METHODOLOGY_IN_FORCE


def test_acts(amended: Pack) -> None:
    base, amendment = amended.act("aktau-645"), amended.act("aktau-02-02-431")
    assert (base.role, base.number, base.adopted, base.registration) == (
        ActRole.BASE,
        "645",
        date(2018, 4, 2),
        "3572",
    )
    assert base.date_unverified
    assert (amendment.role, amendment.number, amendment.adopted) == (
        ActRole.AMENDMENT,
        "02-02/431",
        date(2022, 3, 29),
    )
    assert amendment.entry is EntryRule.ON_PUBLICATION
    assert amendment.published is None and amendment.entry_date_unverified


def test_base_version_states_no_rule(registry: Registry) -> None:
    rules = registry.pack("aktau-2018").rules
    assert rules.methods == ()
    assert rules.commission is None
    assert rules.familiarization is None
    assert rules.kpi is None and rules.ranking is None and rules.survey360 is None
    assert rules.deadlines == ()


def test_commission_of_at_least_five(amended: Pack) -> None:
    commission = amended.rules.commission
    assert commission is not None
    assert commission.min_members.value == 5
    assert (commission.min_members.cite.act, commission.min_members.cite.paragraph) == (
        "aktau-02-02-431",
        "5",
    )
    assert not commission.min_members.unverified
    assert commission.working_body is not None
    assert commission.working_body.value.kk.startswith("персоналды басқару қызметі")
    (method,) = amended.rules.methods
    assert method.method is Method.COMMISSION
    assert method.unverified  # the periods are in No. 645, not in the sources


def test_meeting_rules_are_unverified(amended: Pack) -> None:
    assert unverified_parameters(amended.rules) == (
        "commission.quorum",
        "commission.open_vote",
        "commission.chair_casting_vote",
        "commission.secretary_votes",
        "methods.0",
    )


# No. 645 is not in the sources; the only text with these rules is Atyrau's chapter 6
# (seed 001), so they are borrowed from it, unverified, not cited as the Typical act.
@pytest.mark.parametrize(
    ("rule", "value", "paragraph", "quoted"),
    [
        ("quorum", (2, 3), "57", "кем дегенде үштен екісі қатысқан жағдайда өкілетті"),
        ("open_vote", True, "59", "ашық дауыс беру арқылы қабылданады"),
        ("chair_casting_vote", True, "60", "комиссия төрағасының дауысы шешуші болып табылады"),
        ("secretary_votes", False, "61", "хатшысы дауыс беруге қатыспайды"),
    ],
)
def test_meeting_rules_are_borrowed_from_atyrau(
    registry: Registry, amended: Pack, rule: str, value: object, paragraph: str, quoted: str
) -> None:
    commission = amended.rules.commission
    atyrau = registry.pack("atyrau-2023-105").rules.commission
    assert commission is not None and atyrau is not None
    cited, source = getattr(commission, rule), getattr(atyrau, rule)
    assert cited.value == value == source.value
    assert (cited.cite.act, cited.cite.paragraph, cited.cite.borrowed) == (
        "atyrau-105",
        paragraph,
        True,
    )
    assert not cited.cite.via_typical and cited.cite.restated_in is None
    assert quoted in cited.cite.quote and cited.cite.quote == source.cite.quote
    assert "atyrau-105" not in {a.id for a in amended.acts}  # not one of Aktau's acts
    assert cited.unverified and cited.note is not None
    assert "under No. 645 is not in the sources" in cited.note.en
    assert f"No. 105 (seed 001, p{paragraph})" in cited.note.en
    assert "not verified for this body" in cited.note.en
    assert f"пункт {paragraph})" in cited.note.ru and f"{paragraph}-тармақ)" in cited.note.kk


def test_written_familiarization_with_refusal_act(amended: Pack) -> None:
    familiarization = amended.rules.familiarization
    assert familiarization is not None
    assert familiarization.mode.value is FamiliarizationMode.WRITTEN
    assert familiarization.mode.cite.paragraph == "41"
    assert familiarization.refusal_act_witnesses is not None
    assert familiarization.refusal_act_witnesses.value == 2
    assert familiarization.refusal_delivery is not None
    assert [c.code for c in familiarization.refusal_delivery.value] == [
        "intranet",
        "hr_database",
        "edoc",
    ]
    assert familiarization.absent_means is None


def test_p40_deadline_is_not_invented(amended: Pack) -> None:
    # p41 sends the results "within the deadline of p40", whose text is not in the sources.
    assert amended.rules.deadlines == ()


def test_no_kpi_generation_rules_copied(amended: Pack) -> None:
    rules = amended.rules
    assert rules.kpi is None and rules.ranking is None and rules.survey360 is None
    assert rules.calibration is None and rules.bands is None

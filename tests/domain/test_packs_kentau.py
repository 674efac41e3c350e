"""The Kentau packs against the legal text (seed 003: decision No. 131 of 30.03.2022
amending No. 161 of 24.05.2018; repealed by No. 33 of 08.08.2023).

Plain pytest, no database: every expected value below is read off the seed by hand.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pytest

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import ActRole, EntryRule, Text
from bagalau.domain.methodology import (
    Audience,
    BehaviouralIndicators,
    FamiliarizationMode,
    Method,
    Pack,
    Registry,
    iter_cites,
    unverified_parameters,
)
from bagalau.packs import load_directory

BODY = "kentau-maslikhat"


@lru_cache(maxsize=1)
def registry() -> Registry:
    return load_directory()


def pack(pack_id: str = "kentau-2022") -> Pack:
    return registry().pack(pack_id)


def indicators() -> tuple[BehaviouralIndicators, ...]:
    cited = pack().rules.behavioural_indicators
    assert cited is not None
    return cited.value


# --- the body, the acts, and which version governs when (DOMAIN.md §5) ------------


def test_the_body_it_governs() -> None:
    body = registry().body(BODY)
    assert body.kind == "maslikhat_apparatus"
    assert body.region.en == "Turkistan region"
    assert "Кентау қалалық мәслихатының аппараты" in body.name.kk


def test_the_acts_of_each_version() -> None:
    assert [(a.id, a.role) for a in pack("kentau-2018").acts] == [("kentau-161-2018", ActRole.BASE)]
    acts = pack().acts
    assert [(a.id, a.role, a.number, a.adopted) for a in acts] == [
        ("kentau-161-2018", ActRole.BASE, "161", date(2018, 5, 24)),
        ("kentau-131-2022", ActRole.AMENDMENT, "131", date(2022, 3, 30)),
        ("kentau-33-2023", ActRole.REPEAL, "33", date(2023, 8, 8)),
    ]
    assert acts[0].registration == "4631"
    # "алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң" (No. 131
    # p2, and the seed's note on No. 33); no publication date is in the sources.
    for act in acts:
        assert act.entry is EntryRule.DAYS_AFTER_PUBLICATION
        assert act.entry_days == 10
        assert act.entry_date_unverified
        assert act.note


def test_validity_of_the_versions() -> None:
    assert pack("kentau-2018").valid.start == date(2018, 6, 4)
    assert pack("kentau-2018").valid.end == date(2022, 4, 9)
    assert pack().valid.start == date(2022, 4, 10)
    assert pack().valid.end == date(2023, 8, 18)
    assert [p.id for p in registry().versions(BODY)] == ["kentau-2018", "kentau-2022"]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2018, 6, 4), "kentau-2018"),
        (date(2020, 12, 31), "kentau-2018"),
        (date(2022, 4, 9), "kentau-2018"),
        (date(2022, 4, 10), "kentau-2022"),
        (date(2022, 12, 31), "kentau-2022"),
        (date(2023, 8, 18), "kentau-2022"),
    ],
)
def test_the_version_in_force(day: date, expected: str) -> None:
    assert registry().in_force(BODY, day).id == expected


@pytest.mark.parametrize("day", [date(2023, 8, 19), date(2023, 10, 1), date(2025, 9, 1)])
def test_refused_after_the_repeal(day: date) -> None:
    with pytest.raises(DomainError) as err:
        registry().in_force(BODY, day)
    assert err.value.code is ErrorCode.METHODOLOGY_REPEALED
    assert err.value.params["act"] == "33"
    assert err.value.params["pack"] == "kentau-2022"
    assert err.value.params["until"] == date(2023, 8, 18)
    assert err.value.cite is not None and err.value.cite.act == "kentau-33-2023"


# --- the base No. 161 is not in the sources: it states nothing --------------------


def test_the_base_version_states_no_rule() -> None:
    rules = pack("kentau-2018").rules
    assert rules.methods == ()
    assert rules.commission is None
    assert rules.familiarization is None
    assert rules.behavioural_indicators is None
    assert list(iter_cites(rules, "rules")) == []


def test_no_2022_typical_rules_are_copied_in() -> None:
    for pack_id in ("kentau-2018", "kentau-2022"):
        rules = pack(pack_id).rules
        assert (rules.kpi, rules.ranking, rules.survey360, rules.calibration) == (
            None,
            None,
            None,
            None,
        )
        assert rules.bands is None
        assert rules.deadlines == ()


# --- No. 131: p5 commission, p40 familiarization, p41 deleted ---------------------


def test_commission_of_at_least_five() -> None:
    commission = pack().rules.commission
    assert commission is not None
    assert commission.min_members.value == 5
    assert not commission.min_members.unverified
    assert commission.min_members.cite.act == "kentau-131-2022"
    assert commission.min_members.cite.paragraph == "5"
    assert "5 адамнан кем болмауы тиіс" in commission.min_members.cite.quote
    assert commission.working_body is not None
    assert commission.working_body.value.kk.startswith("персоналды басқару қызметі")


# Not in the Kentau sources: their only source is Atyrau's chapter 6 (seed 001), so they
# are borrowed from it, unverified, never cited as the Typical Methodology.
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
    rule: str, value: object, paragraph: str, quoted: str
) -> None:
    commission = pack().rules.commission
    atyrau = registry().pack("atyrau-2023-105").rules.commission
    assert commission is not None and atyrau is not None
    cited, source = getattr(commission, rule), getattr(atyrau, rule)
    assert cited.value == value
    assert (cited.cite.act, cited.cite.paragraph, cited.cite.borrowed) == (
        "atyrau-105",
        paragraph,
        True,
    )
    assert not cited.cite.via_typical and cited.cite.restated_in is None
    assert quoted in cited.cite.quote
    # The quote is Atyrau's own, as its pack cites it for its commission.
    assert (cited.cite.quote, cited.value) == (source.cite.quote, source.value)
    assert not source.cite.borrowed
    assert cited.unverified and cited.note is not None
    assert f"No. 105 (seed 001, p{paragraph})" in cited.note.en
    assert "not verified for this body" in cited.note.en
    assert f"№ 105 (источник 001, пункт {paragraph})" in cited.note.ru
    assert f"№ 105 қаулысы (001 дереккөз, {paragraph}-тармақ)" in cited.note.kk


def test_the_commission_method_is_flagged() -> None:
    (method,) = pack().rules.methods
    assert method.method is Method.COMMISSION
    assert method.audience is Audience.ALL
    assert (method.cite.act, method.cite.paragraph) == ("kentau-131-2022", "5")
    assert method.unverified and method.note


def test_written_familiarization_with_a_refusal_act() -> None:
    familiarization = pack().rules.familiarization
    assert familiarization is not None
    assert familiarization.mode.value is FamiliarizationMode.WRITTEN
    assert familiarization.mode.cite.paragraph == "40"
    assert "жазбаша түрде жүргізіледі" in familiarization.mode.cite.quote
    witnesses = familiarization.refusal_act_witnesses
    assert witnesses is not None
    assert witnesses.value == 2
    assert "басқа екі қызметшісімен" in witnesses.cite.quote
    delivery = familiarization.refusal_delivery
    assert delivery is not None
    assert [m.code for m in delivery.value] == ["intranet", "hr_database", "edoc"]
    assert delivery.cite.paragraph == "40"


def test_paragraph_41_is_deleted() -> None:
    paragraphs = {(c.act, c.paragraph) for _, c in iter_cites(pack().rules, "rules")}
    assert ("kentau-131-2022", "41") not in paragraphs
    assert ("kentau-161-2018", "41") not in paragraphs
    assert any("41" in note.en and "deleted" in note.en for note in pack().notes)


def test_unverified_parameters_are_exactly_those_the_sources_lack() -> None:
    assert set(unverified_parameters(pack().rules)) == {
        "commission.quorum",
        "commission.open_vote",
        "commission.chair_casting_vote",
        "commission.secretary_votes",
        "methods.0",
    }
    assert unverified_parameters(pack("kentau-2018").rules) == ()


# --- appendix 4: behavioural indicators of competencies ---------------------------

# (competency, heads E-2/E-3 effective, ineffective, staff E-3/E-4 effective, ineffective)
# counted off the appendix's table as printed.
APPENDIX_4 = [
    ("management", 4, 4, 4, 4),
    ("cooperation", 4, 4, 3, 3),
    ("decision_making", 5, 5, 2, 3),
    ("customer_orientation", 3, 3, 3, 3),
    ("customer_informing", 2, 3, 3, 3),
    ("promptness", 3, 3, 4, 4),
    ("self_development", 3, 3, 3, 3),
    ("integrity", 6, 5, 3, 3),
    ("stress_resistance", 1, 1, 1, 1),
    ("responsibility", 1, 1, 1, 1),
    ("initiative", 1, 1, 1, 1),
]


def test_appendix_4_is_cited() -> None:
    cited = pack().rules.behavioural_indicators
    assert cited is not None
    assert (cited.cite.act, cited.cite.paragraph) == ("kentau-131-2022", "app. 4")
    assert not cited.unverified


def test_every_competency_and_group_with_its_counts() -> None:
    found = [
        (
            c.competency.code,
            len(c.groups[0].effective),
            len(c.groups[0].ineffective),
            len(c.groups[1].effective),
            len(c.groups[1].ineffective),
        )
        for c in indicators()
    ]
    assert found == APPENDIX_4
    total = sum(len(g.effective) + len(g.ineffective) for c in indicators() for g in c.groups)
    assert total == 123


def test_category_groups_as_the_appendix_prints_them() -> None:
    for competency in indicators():
        heads, staff = competency.groups
        assert heads.categories == ("E-2", "E-3")
        assert heads.label.kk == "Е-2; Е-3 (құрылымдық бөлімшенің басшысы)"
        assert heads.label.en == "E-2; E-3 (head of a structural unit)"
        assert staff.categories == ("E-3", "E-4")
        assert staff.label.kk == "Е-3; * Е-4"
        # E-3 is in both: "(құрылымдық бөлімшенің басшысы)" tells them apart.
        assert (heads.heads_of_units, staff.heads_of_units) == (True, False)


def _texts() -> list[Text]:
    texts: list[Text] = []
    for competency in indicators():
        texts.append(competency.competency.name)
        for group in competency.groups:
            texts += [group.label, *group.effective, *group.ineffective]
    return texts


def test_every_item_in_three_languages() -> None:
    for text in _texts():
        assert text.kk.strip() and text.ru.strip() and text.en.strip(), text
        for value in (text.kk, text.ru, text.en):
            assert value == value.strip()
            assert not value.endswith((";", ",")), value


def test_competency_names() -> None:
    assert [(c.competency.name.kk, c.competency.name.ru) for c in indicators()] == [
        ("Қызметтік басқару", "Управление деятельностью"),
        ("Ынтымақтастық", "Сотрудничество"),
        ("Шешім қабылдау", "Принятие решений"),
        ("Қызметті тұтынушыға бағдарлану", "Ориентация на потребителя услуг"),
        ("Қызметті тұтынушыға ақпараттандыру", "Информирование потребителя услуг"),
        ("Жеделділік", "Оперативность"),
        ("Өздігінен даму", "Саморазвитие"),
        ("Адалдық", "Добропорядочность"),
        ("Стресске орнықтылық", "Стрессоустойчивость"),
        ("Жауапкершілік", "Ответственность"),
        ("Бастамашылдық", "Инициативность"),
    ]


def test_items_verbatim_from_the_appendix() -> None:
    by_code = {c.competency.code: c for c in indicators()}
    management = by_code["management"].groups[0]
    assert management.effective[0].kk == (
        "Бөлімшенің қызметін жоспарлау мен қамтамасыз етуге қажетті ақпараттарды "
        "жинақтап, талдайды және басшылыққа енгізеді"
    )
    # Rows split by the PDF's page breaks are joined.
    cooperation = by_code["cooperation"].groups[1]
    assert cooperation.effective[0].kk == (
        "Ұжымның жұмысына үлесін қосады және қажет болған жағдайда түсіндірме үшін аса "
        "тәжірибелі әріптестеріне жүгінеді"
    )
    responsibility = by_code["responsibility"].groups[0]
    assert responsibility.ineffective[0].kk == (
        "Құрылымдық бөлімшенің қызметін ұйымдастыру жауапкершілігін басқа лауазымды тұлғаға артады"
    )
    informing = by_code["customer_informing"].groups[0]
    assert informing.ineffective[-1].kk == "Қызмет алушылардың пікірін елемейді"
    initiative = by_code["initiative"].groups[1]
    assert initiative.ineffective[0].kk == (
        "Ұсыныстар мен бастамаларын енгізбейді және өзінің негізгі міндеттерінен басқа "
        "қосымша жұмыстарды орындамайды"
    )
    # The same wording for both groups of stress resistance, as printed.
    heads, staff = by_code["stress_resistance"].groups
    assert heads.effective == staff.effective
    assert heads.ineffective == staff.ineffective


def test_every_cited_act_is_in_the_registry() -> None:
    known = {a.id for p in registry().packs for a in p.acts}
    for pack_id in ("kentau-2018", "kentau-2022"):
        for path, cite in iter_cites(pack(pack_id).rules, "rules"):
            assert cite.act in known, path

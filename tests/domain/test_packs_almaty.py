"""The Almaty region packs against the legal text (seed 002: resolution No. 266 of
27.06.2017 amending No. 97 of 03.03.2017; repealed by No. 106 of 06.03.2018).

Plain pytest, no database: every expected value below is read off the seed by hand.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pytest

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import ActRole, EntryRule
from bagalau.domain.methodology import (
    Audience,
    BonusLevel,
    Method,
    Pack,
    Registry,
    iter_cites,
    unverified_parameters,
)
from bagalau.packs import load_directory

BODY = "almaty-region-akimat"


@lru_cache(maxsize=1)
def registry() -> Registry:
    return load_directory()


def pack(pack_id: str = "almaty-2017-266") -> Pack:
    return registry().pack(pack_id)


def levels() -> tuple[BonusLevel, ...]:
    cited = pack().rules.bonus_points
    assert cited is not None
    return cited.value


# --- the body, the acts, and which version governs when (DOMAIN.md §5) ------------


def test_the_body_it_governs() -> None:
    body = registry().body(BODY)
    assert body.kind == "akimat"
    assert body.region.en == "Almaty region"
    assert "жергілікті атқарушы органдары" in body.name.kk
    assert "local executive bodies" in body.name.en.lower()


def test_the_acts_of_each_version() -> None:
    base = pack("almaty-2017").act("almaty-97-2017")
    assert (base.role, base.number, base.adopted) == (ActRole.BASE, "97", date(2017, 3, 3))
    assert base.registration == "4159"
    # "2017 жылдың 1 сәуірінде "Жетісу", "Огни Алатау" газеттерінде жарияланған"
    assert base.published == date(2017, 4, 1)
    assert base.date_unverified  # its own entry clause is not in the sources

    acts = pack().acts
    assert [(a.id, a.role) for a in acts] == [
        ("almaty-97-2017", ActRole.BASE),
        ("almaty-266-2017", ActRole.AMENDMENT),
        ("almaty-106-2018", ActRole.REPEAL),
    ]
    amendment = pack().act("almaty-266-2017")
    assert (amendment.number, amendment.adopted) == ("266", date(2017, 6, 27))
    assert amendment.registration == "4283"
    assert amendment.entry is EntryRule.DAYS_AFTER_PUBLICATION
    assert amendment.entry_days == 10
    assert amendment.entry_date_unverified
    repeal = pack().act("almaty-106-2018")
    assert (repeal.number, repeal.adopted) == ("106", date(2018, 3, 6))
    assert repeal.entry is EntryRule.DAYS_AFTER_PUBLICATION
    assert repeal.entry_days == 10
    assert repeal.entry_date_unverified


def test_validity_of_the_versions() -> None:
    assert pack("almaty-2017").valid.start == date(2017, 4, 12)
    assert pack("almaty-2017").valid.end == date(2017, 8, 6)
    # Not before its registration on 27.07.2017, ten full days after publication.
    assert pack().valid.start == date(2017, 8, 7)
    assert pack().valid.end == date(2018, 3, 16)
    assert [p.id for p in registry().versions(BODY)] == ["almaty-2017", "almaty-2017-266"]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2017, 4, 12), "almaty-2017"),
        (date(2017, 6, 30), "almaty-2017"),
        (date(2017, 8, 6), "almaty-2017"),
        (date(2017, 8, 7), "almaty-2017-266"),
        (date(2017, 12, 31), "almaty-2017-266"),
        (date(2018, 3, 16), "almaty-2017-266"),
    ],
)
def test_the_version_in_force(day: date, expected: str) -> None:
    assert registry().in_force(BODY, day).id == expected


@pytest.mark.parametrize("day", [date(2018, 3, 17), date(2018, 7, 1), date(2023, 1, 1)])
def test_refused_after_the_repeal(day: date) -> None:
    with pytest.raises(DomainError) as err:
        registry().in_force(BODY, day)
    assert err.value.code is ErrorCode.METHODOLOGY_REPEALED
    assert err.value.params["act"] == "106"
    assert err.value.params["pack"] == "almaty-2017-266"
    assert err.value.params["until"] == date(2018, 3, 16)
    assert err.value.cite is not None and err.value.cite.act == "almaty-106-2018"


# --- the base No. 97 is not in the sources: it states nothing ---------------------


def test_the_base_version_states_no_rule() -> None:
    rules = pack("almaty-2017").rules
    assert rules.methods == ()
    assert rules.bonus_points is None
    assert list(iter_cites(rules, "rules")) == []


def test_no_later_generation_rules_are_copied_in() -> None:
    for pack_id in ("almaty-2017", "almaty-2017-266"):
        rules = pack(pack_id).rules
        assert (rules.kpi, rules.ranking, rules.survey360, rules.calibration) == (
            None,
            None,
            None,
            None,
        )
        assert (rules.bands, rules.commission, rules.behavioural_indicators) == (
            None,
            None,
            None,
        )
        cites = [c for _, c in iter_cites(rules, "rules")]
        assert not any(c.via_typical for c in cites)
        assert {c.act for c in cites} <= {"almaty-266-2017"}


# --- No. 266: p17, p18 and appendix 1-1, the bonus-point scale --------------------

# Appendix 1-1 as printed: points -> number of activities listed for that level.
APPENDIX_1_1 = {5: 10, 4: 5, 3: 3, 2: 2, 1: 4}


def test_the_bonus_points_method() -> None:
    (method,) = pack().rules.methods
    assert method.method is Method.BONUS_POINTS
    assert method.audience is Audience.ALL
    assert method.period == "quarter"
    assert (method.cite.act, method.cite.paragraph) == ("almaty-266-2017", "18")
    assert "тікелей басшымен балл қойылады" in method.cite.quote
    # The period is not in the act.
    assert method.unverified and method.note
    assert unverified_parameters(pack().rules) == ("methods.0",)


def test_the_scale_is_plus_one_to_plus_five() -> None:
    cited = pack().rules.bonus_points
    assert cited is not None
    assert (cited.cite.act, cited.cite.paragraph) == ("almaty-266-2017", "app. 1-1")
    assert not cited.unverified
    assert sorted(level.points for level in levels()) == [1, 2, 3, 4, 5]
    assert [level.points for level in levels()] == [5, 4, 3, 2, 1]  # the appendix's order


def test_activities_per_level_as_in_the_appendix() -> None:
    assert {level.points: len(level.activities) for level in levels()} == APPENDIX_1_1
    assert sum(len(level.activities) for level in levels()) == 24


def test_every_activity_in_three_languages() -> None:
    seen: set[str] = set()
    for level in levels():
        for activity in level.activities:
            assert activity.kk.strip() and activity.ru.strip() and activity.en.strip()
            assert activity.kk not in seen
            seen.add(activity.kk)


def test_activities_verbatim_from_the_appendix() -> None:
    by_points = {level.points: level.activities for level in levels()}
    assert by_points[5][0].kk == "Нормативтік құқықтық актілердің жобаларын әзірлеу"
    assert by_points[5][-1].kk == (
        "Қосымша зерделуді және тексеруді талап ететін өтініштерді қарау"
    )
    assert by_points[4][2].kk == "Тәлімгерлік қызметті жүзеге асыру"
    assert by_points[3][0].kk == (
        '"Қызмет бабында пайдалану үшін" белгісі бар құжаттармен жұмыс жасау'
    )
    assert by_points[2][1].ru == (
        "Разъяснение нормативных правовых актов, применяемых в работе государственного "
        "органа в соответствии с его спецификой"
    )
    assert by_points[1][-1].kk == (
        "Ұжымның қоғамдық өміріне қатысу (ұжымның спорттық, мәдени іс-шараларына)"
    )


def test_paragraphs_17_and_18_are_restated() -> None:
    notes = [n.kk for n in pack().notes]
    assert any(n.startswith("17. Көтермелеу балдары") for n in notes)
    assert any(n.startswith("18. ") and "тікелей басшымен" in n for n in notes)


def test_every_cited_act_is_in_the_registry() -> None:
    known = {a.id for p in registry().packs for a in p.acts}
    for pack_id in ("almaty-2017", "almaty-2017-266"):
        for path, cite in iter_cites(pack(pack_id).rules, "rules"):
            assert cite.act in known, path

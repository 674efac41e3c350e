"""Who does what in the procedure, held as cited rules for a later commission and
calibration feature: Shakhtinsk p16 (disputes about the procedure), p17-19 (the roles'
duties), p38 (who approves a calibration session's members); Atyrau No. 105 p62-63 and
p66 (the Commission's meeting, how its results are approved and recorded).

Plain pytest, no database: every expected value is read off the seeds by hand.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest

from bagalau.domain.law import Cited
from bagalau.domain.methodology import Registry, Rules, iter_parameters, load_registry
from bagalau.domain.plaindata import PackError
from bagalau.packs import load_directory
from tests.domain.packdata import T, pack


@lru_cache(maxsize=1)
def registry() -> Registry:
    return load_directory()


def cited(pack_id: str, key: str) -> Cited[Any]:
    return dict(iter_parameters(registry().pack(pack_id).rules))[key]


# (key, paragraph, codes in the act's order, a Kazakh item verbatim from the seed)
SHAKHTINSK = [
    (
        "duties.evaluator",
        "17",
        ["communicate_goals", "kpi_on_time", "monitoring_and_feedback", "calibration_and_disputes"],
        "НМИ уақытылы қоюды, келісу мен бекітуді қамтамасыз ету",
    ),
    (
        "duties.evaluated",
        "18",
        ["self_monitoring", "self_assessment", "result_meetings"],
        "360 әдісі бойынша оның қызметін бағалау шенберінде уақтылы өзін-өзі бағалауды жүргізу",
    ),
    (
        "duties.authorized_person",
        "19",
        ["organize", "kpi_review", "help_settle_disputes", "calibration", "documents_and_records"],
        "НМИ уақтылы талдау мен келісу",
    ),
    ("procedure_disputes", "16", ["authorized_person"], "уәкілетті тұлға"),
    ("calibration.members_approved_by", "38", ["appointing_official"], "лауазымды тұлға"),
]


@pytest.mark.parametrize("version", ["shakhtinsk-2023", "shakhtinsk-2024"])
@pytest.mark.parametrize(("key", "paragraph", "codes", "kk"), SHAKHTINSK)
def test_shakhtinsk_procedure_rules(
    version: str, key: str, paragraph: str, codes: list[str], kk: str
) -> None:
    rule = cited(version, key)
    items = rule.value if isinstance(rule.value, tuple) else (rule.value,)
    assert [i.code for i in items] == codes
    assert any(kk in i.name.kk for i in items)
    assert all(i.name.kk and i.name.ru and i.name.en for i in items)
    assert (rule.cite.act, rule.cite.paragraph) == ("shakhtinsk-278-5", paragraph)
    assert rule.cite.quote and not rule.unverified


@pytest.mark.parametrize(
    ("key", "quoted"),
    [
        ("duties.evaluator", "Бағалаушы тұлға келесілерді қамтамасыз етеді"),
        ("duties.evaluated", "Бағаланатын тұлға келесілерді қамтамасыз етеді"),
        ("duties.authorized_person", "Уәкілетті тұлға келесілерді қамтамасыз етеді"),
        (
            "procedure_disputes",
            "келіспеушіліктерді барлық мұдделі адамдар мен тараптардың жәрдемдесуімен "
            "уәкілетті тұлғамен қарастырады",
        ),
        ("calibration.members_approved_by", "шешім қабылдайды және және оның құрамын бекітеді"),
    ],
)
def test_shakhtinsk_quotes(key: str, quoted: str) -> None:
    assert quoted in cited("shakhtinsk-2023", key).cite.quote


def test_the_typical_pack_holds_no_duties_its_text_not_being_in_the_sources() -> None:
    rules: Rules = registry().pack("typical-2022").rules
    assert rules.duties is None and rules.procedure_disputes is None
    assert rules.calibration is not None and rules.calibration.members_approved_by is None


ATYRAU = [
    ("commission.meeting_arranged_by", "62", ["hr_service"], "Комиссия отырысының өткізілуін"),
    ("commission.meeting_dates_agreed_with", "62", ["chair"], "Комиссия төрағасымен келісілген"),
    (
        "commission.meeting_documents",
        "63",
        ["evaluation_sheets", "draft_protocol"],
        "толтырылған бағалау парақтарын",
    ),
    (
        "commission.results_approved_by",
        "66",
        ["authorized_person"],
        "уәкілетті тұлғамен бекітіледі",
    ),
    ("commission.results_recorded_in", "66", ["protocol"], "хаттамада тіркеледі"),
]


@pytest.mark.parametrize(("key", "paragraph", "codes", "quoted"), ATYRAU)
def test_atyrau_commission_meeting_and_approval(
    key: str, paragraph: str, codes: list[str], quoted: str
) -> None:
    rule = cited("atyrau-2023-105", key)
    items = rule.value if isinstance(rule.value, tuple) else (rule.value,)
    assert [i.code for i in items] == codes
    assert (rule.cite.act, rule.cite.paragraph, rule.cite.borrowed) == (
        "atyrau-105",
        paragraph,
        False,
    )
    assert quoted in rule.cite.quote and not rule.unverified


def test_atyrau_decisions_stay_those_of_p64() -> None:
    decisions = cited("atyrau-2023-105", "commission.decisions")
    assert [d.code for d in decisions.value] == ["approve", "revise"]
    # Aktau and Kentau borrow the meeting rules of p57-61 only, not p62-66.
    for pack_id in ("aktau-2022", "kentau-2022"):
        commission = registry().pack(pack_id).rules.commission
        assert commission is not None
        assert (commission.meeting_documents, commission.results_approved_by) == (None, None)


# --- what the loader refuses -----------------------------------------------------


def _with(**rules: Any) -> dict[str, Any]:
    data = pack()
    data["rules"].update(rules)
    return data


def _role(code: str) -> dict[str, Any]:
    return {"value": {"code": code, "name": T}, "cite": {"act": "base-1", "p": "16"}}


def _listed(*codes: str) -> dict[str, Any]:
    return {
        "value": [{"code": c, "name": T} for c in codes],
        "cite": {"act": "base-1", "p": "17"},
    }


def _commission() -> dict[str, Any]:
    def one(value: Any) -> dict[str, Any]:
        return {"value": value, "cite": {"act": "base-1", "p": "57"}}

    return {
        "min_members": one(5),
        "quorum": one([2, 3]),
        "open_vote": one(True),
        "chair_casting_vote": one(True),
        "secretary_votes": one(False),
    }


@pytest.mark.parametrize(
    ("rules", "key", "reason"),
    [
        ({"procedure_disputes": _role("the_boss")}, "procedure_disputes.value.code", "one of"),
        (
            {
                "duties": {
                    "evaluator": _listed(),
                    "evaluated": _listed("a"),
                    "authorized_person": _listed("b"),
                }
            },
            "duties.evaluator.value",
            "at least one",
        ),
        (
            {
                "duties": {
                    "evaluator": _listed("a", "a"),
                    "evaluated": _listed("a"),
                    "authorized_person": _listed("b"),
                }
            },
            "duties.evaluator.value",
            "once",
        ),
        ({"duties": {"evaluator": _listed("a")}}, "duties.evaluated", "required"),
        (
            {"commission": {**_commission(), "results_recorded_in": _role("minutes")}},
            "commission.results_recorded_in.value.code",
            "one of protocol",
        ),
        (
            {"commission": {**_commission(), "results_approved_by": _role("protocol")}},
            "commission.results_approved_by.value.code",
            "one of",
        ),
    ],
)
def test_a_broken_procedure_rule_is_refused(rules: dict[str, Any], key: str, reason: str) -> None:
    with pytest.raises(PackError) as err:
        load_registry({"body-2020.yaml": _with(**rules)})
    assert key in err.value.path and reason in err.value.reason


def test_a_known_role_loads() -> None:
    loaded = load_registry({"body-2020.yaml": _with(procedure_disputes=_role("authorized_person"))})
    disputes = loaded.pack("body-2020").rules.procedure_disputes
    assert disputes is not None and disputes.value.code == "authorized_person"

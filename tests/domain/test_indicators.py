"""Kentau 003 app. 4: the behavioural indicators of a position's competencies. E-3 is
in both groups ("Е-2; Е-3 (құрылымдық бөлімшенің басшысы)" and "Е-3; * Е-4"), so the
position's head-of-unit flag chooses, not the category alone."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.indicators import indicator_group, indicators_for
from bagalau.domain.law import Cited
from bagalau.domain.methodology import BehaviouralIndicators, load_registry
from bagalau.domain.plaindata import PackError
from bagalau.packs import load_directory
from tests.domain.packdata import T, pack

HEADS = "E-2; E-3 (head of a structural unit)"
STAFF = "E-3; * E-4"


@lru_cache(maxsize=1)
def appendix_4() -> Cited[tuple[BehaviouralIndicators, ...]]:
    cited = load_directory().pack("kentau-2022").rules.behavioural_indicators
    assert cited is not None
    return cited


@pytest.mark.parametrize(
    ("category", "heads_unit", "group"),
    [
        ("E-3", True, HEADS),  # an E-3 head of a structural unit
        ("E-3", False, STAFF),  # an E-3 member of staff
        ("E-2", True, HEADS),
        ("E-2", False, HEADS),  # E-2 is only in the heads' group
        ("E-4", False, STAFF),
        ("E-4", True, STAFF),  # E-4 is only in the staff group
    ],
)
def test_the_group_of_every_competency(category: str, heads_unit: bool, group: str) -> None:
    chosen = indicators_for(appendix_4(), category, heads_unit=heads_unit)
    assert len(chosen.competencies) == 11
    assert {c.group.label.en for c in chosen.competencies} == {group}
    assert chosen.cites == (appendix_4().cite,) and chosen.unverified == ()


def test_an_e3_head_and_an_e3_member_of_staff_get_different_behaviours() -> None:
    management = appendix_4().value[0]
    head = indicator_group(management, "E-3", heads_unit=True)
    staff = indicator_group(management, "E-3", heads_unit=False)
    assert head is not None and staff is not None
    assert head.effective[0].kk.startswith("Бөлімшенің қызметін жоспарлау")
    assert staff.effective[0].kk == "Басымдылығына қарай тапсырмаларды маңыздылығы ретімен қояды"


def test_a_category_in_no_group_is_refused() -> None:
    with pytest.raises(DomainError) as err:
        indicators_for(appendix_4(), "E-5", heads_unit=False)
    assert err.value.code is ErrorCode.RULE_NOT_IN_PACK
    assert err.value.params == {"rule": "behavioural_indicators.management.E-5"}
    assert err.value.cite == appendix_4().cite


def _with_groups(*groups: dict[str, Any]) -> dict[str, Any]:
    data = pack()
    data["rules"]["behavioural_indicators"] = {
        "cite": {"act": "base-1", "p": "app. 4"},
        "value": [
            {
                "competency": {"code": "management", "name": T},
                "definition": T,
                "groups": [{"label": T, "effective": [T], "ineffective": [T], **g} for g in groups],
            }
        ],
    }
    return data


@pytest.mark.parametrize(
    "groups",
    [
        ({"categories": ["E-2", "E-3"]}, {"categories": ["E-3", "E-4"]}),
        (
            {"categories": ["E-2", "E-3"], "heads_of_units": True},
            {"categories": ["E-3", "E-4"]},
        ),
        (
            {"categories": ["E-2", "E-3"], "heads_of_units": True},
            {"categories": ["E-3", "E-4"], "heads_of_units": True},
        ),
    ],
)
def test_a_category_in_two_groups_must_say_whom_each_is_for(groups: Any) -> None:
    with pytest.raises(PackError) as err:
        load_registry({"body-2020.yaml": _with_groups(*groups)})
    assert err.value.path == "rules.behavioural_indicators.management.groups"
    assert "E-3 is in 2 groups" in err.value.reason


def test_groups_told_apart_by_the_flag_load() -> None:
    data = _with_groups(
        {"categories": ["E-2", "E-3"], "heads_of_units": True},
        {"categories": ["E-3", "E-4"], "heads_of_units": False},
    )
    rules = load_registry({"body-2020.yaml": data}).pack("body-2020").rules
    assert rules.behavioural_indicators is not None
    groups = rules.behavioural_indicators.value[0].groups
    assert [g.heads_of_units for g in groups] == [True, False]

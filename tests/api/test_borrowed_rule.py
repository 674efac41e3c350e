"""A refusal whose rule is borrowed from another body's act says so in the API's error
(docs/adr/0011-borrowed-citations.md): Aktau's commission without a quorum, whose
quorum is Atyrau's No. 105 p57 until Aktau enters its own."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from bagalau.api.errors import domain_response
from bagalau.domain.collegial import Member, Role, check_quorum
from bagalau.domain.errors import DomainError
from bagalau.packs import registry


@pytest.mark.parametrize(
    ("lang", "cite"),
    [
        (
            "en",
            "borrowed from Atyrau region akimat resolution No. 105, paragraph 57 — not "
            "verified for this body",
        ),
        (
            "ru",
            "заимствовано из акта другого органа: Постановление акимата Атырауской области "
            "№ 105, пункт 57 — для этого органа не проверено",
        ),
        (
            "kk",
            "басқа органның актісінен алынды: Атырау облысы әкімдігінің № 105 қаулысы, "
            "57-тармақ — бұл орган үшін тексерілмеген",
        ),
    ],
)
def test_no_quorum_in_aktau_names_the_borrowed_rule(lang: str, cite: str) -> None:
    rules = registry().pack("aktau-2022").rules.commission
    assert rules is not None
    members = [Member("chair", Role.CHAIR), *(Member(f"m{i}") for i in range(1, 6))]
    with pytest.raises(DomainError) as err:
        check_quorum(members, {"chair", "m1", "m2"}, rules)  # 3 of 6: 4 are needed
    with translation.override(lang):
        response = domain_response(err.value)
    error = json.loads(json.dumps(response.data))["error"]
    assert (error["code"], error["cite"]) == ("no_quorum", cite)
    assert error["rule"] == {
        "act": "atyrau-105",
        "paragraph": "57",
        "via_typical": False,
        "borrowed": True,
    }
    assert cite in error["message"]  # "(basis: ...)" after the sentence

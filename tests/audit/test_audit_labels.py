"""The audit page names kinds, fields and service notes in the reader's language, never by
model names, keys or the citation's internal id."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from bagalau.accounts.models import Role
from bagalau.audit.labels import note_text
from bagalau.audit.models import AuditAction, AuditRecord
from bagalau.domain.law import Cite
from tests.orgs.test_pages import build_unit, client_for

pytestmark = pytest.mark.django_db


def test_a_cycle_record_reads_in_kazakh() -> None:
    unit = build_unit()
    AuditRecord.objects.create(
        actor=User.objects.create_user("aigul"),
        actor_name="aigul",
        action=AuditAction.UPDATE,
        object_type="cycles.rankingsheet",
        object_id=7,
        object_repr="ranking 3 by 5 (draft)",
        before={"state": "draft", "on_paper": False, "scores": {"quality": 4}},
        after={"state": "submitted", "on_paper": True, "scores": {"quality": 5}},
        body=unit.body,
        note=Cite("shakhtinsk-278-5", "31").label(),
    )
    client = client_for("hr", role=Role.HR, body=unit.body)
    html = client.get(reverse("audit:list"), headers={"accept-language": "kk"}).content.decode()
    assert "саралау парағы № 7" in html and "ranking 3 by 5" not in html
    assert "<dt>Күйі</dt>" in html and "<dt>Қағаз түрінде</dt>" in html
    assert "<del>жоқ</del> → <ins>иә</ins>" in html
    assert "<del>draft</del>" not in html and "<ins>submitted</ins>" not in html  # by name
    assert "<code>{&quot;quality&quot;: 4}</code>" in html  # nested data stays a code
    assert "Шахтинск қалалық мәслихаты аппаратының әдістемесі, 31-тармақ" in html
    assert "shakhtinsk-278-5" not in html


@pytest.mark.parametrize(
    ("note", "russian"),
    [
        ("close started on 2026-04-10", "закрытие начато 10.04.2026"),
        ("closed on 2026-04-10", "закрыт 10.04.2026"),
        ("scan", "скан подписанного листа"),
        ("agency-order-13-2018 p5 (Typical Methodology)", "Типовая методика, пункт 5"),
        ("atyrau-105 app. 9", "Постановление акимата Атырауской области № 105, приложение 9"),
        ("the employee was on leave", "the employee was on leave"),  # a person's own words
        ("nowhere-1 p3", "nowhere-1 p3"),  # no such act: left as written
    ],
)
def test_service_notes_read_in_russian(note: str, russian: str) -> None:
    from django.utils import translation

    with translation.override("ru"):
        assert note_text(note) == russian

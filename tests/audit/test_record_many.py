"""Bulk audit records read back exactly as built, on every database (COPY on PostgreSQL)."""

from __future__ import annotations

import pytest

from bagalau.audit.models import AuditAction, AuditRecord
from bagalau.audit.services import build_record, record_many
from bagalau.orgs.models import BodyKind, StateBody


@pytest.mark.django_db
def test_records_saved_in_bulk_keep_every_value() -> None:
    body = StateBody.objects.create(code="b", name_kk="Б", name_ru="Б", kind=BodyKind.AKIMAT)
    before = {"name": "Ескі «атау»\ttab", "n": 1, "none": None}
    after = {"name": "Жаңа\nатау", "n": 2, "list": [1, "x"]}
    records = [
        build_record(
            actor=None,
            action=AuditAction.UPDATE,
            obj=body,
            before=before,
            after=after,
            body_id=body.pk,
            note=f"note {i}",
        )
        for i in range(3)
    ]
    assert record_many(records) == 3
    saved = list(AuditRecord.objects.filter(object_type="orgs.statebody").order_by("note"))
    assert [r.note for r in saved] == ["note 0", "note 1", "note 2"]
    assert all(r.before == before and r.after == after for r in saved)
    assert all(r.body_id == body.pk and r.actor_name == "system" for r in saved)
    assert [r.at for r in saved] == [r.at for r in sorted(records, key=lambda r: r.note)]

"""insert_many gives every object its id, and later ordinary inserts never collide."""

from __future__ import annotations

import pytest

from bagalau.core.bulk import insert_many
from bagalau.orgs.models import BodyKind, StateBody


@pytest.mark.django_db
def test_ids_are_set_and_the_sequence_moves_on() -> None:
    bodies = [
        StateBody(code=f"b{i}", name_kk=f"Орган {i}", name_ru=f"Орган {i}", kind=BodyKind.AKIMAT)
        for i in range(5)
    ]
    insert_many(bodies)
    ids = [b.pk for b in bodies]
    assert None not in ids and len(set(ids)) == 5
    assert {b.pk: b.code for b in StateBody.objects.all()} == {b.pk: b.code for b in bodies}
    later = StateBody.objects.create(code="later", name_kk="К", name_ru="К", kind=BodyKind.AKIMAT)
    assert later.pk not in ids

"""Applying in chunks that each commit: a crash after chunk k, then a rerun, ends exactly
as one uninterrupted run would: the same rows and the same audit records, none twice."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from bagalau.audit.models import AuditRecord
from bagalau.orgs.imports import apply
from bagalau.orgs.imports.services import check_staff_import, do_apply_staff_import
from bagalau.orgs.models import (
    Absence,
    Assignment,
    Department,
    Dismissal,
    Employee,
    ImportStatus,
    Position,
    StateBody,
)
from tests.orgs.test_import_service import staff_files

pytestmark = pytest.mark.django_db
ROWS = 9
CHUNK = 2
# Foreign keys shown by what they point at, so that two runs compare whatever their ids.
_KEYS = {"employee_id": Employee, "position_id": Position, "reports_to_id": Position,
         "department_id": Department}  # fmt: skip


def _names() -> dict[tuple[str, Any], str]:
    names: dict[tuple[str, Any], str] = {}
    for model, key in ((Employee, "iin"), (Position, "code"), (Department, "code")):
        for pk, value in model.objects.values_list("pk", key):
            names[(model.__name__, pk)] = value
    return names


def _plain(data: dict[str, Any] | None, names: dict[tuple[str, Any], str]) -> Any:
    if data is None:
        return None
    shown = {k: names.get((_KEYS[k].__name__, v), v) if k in _KEYS else v
             for k, v in data.items() if k not in ("id", "body_id")}  # fmt: skip
    return tuple(sorted(shown.items()))


def state() -> dict[str, list[Any]]:
    """Every row the import writes, and every audit record, without ids or times."""
    names = _names()
    tables: dict[str, list[Any]] = {}
    for model in (Department, Position, Employee, Assignment, Absence, Dismissal):
        names_of = [f.attname for f in model._meta.concrete_fields]
        tables[model.__name__] = sorted(
            _plain(row, names) for row in model.objects.values(*names_of)
        )
    tables["audit"] = sorted(
        (r.action, r.object_type, r.actor_name, r.note, _plain(r.before, names),
         _plain(r.after, names))
        for r in AuditRecord.objects.all()
    )  # fmt: skip
    return tables


def _apply(body: StateBody) -> None:
    job = check_staff_import(body=body, files=staff_files(ROWS), actor=None)
    job = do_apply_staff_import(job=job, actor=None, chunk_size=CHUNK)
    assert job.status == ImportStatus.APPLIED


@pytest.mark.parametrize("crash_after", [1, 3, 6, 9, 14])
def test_a_rerun_after_a_crash_after_chunk_k_ends_as_a_clean_run(
    crash_after: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = StateBody.objects.create(code="b", name_kk="Б", name_ru="Б", kind="akimat")
    with transaction.atomic():  # the clean run, undone once measured
        _apply(body)
        clean = state()
        transaction.set_rollback(True)
    assert Employee.objects.count() == 0
    real, chunks = apply.record_rows, []

    def crash(rows: list[tuple[Any, ...]]) -> int:
        chunks.append(len(rows))
        if len(chunks) > crash_after:  # chunks 1..k committed; k+1 dies before its end
            raise RuntimeError("the worker was killed")
        return real(rows)

    monkeypatch.setattr(apply, "record_rows", crash)
    job = check_staff_import(body=body, files=staff_files(ROWS), actor=None)
    with pytest.raises(RuntimeError):
        do_apply_staff_import(job=job, actor=None, chunk_size=CHUNK)
    partial = AuditRecord.objects.count()
    assert 0 < partial < len(clean["audit"])  # some chunks committed, not all
    monkeypatch.setattr(apply, "record_rows", real)
    job = do_apply_staff_import(job=job, actor=None, chunk_size=CHUNK)
    assert job.status == ImportStatus.APPLIED
    assert state() == clean
    again = do_apply_staff_import(job=job, actor=None, chunk_size=CHUNK)  # applied: no-op
    assert again.status == ImportStatus.APPLIED and state() == clean

"""Row locks and version checks for edits two people may make at once.

Every editable row has a ``version`` counter, sent with the page that shows it: a save
made on a page showing another version is refused (STALE_VERSION), never merged.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from django.db import models
from django.db.models import QuerySet

from bagalau.domain.errors import DomainError, ErrorCode

M = TypeVar("M", bound=models.Model)


class Versioned(Protocol):
    version: int


def check_version(obj: Versioned | None, version: int, *, what: str | None = None) -> None:
    """Refuse a save made on a page showing another version (0: not created yet)."""
    stored = obj.version if obj is not None else 0
    if stored != version:
        raise DomainError(ErrorCode.STALE_VERSION, {"object": what or str(obj)})


def lock_for_change(
    rows: type[M] | QuerySet[M], pk: int, version: int | None, *, what: str | None = None
) -> M:
    """The row ``pk``, locked until the end of the transaction, at ``version`` (``None``:
    lock only). Raises the model's ``DoesNotExist`` when there is no such row."""
    queryset = rows if isinstance(rows, QuerySet) else rows._default_manager.all()
    obj = queryset.select_for_update().get(pk=pk)
    if version is not None:
        check_version(obj, version, what=what)  # type: ignore[arg-type]
    return obj

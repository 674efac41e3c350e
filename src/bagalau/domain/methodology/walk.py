"""Every cited value and every citation inside a rules tree, with its key path."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from bagalau.domain.law import Cite, Cited
from bagalau.domain.methodology.schema import Rules


def iter_cites(value: Any, path: str) -> typing.Iterator[tuple[str, Cite]]:
    """Every citation inside a rules tree, with its key path."""
    if isinstance(value, Cite):
        yield path, value
        if value.restated_in is not None:
            yield f"{path}.restated_in", value.restated_in
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for fld in dataclasses.fields(value):
            yield from iter_cites(getattr(value, fld.name), f"{path}.{fld.name}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            key = getattr(item, "id", None) or getattr(item, "code", None) or str(index)
            yield from iter_cites(item, f"{path}.{key}")


def iter_cite_holders(value: Any, path: str) -> typing.Iterator[tuple[str, Any]]:
    """Every value that carries its own ``cite`` (a cited value, a method, a deadline,
    a form), with its key path; a citation's ``restated_in`` is not a holder."""
    if isinstance(value, Cite):
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if isinstance(getattr(value, "cite", None), Cite):
            yield path, value
        for fld in dataclasses.fields(value):
            if fld.name != "cite":
                yield from iter_cite_holders(getattr(value, fld.name), f"{path}.{fld.name}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            key = getattr(item, "id", None) or getattr(item, "code", None) or str(index)
            yield from iter_cite_holders(item, f"{path}.{key}")


def iter_parameters(rules: Rules) -> typing.Iterator[tuple[str, Cited[Any]]]:
    """Every cited rule value of a version, in schema order, for display."""
    yield from _walk_cited(rules, "")


def _walk_cited(value: Any, path: str) -> typing.Iterator[tuple[str, Cited[Any]]]:
    if isinstance(value, Cited):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for fld in dataclasses.fields(value):
            yield from _walk_cited(getattr(value, fld.name), f"{path}.{fld.name}".lstrip("."))


def unverified_parameters(rules: Rules) -> tuple[str, ...]:
    """Key paths of values the sources do not give (DOMAIN.md §7)."""
    found = [p for p, c in iter_parameters(rules) if c.unverified]
    found += [f"deadlines.{d.id}" for d in rules.deadlines if d.unverified]
    found += [f"methods.{i}" for i, m in enumerate(rules.methods) if m.unverified]
    return tuple(found)

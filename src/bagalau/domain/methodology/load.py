"""Plain data (parsed pack files) -> packs: versions resolved over the versions they
extend, converted key by key, checked, and linked into their dates of validity."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from typing import Any

from bagalau.domain.law import ActRole, DateRange
from bagalau.domain.methodology.registry import Registry
from bagalau.domain.methodology.schema import Pack
from bagalau.domain.methodology.validate import check_citations, check_pack
from bagalau.domain.plaindata import PackError, convert

_TOP_KEYS = {"id", "line", "extends", "title", "governs", "fallback", "acts", "rules", "notes"}


def _merge(base: Any, override: Any) -> Any:
    """Deep merge of an amending version over its parent; ``None`` deletes a key."""
    if isinstance(base, Mapping) and isinstance(override, Mapping):
        merged = dict(base)
        for key, value in override.items():
            if value is None:
                merged.pop(key, None)
            elif key in merged:
                merged[key] = _merge(merged[key], value)
            else:
                merged[key] = value
        return merged
    return override


def _resolve(
    name: str, raw: Mapping[str, Mapping[str, Any]], seen: tuple[str, ...]
) -> dict[str, Any]:
    data = raw[name]
    parent_id = data.get("extends")
    if not parent_id:
        return dict(data)
    if parent_id in seen:
        raise PackError(name, "extends", f"circular: {' -> '.join((*seen, parent_id))}")
    parent_file = next((f for f, d in raw.items() if d.get("id") == parent_id), None)
    if parent_file is None:
        raise PackError(name, "extends", f"no pack with id {parent_id!r}")
    parent = _resolve(parent_file, raw, (*seen, parent_id))
    merged: dict[str, Any] = {k: v for k, v in parent.items() if k not in ("fallback",)}
    for key, value in data.items():
        if key == "acts":
            inherited = [a for a in parent.get("acts", []) if a.get("role") != ActRole.REPEAL]
            merged["acts"] = inherited + list(value)
        elif key == "rules":
            merged["rules"] = _merge(parent.get("rules", {}), value)
        elif key != "extends":
            merged[key] = value
    return merged


def _load_one(name: str, data: Mapping[str, Any]) -> Pack:
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise PackError(name, "", f"unknown keys {', '.join(sorted(unknown))}")
    try:
        pack = convert(Pack, {k: v for k, v in data.items() if k != "extends"})
    except PackError as err:
        raise PackError(name, err.path, err.reason) from None
    check_pack(name, pack)
    return pack


def link_versions(packs: list[Pack]) -> list[Pack]:
    """Set each version's validity from its acts and the next version of its line."""
    by_line: dict[str, list[Pack]] = {}
    for pack in packs:
        by_line.setdefault(pack.line, []).append(pack)
    linked: list[Pack] = []
    for versions in by_line.values():
        versions.sort(key=_starts)
        for index, pack in enumerate(versions):
            end: date | None = None
            if index + 1 < len(versions):
                end = date.fromordinal(_starts(versions[index + 1]).toordinal() - 1)
            if pack.repeal is not None:
                repeal_end = date.fromordinal(pack.repeal.in_force_from().toordinal() - 1)
                end = repeal_end if end is None else min(end, repeal_end)
            linked.append(dataclasses.replace(pack, valid=DateRange(_starts(pack), end)))
    return linked


def _starts(pack: Pack) -> date:
    return max(a.in_force_from() for a in pack.acts if a.role is not ActRole.REPEAL)


def load_registry(files: Mapping[str, Mapping[str, Any]]) -> Registry:
    """Build the registry from parsed pack files (file name -> data)."""
    for name, data in files.items():
        if not isinstance(data, Mapping):
            raise PackError(name, "", "a pack file must be a mapping")
    packs = [
        _load_one(name, _resolve(name, files, (str(data.get("id")),)))
        for name, data in files.items()
    ]
    ids = [p.id for p in packs]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise PackError(",".join(duplicates), "id", "pack ids must be unique")
    registry = Registry(tuple(link_versions(packs)))
    check_citations(files, registry.packs)
    return registry

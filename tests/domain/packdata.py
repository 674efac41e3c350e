"""Small synthetic pack files (as parsed YAML) for loader and registry tests."""

from __future__ import annotations

import copy
from typing import Any

T = {"kk": "kk", "ru": "ru", "en": "en"}


def act(act_id: str, role: str = "base", **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": act_id,
        "role": role,
        "kind": T,
        "issuer": T,
        "number": act_id.rsplit("-", 1)[-1],
        "adopted": "2020-01-10",
        "title": T,
        "short": T,
        "entry": "on_publication",
        "published": "2020-01-15",
    }
    data.update(extra)
    return data


def bands() -> dict[str, Any]:
    return {
        "cite": {"act": "base-1", "p": "7"},
        "value": [
            {"code": "effective", "min": 4, "max": 5, "name": T},
            {"code": "proper", "min": 3, "max": 3.99, "name": T},
            {"code": "satisfactory", "min": 2, "max": 2.99, "name": T},
            {"code": "unsatisfactory", "min": 0, "max": 1.99, "name": T},
        ],
    }


def body(code: str) -> dict[str, Any]:
    return {"code": code, "name": T, "kind": "akimat", "region": T}


def pack(pack_id: str = "body-2020", **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": pack_id,
        "line": "body",
        "title": T,
        "governs": [body("body-a")],
        "acts": [act("base-1")],
        "rules": {
            "methods": [
                {
                    "method": "ranking",
                    "audience": "staff",
                    "period": "quarter",
                    "cite": {"act": "base-1", "p": "3"},
                }
            ],
            "bands": bands(),
            "retention_years": {"value": 3, "cite": {"act": "base-1", "p": "14"}},
        },
    }
    data.update(copy.deepcopy(extra))
    return data


def typical(pack_id: str = "typ-2019", start: str = "2019-01-01", **extra: Any) -> dict[str, Any]:
    data = pack(
        pack_id,
        line="typ",
        governs=[],
        fallback=True,
        acts=[act(f"typ-{start[:4]}", entry="on_date", effective=start)],
    )
    data["rules"] = {
        "methods": [],
        "retention_years": {"value": 3, "cite": {"act": f"typ-{start[:4]}"}},
    }
    data.update(extra)
    return data

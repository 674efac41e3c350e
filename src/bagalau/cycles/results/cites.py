"""How a result stores its citations and reads them back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from bagalau.domain.law import Cite


def cite_rows(cites: Sequence[Cite]) -> list[dict[str, Any]]:
    """The citations as JSON rows, each once; each row is shared by every result citing
    it (a close writes the same few on every result, and ``asdict`` is slow), so never
    change one."""
    return [_cite_row(c) for c in dict.fromkeys(cites)]


@lru_cache(maxsize=4096)
def _cite_row(cite: Cite) -> dict[str, Any]:
    return asdict(cite)


def cite_from(row: dict[str, Any]) -> Cite:
    restated = row.get("restated_in")
    return Cite(
        act=str(row.get("act", "")),
        paragraph=str(row.get("paragraph", "")),
        quote=str(row.get("quote", "")),
        via_typical=bool(row.get("via_typical", False)),
        restated_in=cite_from(restated) if isinstance(restated, dict) else None,
        borrowed=bool(row.get("borrowed", False)),
    )

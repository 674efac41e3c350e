"""Reads for bonus points (Almaty 2017, 002 p17-18)."""

from __future__ import annotations

from typing import Any

from bagalau.core.labels import cite_text
from bagalau.cycles.models import (
    BonusAward,
    Participation,
)
from bagalau.cycles.results.selectors import unverified_notes
from bagalau.domain.scoring import bonus_total
from bagalau.packs import registry


def bonus_page(participation: Participation, lang: str) -> dict[str, Any]:
    """The period's awards and their total, computed by the domain (002 p17-18)."""
    pack = registry().pack(participation.period.pack_id)
    levels = pack.rules.bonus_points
    awards = list(
        BonusAward.objects.filter(participation=participation)
        .select_related("awarded_by")
        .order_by("awarded_at", "pk")
    )
    if levels is None:
        return {"levels": None, "awards": awards}
    texts = {lv.points: [a.get(lang) for a in lv.activities] for lv in levels.value}
    rows = [(a, texts.get(a.points, [])[a.activity : a.activity + 1]) for a in awards]
    total = bonus_total([a.points for a in awards], levels)
    return {
        "levels": [(lv.points, list(enumerate(texts[lv.points]))) for lv in levels.value],
        "awards": [(a, (text[0] if text else "")) for a, text in rows],
        "total": total,
        "cites": [cite_text(c) for c in total.cites],
        "unverified": unverified_notes(pack, list(total.unverified)),
    }

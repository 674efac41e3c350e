"""The registry: every pack, and which version governs a body on a date (§5, §6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Act, Cite
from bagalau.domain.methodology.schema import Body, Pack


@dataclass(frozen=True)
class Registry:
    """All packs; answers which methodology version governs a body on a date (§5, §6)."""

    packs: tuple[Pack, ...]

    def pack(self, pack_id: str) -> Pack:
        for pack in self.packs:
            if pack.id == pack_id:
                return pack
        raise DomainError(ErrorCode.UNKNOWN_PACK, {"pack": pack_id})

    def act(self, act_id: str) -> Act | None:
        """The act of any version with this id, or None (a citation stored before the
        act left the packs)."""
        for pack in self.packs:
            for act in pack.acts:
                if act.id == act_id:
                    return act
        return None

    def bodies(self) -> tuple[Body, ...]:
        seen: dict[str, Body] = {}
        for pack in self.packs:
            for body in pack.governs:
                seen.setdefault(body.code, body)
        return tuple(sorted(seen.values(), key=lambda b: b.code))

    def body(self, code: str) -> Body:
        for body in self.bodies():
            if body.code == code:
                return body
        raise DomainError(ErrorCode.UNKNOWN_BODY, {"body": code})

    def versions(self, body_code: str) -> tuple[Pack, ...]:
        own = [p for p in self.packs if any(b.code == body_code for b in p.governs)]
        return tuple(sorted(own, key=lambda p: p.valid.start))

    def fallbacks(self) -> tuple[Pack, ...]:
        return tuple(sorted((p for p in self.packs if p.fallback), key=lambda p: p.valid.start))

    def in_force(self, body_code: str | None, day: date) -> Pack:
        """The version governing the body on ``day``.

        A body's own version wins; before its first own version the body applies the
        Typical Methodology in force (DOMAIN.md §6). After its own methodology was
        repealed, the act that repealed it governs, and that act is not in the packs:
        refuse rather than guess.
        """
        own = self.versions(body_code) if body_code else ()
        for pack in own:
            if pack.valid.contains(day):
                return pack
        last = own[-1] if own else None
        if last is not None and last.valid.end is not None and day > last.valid.end:
            repeal = last.repeal
            raise DomainError(
                ErrorCode.METHODOLOGY_REPEALED,
                {
                    "body": body_code,
                    "date": day,
                    "pack": last.id,
                    "act": repeal.number if repeal else "",
                    "until": last.valid.end,
                },
                cite=Cite(repeal.id, "1") if repeal else None,
            )
        for pack in self.fallbacks():
            if pack.valid.contains(day):
                return pack
        raise DomainError(ErrorCode.NO_METHODOLOGY_IN_FORCE, {"body": body_code or "", "date": day})

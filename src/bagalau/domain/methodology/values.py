"""Small value types the schema's modules share."""

from __future__ import annotations

from dataclasses import dataclass

from bagalau.domain.law import Text


@dataclass(frozen=True)
class Labelled:
    """A parameter, competency, field or role with a stable code and its names."""

    code: str
    name: Text

"""What the evaluation cycle announces (``core.events``); other apps subscribe."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResultsReady:
    """A period was closed and its results are ready for familiarization
    (R-FAMILIARIZE, 004 p11).

    ``people`` pairs each evaluated person's participation id with their login's user
    id, only for those who have a login: the close has read them already, so whoever
    tells them needs no further query. No score travels with it (R-CONFIDENTIAL).
    """

    period_id: int
    period_code: str
    people: tuple[tuple[int, int], ...]

"""What the evaluation cycle announces (``core.events``); other apps subscribe."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bagalau.core import events


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


@dataclass(frozen=True)
class StepHandedOver:
    """An action moved evaluations on, so their next step may now be someone else's:
    whoever owes it is told (a sheet submitted: the appointing official; a plan
    drafted: HR; a result approved: the employee...).

    ``occasion`` names the action and the object it moved (with its version where it
    can move back and forth), so the same hand-over told twice sends nothing twice
    while a sheet returned a second time is told again. ``actor_id`` is not told of a
    step they hand to themselves. No score travels with it (R-CONFIDENTIAL).
    """

    period_id: int
    participation_ids: tuple[int, ...]
    occasion: str
    actor_id: int | None = None


def announce_hand_over(
    *, period_id: int, participation_ids: Iterable[int], occasion: str, actor: object
) -> None:
    """Tell ``StepHandedOver`` once the current transaction commits."""
    actor_id = getattr(actor, "pk", None)
    events.publish(
        StepHandedOver(period_id, tuple(participation_ids), occasion, actor_id),
    )

"""Allowed state transitions of the procedure's objects, as data with citations.

Evaluation sheets (бағалау парағы), KPI plans (жеке жұмыс жоспары), calibration
sessions (калибрлеу сессиясы) and Atyrau's commission cases (001 ch. 6). The Django
layer keeps each object's state and asks ``transition`` before it changes it; a
transition that no table row allows is TRANSITION_NOT_ALLOWED. Citations name acts of
the shipped packs: the Typical Methodology as restated by Shakhtinsk's 278/5, and
Atyrau's No. 105.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.kpi import ChangeCheck, check_change
from bagalau.domain.law import Cite
from bagalau.domain.methodology import KpiRules


class WorkflowKind(StrEnum):
    SHEET = "sheet"
    KPI_PLAN = "kpi_plan"
    CALIBRATION = "calibration"
    COMMISSION_CASE = "commission_case"
    SCHEDULE = "schedule"


def _typical(paragraph: str) -> Cite:
    return Cite("agency-order-13-2018", restated_in=Cite("shakhtinsk-278-5", paragraph))


def _atyrau(paragraph: str) -> Cite:
    return Cite("atyrau-105", paragraph)


TRANSITIONS: Mapping[WorkflowKind, Mapping[tuple[str, str], Cite]] = {
    # 001 p50-54: the direct manager fills the sheet; the superior manager agrees
    # ("бағалаумен келісу") or returns it for correction ("түзетуге жіберу"), and it is
    # resubmitted within 2 working days.
    WorkflowKind.SHEET: {
        ("draft", "submitted"): _atyrau("50"),
        ("submitted", "returned"): _atyrau("53"),
        ("returned", "submitted"): _atyrau("54"),
        ("submitted", "approved"): _atyrau("52"),
    },
    # 004 p22: set with the authorized person's agreement, placed in the system within
    # 5 working days; 001 p2(13): "жоғары тұрған басшымен бекітілген құжат"; 004 p25:
    # a change after approval supersedes the version (see ``revise_plan``) and the new
    # version starts again as a draft.
    WorkflowKind.KPI_PLAN: {
        ("draft", "agreed"): _typical("22"),
        ("agreed", "approved"): _atyrau("2"),
        ("approved", "placed"): _typical("22"),
        ("approved", "superseded"): _typical("25"),
        ("placed", "superseded"): _typical("25"),
    },
    # 004 p38-41: the appointing official decides within 3 working days whether to
    # hold a session; it is held within 10; the protocol is signed, then placed in the
    # system within 3 working days of signing.
    WorkflowKind.CALIBRATION: {
        ("requested", "to_be_held"): _typical("38"),
        ("requested", "refused"): _typical("38"),
        ("to_be_held", "held"): _typical("39"),
        ("held", "protocol_signed"): _typical("41"),
        ("protocol_signed", "placed"): _typical("41"),
    },
    # 001 p55-69: the agreed sheet goes to the commission, which approves or revises
    # the result; the authorized person approves it; familiarization; an appeal to the
    # authorized body, which recommends cancelling and reviewing, or leaves it.
    WorkflowKind.COMMISSION_CASE: {
        ("submitted", "scheduled"): _atyrau("56"),
        ("scheduled", "approved"): _atyrau("64"),
        ("scheduled", "revised"): _atyrau("65"),
        ("approved", "confirmed"): _atyrau("66"),
        ("revised", "confirmed"): _atyrau("66"),
        ("confirmed", "familiarized"): _atyrau("67"),
        ("familiarized", "appealed"): _atyrau("69"),
        ("appealed", "review_recommended"): _atyrau("69"),
        ("appealed", "left_unchanged"): _atyrau("69"),
        ("review_recommended", "scheduled"): _atyrau("69"),
    },
    WorkflowKind.SCHEDULE: {
        # R-SCHEDULE (004 p10): the authorized person draws up the evaluation schedule
        # ("бағалау кестесін жасайды") and the appointing official approves it ("бекітіледі");
        # a schedule sent back for changes is drafted again.
        ("draft", "submitted"): _typical("10"),
        ("submitted", "approved"): _typical("10"),
        ("submitted", "draft"): _typical("10"),
    },
}

INITIAL: Mapping[WorkflowKind, str] = {
    WorkflowKind.SHEET: "draft",
    WorkflowKind.KPI_PLAN: "draft",
    WorkflowKind.CALIBRATION: "requested",
    WorkflowKind.COMMISSION_CASE: "submitted",
    WorkflowKind.SCHEDULE: "draft",
}


@dataclass(frozen=True)
class Transition:
    kind: WorkflowKind
    from_state: str
    to_state: str
    cite: Cite


def states(kind: WorkflowKind) -> tuple[str, ...]:
    """Every state of ``kind``, the initial one first, then in table order."""
    found = [INITIAL[kind]]
    for pair in TRANSITIONS[kind]:
        found += [s for s in pair if s not in found]
    return tuple(found)


def next_states(kind: WorkflowKind, from_state: str) -> tuple[str, ...]:
    return tuple(to for (frm, to) in TRANSITIONS[kind] if frm == from_state)


def transition(kind: WorkflowKind, from_state: str, to_state: str) -> Transition:
    """The transition with its citation, or TRANSITION_NOT_ALLOWED (unknown states too)."""
    cite = TRANSITIONS[kind].get((from_state, to_state))
    if cite is None:
        raise DomainError(
            ErrorCode.TRANSITION_NOT_ALLOWED,
            {"object": kind.value, "from": from_state, "to": to_state},
        )
    return Transition(kind, from_state, to_state, cite)


def revise_plan(
    from_state: str, grounds: Sequence[str], rules: KpiRules, *, affects_kpis: bool
) -> tuple[Transition, ChangeCheck]:
    """R-KPI-CHANGE (004 p25): an approved plan changes only on one of the pack's grounds.

    The approved (or placed) version becomes ``superseded`` and the caller opens a new
    version as a draft; without a ground: KPI_CHANGE_WITHOUT_GROUND. A plan that is
    not yet approved is edited in place, so superseding it is TRANSITION_NOT_ALLOWED.
    """
    step = transition(WorkflowKind.KPI_PLAN, from_state, "superseded")
    return step, check_change(grounds, rules, affects_kpis=affects_kpis)

"""Allowed transitions of sheets (001 p50-54), KPI plans (004 p22, p25; 001 p2(13)),
calibration sessions (004 p38-41) and commission cases (001 p55-69)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Cite
from bagalau.domain.workflow import (
    INITIAL,
    TRANSITIONS,
    WorkflowKind,
    next_states,
    revise_plan,
    states,
    transition,
)
from tests.domain.conftest import kpi_rules

PATHS = {
    # 001 p50-54: submitted to the superior manager, returned for correction, resubmitted, agreed
    WorkflowKind.SHEET: ["draft", "submitted", "returned", "submitted", "approved"],
    # 004 p22 agreed with the authorized person; 001 p2(13) approved by the superior manager;
    # 004 p22 placed in the system
    WorkflowKind.KPI_PLAN: ["draft", "agreed", "approved", "placed", "superseded"],
    # R-SCHEDULE (004 p10): drawn up by the authorized person, sent back once, approved
    WorkflowKind.SCHEDULE: ["draft", "submitted", "draft", "submitted", "approved"],
    # 004 p38 decision, p39 held, p41 protocol signed and placed
    WorkflowKind.CALIBRATION: ["requested", "to_be_held", "held", "protocol_signed", "placed"],
    # 001 p56 scheduled, p64-65 revised, p66 confirmed, p67 familiarized, p69 appeal
    WorkflowKind.COMMISSION_CASE: [
        "submitted",
        "scheduled",
        "revised",
        "confirmed",
        "familiarized",
        "appealed",
        "review_recommended",
        "scheduled",
        "approved",
        "confirmed",
    ],
}


@pytest.mark.parametrize("kind", list(WorkflowKind))
def test_the_procedure_path_is_allowed(kind: WorkflowKind) -> None:
    path = PATHS[kind]
    assert path[0] == INITIAL[kind]
    for frm, to in itertools.pairwise(path):
        step = transition(kind, frm, to)
        assert (step.from_state, step.to_state) == (frm, to)
        assert step.cite.act in {"agency-order-13-2018", "atyrau-105"}


@pytest.mark.parametrize(
    ("kind", "frm", "to"),
    [
        (WorkflowKind.SHEET, "draft", "approved"),  # must be submitted first
        (WorkflowKind.SHEET, "approved", "draft"),
        (WorkflowKind.SHEET, "returned", "approved"),  # resubmitted first (001 p54)
        (WorkflowKind.KPI_PLAN, "draft", "approved"),  # HR agrees first (004 p22)
        (WorkflowKind.KPI_PLAN, "draft", "superseded"),  # edited in place until approved
        (WorkflowKind.KPI_PLAN, "superseded", "draft"),  # a new version starts instead
        (WorkflowKind.CALIBRATION, "requested", "held"),  # decided first (004 p38)
        (WorkflowKind.CALIBRATION, "refused", "held"),
        (WorkflowKind.CALIBRATION, "held", "placed"),  # the protocol is signed first
        (WorkflowKind.COMMISSION_CASE, "left_unchanged", "scheduled"),
        (WorkflowKind.SHEET, "nowhere", "draft"),
    ],
)
def test_other_transitions_are_refused(kind: WorkflowKind, frm: str, to: str) -> None:
    with pytest.raises(DomainError) as err:
        transition(kind, frm, to)
    assert err.value.code is ErrorCode.TRANSITION_NOT_ALLOWED
    assert err.value.params == {"object": kind.value, "from": frm, "to": to}


def test_calibration_may_be_refused_by_the_appointing_official() -> None:
    step = transition(WorkflowKind.CALIBRATION, "requested", "refused")
    assert step.cite == Cite("agency-order-13-2018", restated_in=Cite("shakhtinsk-278-5", "38"))
    assert next_states(WorkflowKind.CALIBRATION, "refused") == ()


# R-KPI-CHANGE (004 p25): a change after approval needs a ground and makes a new version
def test_an_approved_plan_changes_only_on_a_ground() -> None:
    step, check = revise_plan("placed", ["functions_changed"], kpi_rules(), affects_kpis=True)
    assert step.to_state == "superseded"
    assert check.grounds == ("functions_changed",)
    with pytest.raises(DomainError) as err:
        revise_plan("approved", [], kpi_rules(), affects_kpis=True)
    assert err.value.code is ErrorCode.KPI_CHANGE_WITHOUT_GROUND
    with pytest.raises(DomainError) as err:
        revise_plan("draft", ["functions_changed"], kpi_rules(), affects_kpis=True)
    assert err.value.code is ErrorCode.TRANSITION_NOT_ALLOWED


def test_every_cited_act_is_in_the_shipped_packs() -> None:
    from bagalau.packs import registry

    acts = {a.id for p in registry().packs for a in p.acts}
    for table in TRANSITIONS.values():
        for cite in table.values():
            assert cite.act in acts
            assert cite.restated_in is None or cite.restated_in.act in acts


@given(st.sampled_from(list(WorkflowKind)), st.data())
def test_transition_allowed_exactly_when_the_table_has_it(
    kind: WorkflowKind, data: st.DataObject
) -> None:
    frm = data.draw(st.sampled_from(states(kind)))
    to = data.draw(st.sampled_from(states(kind)))
    allowed = (frm, to) in TRANSITIONS[kind]
    assert (to in next_states(kind, frm)) is allowed
    if allowed:
        assert transition(kind, frm, to).cite == TRANSITIONS[kind][(frm, to)]
    else:
        with pytest.raises(DomainError):
            transition(kind, frm, to)


@pytest.mark.parametrize("kind", list(WorkflowKind))
def test_every_state_is_reachable_from_the_initial_one(kind: WorkflowKind) -> None:
    reached = {INITIAL[kind]}
    frontier = [INITIAL[kind]]
    while frontier:
        for nxt in next_states(kind, frontier.pop()):
            if nxt not in reached:
                reached.add(nxt)
                frontier.append(nxt)
    assert reached == set(states(kind))

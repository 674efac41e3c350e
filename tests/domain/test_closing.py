"""domain.closing: what keeps a period open, method by method (R-PERIODS, 004 p4)."""

from __future__ import annotations

import pytest

from bagalau.domain.closing import CloseFacts, Gap, GapKind, close_gaps, results_owed

A = "approved"


@pytest.mark.parametrize(
    ("facts", "gaps", "owed"),
    [
        # ranking: the row on an approved sheet
        (CloseFacts(1, "evaluated", ("ranking",), {"ranking": A}), (), ("ranking",)),
        (
            CloseFacts(1, "evaluated", ("ranking",)),
            (Gap(1, "ranking", GapKind.NO_SHEET),),
            ("ranking",),
        ),
        (
            CloseFacts(1, "evaluated", ("ranking",), {"ranking": "submitted"}),
            (Gap(1, "ranking", GapKind.NOT_APPROVED, "submitted"),),
            ("ranking",),
        ),
        # without participation: evaluated all the same (R-DISMISSED, 004 p6)
        (
            CloseFacts(2, "without_participation", ("ranking",), {"ranking": "returned"}),
            (Gap(2, "ranking", GapKind.NOT_APPROVED, "returned"),),
            ("ranking",),
        ),
        # KPI and count-based KPI: the sheet approved
        (CloseFacts(3, "evaluated", ("kpi",), {"kpi": A}), (), ("kpi",)),
        (
            CloseFacts(3, "evaluated", ("count_kpi",)),
            (Gap(3, "count_kpi", GapKind.NO_SHEET),),
            ("count_kpi",),
        ),
        # bonus points owe nothing: no award is a complete record
        (
            CloseFacts(4, "evaluated", ("ranking", "bonus_points"), {"ranking": A}),
            (),
            ("ranking", "bonus_points"),
        ),
        # not evaluated: nothing owed, no result
        (CloseFacts(5, "not_evaluated", ("ranking",)), (), ()),
        # a method without a sheet here cannot be shown complete
        (
            CloseFacts(6, "evaluated", ("survey360",)),
            (Gap(6, "survey360", GapKind.NOT_SUPPORTED),),
            (),
        ),
    ],
)
def test_gaps_and_results_owed(
    facts: CloseFacts, gaps: tuple[Gap, ...], owed: tuple[str, ...]
) -> None:
    assert close_gaps([facts]) == gaps
    assert results_owed(facts) == owed


def test_every_gap_is_listed_in_order() -> None:
    people = [
        CloseFacts(1, "evaluated", ("ranking",)),
        CloseFacts(2, "evaluated", ("ranking",), {"ranking": A}),
        CloseFacts(3, "evaluated", ("kpi", "ranking"), {"ranking": "draft"}),
    ]
    assert [(g.key, g.method) for g in close_gaps(people)] == [
        (1, "ranking"),
        (3, "kpi"),
        (3, "ranking"),
    ]

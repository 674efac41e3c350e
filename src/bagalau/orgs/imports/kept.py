"""A checked plan kept with its job, and the fingerprint of the data it was checked on.

Applying must check the file again against the data as it is then, since someone may
have changed it since the dry run. ``plan_import`` is a pure function of the rows and of
the ``Existing`` snapshot, so when the snapshot read at apply time has the same
fingerprint as the dry run's, its plan is the one the checks would give again: applying
takes the kept plan instead of parsing and checking every cell a second time. Any
difference (a person added elsewhere, a chunk of this very import already written)
means a full check, as before.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from bagalau.orgs.imports.rules import Existing, Plan

_DAY = date.fromisoformat


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def fingerprint(existing: Existing) -> str:
    """A digest of everything the checks read from the database, in a fixed order."""
    digest = hashlib.sha256()
    for part in (existing.departments, existing.positions, existing.employees,
                 existing.absences, existing.dismissals):  # fmt: skip
        digest.update(repr(sorted(part.items())).encode())
    spells = sorted((k, sorted(v)) for k, v in existing.assignments.items())
    digest.update(repr(spells).encode())
    return digest.hexdigest()


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """The wanted state of a valid plan as JSON data (outcomes stay in the job's result)."""
    return {
        "departments": plan.departments,
        "positions": plan.positions,
        "employees": plan.employees,
        "assignments": [
            [i, p, s.isoformat(), v["kind"], _iso(v["end"]), v["row"]]
            for (i, p, s), v in plan.assignments.items()
        ],
        "absences": [
            [i, k, s.isoformat(), e.isoformat()] for (i, k, s), e in plan.absences.items()
        ],
        "dismissals": [[i, d.isoformat(), b] for (i, d), b in plan.dismissals.items()],
    }


def plan_from_data(data: dict[str, Any]) -> Plan:
    plan = Plan(departments=data["departments"], positions=data["positions"],
                employees=data["employees"])  # fmt: skip
    for i, p, s, kind, end, row in data["assignments"]:
        plan.assignments[(i, p, _DAY(s))] = {
            "kind": kind, "end": _DAY(end) if end else None, "row": row,
        }  # fmt: skip
    plan.absences = {(i, k, _DAY(s)): _DAY(e) for i, k, s, e in data["absences"]}
    plan.dismissals = {(i, _DAY(d)): b for i, d, b in data["dismissals"]}
    return plan

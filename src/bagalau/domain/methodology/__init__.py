"""Methodology packs: a body's methodology version as typed, cited data.

A pack is one YAML file per methodology *version* (base act + amendments in force
together). The loader outside the core parses YAML into plain data; this package
turns it into frozen dataclasses, checking every key, and fails with the file, the
key path and the reason. A pack may ``extend`` an earlier version and restate only
what an amending act changed (``null`` deletes a rule, as "p42 is deleted" does).

The modules: ``schema`` (the frozen dataclasses; ``procedure`` the commission,
calibration and the roles' duties, ``values`` the shared small types), ``load``
(plain data -> packs, versions linked), ``validate`` (what a pack must satisfy beyond
its types), ``registry`` (which version governs a body on a date), ``walk`` (every
cited value and citation in a rules tree).
"""

from __future__ import annotations

from bagalau.domain.methodology.load import load_registry
from bagalau.domain.methodology.procedure import CalibrationRules, CommissionRules, Duties
from bagalau.domain.methodology.registry import Registry
from bagalau.domain.methodology.schema import (
    AbsenceKind,
    AchievementRow,
    Audience,
    Band,
    BehaviouralIndicators,
    Body,
    BonusLevel,
    CompetencySet,
    CountBand,
    CountKpiRules,
    DeadlineKind,
    DeadlineRule,
    DisagreementRules,
    Eligibility,
    FamiliarizationMode,
    FamiliarizationRules,
    Form,
    FormField,
    IndicatorGroup,
    KpiRules,
    Method,
    MethodRule,
    Pack,
    QuarterlyRules,
    RankingRules,
    Rules,
    ScoreScale,
    Survey360Rules,
)
from bagalau.domain.methodology.validate import EXTERNAL_EVENTS
from bagalau.domain.methodology.values import Labelled
from bagalau.domain.methodology.walk import iter_cites, iter_parameters, unverified_parameters

__all__ = [
    "EXTERNAL_EVENTS",
    "AbsenceKind",
    "AchievementRow",
    "Audience",
    "Band",
    "BehaviouralIndicators",
    "Body",
    "BonusLevel",
    "CalibrationRules",
    "CommissionRules",
    "CompetencySet",
    "CountBand",
    "CountKpiRules",
    "DeadlineKind",
    "DeadlineRule",
    "DisagreementRules",
    "Duties",
    "Eligibility",
    "FamiliarizationMode",
    "FamiliarizationRules",
    "Form",
    "FormField",
    "IndicatorGroup",
    "KpiRules",
    "Labelled",
    "Method",
    "MethodRule",
    "Pack",
    "QuarterlyRules",
    "RankingRules",
    "Registry",
    "Rules",
    "ScoreScale",
    "Survey360Rules",
    "iter_cites",
    "iter_parameters",
    "load_registry",
    "unverified_parameters",
]

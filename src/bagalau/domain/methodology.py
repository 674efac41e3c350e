"""Methodology packs: a body's methodology version as typed, cited data.

A pack is one YAML file per methodology *version* (base act + amendments in force
together). The loader outside the core parses YAML into plain data; this module
turns it into frozen dataclasses, checking every key, and fails with the file, the
key path and the reason. A pack may ``extend`` an earlier version and restate only
what an amending act changed (``null`` deletes a rule, as "p42 is deleted" does).
"""

from __future__ import annotations

import dataclasses
import itertools
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal, TypeVar

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Act, ActRole, Cite, Cited, DateRange, Text
from bagalau.domain.plaindata import PackError, convert

T = TypeVar("T")


class Method(StrEnum):
    """Evaluation methods a pack can prescribe (R-METHODS, 004 p3)."""

    KPI = "kpi"  # НМИ қол жеткізу
    RANKING = "ranking"  # саралау әдісі
    SURVEY360 = "survey360"  # 360 әдісі
    COUNT_KPI = "count_kpi"  # Atyrau ch. 6: result by the count of KPIs achieved
    BONUS_POINTS = "bonus_points"  # Almaty 2017: көтермелеу балдары
    QUARTERLY = "quarterly"  # Typical Methodology from 01.08.2025
    COMMISSION = "commission"  # the 2018 generation's evaluation commission


class Audience(StrEnum):
    """Who a rule applies to, as the acts name the groups."""

    HEAD_OF_APPARATUS = "head_of_apparatus"
    HEADS_OF_UNITS = "heads_of_units"
    STAFF = "staff"  # "B" corps employees other than the head of apparatus
    ALL = "all"


class AbsenceKind(StrEnum):
    LABOUR_LEAVE = "labour_leave"
    SOCIAL_LEAVE = "social_leave"
    SICK_LEAVE = "sick_leave"
    BUSINESS_TRIP = "business_trip"
    INTERNSHIP = "internship"
    RETRAINING = "retraining"
    TRAINING = "training"


class FamiliarizationMode(StrEnum):
    SYSTEM = "system"  # shown in the information system
    WRITTEN = "written"  # жазбаша: signed, with a refusal act


class DeadlineKind(StrEnum):
    DAY_OF_MONTH_AFTER_PERIOD = "day_of_month_after_period"
    WORKING_DAYS_AFTER = "working_days_after"
    WORKING_DAYS_BEFORE = "working_days_before"
    CALENDAR_DAYS_AFTER = "calendar_days_after"


@dataclass(frozen=True)
class Body:
    """A state body a pack governs; ``code`` is the stable key the database uses."""

    code: str
    name: Text
    kind: str
    region: Text


@dataclass(frozen=True)
class Band:
    """A result band (R-BANDS, 004 p7): scores from ``min`` to ``max`` inclusive."""

    code: str
    min: Decimal
    max: Decimal
    name: Text


@dataclass(frozen=True)
class ScoreScale:
    """Whole-number scores an evaluator gives ("0-ден 5-ке дейін", 004 p27, p31)."""

    min: int
    max: int


@dataclass(frozen=True)
class AchievementRow:
    """One row of the % of KPI achievement → admissible score table (Typical app. 3)."""

    min_percent: Decimal
    max_percent: Decimal | None
    min_score: int
    max_score: int


@dataclass(frozen=True)
class CountBand:
    """Count-based result (Atyrau 001 p49): at least ``min_achieved`` KPIs fully met."""

    min_achieved: int
    band: str
    name: Text | None = None  # the result's wording where the act words it its own way


@dataclass(frozen=True)
class Labelled:
    """A parameter, competency or field with a stable code and its names."""

    code: str
    name: Text


@dataclass(frozen=True)
class MethodRule:
    """Which method applies to whom and for which period (R-METHODS, R-PERIODS)."""

    method: Method
    audience: Audience
    period: Literal["quarter", "year"]
    cite: Cite
    categories: tuple[str, ...] = ()
    in_force: DateRange | None = None
    absent_between: DateRange | None = None  # Atyrau ch. 6: on leave in this span
    unverified: bool = False  # e.g. the period, where the act does not state it
    note: str = ""


@dataclass(frozen=True)
class DeadlineRule:
    """A deadline of the procedure, counted from an event or from another deadline.

    ``marks`` names the event this deadline is the latest date for, so later
    deadlines counted from that event can be projected before it happens.
    """

    id: str
    name: Text
    kind: DeadlineKind
    count: int
    cite: Cite
    method: Method | None = None
    period: Literal["quarter", "year"] | None = None
    after: str = ""  # an event or another deadline id; empty for period-based ones
    marks: str = ""
    binding: bool = True
    unverified: bool = False
    note: str = ""


@dataclass(frozen=True)
class Eligibility:
    """R-ELIGIBLE (004 p5) and R-DISMISSED (004 p6)."""

    min_months_in_position: Cited[int]
    without_participation: Cited[tuple[AbsenceKind, ...]]
    dismissed_without_participation: Cited[bool]


@dataclass(frozen=True)
class KpiRules:
    """KPI of heads (R-KPI-PLAN, R-KPI-COUNT, R-KPI-SCORE; 004 p22-27)."""

    count_min: Cited[int]
    count_max: Cited[int]
    min_months_remaining: Cited[int]
    scale: Cited[ScoreScale]
    achievement_table: Cited[tuple[AchievementRow, ...]]
    aggregation: Cited[Literal["mean"]]
    plan_fields: Cited[tuple[Labelled, ...]]
    smart_criteria: Cited[tuple[Labelled, ...]]
    change_grounds: Cited[tuple[Labelled, ...]]


@dataclass(frozen=True)
class CountKpiRules:
    """Atyrau ch. 6 (001 p43-55): exactly five KPIs, result by the count achieved."""

    count: Cited[int]
    bands_by_count: Cited[tuple[CountBand, ...]]
    plan_fields: Cited[tuple[Labelled, ...]]
    return_reasons: Cited[tuple[Labelled, ...]]
    smart_criteria: Cited[tuple[Labelled, ...]] | None = None  # 001 p46
    approvers: Cited[tuple[Labelled, ...]] | None = None  # 001 p44-45, p50-51
    appeal: DisagreementRules | None = None  # 001 p69-70: its own appeal route


@dataclass(frozen=True)
class RankingRules:
    """R-RANK (004 p28-32): the ranking sheet's parameters and how they combine."""

    parameters: Cited[tuple[Labelled, ...]]
    scale: Cited[ScoreScale]
    aggregation: Cited[Literal["mean", "single"]]


@dataclass(frozen=True)
class QuarterlyRules:
    """The single quarterly evaluation of the Typical Methodology from 01.08.2025 (§6).

    ``aggregation`` is how the quarters make the annual result; ``special_cases`` lists
    who evaluates in the cases the version names (substitute, seconded staff...).
    """

    parameters: Cited[tuple[Labelled, ...]]
    evaluators: Cited[tuple[Labelled, ...]]
    aggregation: Cited[Literal["mean"]]
    scale: Cited[ScoreScale] | None = None
    special_cases: Cited[tuple[Labelled, ...]] | None = None


@dataclass(frozen=True)
class CompetencySet:
    audience: Audience
    competencies: tuple[Labelled, ...]


@dataclass(frozen=True)
class Survey360Rules:
    """R-360 (004 p33-36)."""

    competencies: Cited[tuple[CompetencySet, ...]]
    respondents_min: Cited[int]
    respondents_max: Cited[int]
    respondent_groups: Cited[tuple[Labelled, ...]]
    self_assessment_counts: Cited[bool]
    scale: Cited[ScoreScale]
    scale_labels: Cited[tuple[Text, ...]]
    anonymity_threshold: Cited[int]
    weakest_count: Cited[int]


@dataclass(frozen=True)
class CommissionRules:
    """The evaluation commission (000 p5, 003 p5; 001 ch. 6)."""

    min_members: Cited[int]
    quorum: Cited[tuple[int, int]]  # a fraction: (2, 3) is two thirds
    open_vote: Cited[bool]
    chair_casting_vote: Cited[bool]
    secretary_votes: Cited[bool]
    working_body: Cited[Text] | None = None  # 000 p5: the HR service
    decisions: Cited[tuple[Labelled, ...]] | None = None  # 001 p64: what it may decide


@dataclass(frozen=True)
class CalibrationRules:
    """R-CALIB (004 p37-42): decision by a majority of the participants."""

    majority_of_participants: Cited[bool]
    adjust_up_or_down: Cited[bool]
    feedback_topics: Cited[tuple[Labelled, ...]]


@dataclass(frozen=True)
class FamiliarizationRules:
    """R-FAMILIARIZE (004 p11; 000 p41, 003 p40; 001 p11)."""

    mode: Cited[FamiliarizationMode]
    refusal_act_witnesses: Cited[int] | None = None
    absent_means: Cited[tuple[Labelled, ...]] | None = None
    # 000 p41: where the results go when the employee refuses to sign
    refusal_delivery: Cited[tuple[Labelled, ...]] | None = None


@dataclass(frozen=True)
class DisagreementRules:
    """R-DISAGREE / R-APPEAL: where a disagreement goes."""

    route: Cited[Literal["calibration", "commission", "authorized_body"]]
    appeal: Cited[Text]


@dataclass(frozen=True)
class BonusLevel:
    points: int
    activities: tuple[Text, ...]


@dataclass(frozen=True)
class IndicatorGroup:
    """Behavioural indicators of one competency for a group of categories."""

    categories: tuple[str, ...]
    label: Text
    effective: tuple[Text, ...]
    ineffective: tuple[Text, ...]


@dataclass(frozen=True)
class BehaviouralIndicators:
    competency: Labelled
    definition: Text
    groups: tuple[IndicatorGroup, ...]


@dataclass(frozen=True)
class FormField:
    code: str
    name: Text


@dataclass(frozen=True)
class Form:
    """An official form's layout (e.g. 001 appendices 9-11) as the act prints it."""

    code: str
    title: Text
    cite: Cite
    header: tuple[FormField, ...] = ()
    columns: tuple[FormField, ...] = ()
    footer: tuple[FormField, ...] = ()


@dataclass(frozen=True)
class Rules:
    """Everything a version prescribes; ``None`` where the version says nothing."""

    methods: tuple[MethodRule, ...]
    bands: Cited[tuple[Band, ...]] | None = None
    eligibility: Eligibility | None = None
    kpi: KpiRules | None = None
    count_kpi: CountKpiRules | None = None
    ranking: RankingRules | None = None
    survey360: Survey360Rules | None = None
    commission: CommissionRules | None = None
    calibration: CalibrationRules | None = None
    familiarization: FamiliarizationRules | None = None
    disagreement: DisagreementRules | None = None
    bonus_points: Cited[tuple[BonusLevel, ...]] | None = None
    behavioural_indicators: Cited[tuple[BehaviouralIndicators, ...]] | None = None
    retention_years: Cited[int] | None = None
    deadlines: tuple[DeadlineRule, ...] = ()
    forms: tuple[Form, ...] = ()
    quarterly: QuarterlyRules | None = None
    # R-CONFIDENTIAL (004 p15, p20): the only people results may be known to.
    confidential_to: Cited[tuple[Labelled, ...]] | None = None
    # R-SCHEDULE (004 p10): the position that runs the evaluation (уәкілетті тұлға).
    authorized_person: Cited[Text] | None = None
    # R-USE (004 p8, p9): the decisions KPI/ranking results and 360 results ground.
    result_uses: Cited[tuple[Labelled, ...]] | None = None
    survey360_result_uses: Cited[tuple[Labelled, ...]] | None = None


@dataclass(frozen=True)
class Pack:
    """One methodology version: the acts that make it and the rules they give.

    ``valid`` runs from the entry into force of its latest act to the day before the
    next version of the same line (or the repeal) takes effect.
    """

    id: str
    line: str  # versions of one methodology share a line
    title: Text
    governs: tuple[Body, ...]
    acts: tuple[Act, ...]
    rules: Rules
    fallback: bool = False  # the Typical Methodology: applies where a body has none
    notes: tuple[Text, ...] = ()
    valid: DateRange = field(default=DateRange(date.min))

    def act(self, act_id: str) -> Act:
        for act in self.acts:
            if act.id == act_id:
                return act
        raise DomainError(ErrorCode.UNKNOWN_ACT, {"act": act_id, "pack": self.id})

    @property
    def repeal(self) -> Act | None:
        return next((a for a in self.acts if a.role is ActRole.REPEAL), None)

    def methods_on(self, day: date) -> tuple[MethodRule, ...]:
        return tuple(
            m for m in self.rules.methods if m.in_force is None or m.in_force.contains(day)
        )


# --- the registry: every pack, and which version governs a body on a date -------

_TOP_KEYS = {"id", "line", "extends", "title", "governs", "fallback", "acts", "rules", "notes"}


def _merge(base: Any, override: Any) -> Any:
    """Deep merge of an amending version over its parent; ``None`` deletes a key."""
    if isinstance(base, Mapping) and isinstance(override, Mapping):
        merged = dict(base)
        for key, value in override.items():
            if value is None:
                merged.pop(key, None)
            elif key in merged:
                merged[key] = _merge(merged[key], value)
            else:
                merged[key] = value
        return merged
    return override


def _resolve(
    name: str, raw: Mapping[str, Mapping[str, Any]], seen: tuple[str, ...]
) -> dict[str, Any]:
    data = raw[name]
    parent_id = data.get("extends")
    if not parent_id:
        return dict(data)
    if parent_id in seen:
        raise PackError(name, "extends", f"circular: {' -> '.join((*seen, parent_id))}")
    parent_file = next((f for f, d in raw.items() if d.get("id") == parent_id), None)
    if parent_file is None:
        raise PackError(name, "extends", f"no pack with id {parent_id!r}")
    parent = _resolve(parent_file, raw, (*seen, parent_id))
    merged: dict[str, Any] = {k: v for k, v in parent.items() if k not in ("fallback",)}
    for key, value in data.items():
        if key == "acts":
            inherited = [a for a in parent.get("acts", []) if a.get("role") != ActRole.REPEAL]
            merged["acts"] = inherited + list(value)
        elif key == "rules":
            merged["rules"] = _merge(parent.get("rules", {}), value)
        elif key != "extends":
            merged[key] = value
    return merged


def _load_one(name: str, data: Mapping[str, Any]) -> Pack:
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise PackError(name, "", f"unknown keys {', '.join(sorted(unknown))}")
    try:
        pack = convert(Pack, {k: v for k, v in data.items() if k != "extends"})
    except PackError as err:
        raise PackError(name, err.path, err.reason) from None
    _check_pack(name, pack)
    return pack


def _check_pack(name: str, pack: Pack) -> None:
    if not any(a.role is ActRole.BASE for a in pack.acts):
        raise PackError(name, "acts", "a version needs its base act (role: base)")
    for act in pack.acts:
        if act.entry.value == "on_date" and act.effective is None:
            raise PackError(name, f"acts.{act.id}.effective", "required when entry is on_date")
    if pack.rules.bands is not None:
        _check_bands(name, pack.rules.bands.value)
    known = {d.id for d in pack.rules.deadlines} | {
        d.marks for d in pack.rules.deadlines if d.marks
    }
    for rule in pack.rules.deadlines:
        if rule.after and rule.after not in known and rule.after not in EXTERNAL_EVENTS:
            raise PackError(
                name, f"rules.deadlines.{rule.id}.after", f"unknown event {rule.after!r}"
            )


EXTERNAL_EVENTS = frozenset(
    {
        "period_start",
        "evaluation_opened",  # the day HR opens the period (Atyrau ch. 6, 001 p43)
        "appointment",
        "kpi_set",
        "evaluation_completed",
        "familiarized",
        "application_received",
        "protocol_signed",
        "commission_decision",
        "sheet_returned",
        "sheet_agreed",
        "commission_meeting",
        "evaluation_deadline",
        "results_approved",  # 001 p66: the authorized person approves the results
    }
)


def _check_bands(name: str, bands: tuple[Band, ...]) -> None:
    """Bands must partition the scale at two decimal places with no gap or overlap."""
    ordered = sorted(bands, key=lambda b: b.min)
    step = Decimal("0.01")
    for low, high in itertools.pairwise(ordered):
        if high.min - low.max != step:
            raise PackError(
                name, "rules.bands", f"gap or overlap between {low.code} and {high.code}"
            )


def _link_versions(packs: list[Pack]) -> list[Pack]:
    """Set each version's validity from its acts and the next version of its line."""
    by_line: dict[str, list[Pack]] = {}
    for pack in packs:
        by_line.setdefault(pack.line, []).append(pack)
    linked: list[Pack] = []
    for versions in by_line.values():
        versions.sort(key=_starts)
        for index, pack in enumerate(versions):
            end: date | None = None
            if index + 1 < len(versions):
                end = date.fromordinal(_starts(versions[index + 1]).toordinal() - 1)
            if pack.repeal is not None:
                repeal_end = date.fromordinal(pack.repeal.in_force_from().toordinal() - 1)
                end = repeal_end if end is None else min(end, repeal_end)
            linked.append(dataclasses.replace(pack, valid=DateRange(_starts(pack), end)))
    return linked


def _starts(pack: Pack) -> date:
    return max(a.in_force_from() for a in pack.acts if a.role is not ActRole.REPEAL)


@dataclass(frozen=True)
class Registry:
    """All packs; answers which methodology version governs a body on a date (§5, §6)."""

    packs: tuple[Pack, ...]

    def pack(self, pack_id: str) -> Pack:
        for pack in self.packs:
            if pack.id == pack_id:
                return pack
        raise DomainError(ErrorCode.UNKNOWN_PACK, {"pack": pack_id})

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


def load_registry(files: Mapping[str, Mapping[str, Any]]) -> Registry:
    """Build the registry from parsed pack files (file name -> data)."""
    for name, data in files.items():
        if not isinstance(data, Mapping):
            raise PackError(name, "", "a pack file must be a mapping")
    packs = [
        _load_one(name, _resolve(name, files, (str(data.get("id")),)))
        for name, data in files.items()
    ]
    ids = [p.id for p in packs]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise PackError(",".join(duplicates), "id", "pack ids must be unique")
    registry = Registry(tuple(_link_versions(packs)))
    _check_citations(files, registry)
    return registry


def _check_citations(files: Mapping[str, Mapping[str, Any]], registry: Registry) -> None:
    """Every citation must name an act the registry knows: no invented sources."""
    acts = {a.id for p in registry.packs for a in p.acts}
    for pack in registry.packs:
        file = next((f for f, d in files.items() if d.get("id") == pack.id), pack.id)
        for path, cite in iter_cites(pack.rules, "rules"):
            if cite.act not in acts:
                raise PackError(file, f"{path}.cite.act", f"unknown act {cite.act!r}")


def iter_cites(value: Any, path: str) -> typing.Iterator[tuple[str, Cite]]:
    """Every citation inside a rules tree, with its key path."""
    if isinstance(value, Cite):
        yield path, value
        if value.restated_in is not None:
            yield f"{path}.restated_in", value.restated_in
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for fld in dataclasses.fields(value):
            yield from iter_cites(getattr(value, fld.name), f"{path}.{fld.name}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            key = getattr(item, "id", None) or getattr(item, "code", None) or str(index)
            yield from iter_cites(item, f"{path}.{key}")


def iter_parameters(rules: Rules) -> typing.Iterator[tuple[str, Cited[Any]]]:
    """Every cited rule value of a version, in schema order, for display."""
    yield from _walk_cited(rules, "")


def _walk_cited(value: Any, path: str) -> typing.Iterator[tuple[str, Cited[Any]]]:
    if isinstance(value, Cited):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for fld in dataclasses.fields(value):
            yield from _walk_cited(getattr(value, fld.name), f"{path}.{fld.name}".lstrip("."))


def unverified_parameters(rules: Rules) -> tuple[str, ...]:
    """Key paths of values the sources do not give (DOMAIN.md §7)."""
    found = [p for p, c in iter_parameters(rules) if c.unverified]
    found += [f"deadlines.{d.id}" for d in rules.deadlines if d.unverified]
    found += [f"methods.{i}" for i, m in enumerate(rules.methods) if m.unverified]
    return tuple(found)

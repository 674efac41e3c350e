"""The pack schema: frozen dataclasses for a methodology version and its rules.

``load`` builds them from plain data with ``plaindata.convert``, key by key. Who does
what in the procedure (commission, calibration, the roles' duties) is in
``procedure``; the shared ``Labelled`` in ``values``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from bagalau.domain.errors import DomainError, ErrorCode
from bagalau.domain.law import Act, ActRole, Cite, Cited, DateRange, Text
from bagalau.domain.methodology.procedure import CalibrationRules, CommissionRules, Duties
from bagalau.domain.methodology.values import Labelled


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
class MethodRule:
    """Which method applies to whom and for which period (R-METHODS, R-PERIODS)."""

    method: Method
    audience: Audience
    period: Literal["quarter", "year"]
    cite: Cite
    categories: tuple[str, ...] = ()
    in_force: DateRange | None = None
    in_force_cite: Cite | None = None  # where the act limits it in time (001 p2)
    period_cite: Cite | None = None  # where the act sets its period (004 p4)
    absent_between: DateRange | None = None  # Atyrau ch. 6: on leave in this span
    unverified: bool = False  # e.g. the period, where the act does not state it
    note: Text | None = None


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
    note: Text | None = None


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
    # The period the individual work plan is drawn up for; achievement is evaluated
    # each quarter against it (004 p4, p22-23; 001 app. 9; docs/adr/0010).
    plan_period: Cited[Literal["quarter", "year"]]


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
    """R-360 (004 p33-36).

    No act gives an anonymity threshold (p33 says only "жасырын", anonymous): the
    fewest answers before a result is shown is bagalau's own safeguard, the setting
    ``SURVEY360_ANONYMITY_THRESHOLD``, not a pack value.
    """

    competencies: Cited[tuple[CompetencySet, ...]]
    respondents_min: Cited[int]
    respondents_max: Cited[int]
    respondent_groups: Cited[tuple[Labelled, ...]]
    self_assessment_counts: Cited[bool]
    scale: Cited[ScoreScale]
    scale_labels: Cited[tuple[Text, ...]]
    weakest_count: Cited[int]


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
    """Behavioural indicators of one competency for a group of categories.

    ``heads_of_units`` says whom of those categories the group is for where a category
    is in two groups: Kentau 003 app. 4 prints "Е-2; Е-3 (құрылымдық бөлімшенің
    басшысы)" (true: heads of structural units) and "Е-3; * Е-4" (false: staff), so an
    E-3 position's group follows whether it heads a unit. None: by category alone.
    """

    categories: tuple[str, ...]
    label: Text
    effective: tuple[Text, ...]
    ineffective: tuple[Text, ...]
    heads_of_units: bool | None = None


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
    duties: Duties | None = None
    """R-DUTIES (004 p17-19): what the evaluator, the evaluated person and the
    authorized person each ensure."""
    procedure_disputes: Cited[Labelled] | None = None
    """004 p16: who considers disagreements about the evaluation procedure
    ("Бағалау рәсіміне байланысты келіспеушіліктерді ... уәкілетті тұлғамен
    қарастырады"): a role code, its names saying with whose assistance."""


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

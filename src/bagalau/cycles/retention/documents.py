"""The evaluation documents of a period (R-RETAIN, 004 p14: "Бағалауға байланысты
құжаттар"): every row the evaluation produced about people, and the scans uploaded.

What goes once the retention period is over: the results with their familiarization
records, refusal acts and disagreements; the ranking sheets and their lines; the KPI
plans (every revision) with their KPIs, the KPI sheets and their lines; the bonus
awards; the schedule's steps; the scanned paper sheets (their files too). A plan drawn
up for the year serves the year's period and its quarters: it goes with the last of
them whose documents are removed, once no sheet is scored on it any more.

What stays, so that "how many were evaluated, and how" is still answered: the period's
row (marked ``documents_removed_at``), each participation with its status and methods
but without its evaluator and the reasons decided at opening (absences, dismissals:
personal data), and the schedule with its state but without its note and approver.

Counts are read per kind for many periods at once (``count_documents``: one grouped
query per kind, whatever the number of periods); ``of_period`` gives one period's rows
of a kind, to list their ids and remove them."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bagalau.cycles.models import (
    BonusAward,
    Disagreement,
    EvaluationPeriod,
    Familiarization,
    KpiItem,
    KpiPlan,
    KpiSheet,
    KpiSheetLine,
    Participation,
    RankingEntry,
    RankingSheet,
    Result,
    ScheduleItem,
)

BATCH = 2000
# Plans are kept by body, year and quarter, not by period: the lookups that reach them.
PLAN = ("body_id", "year", "quarter")
YEAR = 0  # a plan drawn up for the year: ``quarter`` 0


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: its rows are ``model`` rows matching ``only`` whose period
    is reached by ``path`` (the lookup of the period's id), or, for ``plan_prefix``
    kinds, whose plan has the period's body, year and quarter.

    A plan drawn up for the year (``quarter`` 0, docs/adr/0010) serves the year's
    period and each of its quarters, whose sheets are scored on it: it is a document of
    the last of them, and goes only with it (``with_year``)."""

    code: str
    model: type[models.Model]
    path: str = ""
    plan_prefix: str | None = None
    only: Q = field(default_factory=Q)

    def of_period(
        self, period: EvaluationPeriod, *, with_year: bool = False
    ) -> QuerySet[models.Model]:
        rows: QuerySet[models.Model] = self.model._default_manager.filter(self.only)
        if self.plan_prefix is None:
            return rows.filter(**{self.path: period.pk})
        prefix = self.plan_prefix
        quarters = {period.quarter} if period.quarter else set()
        if with_year:
            quarters.add(YEAR)
        return rows.filter(
            **{f"{prefix}body_id": period.body_id, f"{prefix}year": period.year},
            **{f"{prefix}quarter__in": sorted(quarters)},
        )

    def in_periods(self, period_ids: Sequence[int]) -> QuerySet[models.Model]:
        """Rows of the periods ``period_ids``, each with its period's id as ``of_period``;
        for plans, the quarters' own plans (the year's are counted apart: ``count_documents``)."""
        rows: QuerySet[models.Model] = self.model._default_manager.filter(self.only)
        if self.plan_prefix is None:
            found: QuerySet[models.Model] = rows.filter(**{f"{self.path}__in": period_ids})
            by_path: QuerySet[models.Model] = found.annotate(of_period=F(self.path))
            return by_path
        outer = {k: OuterRef(self.plan_prefix + k) for k in PLAN}
        period = EvaluationPeriod.objects.filter(**outer).values("pk")[:1]
        own = rows.filter(**{f"{self.plan_prefix}quarter__gt": YEAR})
        annotated: QuerySet[models.Model] = own.annotate(of_period=Subquery(period))
        return annotated.filter(of_period__in=period_ids)


RESULT = "result__participation__period_id"
KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("results", Result, "participation__period_id"),
    DocumentKind("familiarizations", Familiarization, RESULT, only=Q(refused=False)),
    DocumentKind("refusal_acts", Familiarization, RESULT, only=Q(refused=True)),
    DocumentKind("disagreements", Disagreement, RESULT),
    DocumentKind("ranking_sheets", RankingSheet, "period_id"),
    DocumentKind("ranking_entries", RankingEntry, "sheet__period_id"),
    DocumentKind("kpi_plans", KpiPlan, plan_prefix=""),
    DocumentKind("kpi_items", KpiItem, plan_prefix="plan__"),
    DocumentKind("kpi_sheets", KpiSheet, "participation__period_id"),
    DocumentKind("kpi_lines", KpiSheetLine, "sheet__participation__period_id"),
    DocumentKind("bonus_awards", BonusAward, "participation__period_id"),
    DocumentKind("schedule_steps", ScheduleItem, "schedule__period_id"),
)
# The uploaded scans of paper sheets: files, counted beside the rows that hold them.
SCANS: tuple[DocumentKind, ...] = (
    DocumentKind("scans", RankingEntry, "sheet__period_id", only=~Q(scan="")),
    DocumentKind("scans", KpiSheet, "participation__period_id", only=~Q(scan="")),
)
KIND_CODES = (*(k.code for k in KINDS), "scans")
ANONYMIZED = DocumentKind("participations", Participation, "period_id")

KIND_LABELS: dict[str, Promise] = {
    "results": _("results"),
    "familiarizations": _("familiarization records"),
    "refusal_acts": _("refusal acts"),
    "disagreements": _("disagreements"),
    "ranking_sheets": _("ranking sheets"),
    "ranking_entries": _("ranking sheet lines"),
    "kpi_plans": _("KPI plans"),
    "kpi_items": _("KPIs of the plans"),
    "kpi_sheets": _("KPI evaluation sheets"),
    "kpi_lines": _("KPI evaluation sheet lines"),
    "bonus_awards": _("bonus point awards"),
    "schedule_steps": _("schedule steps"),
    "scans": _("scanned paper sheets (files)"),
}


def count_documents(
    period_ids: Sequence[int], year_takers: Mapping[tuple[int, int], int] | None = None
) -> dict[int, Counter[str]]:
    """Per period, how many documents of each kind it holds, and its participations
    (kept, anonymized): one grouped query per kind for every 2,000 periods. The plans
    drawn up for a year count for the period ``year_takers`` names for its (body, year),
    the last of the year's periods, which takes them."""
    found: dict[int, Counter[str]] = defaultdict(Counter)
    ids = list(period_ids)
    takers = dict(year_takers or {})
    for kind in KINDS:
        if kind.plan_prefix is not None:
            for key, count in _year_plans(kind, list(takers)).items():
                found[takers[key]][kind.code] += count
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        for kind in (*KINDS, *SCANS, ANONYMIZED):
            grouped = kind.in_periods(chunk).order_by().values("of_period").annotate(n=Count("pk"))
            for row in grouped:
                found[row["of_period"]][kind.code] += row["n"]
    return {pk: found[pk] for pk in ids}


def _year_plans(kind: DocumentKind, years: Sequence[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """How many rows of a plan kind the year's plans of each (body, year) hold."""
    if not years:
        return {}
    prefix = kind.plan_prefix or ""
    rows = (
        kind.model._default_manager.filter(
            **{
                f"{prefix}quarter": YEAR,
                f"{prefix}body_id__in": {b for b, _y in years},
                f"{prefix}year__in": {y for _b, y in years},
            },
        )
        .order_by()
        .values(f"{prefix}body_id", f"{prefix}year")
        .annotate(n=Count("pk"))
    )
    wanted = set(years)
    counts = {(r[f"{prefix}body_id"], r[f"{prefix}year"]): r["n"] for r in rows}
    return {key: n for key, n in counts.items() if key in wanted}


def scan_names(period: EvaluationPeriod) -> list[str]:
    """The stored names of the period's scanned sheets (to delete the files)."""
    names: list[str] = []
    for kind in SCANS:
        names.extend(str(n) for n in kind.of_period(period).values_list("scan", flat=True))
    return names

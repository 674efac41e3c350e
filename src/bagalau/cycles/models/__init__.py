"""Tables of the evaluation cycle. Rules live in ``bagalau.domain``; these rows hold
the facts (who scored what, when) and the workflow state, with a ``version`` counter
on everything two people may edit at once (a stale save is refused, never merged).

One module per capability; every model is re-exported here, where Django looks for
the app's models."""

from bagalau.cycles.models.bonus import BonusAward
from bagalau.cycles.models.familiarization import (
    Disagreement,
    Familiarization,
    FamiliarizationChannel,
)
from bagalau.cycles.models.kpi import (
    KpiItem,
    KpiPlan,
    KpiSheet,
    KpiSheetLine,
    PlanKind,
    PlanState,
)
from bagalau.cycles.models.periods import (
    EvaluationPeriod,
    Participation,
    ParticipationStatus,
    PeriodStatus,
    Schedule,
    ScheduleItem,
    ScheduleState,
)
from bagalau.cycles.models.ranking import RankingEntry, RankingSheet
from bagalau.cycles.models.results import Result, SheetState

__all__ = [
    "BonusAward",
    "Disagreement",
    "EvaluationPeriod",
    "Familiarization",
    "FamiliarizationChannel",
    "KpiItem",
    "KpiPlan",
    "KpiSheet",
    "KpiSheetLine",
    "Participation",
    "ParticipationStatus",
    "PeriodStatus",
    "PlanKind",
    "PlanState",
    "RankingEntry",
    "RankingSheet",
    "Result",
    "Schedule",
    "ScheduleItem",
    "ScheduleState",
    "SheetState",
]

"""Error codes of the domain core.

The core never holds user-facing text: it raises ``DomainError`` with a stable code,
the values involved and the citation of the rule that was broken. The Django layer
(``bagalau.core.messages``) turns the code into a translated sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bagalau.domain.law import Cite


class ErrorCode(StrEnum):
    # law in time
    NO_METHODOLOGY_IN_FORCE = "no_methodology_in_force"
    METHODOLOGY_REPEALED = "methodology_repealed"
    RULE_NOT_IN_FORCE = "rule_not_in_force"
    RULE_NOT_IN_PACK = "rule_not_in_pack"
    UNKNOWN_BODY = "unknown_body"
    UNKNOWN_PACK = "unknown_pack"
    UNKNOWN_ACT = "unknown_act"
    # input parsing
    BAD_DATE = "bad_date"
    BAD_PERIOD = "bad_period"
    BAD_INTEGER = "bad_integer"
    # people
    IIN_INVALID = "iin_invalid"
    # packs
    PACK_INVALID = "pack_invalid"
    # scores
    SCORE_NOT_INTEGER = "score_not_integer"
    SCORE_OUT_OF_RANGE = "score_out_of_range"
    SCORE_NOT_ADMISSIBLE = "score_not_admissible"
    ACHIEVEMENT_NEGATIVE = "achievement_negative"
    KPI_PLANNED_ZERO = "kpi_planned_zero"
    ACHIEVEMENT_NOT_IN_TABLE = "achievement_not_in_table"
    NO_SCORES = "no_scores"
    BAND_GAP = "band_gap"
    PARAMETER_MISSING = "parameter_missing"
    PARAMETER_UNKNOWN = "parameter_unknown"
    # KPI plans
    KPI_COUNT_OUT_OF_RANGE = "kpi_count_out_of_range"
    KPI_FIELD_EMPTY = "kpi_field_empty"
    KPI_NOT_SET_SHORT_TENURE = "kpi_not_set_short_tenure"
    KPI_CHANGE_WITHOUT_GROUND = "kpi_change_without_ground"
    KPI_METHOD_NOT_APPLIED = "kpi_method_not_applied"
    KPI_PLAN_NOT_PLACED = "kpi_plan_not_placed"
    KPI_PLAN_IN_USE = "kpi_plan_in_use"
    KPI_QUARTER_VALUES_NOT_YEARLY = "kpi_quarter_values_not_yearly"
    KPI_ACTUAL_MISSING = "kpi_actual_missing"
    KPI_SCORE_MISSING = "kpi_score_missing"
    RETURN_REASON_MISSING = "return_reason_missing"
    KPI_VALUE_TOO_LARGE = "kpi_value_too_large"
    KPI_VALUE_NEGATIVE = "kpi_value_negative"
    KPI_VALUE_NOT_WHOLE = "kpi_value_not_whole"
    KPI_PERCENT_OVER_100 = "kpi_percent_over_100"
    KPI_PERCENT_TOO_LARGE = "kpi_percent_too_large"
    # bonus points
    BONUS_LEVEL_UNKNOWN = "bonus_level_unknown"
    # 360
    RESPONDENTS_OUT_OF_RANGE = "respondents_out_of_range"
    ANSWER_OUT_OF_SCALE = "answer_out_of_scale"
    BELOW_ANONYMITY_THRESHOLD = "below_anonymity_threshold"
    COMPETENCY_UNKNOWN = "competency_unknown"
    ANSWER_MISSING = "answer_missing"
    # commission and calibration
    COMMISSION_TOO_SMALL = "commission_too_small"
    NO_QUORUM = "no_quorum"
    VOTER_NOT_MEMBER = "voter_not_member"
    VOTER_NOT_PRESENT = "voter_not_present"
    SECRETARY_CANNOT_VOTE = "secretary_cannot_vote"
    DUPLICATE_VOTE = "duplicate_vote"
    NO_MAJORITY = "no_majority"
    # workflow and deadlines
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    DEADLINE_PASSED = "deadline_passed"
    EVENT_UNKNOWN = "event_unknown"
    # the methods whose deadlines a period has (deadline_list)
    METHOD_NOT_IN_PACK = "method_not_in_pack"
    METHOD_IN_OTHER_VERSION = "method_in_other_version"
    METHOD_NOT_FOR_PERIOD_KIND = "method_not_for_period_kind"
    METHOD_NOT_IN_FORCE_IN_PERIOD = "method_not_in_force_in_period"
    METHOD_NOT_IN_FORCE_ON_OPENING = "method_not_in_force_on_opening"
    # the cycle
    PERIOD_ALREADY_OPEN = "period_already_open"
    PERIOD_CLOSED = "period_closed"
    PERIOD_CLOSING = "period_closing"
    PERIOD_INCOMPLETE = "period_incomplete"
    SCHEDULE_NOT_APPROVED = "schedule_not_approved"
    PERIOD_NOT_STARTED = "period_not_started"
    STALE_VERSION = "stale_version"
    PLANNED_AFTER_DEADLINE = "planned_after_deadline"
    # ranking sheets, paper sheets, bonus points
    NOT_ON_SHEET = "not_on_sheet"
    SCAN_MISSING = "scan_missing"
    SCAN_TYPE_NOT_ALLOWED = "scan_type_not_allowed"
    SCAN_TOO_LARGE = "scan_too_large"
    EVIDENCE_MISSING = "evidence_missing"
    # familiarization and disagreement (R-FAMILIARIZE, R-DISAGREE)
    RESULT_NOT_FINAL = "result_not_final"
    ALREADY_FAMILIARIZED = "already_familiarized"
    FAMILIARIZATION_IN_WRITING = "familiarization_in_writing"
    FAMILIARIZATION_CHANNEL_NOT_ALLOWED = "familiarization_channel_not_allowed"
    FAMILIARIZATION_DATE_OUT_OF_RANGE = "familiarization_date_out_of_range"
    REFUSAL_ACT_NOT_PROVIDED = "refusal_act_not_provided"
    REFUSAL_WITNESS_COUNT = "refusal_witness_count"
    REFUSAL_WITNESS_NOT_OTHER = "refusal_witness_not_other"
    REFUSAL_WITNESS_NOT_OF_BODY = "refusal_witness_not_of_body"
    NOT_FAMILIARIZED = "not_familiarized"
    DISAGREEMENT_NOT_PROVIDED = "disagreement_not_provided"
    DISAGREEMENT_TEXT_EMPTY = "disagreement_text_empty"
    DISAGREEMENT_LATE = "disagreement_late"
    DISAGREEMENT_ALREADY_SUBMITTED = "disagreement_already_submitted"
    TEXT_TOO_LONG = "text_too_long"
    # background work
    TASK_ALREADY_RUNNING = "task_already_running"
    TASK_NOT_RETRIABLE = "task_not_retriable"
    INTERNAL_ERROR = "internal_error"
    # the staff import
    IMPORT_ALREADY_APPLIED = "import_already_applied"
    IMPORT_HAS_ERRORS = "import_has_errors"
    # retention of the evaluation's documents (R-RETAIN)
    RETENTION_NOT_SET = "retention_not_set"
    RETENTION_NOT_CONFIRMED = "retention_not_confirmed"


class DomainError(Exception):
    """A rule refused the input. ``params`` holds the values a message needs."""

    def __init__(
        self,
        code: ErrorCode,
        params: Mapping[str, object] | None = None,
        cite: Cite | None = None,
    ) -> None:
        self.code = code
        self.params: dict[str, object] = dict(params or {})
        self.cite = cite
        super().__init__(f"{code.value}: {self.params}" + (f" [{cite.label()}]" if cite else ""))


class DomainErrors(DomainError):
    """Every refusal a form's input gave at once (one per bad cell), so a page can show
    each at its field; as a ``DomainError`` it is the first of them."""

    def __init__(self, errors: Sequence[DomainError]) -> None:
        found: list[DomainError] = []
        for err in errors:
            found.extend(err.errors if isinstance(err, DomainErrors) else (err,))
        if not found:
            raise ValueError("DomainErrors needs at least one error")
        super().__init__(found[0].code, found[0].params, found[0].cite)
        self.errors: tuple[DomainError, ...] = tuple(found)


def raise_all(errors: Sequence[DomainError]) -> None:
    """Raise the one error found, or all of them together; nothing when there are none."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise DomainErrors(errors)

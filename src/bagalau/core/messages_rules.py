"""Messages of the rules' refusals: law in time, input, people, packs, scores, KPI plans,
bonus points, 360, commission and calibration (``core.messages`` joins them with the
cycle's)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bagalau.domain.errors import ErrorCode

RULE_MESSAGES: Mapping[ErrorCode, Promise] = {
    # law in time
    ErrorCode.NO_METHODOLOGY_IN_FORCE: _(
        "No methodology of %(body)s is in force on %(date)s. Check the date, or add the "
        "methodology version in force on that date."
    ),
    ErrorCode.METHODOLOGY_REPEALED: _(
        "The methodology %(pack)s was in force until %(until)s (repealed by act %(act)s), so "
        "it does not apply on %(date)s. Use the methodology in force on that date."
    ),
    ErrorCode.RULE_NOT_IN_FORCE: _(
        "The rule %(rule)s is not in force on %(date)s. Apply the methodology version in "
        "force on that date."
    ),
    ErrorCode.RULE_NOT_IN_PACK: _(
        "The methodology in force has no rule %(rule)s. Check the evaluation method chosen."
    ),
    ErrorCode.UNKNOWN_BODY: _("Unknown state body %(body)s. Check the body's code."),
    ErrorCode.UNKNOWN_PACK: _("Unknown methodology %(pack)s. Check its name in the list."),
    ErrorCode.UNKNOWN_ACT: _(
        "Unknown act %(act)s. Add it to the methodology's list of acts or correct its code."
    ),
    # input parsing
    ErrorCode.BAD_DATE: _(
        "“%(value)s” is not a valid date. Write it as dd.mm.yyyy, for example 07.07.2023."
    ),
    ErrorCode.BAD_PERIOD: _(
        "“%(value)s” is not a valid period. Write a year (2026) or a quarter (2026-Q1)."
    ),
    ErrorCode.BAD_INTEGER: _(
        "“%(value)s” is not a whole number. Write an integer, for example 5 or -3."
    ),
    # people
    ErrorCode.IIN_INVALID: _(
        "“%(value)s” is not a valid IIN: it has 12 digits, a real date of birth in the first "
        "six and a correct check digit at the end. Check the number against the identity card."
    ),
    # packs
    ErrorCode.PACK_INVALID: _(
        "The methodology file %(file)s is invalid at “%(key)s”: %(reason)s. Correct the file."
    ),
    # scores
    ErrorCode.SCORE_NOT_INTEGER: _(
        "The score %(value)s must be a whole number from %(min)s to %(max)s."
    ),
    ErrorCode.SCORE_OUT_OF_RANGE: _(
        "The score %(value)s is outside the allowed range %(min)s–%(max)s. Enter a score within it."
    ),
    ErrorCode.SCORE_NOT_ADMISSIBLE: _(
        "The score %(value)s is not admissible for %(achievement)s%% KPI achievement. The "
        "highest admissible score is %(max)s."
    ),
    ErrorCode.ACHIEVEMENT_NEGATIVE: _(
        "KPI achievement cannot be negative (%(value)s). Enter the actual value again."
    ),
    ErrorCode.KPI_PLANNED_ZERO: _(
        "The planned value of the KPI is 0, so its achievement (actual %(actual)s) cannot be "
        "computed. Enter a planned value other than 0."
    ),
    ErrorCode.ACHIEVEMENT_NOT_IN_TABLE: _(
        "KPI achievement of %(value)s%% falls in %(rows)s rows of the methodology's score "
        "table; it must fall in exactly one. Correct the table."
    ),
    ErrorCode.NO_SCORES: _(
        "There are no scores for %(period)s, so no result can be computed. Enter the scores first."
    ),
    ErrorCode.BAND_GAP: _(
        "The score %(value)s falls in no result band of the methodology. Check the bands."
    ),
    ErrorCode.PARAMETER_MISSING: _(
        "The parameter “%(parameter)s” has no score. Score every parameter of the sheet."
    ),
    ErrorCode.PARAMETER_UNKNOWN: _(
        "The parameter “%(parameter)s” is not on this methodology's sheet. Remove it."
    ),
    # KPI plans
    ErrorCode.KPI_COUNT_OUT_OF_RANGE: _(
        "The plan has %(count)s KPIs; it must have from %(min)s to %(max)s. Add or remove KPIs."
    ),
    ErrorCode.KPI_FIELD_EMPTY: _("The KPI “%(kpi)s” has no %(field)s. Fill it in."),
    ErrorCode.KPI_NOT_SET_SHORT_TENURE: _(
        "KPIs are not set: less than %(months)s months remain from the appointment on "
        "%(appointed)s to the end of the period."
    ),
    ErrorCode.KPI_CHANGE_WITHOUT_GROUND: _(
        "KPIs may be changed only when the body's functions or structure change in a way "
        "that affects them. State that change."
    ),
    ErrorCode.KPI_METHOD_NOT_APPLIED: _(
        "%(employee)s is not evaluated by KPI in %(period)s, so there is no KPI plan or sheet "
        "for them. Check the methods decided when the period was opened."
    ),
    ErrorCode.KPI_PLAN_NOT_PLACED: _(
        "The KPI plan for %(period)s is not approved and placed yet. Finish the plan before "
        "opening the KPI evaluation sheet."
    ),
    ErrorCode.KPI_PLAN_IN_USE: _(
        "The KPI sheet of %(period)s is being scored on this plan. Finish that sheet, then "
        "change the plan."
    ),
    ErrorCode.KPI_QUARTER_VALUES_NOT_YEARLY: _(
        "Planned values by quarter belong to a work plan drawn up for the year. Enter only "
        "the plan's planned value."
    ),
    ErrorCode.KPI_ACTUAL_MISSING: _(
        "The KPI “%(kpi)s” has no actual value yet. HR enters the pre-calculated actual "
        "values before the KPIs are scored."
    ),
    ErrorCode.KPI_SCORE_MISSING: _(
        "The KPI “%(kpi)s” has no score yet. Score every KPI of the sheet, then submit it."
    ),
    ErrorCode.RETURN_REASON_MISSING: _(
        "A sheet is returned for correction only with a reason. Choose or write the reason."
    ),
    ErrorCode.KPI_VALUE_TOO_LARGE: _(
        "%(value)s is too large for a KPI value: at most %(max)s, with at most %(places)s "
        "decimal places. Check the number."
    ),
    ErrorCode.KPI_VALUE_NEGATIVE: _(
        "A KPI value cannot be negative (%(value)s): achievement is the actual value's share "
        "of the planned one. Enter 0 or more."
    ),
    ErrorCode.KPI_VALUE_NOT_WHOLE: _(
        "The unit “%(unit)s” counts whole things, so %(value)s is not allowed. Enter a whole "
        "number."
    ),
    ErrorCode.KPI_PERCENT_OVER_100: _(
        "The unit “%(unit)s” is a percentage from 0 to 100, so %(value)s is not allowed. "
        "Enter a percentage of at most 100."
    ),
    ErrorCode.KPI_PERCENT_TOO_LARGE: _(
        "The actual value %(actual)s against the planned %(planned)s would be more than "
        "%(max)s%% achievement. Check the actual value: it is probably mistyped."
    ),
    # bonus points
    ErrorCode.BONUS_LEVEL_UNKNOWN: _(
        "There is no bonus level %(value)s. Choose a level from %(min)s to %(max)s."
    ),
    # 360
    ErrorCode.RESPONDENTS_OUT_OF_RANGE: _(
        "%(count)s respondents are chosen; there must be from %(min)s to %(max)s. Add or "
        "remove respondents."
    ),
    ErrorCode.ANSWER_OUT_OF_SCALE: _(
        "The answer %(value)s is outside the questionnaire scale %(min)s–%(max)s."
    ),
    ErrorCode.BELOW_ANONYMITY_THRESHOLD: _(
        "Only %(count)s answers were received; results are shown from %(min)s answers so "
        "that respondents stay anonymous. This is bagalau's own safeguard, not a rule of "
        "the methodology."
    ),
    ErrorCode.COMPETENCY_UNKNOWN: _(
        "The competency “%(competency)s” is not in the list for this category. Choose one "
        "from the list."
    ),
    ErrorCode.ANSWER_MISSING: _(
        "There is no answer for the competency “%(competency)s”. Answer every competency of "
        "the questionnaire."
    ),
    # commission and calibration
    ErrorCode.COMMISSION_TOO_SMALL: _(
        "The commission has %(count)s members; it must have at least %(min)s. Add members."
    ),
    ErrorCode.NO_QUORUM: _(
        "Only %(present)s of %(members)s members are present; %(quorum)s are needed for a "
        "quorum. Postpone the meeting."
    ),
    ErrorCode.VOTER_NOT_MEMBER: _("%(voter)s is not a member and cannot vote."),
    ErrorCode.VOTER_NOT_PRESENT: _(
        "%(voter)s is not recorded as present at the meeting and cannot vote."
    ),
    ErrorCode.SECRETARY_CANNOT_VOTE: _("The secretary %(voter)s does not vote. Remove this vote."),
    ErrorCode.DUPLICATE_VOTE: _("%(voter)s has already voted. Each member votes once."),
    ErrorCode.NO_MAJORITY: _("No option has a majority of the votes. Vote again."),
}

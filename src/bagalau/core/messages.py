"""Domain error codes -> translated sentences that say what is wrong and what to fix.

Placeholders are ``%(name)s`` and are filled from ``DomainError.params``; code that
raises an error passes the values named here. A missing value shows as "?" rather than
hiding the whole message.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bagalau.core.labels import cite_text, name_lang
from bagalau.domain.calendar import format_date
from bagalau.domain.errors import DomainError, DomainErrors, ErrorCode
from bagalau.domain.law import Text
from bagalau.domain.methodology import Labelled

MESSAGES: Mapping[ErrorCode, Promise] = {
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
    # workflow and deadlines
    ErrorCode.TRANSITION_NOT_ALLOWED: _("%(object)s cannot go from “%(from)s” to “%(to)s”."),
    ErrorCode.DEADLINE_PASSED: _(
        "The time limit %(deadline)s ended on %(due)s; it cannot be done on %(date)s."
    ),
    # the cycle
    ErrorCode.PERIOD_ALREADY_OPEN: _(
        "The period %(period)s is already open for this body. Open it from the list of periods."
    ),
    ErrorCode.PERIOD_CLOSED: _(
        "The period %(period)s is closed; nothing in it can be changed any more."
    ),
    ErrorCode.PERIOD_CLOSING: _(
        "The period %(period)s is being closed; nothing in it can be changed. The close's "
        "progress is shown on the period's page."
    ),
    ErrorCode.PERIOD_INCOMPLETE: _(
        "The period %(period)s cannot be closed yet. Evaluations not complete: %(count)s "
        "(%(missing)s). Have these sheets approved, then close the period."
    ),
    ErrorCode.SCHEDULE_NOT_APPROVED: _(
        "The period %(period)s cannot be closed: its evaluation schedule is not approved by "
        "the appointing official. Have the schedule approved, then close the period."
    ),
    ErrorCode.PERIOD_NOT_STARTED: _(
        "The period %(period)s starts on %(start)s, after today (%(today)s). Tick the box "
        "confirming that it is to be opened in advance, or open it when it starts."
    ),
    ErrorCode.STALE_VERSION: _(
        "Someone else saved %(object)s while you were editing it. Reload the page to see "
        "their changes, then make yours again."
    ),
    ErrorCode.PLANNED_AFTER_DEADLINE: _(
        "The planned date %(planned)s is after the legal deadline %(due)s. Plan it on or "
        "before the deadline."
    ),
    ErrorCode.EVENT_UNKNOWN: _("Unknown event “%(event)s”; no deadline can be counted from it."),
    # ranking sheets, paper sheets, bonus points
    ErrorCode.NOT_ON_SHEET: _(
        "%(employee)s is not on this ranking sheet for %(period)s. Score only the people the "
        "sheet lists."
    ),
    ErrorCode.SCAN_MISSING: _(
        "Attach the scan of the signed paper sheet of %(employee)s before entering its scores."
    ),
    ErrorCode.SCAN_TYPE_NOT_ALLOWED: _(
        "The file %(file)s is not a PDF, JPEG or PNG. Scan the signed sheet to one of these "
        "formats."
    ),
    ErrorCode.SCAN_TOO_LARGE: _(
        "The file %(file)s is larger than %(max)s MB. Scan it at a lower resolution."
    ),
    ErrorCode.EVIDENCE_MISSING: _(
        "Write a short note of the evidence for the activity (a document or an event)."
    ),
    # familiarization and disagreement
    ErrorCode.RESULT_NOT_FINAL: _(
        "The result is not approved yet, so there is nothing final to be made acquainted "
        "with. Familiarization starts when the result is approved."
    ),
    ErrorCode.ALREADY_FAMILIARIZED: _(
        "The familiarization with this result is already recorded (%(date)s, %(channel)s). "
        "Nothing was changed."
    ),
    ErrorCode.FAMILIARIZATION_IN_WRITING: _(
        "The methodology in force requires familiarization in writing: sign the result "
        "with the HR service, which records it."
    ),
    ErrorCode.FAMILIARIZATION_CHANNEL_NOT_ALLOWED: _(
        "The methodology %(pack)s does not provide familiarization by “%(channel)s”. "
        "Allowed: %(allowed)s."
    ),
    ErrorCode.FAMILIARIZATION_DATE_OUT_OF_RANGE: _(
        "The date %(date)s must be between the approval of the result (%(min)s) and today "
        "(%(max)s). Enter the day the employee was actually made acquainted or notified."
    ),
    ErrorCode.REFUSAL_ACT_NOT_PROVIDED: _(
        "The methodology %(pack)s does not require written familiarization, so it provides "
        "no refusal act. Record how the employee was made acquainted instead."
    ),
    ErrorCode.REFUSAL_WITNESS_COUNT: _(
        "The refusal act is signed by %(count)s other employees of the body. Choose "
        "%(count)s different employees."
    ),
    ErrorCode.REFUSAL_WITNESS_NOT_OTHER: _(
        "A witness of the refusal act must be another employee: neither the employee who "
        "refused nor the HR officer drawing up the act."
    ),
    ErrorCode.REFUSAL_WITNESS_NOT_OF_BODY: _(
        "A witness of the refusal act must be an employee of the same state body working "
        "there today."
    ),
    ErrorCode.NOT_FAMILIARIZED: _(
        "An application against the result can be made only after familiarization with "
        "it. Acknowledge the result first."
    ),
    ErrorCode.DISAGREEMENT_NOT_PROVIDED: _(
        "The methodology %(pack)s provides no application against the result (no "
        "calibration session). Nothing was submitted."
    ),
    ErrorCode.DISAGREEMENT_TEXT_EMPTY: _(
        "The application is written in free form but cannot be empty. Write why you "
        "disagree with the result."
    ),
    ErrorCode.DISAGREEMENT_LATE: _(
        "An application could be submitted within %(days)s working days of familiarization "
        "on %(familiarized)s, that is until %(due)s; it cannot be submitted on %(date)s."
    ),
    ErrorCode.DISAGREEMENT_ALREADY_SUBMITTED: _(
        "Your application against this result was already submitted on %(date)s. Nothing "
        "was changed."
    ),
    ErrorCode.TEXT_TOO_LONG: _(
        "The text has %(length)s characters; at most %(max)s are allowed. Shorten it."
    ),
    # background work
    ErrorCode.TASK_ALREADY_RUNNING: _(
        "The same work is already queued or running (started %(started)s). Wait for it to "
        "finish: its progress is shown on its page."
    ),
    ErrorCode.TASK_NOT_RETRIABLE: _(
        "Only work that failed can be run again; this one is “%(status)s”. Nothing was changed."
    ),
    ErrorCode.INTERNAL_ERROR: _(
        "The work stopped because of an internal error; the administrators find the details "
        "in the server log. Run it again: it starts over safely."
    ),
    # the staff import
    ErrorCode.IMPORT_ALREADY_APPLIED: _(
        "This import was already applied on %(date)s. Nothing was changed; upload the file "
        "again to apply it once more."
    ),
    ErrorCode.IMPORT_HAS_ERRORS: _(
        "The dry run of this import found errors, so it cannot be applied and nothing was "
        "written. Correct the file and upload it again."
    ),
}


class _Params(dict[str, str]):
    """Named values for a message; one the caller did not pass shows as "?"."""

    def __missing__(self, key: str) -> str:
        return "?"


def _named(value: object) -> str | None:
    """A pack's label or a person's full name in the reader's language, else None."""
    if isinstance(value, Labelled):
        return value.name.get(name_lang())
    if isinstance(value, Text):
        return value.get(name_lang())
    full_name = getattr(value, "full_name", None)
    return str(full_name(name_lang())) if callable(full_name) else None


def _display(value: object) -> str:
    """A value as the reader sees it: a pack's parameter by its name, a person by their
    full name, both in the reader's language; never an internal key."""
    named = _named(value)
    if named is not None:
        return named
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"  # 3.9950 -> 3.995, 1E+2 -> 100
    return str(value)


def error_message(err: DomainError) -> str:
    """The error as a sentence in the active language, with the rule it comes from."""
    text = str(MESSAGES[err.code]) % _Params({k: _display(v) for k, v in err.params.items()})
    if err.cite is None:
        return text
    return gettext("%(message)s (basis: %(cite)s)") % {
        "message": text,
        "cite": cite_text(err.cite),
    }


def errors_of(err: DomainError) -> tuple[DomainError, ...]:
    """The single errors a refusal is made of (one, or every bad cell of a form)."""
    return err.errors if isinstance(err, DomainErrors) else (err,)


def located_message(err: DomainError) -> str:
    """The error prefixed with whose row and which parameter it is about, for a list of
    a page's errors away from their fields (the summary at the top of a form)."""
    text = error_message(err)
    template = str(MESSAGES[err.code])
    where = [
        _display(err.params[key])
        for key in ("employee", "parameter")
        if key in err.params and f"%({key})s" not in template
    ]
    if not where:
        return text
    return gettext("%(where)s: %(message)s") % {"where": ", ".join(where), "message": text}

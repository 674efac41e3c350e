"""Messages of the procedure: workflow and deadlines, the cycle, sheets, familiarization
and disagreement, background work and the staff import."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bagalau.domain.errors import ErrorCode

MESSAGES: Mapping[ErrorCode, Promise] = {
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
    # R-RETAIN (004 p14)
    ErrorCode.RETENTION_NOT_SET: _(
        "The methodology %(pack)s does not say how long evaluation documents are kept, so "
        "nothing of its periods is removed. Add retention_years, with its paragraph, to the "
        "methodology pack."
    ),
    ErrorCode.RETENTION_NOT_CONFIRMED: _(
        "Nothing was removed: removing documents past their retention period must be "
        "confirmed. Run bagalau retention --remove in a terminal and answer yes, or add --yes."
    ),
}

"""Readable names for the rule values of a pack, by their key in the pack
(``kpi.achievement_table``): the pages name a rule, never its key. bagalau's own
safeguards, which are no rule of any pack, are written out apart and say so."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from bagalau.domain.survey360 import ANONYMITY_THRESHOLD, Safeguard

RULE_LABELS: dict[str, Promise] = {
    "authorized_person": gettext_lazy("the authorized person"),
    "bands": gettext_lazy("result bands"),
    "behavioural_indicators": gettext_lazy("behavioural indicators of competencies"),
    "bonus_points": gettext_lazy("bonus point scale"),
    "calibration.adjust_up_or_down": gettext_lazy("calibration may raise or lower a score"),
    "calibration.feedback_topics": gettext_lazy("topics of calibration feedback"),
    "calibration.majority_of_participants": gettext_lazy(
        "calibration decides by a majority of participants"
    ),
    "calibration.members_approved_by": gettext_lazy(
        "who approves the calibration session's members"
    ),
    "commission.chair_casting_vote": gettext_lazy("chair's casting vote in a tie"),
    "commission.decisions": gettext_lazy("decisions of the commission"),
    "commission.meeting_arranged_by": gettext_lazy("who sees the commission's meeting held"),
    "commission.meeting_dates_agreed_with": gettext_lazy(
        "with whom the meeting's dates are agreed"
    ),
    "commission.meeting_documents": gettext_lazy("documents put before the commission's meeting"),
    "commission.min_members": gettext_lazy("minimum members of the commission"),
    "commission.open_vote": gettext_lazy("open vote of the commission"),
    "commission.quorum": gettext_lazy("quorum of the commission"),
    "commission.results_approved_by": gettext_lazy("who approves the evaluation results"),
    "commission.results_recorded_in": gettext_lazy("where the approved results are recorded"),
    "commission.secretary_votes": gettext_lazy("whether the commission's secretary votes"),
    "commission.working_body": gettext_lazy("working body of the commission"),
    "confidential_to": gettext_lazy("who may know the results"),
    "count_kpi.appeal.appeal": gettext_lazy("appeal against a count-based KPI result"),
    "count_kpi.appeal.route": gettext_lazy("appeal route for a count-based KPI result"),
    "count_kpi.approvers": gettext_lazy("who reviews a count-based KPI plan"),
    "count_kpi.bands_by_count": gettext_lazy("result by the number of KPIs achieved"),
    "count_kpi.count": gettext_lazy("number of KPIs (count-based)"),
    "count_kpi.plan_fields": gettext_lazy("columns of the count-based KPI plan"),
    "count_kpi.return_reasons": gettext_lazy("grounds for returning a count-based KPI plan"),
    "count_kpi.smart_criteria": gettext_lazy("criteria a count-based KPI must meet"),
    "disagreement.appeal": gettext_lazy("appeal against a result"),
    "disagreement.route": gettext_lazy("where a disagreement is taken"),
    "duties.authorized_person": gettext_lazy("what the authorized person ensures"),
    "duties.evaluated": gettext_lazy("what the evaluated person ensures"),
    "duties.evaluator": gettext_lazy("what the evaluator ensures"),
    "eligibility.dismissed_without_participation": gettext_lazy(
        "dismissed employees evaluated without participation"
    ),
    "eligibility.min_months_in_position": gettext_lazy(
        "minimum time in the position to be evaluated"
    ),
    "eligibility.without_participation": gettext_lazy("absences evaluated without participation"),
    "familiarization.absent_means": gettext_lazy(
        "how an absent employee is made familiar with the result"
    ),
    "familiarization.mode": gettext_lazy("how the result is made known"),
    "familiarization.refusal_act_witnesses": gettext_lazy("who signs the refusal act"),
    "familiarization.refusal_delivery": gettext_lazy("when the refusal act is delivered"),
    "kpi.achievement_table": gettext_lazy("table of admissible scores by % of KPI achievement"),
    "kpi.aggregation": gettext_lazy("how KPI scores combine"),
    "kpi.change_grounds": gettext_lazy("grounds for changing KPIs"),
    "kpi.count_max": gettext_lazy("most KPIs in a plan"),
    "kpi.count_min": gettext_lazy("fewest KPIs in a plan"),
    "kpi.min_months_remaining": gettext_lazy("time left in the period needed to set KPIs"),
    "kpi.plan_fields": gettext_lazy("columns of the KPI plan"),
    "kpi.plan_period": gettext_lazy("the period the individual work plan is drawn up for"),
    "kpi.scale": gettext_lazy("KPI score scale"),
    "kpi.smart_criteria": gettext_lazy("criteria a KPI must meet"),
    "procedure_disputes": gettext_lazy("who considers disagreements about the procedure"),
    "quarterly.aggregation": gettext_lazy("how quarterly results make the annual one"),
    "quarterly.evaluators": gettext_lazy("who evaluates each quarter"),
    "quarterly.parameters": gettext_lazy("parameters of the quarterly sheet"),
    "quarterly.scale": gettext_lazy("score scale of the quarterly sheet"),
    "quarterly.special_cases": gettext_lazy("special cases of the quarterly evaluation"),
    "ranking.aggregation": gettext_lazy("how ranking scores combine"),
    "ranking.parameters": gettext_lazy("parameters of the ranking sheet"),
    "ranking.scale": gettext_lazy("ranking score scale"),
    "result_uses": gettext_lazy("what the results ground"),
    "retention_years": gettext_lazy("how long results are kept"),
    "survey360.competencies": gettext_lazy("competencies of the 360 survey"),
    "survey360.respondent_groups": gettext_lazy("who answers the 360 survey"),
    "survey360.respondents_max": gettext_lazy("most respondents of the 360 survey"),
    "survey360.respondents_min": gettext_lazy("fewest respondents of the 360 survey"),
    "survey360.scale": gettext_lazy("360 answer scale"),
    "survey360.scale_labels": gettext_lazy("names of the 360 answers"),
    "survey360.self_assessment_counts": gettext_lazy("whether self-assessment counts in 360"),
    "survey360.weakest_count": gettext_lazy("how many least developed competencies are named"),
    "survey360_result_uses": gettext_lazy("what 360 results ground"),
}


def rule_label(key: str) -> str:
    """The rule's name in the active language; the key itself only for a key not named yet."""
    label = RULE_LABELS.get(key)
    return str(label) if label is not None else key


SAFEGUARDS: dict[str, Promise] = {
    ANONYMITY_THRESHOLD: gettext_lazy(
        "a 360 result is shown only from %(value)s answers: bagalau's own safeguard of the "
        "respondents' anonymity, not a rule of the methodology"
    ),
}


def safeguard_text(safeguard: Safeguard) -> str:
    """What a result's safeguard is, in the active language, with no citation: no act
    sets it (the 360 threshold: 004 p33 says only "anonymous")."""
    label = SAFEGUARDS.get(safeguard.code)
    return str(label) % {"value": safeguard.value} if label is not None else safeguard.code

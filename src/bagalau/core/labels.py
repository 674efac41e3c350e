"""Translated names for the codes the domain uses (methods, audiences, roles of acts)
and citations written out in the reader's language."""

from __future__ import annotations

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bagalau.domain.law import Cite

CODE_LABELS: dict[str, Promise] = {
    # methods (R-METHODS)
    "kpi": gettext_lazy("KPI achievement"),
    "ranking": gettext_lazy("ranking"),
    "survey360": gettext_lazy("360 survey"),
    "count_kpi": gettext_lazy("KPI by count achieved"),
    "bonus_points": gettext_lazy("bonus points"),
    "quarterly": gettext_lazy("quarterly evaluation"),
    "commission": gettext_lazy("evaluation commission"),
    # audiences
    "head_of_apparatus": gettext_lazy("head of apparatus"),
    "heads_of_units": gettext_lazy("heads of structural units"),
    "staff": gettext_lazy("“B” corps staff"),
    "all": gettext_lazy("everyone evaluated"),
    # periods
    "quarter": gettext_lazy("quarter"),
    "year": gettext_lazy("year"),
    # why a person is or is not evaluated (R-ELIGIBLE, R-DISMISSED, R-KPI-PLAN)
    "under_min_tenure": gettext_lazy("under the minimum time in the actual position"),
    "dismissed_before_period_end": gettext_lazy("dismissed before the period ended"),
    "absent_during_evaluation": gettext_lazy("absent during the evaluation"),
    "kpi_not_set_short_tenure": gettext_lazy("too little time left in the period for KPIs"),
    "count_kpi_absent": gettext_lazy("on social or sick leave: KPI by count achieved"),
    "no_method_applies": gettext_lazy("no evaluation method applies to the position"),
    # roles of acts
    "base": gettext_lazy("approves"),
    "amendment": gettext_lazy("amends"),
    "repeal": gettext_lazy("repeals"),
}


def code_label(code: str) -> str:
    label = CODE_LABELS.get(code)
    return str(label) if label is not None else code


def cite_text(cite: Cite) -> str:
    """A citation in the active language, e.g. "shakhtinsk-278-5, п. 7"."""
    if not cite.paragraph:
        text = _("%(act)s, paragraph not given in the sources") % {"act": cite.act}
    elif cite.paragraph[:1].isdigit():
        text = _("%(act)s, p. %(paragraph)s") % {"act": cite.act, "paragraph": cite.paragraph}
    else:
        text = f"{cite.act}, {cite.paragraph}"
    if cite.via_typical:
        text += " " + _("(Typical Methodology)")
    if cite.restated_in is not None:
        text += "; " + _("as restated in %(cite)s") % {"cite": cite_text(cite.restated_in)}
    return text


def name_lang() -> str:
    """Names are kept in Kazakh and Russian; English pages show the Russian ones."""
    return "kk" if (translation.get_language() or "ru").startswith("kk") else "ru"

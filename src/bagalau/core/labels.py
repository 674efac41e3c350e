"""Translated names for the codes the domain uses (methods, audiences, roles of acts)
and citations written out in the reader's language."""

from __future__ import annotations

from functools import lru_cache

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bagalau.domain.law import Cite, Text
from bagalau.packs import registry

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
    "kpi_not_set_short_tenure": gettext_lazy(
        "under three months from the appointment to the end of the work plan's year: no KPIs"
    ),
    "kpi_in_other_period": gettext_lazy("KPI achievement is evaluated each quarter, not here"),
    "kpi_not_for_category": gettext_lazy("KPIs are set for another category of position"),
    "kpi_not_in_force": gettext_lazy("the KPI rule is not in force for this period"),
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


def ui_lang() -> str:
    """The page's language for the packs' texts, which exist in kk, ru and en."""
    return (translation.get_language() or "ru")[:2]


def act_name(act_id: str) -> str:
    """The act's short name in the active language; the id only for an act no pack has."""
    act = registry().act(act_id)
    return act.short.get(ui_lang()) if act is not None else act_id


@lru_cache(maxsize=256)
def _is_typical(act_id: str) -> bool:
    """An act of the Typical Methodology itself needs no "(Typical Methodology)" after it."""
    return any(p.fallback and any(a.id == act_id for a in p.acts) for p in registry().packs)


def cite_text(cite: Cite) -> str:
    """A citation in the active language as the act's name and its paragraph or appendix,
    e.g. "Шахтинск қалалық мәслихаты аппаратының әдістемесі, 32-тармақ" — never the
    act's internal id; a citation borrowed from another body's act says so. The one
    place citations are written out for people."""
    kind, number = cite.where()
    act = act_name(cite.act)
    if kind == "none":
        text = _("%(act)s, paragraph not given in the sources") % {"act": act}
    elif kind == "paragraph":
        text = _("%(act)s, paragraph %(paragraph)s") % {"act": act, "paragraph": number}
    elif kind == "paragraphs":
        text = _("%(act)s, paragraphs %(paragraphs)s") % {"act": act, "paragraphs": number}
    elif kind == "appendix":
        text = _("%(act)s, appendix %(appendix)s") % {"act": act, "appendix": number}
    else:
        text = f"{act}, {number}"
    if cite.via_typical and not _is_typical(cite.act):
        text += " " + _("(Typical Methodology)")
    if cite.borrowed:
        # Another body's act, shown until the body enters its own rule (ADR 0011).
        text = _("borrowed from %(cite)s — not verified for this body") % {"cite": text}
    if cite.restated_in is not None:
        text += "; " + _("as restated in %(cite)s") % {"cite": cite_text(cite.restated_in)}
    return text


def in_ui_lang(text: Text | None) -> str:
    """A pack's text (a note, a name) in the active language; empty when there is none."""
    return text.get(ui_lang()) if text is not None else ""


def name_lang() -> str:
    """Names are kept in Kazakh and Russian; English pages show the Russian ones."""
    return "kk" if (translation.get_language() or "ru").startswith("kk") else "ru"

"""Familiarization pages: the employee acknowledges a result and applies against it;
HR records how absent employees were told, and refusals with their act.

Each view parses, asks ``require`` through an ``access_*`` selector (nothing else
decides access), calls one service, renders.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bagalau.access import Action
from bagalau.core import clock
from bagalau.core.export import table_response
from bagalau.core.labels import cite_text, name_lang
from bagalau.core.listing import ListQuery, export_format
from bagalau.core.outcomes import Refusal, attempt
from bagalau.cycles.familiarization import services
from bagalau.cycles.familiarization.forms import (
    AcknowledgeForm,
    DisagreementForm,
    RecordForm,
    RefusalForm,
)
from bagalau.cycles.familiarization.selectors import (
    access_period_for_hr,
    access_refusal,
    access_result_for,
    body_staff,
    hr_list,
    officer_name,
)
from bagalau.cycles.familiarization.table import EXPORT_HEADER, export_rows, familiarization_spec
from bagalau.cycles.models import EvaluationPeriod, Result
from bagalau.domain import familiarization as rules
from bagalau.packs import registry


def _result_url(result: Result) -> str:
    return reverse("cycles:result", args=[result.participation_id])


@login_required
@require_POST
def acknowledge(request: HttpRequest, result_id: int) -> HttpResponse:
    """ "I have read the result" (004 p11): the person's own act, time recorded."""
    result = access_result_for(
        request.user, Action.ACKNOWLEDGE_RESULT, result_id, today=clock.today()
    )
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Reload the page and try again."))
        return redirect(_result_url(result))
    done = attempt(
        services.do_acknowledge_result,
        actor=request.user,
        result_id=result.pk,
        version=form.cleaned_data["version"],
    )
    if isinstance(done, Refusal):
        messages.error(request, done.message)
    else:
        messages.success(request, _("Your familiarization with the result is recorded."))
    return redirect(_result_url(result))


@login_required
@require_POST
def disagreement(request: HttpRequest, result_id: int) -> HttpResponse:
    """R-DISAGREE (004 p12): the application; a refusal keeps what was typed."""
    result = access_result_for(
        request.user, Action.SUBMIT_DISAGREEMENT, result_id, today=clock.today()
    )
    form = DisagreementForm(request.POST)
    error = ""
    if form.is_valid():
        done = attempt(
            services.do_submit_disagreement,
            actor=request.user,
            result_id=result.pk,
            text=form.cleaned_data["text"],
        )
        if isinstance(done, Refusal):
            error = done.message
        else:
            messages.success(request, _("Your application is submitted."))
            return redirect(_result_url(result))
    context = {"result": result, "form": form, "error": error}
    return render(request, "cycles/familiarize_disagreement.html", context, status=400)


def _hr_page(request: HttpRequest, period_id: int, **extra: Any) -> dict[str, Any]:
    period = access_period_for_hr(request.user, period_id, today=clock.today())
    listing = ListQuery.parse(request, familiarization_spec(name_lang()))
    data = hr_list(period, name_lang(), listing)
    page = listing.paginate(data.rows)
    forms = {
        row.result.pk: RecordForm(
            channels=data.channels,
            initial={"version": row.result.version, "on": clock.today()},
            prefix=f"r{row.result.pk}",
        )
        for row in page
        if row.familiarization is None and data.channels
    }
    context = {"list": data, "rows": list(page), "forms": forms, "lang": name_lang()}
    return context | {"error": ""} | listing.context(page) | extra


@login_required
@require_GET
def hr_page(request: HttpRequest, period_id: int) -> HttpResponse:
    """HR's list of the period's approved results and their familiarization."""
    fmt = export_format(request)
    if fmt is not None:
        period = access_period_for_hr(request.user, period_id, today=clock.today())
        listing = ListQuery.parse(request, familiarization_spec(name_lang()))
        data = hr_list(period, name_lang(), listing)
        name = f"familiarization-{period.body.code}-{period.code}"
        header = [str(h) for h in EXPORT_HEADER]
        return table_response(fmt, name, header, export_rows(data.rows))
    context = _hr_page(request, period_id)
    return render(request, "cycles/familiarize_list.html", context)


@login_required
@require_POST
def record(request: HttpRequest, result_id: int) -> HttpResponse:
    """HR records how and when the employee was made acquainted (001 p11; 000 p41)."""
    result = access_result_for(
        request.user, Action.RECORD_FAMILIARIZATION, result_id, today=clock.today()
    )
    pack = registry().pack(result.participation.period.pack_id)
    channels = rules.recorded_channels(pack.rules.familiarization)
    form = RecordForm(request.POST, channels=channels, prefix=f"r{result.pk}")
    error = ""
    if form.is_valid():
        done = attempt(
            services.do_record_familiarization,
            actor=request.user,
            result_id=result.pk,
            version=form.cleaned_data["version"],
            channel=form.cleaned_data["channel"],
            on=form.cleaned_data["on"],
            note=form.cleaned_data["note"],
        )
        if isinstance(done, Refusal):
            error = done.message
        else:
            messages.success(request, _("The familiarization is recorded."))
            return redirect("cycles:familiarization_list", result.participation.period_id)
    else:
        error = _("Correct the form: %(errors)s") % {"errors": _form_errors(form)}
    context = _hr_page(request, result.participation.period_id, error=error)
    context["forms"][result.pk] = form
    return render(request, "cycles/familiarize_list.html", context, status=400)


def period_label(period: EvaluationPeriod) -> str:
    """ "the 1st quarter of 2024" / "the year 2024", as an official document words it."""
    if period.quarter:
        return _("quarter %(quarter)s of %(year)s") % {
            "quarter": period.quarter,
            "year": period.year,
        }
    return _("the year %(year)s") % {"year": period.year}


def _form_errors(form: RecordForm | RefusalForm) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(str(e) for e in errors)}")
    return "; ".join(parts)


@login_required
@require_http_methods(["GET", "POST"])
def refusal(request: HttpRequest, result_id: int) -> HttpResponse:
    """000 p41, 003 p40: the employee refused written familiarization; HR draws up the act
    with two other employees of the body as witnesses."""
    today = clock.today()
    result = access_result_for(request.user, Action.RECORD_FAMILIARIZATION, result_id, today=today)
    participation = result.participation
    pack = registry().pack(participation.period.pack_id)
    fam = pack.rules.familiarization
    lang = name_lang()
    staff = body_staff(participation.period.body_id, today, exclude=participation.employee_id)
    initial = {"version": result.version, "on": today}
    form = RefusalForm(request.POST or None, staff=staff, lang=lang, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        done = attempt(
            services.do_record_refusal,
            actor=request.user,
            result_id=result.pk,
            version=form.cleaned_data["version"],
            witness_ids=form.witness_ids(),
            on=form.cleaned_data["on"],
            act_number=form.cleaned_data["act_number"],
            note=form.cleaned_data["note"],
        )
        if isinstance(done, Refusal):
            error = done.message
        else:
            messages.success(request, _("The refusal act is drawn up."))
            return redirect("cycles:refusal_act", result.pk)
    witnesses = fam.refusal_act_witnesses if rules.is_written(fam) and fam else None
    context = {
        "result": result,
        "name": participation.employee.full_name(lang),
        "form": form,
        "error": error,
        "provided": witnesses is not None,
        "basis": cite_text(witnesses.cite) if witnesses else "",
        "quote": witnesses.cite.quote if witnesses else "",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "cycles/familiarize_refusal.html", context, status=status)


@login_required
@require_GET
def refusal_act(request: HttpRequest, result_id: int) -> HttpResponse:
    """The refusal act as a printable A4 document in the reader's language."""
    familiarization = access_refusal(request.user, result_id, today=clock.today())
    result = familiarization.result
    participation = result.participation
    pack = registry().pack(participation.period.pack_id)
    lang = name_lang()
    fam = pack.rules.familiarization
    cited = fam.refusal_act_witnesses if fam else None
    delivery = fam.refusal_delivery if fam else None
    bands = pack.rules.bands.value if pack.rules.bands else ()
    band = next((b for b in bands if b.code == result.band), None)
    context = {
        "f": familiarization,
        "result": result,
        "participation": participation,
        "body": participation.period.body.name(lang),
        "employee": participation.employee.full_name(lang),
        "position": participation.position.title(lang),
        "period": period_label(participation.period),
        "band": band.name.get(lang) if band else "",
        "officer": officer_name(familiarization, lang),
        "witnesses": [
            w.full_name(lang)
            for w in (familiarization.witness_one, familiarization.witness_two)
            if w
        ],
        "basis": cite_text(cited.cite) if cited else "",
        "quote": cited.cite.quote if cited else "",
        "delivery": [m.name.get(lang) for m in delivery.value] if delivery else [],
    }
    return render(request, "cycles/familiarize_act.html", context)

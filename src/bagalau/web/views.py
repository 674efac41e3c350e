"""Public pages: home, and the methodology packs with their versions and citations."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from bagalau.core import clock
from bagalau.core.labels import name_lang
from bagalau.core.messages import error_message
from bagalau.core.packview import pack_detail, pack_summary, timeline
from bagalau.cycles.periods.my_work import my_work
from bagalau.domain.calendar import format_date, parse_date
from bagalau.domain.errors import DomainError
from bagalau.notify.worklist import worklist
from bagalau.packs import registry

TIMELINE_START = date(2017, 1, 1)
TIMELINE_YEARS = 11


def home(request: HttpRequest) -> HttpResponse:
    """The start page: what waits for the signed-in user, their team, KPI plans and
    their own results."""
    lang, today = name_lang(), clock.today()
    work = my_work(request.user, lang, today=today)
    waiting = worklist(request.user, today=today) if request.user.is_authenticated else None
    return render(request, "web/home.html", {"work": work, "worklist": waiting})


def packs(request: HttpRequest) -> HttpResponse:
    """Every version on a timeline, and which one governs a chosen body on a date."""
    lang = translation.get_language() or "ru"
    reg = registry()
    end = date(TIMELINE_START.year + TIMELINE_YEARS, 12, 31)
    context: dict[str, object] = {
        "packs": [
            pack_summary(p, lang) for p in sorted(reg.packs, key=lambda p: (p.line, p.valid.start))
        ],
        "bodies": [{"code": b.code, "name": b.name.get(lang)} for b in reg.bodies()],
        "timeline": timeline(reg.packs, TIMELINE_START, end, lang),
        "ticks": _ticks(TIMELINE_START, end),
        "chosen_body": request.GET.get("body", ""),
        "chosen_date": request.GET.get("on", "") or format_date(clock.today()),
    }
    if "body" in request.GET:
        try:
            body = reg.body(request.GET["body"])
            governing = reg.in_force(body.code, parse_date(str(context["chosen_date"])))
            context["governing"] = pack_summary(governing, lang)
            context["governing_body"] = body.name.get(lang)
        except DomainError as err:
            context["lookup_error"] = error_message(err)
    return render(request, "web/packs.html", context)


def pack(request: HttpRequest, pack_id: str) -> HttpResponse:
    try:
        found = registry().pack(pack_id)
    except DomainError:
        raise Http404(pack_id) from None
    lang = translation.get_language() or "ru"
    return render(request, "web/pack.html", {"pack": pack_detail(found, lang)})


def _ticks(start: date, end: date) -> list[dict[str, object]]:
    span = (end - start).days
    return [
        {"year": year, "left": round((date(year, 1, 1) - start).days / span * 100, 2)}
        for year in range(start.year, end.year + 1)
    ]

"""Staff import and export pages: upload, dry run, apply, report, template, export.

Checking and applying a large file takes seconds, so both answer with a streamed page:
the top of the page first, then a line and a progress bar update for each chunk of rows
as the work goes on, then a link (and, with JavaScript, a redirect) to the result. This
works in ``runserver``, behind a proxy that does not buffer (``X-Accel-Buffering: no``)
and in tests, without a task queue; the request itself does the work. Applying checks
the whole file first, then writes in chunks that each commit; if the request dies
mid-way, applying the same job again finishes it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Generator, Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bagalau.access import Action, require
from bagalau.core import clock
from bagalau.orgs.imports.columns import SHEET_LABELS, SheetKind
from bagalau.orgs.imports.issues import Issue, full_message
from bagalau.orgs.imports.services import check_staff_import_steps, do_apply_staff_import_steps
from bagalau.orgs.imports.xlsx import export_workbook, report_workbook, template_workbook
from bagalau.orgs.models import ImportJob, ImportStatus, StateBody

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS_PER_PAGE = 500
MAX_FILES = 3
_MARKER = "<!--progress-->"
PHASES = {
    "read": gettext_lazy("Rows read"),
    "check": gettext_lazy("Rows checked"),
    "departments": gettext_lazy("Departments written"),
    "positions": gettext_lazy("Positions written"),
    "employees": gettext_lazy("Employees written"),
    "assignments": gettext_lazy("Assignments written"),
    "absences": gettext_lazy("Absences written"),
    "dismissals": gettext_lazy("Dismissals written"),
    "audit": gettext_lazy("Audit records written"),
}
OUTCOMES = {
    "create": gettext_lazy("create"),
    "update": gettext_lazy("update"),
    "unchanged": gettext_lazy("unchanged"),
    "error": gettext_lazy("error"),
}


def _body(request: HttpRequest, code: str, action: Action = Action.IMPORT_STAFF) -> StateBody:
    body = get_object_or_404(StateBody, code=code)
    require(request.user, action, body, today=clock.today())
    return body


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    return _xlsx(template_workbook(), "bagalau-staff-template.xlsx")


@login_required
@require_GET
def export_staff(request: HttpRequest, code: str) -> HttpResponse:
    body = _body(request, code, Action.EXPORT_STAFF)
    return _xlsx(export_workbook(body), f"{body.code}-staff-{clock.today():%Y-%m-%d}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, code: str) -> HttpResponseBase:
    body = _body(request, code)
    context: dict[str, Any] = {"body": body}
    if request.method == "POST":
        uploads = request.FILES.getlist("files")
        if not uploads or len(uploads) > MAX_FILES:
            context["error"] = _("Choose one .xlsx workbook, or up to three .csv files.")
        else:
            files = [(f.name or "file", f.read()) for f in uploads]
            steps = check_staff_import_steps(body=body, files=files, actor=request.user)
            return _stream(request, body, _("Checking the file"), steps)
    jobs = ImportJob.objects.filter(body=body).only("id", "created_at", "status", "file_names")
    context["jobs"] = jobs[:10]
    return render(request, "orgs/import_upload.html", context)


@login_required
@require_POST
def import_apply(request: HttpRequest, code: str, job_id: int) -> HttpResponseBase:
    body = _body(request, code)
    job = get_object_or_404(ImportJob.objects.only("id", "body_id"), pk=job_id, body=body)
    steps = do_apply_staff_import_steps(job=job, actor=request.user)
    return _stream(request, body, _("Applying the import"), steps)


def _stream(
    request: HttpRequest,
    body: StateBody,
    title: str,
    steps: Generator[tuple[str, int, int], None, ImportJob],
) -> StreamingHttpResponse:
    page = render_to_string(
        "orgs/import_progress.html", {"body": body, "title": title}, request=request
    )
    top, bottom = page.split(_MARKER, 1)
    language = translation.get_language()

    def lines() -> Iterator[str]:
        with translation.override(language):
            yield top
            job = yield from _progress_lines(steps)
            url = reverse("orgs:import_job", args=[body.code, job.pk])
            link = escape(url)
            yield (
                f'<p><a class="button" href="{link}">{escape(_("See the result"))}</a></p>'
                f"<script>window.location.replace({json.dumps(url)});</script>"
            )
            yield bottom

    response = StreamingHttpResponse(lines(), content_type="text/html; charset=utf-8")
    response["X-Accel-Buffering"] = "no"
    response["Cache-Control"] = "no-store"
    return response


def _progress_lines(
    steps: Generator[tuple[str, int, int], None, ImportJob],
) -> Generator[str, None, ImportJob]:
    """One line per phase and at most one update a second within it."""
    shown_phase, shown_at = "", 0.0
    while True:
        try:
            phase, done, total = next(steps)
        except StopIteration as finished:
            job: ImportJob = finished.value
            return job
        now = time.monotonic()
        if phase == shown_phase and now - shown_at < 1 and done < total:
            continue
        shown_phase, shown_at = phase, now
        label = escape(str(PHASES.get(phase, phase)))
        count = f"{_n(done)} / {_n(total)}"
        percent = 100 if not total else done * 100 // total
        yield (
            f"<li>{label}: {count}</li>"
            f"<script>var p=document.getElementById('import-progress');"
            f"if(p){{p.value={percent};p.textContent='{percent}%';}}</script>\n"
        )


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


@login_required
@require_GET
def import_job(request: HttpRequest, code: str, job_id: int) -> HttpResponse:
    body = _body(request, code)
    job = get_object_or_404(ImportJob.objects.defer("rows"), pk=job_id, body=body)
    issues = [Issue.from_data(i) for i in job.result.get("issues", [])]
    by_row: dict[tuple[str | None, int | None], list[str]] = {}
    for issue in issues:
        key = (issue.sheet.value if issue.sheet else None, issue.row)
        by_row.setdefault(key, []).append(full_message(issue))
    page = Paginator(job.result.get("outcomes", []), ROWS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "sheet": SHEET_LABELS[SheetKind(s)],
            "row": r,
            "outcome": o,
            "label": OUTCOMES[o],
            "messages": by_row.get((s, r), []),
        }
        for s, r, o in page.object_list
    ]
    context = {
        "body": body,
        "job": job,
        "counts": [(OUTCOMES[k], k, v) for k, v in job.result.get("counts", {}).items()],
        "file_issues": [full_message(i) for i in issues if i.row is None],
        "row_issues": [full_message(i) for i in issues if i.row is not None],
        "page": page,
        "rows": rows,
        "can_apply": job.status == ImportStatus.CHECKED,
        "applied": job.status == ImportStatus.APPLIED,
    }
    return render(request, "orgs/import_job.html", context)


@login_required
@require_GET
def import_report(request: HttpRequest, code: str, job_id: int) -> HttpResponse:
    body = _body(request, code)
    job = get_object_or_404(ImportJob.objects.defer("rows"), pk=job_id, body=body)
    return _xlsx(report_workbook(job), f"{body.code}-import-{job.pk}-report.xlsx")
